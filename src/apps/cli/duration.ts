import { type Parsed, stringOption, UsageError } from './args.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000 };

/** A duration option as 90s, 10m, 1h or 250ms (a bare number is seconds), within the bounds, in milliseconds. */
export function durationOption(parsed: Parsed, name: string, fallback: number, bounds: { minMs: number; maxMs: number }): number {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? 's']! : NaN;
  if (!Number.isFinite(ms) || ms < bounds.minMs || ms > bounds.maxMs) {
    throw new UsageError(`--${name} must be a duration from ${shown(bounds.minMs)} to ${shown(bounds.maxMs)} such as 90s, 10m or 1h, got "${value}"`);
  }
  return Math.round(ms);
}

function shown(ms: number): string {
  if (ms === 0) return '0';
  if (ms % 3600_000 === 0) return `${ms / 3600_000}h`;
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
