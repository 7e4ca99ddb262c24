import type { EventFilter } from '../store.js';
import { MODALITY_BITS, normaliseActorKey, REJECTED_BIT } from './rows.js';
import { StoreError } from '../store.js';
import { radiusCondition } from './geo.js';

/** SQL conditions over `events e` for a filter; values are always bound, never spliced into the SQL. */
export function whereClause(filter: EventFilter, options: { perRow?: boolean } = {}): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const allowed = (filter.include ?? []).reduce((bits, flag) => bits | MODALITY_BITS[flag], 0);
  if (allowed === 0) conditions.push('e.modality = 0');
  else {
    // Any flag outside the included ones keeps an event out ("future" alone does not admit a negated
    // future), and an event an analyst rejected (REJECTED_BIT) is never included.
    conditions.push('(e.modality & ?) = 0');
    params.push((15 | REJECTED_BIT) & ~allowed);
  }
  if (filter.plover) {
    conditions.push('e.plover = ?');
    params.push(filter.plover.toUpperCase());
  }
  if (filter.cameo) {
    // Prefix match on the code hierarchy: 19 covers 190-196, 0 is no prefix anyone means.
    conditions.push('e.cameo >= ? AND e.cameo < ?');
    params.push(filter.cameo, `${filter.cameo}\uffff`);
  }
  if (filter.actor) {
    // perRow: a look-up of the primary key for each event scanned, for a query that walks the events in
    // key order page by page; IN (…) would collect every matching event again for each page.
    conditions.push(options.perRow
      ? 'EXISTS (SELECT 1 FROM event_participants p WHERE p.key = ? AND p.event = e.id)'
      : 'e.id IN (SELECT event FROM event_participants WHERE key = ?)');
    params.push(normaliseActorKey(filter.actor));
  }
  if (filter.country) {
    conditions.push('e.country = ?');
    params.push(filter.country.toUpperCase());
  }
  if (filter.from) {
    conditions.push('e.date_end >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    conditions.push('e.date_start <= ?');
    params.push(filter.to);
  }
  if (filter.docId) {
    conditions.push('e.doc = (SELECT num FROM documents WHERE id = ?)');
    params.push(filter.docId);
  }
  if (filter.minConfidence !== undefined) {
    conditions.push('e.confidence >= ?');
    params.push(confidenceOf(filter.minConfidence));
  }
  if (filter.near) {
    const radius = radiusCondition(filter.near, 'e.lat', 'e.lon');
    conditions.push(radius.sql);
    params.push(...radius.params);
  }
  if (filter.text !== undefined) {
    const query = ftsQuery(filter.text);
    if (query === undefined) {
      conditions.push('0');
    } else {
      conditions.push('e.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)');
      params.push(query);
    }
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * Turns what a user typed into an FTS5 query that cannot be a syntax error: every word becomes a quoted
 * term, and all must appear.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return undefined;
  return words.map((word) => `"${word}"`).join(' ');
}

/** A count SQLite binds as an integer: a larger number would be bound as a float and fail the query. */
export function clampCount(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(value)));
}

export function confidenceOf(value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new StoreError(`a minimum confidence is a number from 0 to 1, got ${value}`);
  return value;
}
