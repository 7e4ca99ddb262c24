/**
 * A spike test for counts per period: a period's count is a spike when it exceeds the rolling baseline
 * of the `window` periods before it by `sigma` deviations, the deviation being the larger of the
 * baseline's sample standard deviation and the Poisson one (√mean), and at least 1 — so a dyad quiet for
 * weeks does not alert on its first two events, and a noisy one only on a real jump.
 */
export interface SpikeOptions {
  window: number;
  sigma: number;
  /** A spike needs at least this many events in its period. */
  minimum: number;
}

export const DEFAULT_SPIKE: SpikeOptions = { window: 8, sigma: 3, minimum: 3 };

export interface Spike {
  index: number;
  count: number;
  baseline: number;
  deviation: number;
  z: number;
}

export function spikes(counts: readonly number[], options: SpikeOptions = DEFAULT_SPIKE): Spike[] {
  const found: Spike[] = [];
  for (let i = options.window; i < counts.length; i += 1) {
    const base = counts.slice(i - options.window, i);
    const mean = base.reduce((a, b) => a + b, 0) / base.length;
    const variance = base.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, base.length - 1);
    const deviation = Math.max(Math.sqrt(variance), Math.sqrt(mean), 1);
    const z = (counts[i]! - mean) / deviation;
    if (counts[i]! >= options.minimum && z >= options.sigma) found.push({ index: i, count: counts[i]!, baseline: Math.round(mean * 100) / 100, deviation: Math.round(deviation * 100) / 100, z: Math.round(z * 100) / 100 });
  }
  return found;
}
