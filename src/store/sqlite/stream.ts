import type Database from 'better-sqlite3';
import type { Event } from '../../doc/types.js';
import {
  DEFAULT_STREAM_PAGE_SIZE, MAX_STREAM_PAGE_SIZE, StoreError, type EventFilter, type EvidencedEvent, type StreamOptions,
} from '../store.js';
import { clampCount, whereClause } from './filter-sql.js';

interface StreamRow {
  num: number;
  doc_num: number;
  doc_id: string;
  input_id: string | null;
  event_json: string;
  url: string | null;
  published: string | null;
  title: string | null;
  stored_at: string;
  date_start: string | null;
  date_end: string | null;
}

/**
 * One page of a stream: the events after key `after` up to the snapshot's last key, in key order.
 * `NOT INDEXED` keeps SQLite on the table's own key order, so a page is a seek to `after` and a walk
 * of at most as many rows as it takes to fill the page, whichever filter is given: over all pages the
 * table is read once. An index (by type, by country) would have SQLite collect and sort all matching
 * events on every page.
 */
export function streamPageSql(filter: EventFilter): { sql: string; params: unknown[] } {
  const { where, params } = whereClause(filter, { perRow: true });
  const sql = `
    SELECT e.id AS num, e.doc AS doc_num, d.id AS doc_id, d.external_id AS input_id, e.event_json, d.url, d.published,
      d.title, d.stored_at, e.date_start, e.date_end
    FROM events e NOT INDEXED JOIN documents d ON d.num = e.doc
    ${where ? `${where} AND` : 'WHERE'} e.id > ? AND e.id <= ?
    ORDER BY e.id
    LIMIT ?`;
  return { sql, params };
}

export function pageSizeOf(options: StreamOptions): number {
  const size = options.pageSize ?? DEFAULT_STREAM_PAGE_SIZE;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_STREAM_PAGE_SIZE) {
    throw new StoreError(`page size must be a whole number from 1 to ${MAX_STREAM_PAGE_SIZE}, got ${size}`);
  }
  return size;
}

/**
 * Pages of evidenced events. Keys are read up to the largest one when the stream starts, so a writer
 * adding documents meanwhile neither lengthens the export nor lets it run for ever.
 */
export async function* streamEventPages(
  db: Database.Database, statement: (sql: string) => Database.Statement, filter: EventFilter, options: StreamOptions,
  assertOpen: () => void,
): AsyncGenerator<EvidencedEvent[]> {
  assertOpen();
  if (filter.offset !== undefined) throw new StoreError('streamEvents pages by key: offset is not supported (filter the stream instead)');
  const pageSize = pageSizeOf(options);
  let remaining = filter.limit === undefined ? Infinity : clampCount(filter.limit, 0);
  const { sql, params } = streamPageSql(filter);
  const page = statement(sql);
  const texts = statement('SELECT num, text FROM documents WHERE num IN (SELECT value FROM json_each(?))');
  const last = (db.prepare('SELECT MAX(id) FROM events').pluck().get() as number | null) ?? 0;
  let after = 0;
  while (remaining > 0) {
    assertOpen();
    const rows = page.all(...params, after, last, Math.min(pageSize, remaining)) as StreamRow[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.num;
    remaining -= rows.length;
    const docNums = [...new Set(rows.map((row) => row.doc_num))];
    const textOf = new Map((texts.all(JSON.stringify(docNums)) as Array<{ num: number; text: string }>).map((row) => [row.num, row.text]));
    yield rows.map((row) => evidenced(row, textOf.get(row.doc_num) ?? ''));
    if (rows.length < pageSize) return;
  }
}

function evidenced(row: StreamRow, text: string): EvidencedEvent {
  const event = JSON.parse(row.event_json) as Event;
  const spans = event.evidence.sentences;
  const stored: EvidencedEvent = {
    id: `${row.doc_id}:${event.id}`,
    docId: row.doc_id,
    event,
    sentences: spans.map((span) => text.slice(span.start, span.end)),
    storedAt: row.stored_at,
  };
  if (row.input_id !== null) stored.inputId = row.input_id;
  if (row.url !== null) stored.url = row.url;
  if (row.published !== null) stored.published = row.published;
  if (row.title !== null) stored.title = row.title;
  if (row.date_start !== null) stored.dateStart = row.date_start;
  if (row.date_end !== null) stored.dateEnd = row.date_end;
  const first = spans[0];
  if (first) stored.paragraph = paragraphAt(text, first.start);
  return stored;
}

/** The main text holds one paragraph per line, so a paragraph's index is the number of line breaks before it. */
function paragraphAt(text: string, offset: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}
