/** The watcher's state in SQLite (migration 6): one row per source, one per item seen (keyed by canonical URL). */
import type Database from 'better-sqlite3';
import {
  MAX_ITEM_ATTEMPTS, type WatchItem, type WatchItemQuery, type WatchItemRecord, type WatchSource, type WatchSourceUpdate,
} from '../watch-state.js';

interface SourceRow {
  url: string; title: string | null; added_at: string; etag: string | null; last_modified: string | null; next_poll_at: string;
  interval_ms: number; failures: number; last_poll_at: string | null; last_success_at: string | null; last_error: string | null;
  last_error_at: string | null; items: number; items_last_week: number;
}

interface ItemRow {
  key: string; source: string; url: string; status: WatchItem['status']; doc_id: string | null; reason: string | null;
  published: string | null; attempts: number; seen_at: string;
}

const UPDATABLE: Record<keyof WatchSourceUpdate, string> = {
  etag: 'etag', lastModified: 'last_modified', lastPollAt: 'last_poll_at', lastSuccessAt: 'last_success_at', lastError: 'last_error',
  lastErrorAt: 'last_error_at', title: 'title', nextPollAt: 'next_poll_at', intervalMs: 'interval_ms', failures: 'failures',
};

const WEEK_MS = 7 * 24 * 3600 * 1000;

function sourceOf(row: SourceRow): WatchSource {
  const source: WatchSource = {
    url: row.url, addedAt: row.added_at, nextPollAt: row.next_poll_at, intervalMs: row.interval_ms, failures: row.failures,
    items: row.items, itemsLastWeek: row.items_last_week,
  };
  if (row.title !== null) source.title = row.title;
  if (row.etag !== null) source.etag = row.etag;
  if (row.last_modified !== null) source.lastModified = row.last_modified;
  if (row.last_poll_at !== null) source.lastPollAt = row.last_poll_at;
  if (row.last_success_at !== null) source.lastSuccessAt = row.last_success_at;
  if (row.last_error !== null) source.lastError = row.last_error;
  if (row.last_error_at !== null) source.lastErrorAt = row.last_error_at;
  return source;
}

function itemOf(row: ItemRow): WatchItem {
  const item: WatchItem = { key: row.key, source: row.source, url: row.url, status: row.status, attempts: row.attempts, seenAt: row.seen_at };
  if (row.doc_id !== null) item.docId = row.doc_id;
  if (row.reason !== null) item.reason = row.reason;
  if (row.published !== null) item.published = row.published;
  return item;
}

export class SqliteWatch {
  private readonly insertSource;
  private readonly selectSources;
  private readonly selectKnown;
  private readonly upsertItem;

  constructor(private readonly db: Database.Database) {
    this.insertSource = db.prepare(`
      INSERT INTO watch_sources (url, title, added_at, next_poll_at, interval_ms) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (url) DO NOTHING`);
    this.selectSources = db.prepare(`
      SELECT s.*, (SELECT COUNT(*) FROM watch_items i WHERE i.source = s.url) AS items,
        (SELECT COUNT(*) FROM watch_items i WHERE i.source = s.url AND i.seen_at >= ?) AS items_last_week
      FROM watch_sources s ORDER BY s.added_at, s.url`);
    this.selectKnown = db.prepare('SELECT key FROM watch_items WHERE key = ? AND (status <> \'failed\' OR attempts >= ?)').pluck();
    // A failed item tried again keeps its first source and first-seen time; its attempts grow while it fails.
    this.upsertItem = db.prepare(`
      INSERT INTO watch_items (key, source, url, status, doc_id, reason, published, attempts, seen_at)
      VALUES (@key, @source, @url, @status, @doc_id, @reason, @published, @attempts, @seen_at)
      ON CONFLICT (key) DO UPDATE SET status = excluded.status, doc_id = excluded.doc_id, reason = excluded.reason,
        attempts = watch_items.attempts + excluded.attempts
      WHERE watch_items.status = 'failed'`);
  }

  addSources(sources: readonly { url: string; title?: string }[], now: string, intervalMs: number): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const source of sources) added += this.insertSource.run(source.url, source.title ?? null, now, now, intervalMs).changes;
      return added;
    }).immediate();
  }

  listSources(now: string): WatchSource[] {
    const weekAgo = new Date(Date.parse(now) - WEEK_MS).toISOString();
    return (this.selectSources.all(weekAgo) as SourceRow[]).map(sourceOf);
  }

  updateSource(url: string, update: WatchSourceUpdate): void {
    const entries = Object.entries(update).filter(([name, value]) => value !== undefined && name in UPDATABLE);
    if (entries.length === 0) return;
    const assignments = entries.map(([name]) => `${UPDATABLE[name as keyof WatchSourceUpdate]} = ?`).join(', ');
    this.db.prepare(`UPDATE watch_sources SET ${assignments} WHERE url = ?`).run(...entries.map(([, value]) => value), url);
  }

  unseen(keys: readonly string[]): string[] {
    return keys.filter((key) => this.selectKnown.get(key, MAX_ITEM_ATTEMPTS) === undefined);
  }

  /** Records the items; call inside the transaction that stores their documents. */
  record(items: readonly WatchItemRecord[], seenAt: string): void {
    for (const item of items) {
      this.upsertItem.run({
        key: item.key, source: item.source, url: item.url, status: item.status, doc_id: item.docId ?? null, reason: item.reason ?? null,
        published: item.published ?? null, attempts: item.status === 'failed' ? 1 : 0, seen_at: seenAt,
      });
    }
  }

  listItems(query: WatchItemQuery): WatchItem[] {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.source !== undefined) {
      conditions.push('source = ?');
      params.push(query.source);
    }
    if (query.status !== undefined) {
      conditions.push('status = ?');
      params.push(query.status);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    params.push(query.limit ?? -1);
    return (this.db.prepare(`SELECT * FROM watch_items ${where} ORDER BY seen_at, key LIMIT ?`).all(...params) as ItemRow[]).map(itemOf);
  }
}
