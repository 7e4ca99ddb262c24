/**
 * When a source is polled next. Each source starts at the chosen interval (`--interval`, 10 minutes by
 * default) and adapts to how often it publishes: a poll that finds new items halves the interval, one
 * that finds none lengthens it by half, always between a floor (a quarter of the chosen interval, at
 * least MIN_FLOOR_MS) and a ceiling (six times it, at most MAX_CEILING_MS). A failed poll backs off
 * exponentially from the interval (×2 per failure in a row), capped at MAX_BACKOFF_MS. The server has
 * the last word when it asks for more time: Retry-After, and Cache-Control max-age (no poll before the
 * copy it sent goes stale).
 */
export const DEFAULT_INTERVAL_MS = 10 * 60_000;
export const MIN_FLOOR_MS = 60_000;
export const MAX_CEILING_MS = 6 * 3600_000;
export const MAX_BACKOFF_MS = 24 * 3600_000;
/** A server asking for more than this is waited on for this long. */
export const MAX_SERVER_DELAY_MS = 24 * 3600_000;

export interface IntervalBounds {
  floorMs: number;
  ceilingMs: number;
}

export function boundsFor(intervalMs: number): IntervalBounds {
  const floorMs = Math.min(intervalMs, Math.max(MIN_FLOOR_MS, Math.round(intervalMs / 4)));
  const ceilingMs = Math.max(intervalMs, Math.min(MAX_CEILING_MS, intervalMs * 6));
  return { floorMs, ceilingMs };
}

/** The source's next interval after a successful poll that found `newItems` new items. */
export function adaptInterval(currentMs: number, newItems: number, bounds: IntervalBounds): number {
  const next = newItems > 0 ? currentMs / 2 : currentMs * 1.5;
  return Math.round(Math.min(bounds.ceilingMs, Math.max(bounds.floorMs, next)));
}

/** How long to wait after the `failures`-th failed poll in a row. */
export function backoffDelay(intervalMs: number, failures: number): number {
  return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, Math.min(failures, 30)));
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or undefined when it says nothing usable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const delay = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(delay) && delay >= 0 ? Math.min(delay, MAX_SERVER_DELAY_MS) : undefined;
}

/** The max-age of a Cache-Control header in milliseconds (s-maxage is for shared caches, not us). */
export function maxAgeMs(header: string | undefined): number | undefined {
  const match = header ? /(?:^|[,\s])max-age\s*=\s*"?(\d+)/i.exec(header) : null;
  return match ? Math.min(Number(match[1]) * 1000, MAX_SERVER_DELAY_MS) : undefined;
}
