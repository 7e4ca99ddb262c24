/**
 * Keyset pages, participant and place counts, and the story change feed of the SQLite store. A cursor is
 * the sort key of a page's last row, so the next page is a seek past it: no deep OFFSET, and rows stored
 * meanwhile neither repeat nor shift the pages already read.
 */
import type Database from 'better-sqlite3';
import type { Story, StoryFilter } from '../../fuse/types.js';
import {
  StoreError, type ActorCount, type DocQuery, type DocSummary, type EventFilter, type Page, type PlaceCount, type StoredEvent,
  type SeriesCountGroup, type SeriesCountQuery, type StoryUpdates,
} from '../store.js';
import { clampCount, ftsQuery, whereClause } from './filter-sql.js';
import { StatementCache } from './statements.js';
import { storyWhere, type SqliteStories } from './stories.js';
import { storedEventJson, storedEventOf, type StoredEventRow } from './rows.js';

const DEFAULT_PAGE = 100;
const DEFAULT_COUNTS = 100;

type SortKey = [string | null, number | string];

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key a cursor holds; anything else (edited, from another listing) is a StoreError. */
function decodeCursor(cursor: string, idType: 'number' | 'string', withDate: boolean): SortKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid = Array.isArray(key) && key.length === (withDate ? 2 : 1)
    && (!withDate || key[0] === null || (typeof key[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(key[0])))
    && (idType === 'number' ? Number.isSafeInteger(key[key.length - 1]) : typeof key[key.length - 1] === 'string');
  if (!valid) throw new StoreError('not a cursor of this listing (use the "next" value of a page)');
  const list = key as unknown[];
  return withDate ? [list[0] as string | null, list[1] as number | string] : [null, list[0] as number | string];
}

/**
 * The rows of one page in `date DESC (NULL last), id` order after the cursor's key: `select` runs the
 * listing's query with one more condition. After a dated key the dated rest and the undated rows are two
 * seeks along the page-order indexes (migration 11): one condition OR-ing them made SQLite collect and
 * sort every matching row for each page.
 */
function rowsAfter<Row>(
  key: SortKey | undefined, date: string, id: string, wanted: number,
  select: (condition: string | undefined, params: readonly unknown[], wanted: number) => Row[],
): Row[] {
  if (key === undefined) return select(undefined, [], wanted);
  const [day, last] = key;
  const dated = day === null ? [] : select(`${date} <= ? AND (${date} < ? OR ${id} > ?)`, [day, day, last], wanted);
  if (dated.length >= wanted) return dated;
  const undated = select(day === null ? `${date} IS NULL AND ${id} > ?` : `${date} IS NULL`, day === null ? [last] : [], wanted - dated.length);
  return dated.concat(undated);
}

function and(where: string, condition: string): string {
  return where ? `${where} AND ${condition}` : `WHERE ${condition}`;
}

function pageLimit(limit: number | undefined): number {
  return clampCount(limit, DEFAULT_PAGE);
}

function refuseOffset(filter: { offset?: number }, after: string | undefined): void {
  if (after !== undefined && filter.offset !== undefined) throw new StoreError('a page is found by its cursor or by an offset, not both');
}

interface EventPageRow extends StoredEventRow {
  num: number;
  date_start: string | null;
}

interface DocRow {
  num: number;
  id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  language: string | null;
  stored_at: string;
  event_count: number;
  skip_rule: string | null;
  skip_reason: string | null;
}

export class SqlitePages {
  private readonly queries: StatementCache;
  private readonly lastMention;
  private readonly mentionsAfter;

  private readonly dataVersion;
  private readonly totalChanges;

  constructor(db: Database.Database, private readonly stories: SqliteStories) {
    this.queries = new StatementCache(db);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
    this.lastMention = db.prepare('SELECT COALESCE(MAX(event), 0) FROM story_mentions').pluck();
    this.mentionsAfter = db.prepare('SELECT event, story FROM story_mentions WHERE event > ? ORDER BY event LIMIT ?');
  }

  events(filter: EventFilter, after: string | undefined): Page<StoredEvent> {
    const { rows, more } = this.eventRows(filter, after);
    const items = rows.map(storedEventOf);
    const last = rows[rows.length - 1];
    return more && last ? { items, next: encodeCursor([last.date_start, last.num]) } : { items };
  }

  /** The page of events(), serialised as JSON.stringify would, with each event's stored JSON spliced in unparsed. */
  eventsJson(filter: EventFilter, after: string | undefined): string {
    const { rows, more } = this.eventRows(filter, after);
    const items = rows.map(storedEventJson).join(',');
    const last = rows[rows.length - 1];
    return more && last ? `{"items":[${items}],"next":${JSON.stringify(encodeCursor([last.date_start, last.num]))}}` : `{"items":[${items}]}`;
  }

  /** One page of event rows (e.id grows with (doc, seq), so this is queryEvents' order with a key that is unique). */
  private eventRows(filter: EventFilter, after: string | undefined): { rows: EventPageRow[]; more: boolean } {
    refuseOffset(filter, after);
    const { where, params } = whereClause(filter);
    const limit = pageLimit(filter.limit);
    const offset = clampCount(filter.offset, 0);
    const key = after === undefined ? undefined : decodeCursor(after, 'number', true);
    const rows = rowsAfter(key, 'e.date_start', 'e.id', limit + 1, (condition, conditionParams, wanted) => {
      const sql = `
        SELECT e.id AS num, e.date_start, d.id AS doc_id, d.external_id AS input_id, e.event_json, d.url, d.published
        FROM events e JOIN documents d ON d.num = e.doc
        ${condition === undefined ? where : and(where, condition)}
        ORDER BY e.date_start DESC, e.id
        LIMIT ? OFFSET ?`;
      return this.queries.get(sql).all(...params, ...conditionParams, wanted, offset) as EventPageRow[];
    });
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  storyPage(filter: StoryFilter, after: string | undefined): Page<Story> {
    refuseOffset(filter, after);
    const { where, params } = storyWhere(filter);
    const limit = pageLimit(filter.limit);
    const offset = clampCount(filter.offset, 0);
    const key = after === undefined ? undefined : decodeCursor(after, 'string', true);
    const rows = rowsAfter(key, 's.date_start', 's.id', limit + 1, (condition, conditionParams, wanted) => {
      const sql = `SELECT s.date_start, s.id, s.story_json FROM stories s ${condition === undefined ? where : and(where, condition)}
        ORDER BY s.date_start DESC, s.id LIMIT ? OFFSET ?`;
      return this.queries.get(sql).all(...params, ...conditionParams, wanted, offset) as Array<{ date_start: string | null; id: string; story_json: string }>;
    });
    const page = rows.slice(0, limit);
    const items = page.map((row) => JSON.parse(row.story_json) as Story);
    const last = page[page.length - 1];
    return rows.length > limit && last ? { items, next: encodeCursor([last.date_start, last.id]) } : { items };
  }

  docs(query: DocQuery, after: string | undefined): Page<DocSummary> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.text !== undefined) {
      const match = ftsQuery(query.text);
      if (match === undefined) conditions.push('0');
      else {
        conditions.push('d.num IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)');
        params.push(match);
      }
    }
    if (after !== undefined) {
      conditions.push('d.num < ?');
      params.push(decodeCursor(after, 'number', false)[1]);
    }
    const limit = pageLimit(query.limit);
    const sql = `
      SELECT d.num, d.id, d.url, d.title, d.published, d.language, d.stored_at, d.event_count, d.skip_rule, d.skip_reason
      FROM documents d ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY d.num DESC LIMIT ?`;
    const rows = this.queries.get(sql).all(...params, limit + 1) as DocRow[];
    const page = rows.slice(0, limit);
    const items = page.map((row) => {
      const summary: DocSummary = { id: row.id, storedAt: row.stored_at, events: row.event_count };
      if (row.url !== null) summary.url = row.url;
      if (row.title !== null) summary.title = row.title;
      if (row.published !== null) summary.published = row.published;
      if (row.language !== null) summary.language = row.language;
      if (row.skip_rule !== null) summary.skip = { ruleId: row.skip_rule, reason: row.skip_reason ?? '' };
      return summary;
    });
    const last = page[page.length - 1];
    return rows.length > limit && last ? { items, next: encodeCursor([last.num]) } : { items };
  }

  actors(filter: EventFilter, limit: number | undefined): ActorCount[] {
    const { where, params } = whereClause(filter);
    const sql = `
      WITH matched AS (SELECT e.id, e.event_json FROM events e ${where}),
      sides AS (
        SELECT 1 AS actor, p.value AS v FROM matched m, json_each(m.event_json, '$.actors') p
        UNION ALL SELECT 0, p.value FROM matched m, json_each(m.event_json, '$.recipients') p)
      SELECT COALESCE(json_extract(v, '$.kbId'), json_extract(v, '$.code'), lower(json_extract(v, '$.text'))) AS key,
        MIN(json_extract(v, '$.text')) AS name, MAX(json_extract(v, '$.code')) AS code, MAX(json_extract(v, '$.country')) AS country,
        SUM(actor) AS asActor, SUM(1 - actor) AS asRecipient
      FROM sides GROUP BY key HAVING key IS NOT NULL ORDER BY asActor + asRecipient DESC, key LIMIT ?`;
    const rows = this.queries.get(sql).all(...params, clampCount(limit, DEFAULT_COUNTS)) as Array<ActorCount & { code: string | null; country: string | null }>;
    return rows.map(({ code, country, ...rest }) => ({ ...rest, ...(code !== null ? { code } : {}), ...(country !== null ? { country } : {}) }));
  }

  places(filter: EventFilter, limit: number | undefined): PlaceCount[] {
    const { where, params } = whereClause(filter);
    const sql = `
      SELECT json_extract(e.event_json, '$.location.name') AS name, e.country, ROUND(AVG(e.lat), 4) AS lat, ROUND(AVG(e.lon), 4) AS lon,
        COUNT(*) AS count
      FROM events e ${and(where, 'e.lat IS NOT NULL AND e.lon IS NOT NULL')}
      GROUP BY name, e.country HAVING name IS NOT NULL ORDER BY count DESC, name LIMIT ?`;
    const rows = this.queries.get(sql).all(...params, clampCount(limit, DEFAULT_COUNTS)) as Array<PlaceCount & { country: string | null }>;
    return rows.map(({ country, ...rest }) => (country !== null ? { ...rest, country } : rest));
  }

  /**
   * Mentions are keyed by their event's integer key, which grows with every stored event and is committed
   * batch by batch: "mentions after the last key seen" is what another process stored since.
   */
  storyUpdates(cursor: string | undefined, limit: number | undefined): StoryUpdates {
    if (cursor === undefined) return { stories: [], cursor: String(this.lastMention.get() as number) };
    if (!/^\d{1,15}$/.test(cursor)) throw new StoreError('a story update cursor is the "cursor" value of an earlier answer');
    const rows = this.mentionsAfter.all(Number(cursor), clampCount(limit, DEFAULT_COUNTS)) as Array<{ event: number; story: string }>;
    if (rows.length === 0) return { stories: [], cursor };
    const ids = [...new Set(rows.map((row) => this.stories.resolve(row.story)))];
    const stories = ids.map((id) => this.stories.getStory(id)).filter((story): story is NonNullable<typeof story> => story !== undefined)
      .map(({ mentionKeys: _keys, ...story }) => story);
    return { stories, cursor: String(rows[rows.length - 1]!.event) };
  }

  /**
   * Stories from the day counts of migration 14 (one index range, no grouping); mentions from the event
   * columns, with the document's published day for an undated event (as eventItem in src/trends/items.ts).
   * Each group's dates and counts come as two JSON arrays, aggregated row by row side by side: a row or an
   * object per count cost ten times SQLite's own work.
   */
  seriesCounts(query: SeriesCountQuery): SeriesCountGroup[] {
    const filter = {
      ...(query.plover ? { plover: query.plover } : {}), ...(query.country ? { country: query.country } : {}),
      ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}),
    };
    const days = (date: string, count: string) => `json_group_array(${date}), json_group_array(${count})`;
    if (query.mentions) {
      const { where, params } = whereClause(filter);
      const sql = `
        SELECT plover, quadClass, goldstein, ${days('date', 'count')} FROM (
          SELECT date, plover, quadClass, goldstein, COUNT(*) AS count FROM (
            SELECT COALESCE(e.date_value, substr(d.published, 1, 10)) AS date, e.plover, e.quad_class AS quadClass, e.goldstein
            FROM events e JOIN documents d ON d.num = e.doc ${where})
          WHERE date IS NOT NULL AND date <> '' GROUP BY date, plover, quadClass, goldstein)
        GROUP BY plover, quadClass, goldstein`;
      const rows = this.queries.get(sql).raw().all(...params) as Array<[string, number | null, number | null, string, string]>;
      return rows.map(([plover, quadClass, goldstein, dates, counts]) => ({ plover, quadClass, goldstein, dates: JSON.parse(dates) as string[], counts: JSON.parse(counts) as number[] }));
    }
    // storyWhere's conditions, over the same columns of the counts; all countries have a table of their own.
    const { where, params } = storyWhere(filter);
    const table = query.country ? 'story_day_counts' : 'story_day_counts_all';
    const sql = `SELECT s.plover, ${days('s.date_value', 's.stories')} FROM ${table} s ${where} GROUP BY s.plover`;
    const rows = this.queries.get(sql).raw().all(...params) as Array<[string, string, string]>;
    return rows.map(([plover, dates, counts]) => ({ plover, dates: JSON.parse(dates) as string[], counts: JSON.parse(counts) as number[] }));
  }

  /**
   * data_version moves when another connection commits, total_changes with this connection's own writes:
   * together they move with every change, whoever made it.
   */
  changeToken(): string {
    return `${this.dataVersion.get() as number}.${this.totalChanges.get() as number}`;
  }
}

