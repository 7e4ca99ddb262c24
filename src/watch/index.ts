export { Watcher, type PollResult, type WatcherOptions, type WatchLogEntry } from './watcher.js';
export { fetcherResource, type FetchedResource, type FetchRequest, type FetchResource } from './fetcher.js';
export { emptyCounts, failureKind, total, type RunCounts } from './counts.js';
export { adaptInterval, backoffDelay, boundsFor, DEFAULT_INTERVAL_MS, maxAgeMs, MAX_BACKOFF_MS, MAX_CEILING_MS, MIN_FLOOR_MS, retryAfterMs } from './schedule.js';
