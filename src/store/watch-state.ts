/** What `dyad watch` keeps in the store: the sources it follows, their cursors and health, and every item it has seen. */

/** A followed feed, sitemap or sitemap index, with its polling cursor and health. */
export interface WatchSource {
  url: string;
  title?: string;
  addedAt: string;
  /** Validators of the last successful fetch, sent back as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** When the source is next due (ISO date-time), and the interval the scheduler has adapted to. */
  nextPollAt: string;
  intervalMs: number;
  /** Polls in a row that failed (0 after a success): what the back-off grows with. */
  failures: number;
  lastPollAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  /** Items first seen through this source, in all and in the last 7 days. */
  items: number;
  itemsLastWeek: number;
}

/** The cursor and health fields a poll updates; absent fields are left as they are, null clears one. */
export type WatchSourceUpdate = Partial<Record<'etag' | 'lastModified' | 'lastPollAt' | 'lastSuccessAt' | 'lastError' | 'lastErrorAt' | 'title', string | null>>
  & { nextPollAt?: string; intervalMs?: number; failures?: number };

export type WatchItemStatus = 'stored' | 'duplicate' | 'skipped' | 'failed';

/** What became of one item of a source: its document stored (or already there, or skipped), or its failure. */
export interface WatchItemRecord {
  /** The item's identity across sources: its canonical URL. */
  key: string;
  source: string;
  url: string;
  status: WatchItemStatus;
  docId?: string;
  /** Skip rule or failure message. */
  reason?: string;
  published?: string;
}

export interface WatchItem extends WatchItemRecord {
  /** Failed fetches so far (a failed item is tried again until MAX_ITEM_ATTEMPTS). */
  attempts: number;
  seenAt: string;
}

/** A failed item is fetched again on later polls until it has failed this many times. */
export const MAX_ITEM_ATTEMPTS = 3;

export interface WatchItemQuery {
  source?: string;
  status?: WatchItemStatus;
  limit?: number;
}
