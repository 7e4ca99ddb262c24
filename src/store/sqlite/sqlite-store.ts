import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { CodingRun, Doc } from '../../doc/types.js';
import {
  StoreError, type EventFilter, type EvidencedEvent, type FacetCount, type FacetField, type PutResult, type Store, type StoredEvent,
  type StreamOptions, type AlertQuery, type ActorCount, type DocQuery, type DocSummary, type Page, type PlaceCount, type StoryUpdates, type SeriesCountGroup, type SeriesCountQuery,
} from '../store.js';
import type { Story, StoryFilter, StoryWithMentions } from '../../fuse/types.js';
import { clampCount, whereClause } from './filter-sql.js';
import { NEAR_DUPLICATES_VERSION, STORIES_VERSION } from './schema.js';
import { SqliteNearDuplicates } from './near-duplicates.js';
import { SqliteStories } from './stories.js';
import { SqliteAlerts } from './alerts.js';
import { SqliteWatch } from './watch.js';
import type { WatchItem, WatchItemQuery, WatchItemRecord, WatchSource, WatchSourceUpdate } from '../watch-state.js';
import { StatementCache } from './statements.js';
import type { Alert } from '../../trends/rules.js';
import { docFromRow, storedEventOf, versionsOf, type StoredEventRow } from './rows.js';
import { pageSizeOf, streamEventPages } from './stream.js';
import { SqliteOverrides } from './overrides.js';
import { anchorOf, parseOverrideInput, type EventOverride, type OverrideInput } from '../overrides.js';
import { SqlitePages } from './pages.js';
import { DocumentWrites } from './document-writes.js';
import { BUSY_TIMEOUT_MS, isBusy, openConnection, pause } from './connection.js';

const FACET_COLUMNS: Record<FacetField, string> = {
  plover: 'e.plover',
  cameo: 'e.cameo',
  country: 'e.country',
  quadClass: 'CAST(e.quad_class AS TEXT)',
};

const DEFAULT_LIMIT = 100;

export interface SqliteOpenOptions {
  /** Open an existing Dyad database for reading only: nothing is created, migrated or written. */
  readOnly?: boolean;
  /**
   * false: store documents and events without filing them into stories. Only for measuring what fusion
   * costs (bench/fusion.ts): such a database's stories miss what was stored this way.
   */
  fuse?: boolean;
}

/**
 * Opens a SQLite store at a file path or `:memory:`: for writing (creating the file when needed), or
 * read-only. Either way a file that is not a Dyad database is refused before anything touches it.
 */
export function openSqliteStore(path: string, options: SqliteOpenOptions = {}): Store {
  const readOnly = options.readOnly ?? false;
  if (readOnly && path === ':memory:') throw new StoreError('an in-memory database is always empty: there is nothing to read');
  if (readOnly && !existsSync(path)) throw new StoreError(`cannot open database ${path}: no such file`);
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt += 1) {
    let db: Database.Database | undefined;
    try {
      const opened = openConnection(path, readOnly);
      db = opened.db;
      const store = new SqliteStore(db, readOnly, options.fuse ?? true);
      if (opened.upgradedFrom > 0 && opened.upgradedFrom < STORIES_VERSION) store.fuseStoredEvents();
      if (opened.upgradedFrom > 0 && opened.upgradedFrom < NEAR_DUPLICATES_VERSION) store.signStoredDocuments();
      return store;
    } catch (error) {
      db?.close();
      if (error instanceof StoreError) throw error;
      // SQLite answers "database is locked" without waiting in a few moments of opening (two processes
      // switching a new file to WAL at once): such an open is tried again, with a short pause.
      if (isBusy(error) && Date.now() < deadline) {
        pause(Math.min(200, 10 * 2 ** attempt));
        continue;
      }
      throw new StoreError(`cannot open database ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

class SqliteStore implements Store {
  private readonly selectDoc;
  private readonly selectDocEvents;
  private readonly selectHas;
  private readonly selectCodingVersions;
  private readonly selectCount;
  private readonly selectSkipReasons;
  private readonly writes: DocumentWrites;
  private readonly writeBatch;
  private readonly stories;
  private readonly alerts;
  private readonly overrides;
  private readonly pages;
  private readonly watch;
  private readonly writeWatched;
  private readonly nearDuplicates;
  private readonly queries: StatementCache;
  private closed = false;

  constructor(private readonly db: Database.Database, private readonly readOnly: boolean, private readonly fuse: boolean) {
    this.queries = new StatementCache(db);
    this.selectDoc = db.prepare('SELECT num, text, doc_json, events_in_table FROM documents WHERE id = ?');
    this.selectDocEvents = db.prepare('SELECT event_json FROM events WHERE doc = ? ORDER BY seq').pluck();
    this.selectHas = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
    this.selectCodingVersions = db.prepare('SELECT pipeline_version, knowledge_version FROM documents WHERE id = ?');
    this.selectCount = db.prepare('SELECT COUNT(*) FROM documents').pluck();
    this.selectSkipReasons = db.prepare(`
      SELECT skip_rule AS value, COUNT(*) AS count FROM documents WHERE skip_rule IS NOT NULL
      GROUP BY skip_rule ORDER BY count DESC, value`);
        this.stories = new SqliteStories(db);
    this.alerts = new SqliteAlerts(db);
    this.overrides = new SqliteOverrides(db, this.stories, (num) => this.docOfNum(num));
    this.pages = new SqlitePages(db, this.stories);
    this.watch = new SqliteWatch(db);
    this.writeWatched = db.transaction((docs: readonly Doc[], items: readonly WatchItemRecord[]) => {
      const result = this.writes.write(docs);
      this.watch.record(items, new Date().toISOString());
      return result;
    });
    this.nearDuplicates = new SqliteNearDuplicates(db);
    this.writes = new DocumentWrites(db, this.stories, this.overrides, this.nearDuplicates, fuse);
    this.writeBatch = db.transaction((docs: readonly Doc[]) => this.writes.write(docs));
  }

  private docOfNum(num: number): Doc {
    const row = this.db.prepare('SELECT text, doc_json FROM documents WHERE num = ?').get(num) as { text: string; doc_json: string };
    return docFromRow(row);
  }

  /** Files the events stored before stories existed into stories, in one write transaction. */
  fuseStoredEvents(): number {
    return this.fusing(() => this.db.transaction(() => this.stories.backfill(new Date().toISOString())).immediate());
  }

  /**
   * Signs the documents stored before near-duplicates were detected, oldest first, so that new copies
   * link to them (the stories of those documents keep the sources they had).
   */
  signStoredDocuments(): void {
    // Pages of texts rather than one iterator: the connection cannot write while a statement iterates.
    const page = this.db.prepare('SELECT num, text FROM documents WHERE num > ? ORDER BY num LIMIT 500');
    this.db.transaction(() => {
      for (let last = 0; ;) {
        const rows = page.all(last) as Array<{ num: number; text: string }>;
        if (rows.length === 0) break;
        for (const row of rows) this.nearDuplicates.file(row.num, row.text);
        last = rows[rows.length - 1]!.num;
      }
    }).immediate();
  }

  async putDocs(docs: readonly Doc[]): Promise<PutResult> {
    this.assertOpen();
    if (this.readOnly) throw new StoreError('the store is open read-only');
    if (docs.length === 0) return { inserted: 0, duplicates: 0, nearDuplicates: 0, events: 0 };
    // IMMEDIATE takes the write lock before the batch's first read. A deferred transaction would read
    // first, and when another process commits in between, its upgrade to writing fails at once with
    // "database is locked" (SQLite cannot wait there without breaking its snapshot); this one waits.
    return this.fusing(() => this.writeBatch.immediate(docs));
  }

  async getDoc(id: string): Promise<Doc | undefined> {
    this.assertOpen();
    const row = this.selectDoc.get(id) as { num: number; text: string; doc_json: string; events_in_table: number } | undefined;
    if (!row) return undefined;
    const doc = docFromRow(row, row.events_in_table === 1 ? (this.selectDocEvents.all(row.num) as string[]) : undefined);
    const copyOf = this.nearDuplicates.firstCopy(row.num, doc.id);
    if (copyOf !== undefined) doc.copyOf = copyOf;
    return doc;
  }

  async nearDuplicatesOf(id: string): Promise<string[]> {
    this.assertOpen();
    const row = this.selectDoc.get(id) as { num: number } | undefined;
    if (!row) return [];
    return this.nearDuplicates.group(row.num).map((member) => member.id).filter((member) => member !== id);
  }

  async hasDoc(id: string): Promise<boolean> {
    this.assertOpen();
    return this.selectHas.get(id) !== undefined;
  }

  async hasCoding(id: string, runs: readonly CodingRun[]): Promise<boolean> {
    this.assertOpen();
    const stored = this.selectCodingVersions.get(id) as { pipeline_version: string | null; knowledge_version: string | null } | undefined;
    if (!stored) return false;
    const versions = versionsOf({ provenance: runs });
    return stored.pipeline_version === versions.pipeline && stored.knowledge_version === versions.knowledge;
  }

  async queryEvents(filter: EventFilter = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const { where, params } = whereClause(filter);
    const sql = `
      SELECT d.id AS doc_id, d.external_id AS input_id, e.event_json, d.url, d.published
      FROM events e JOIN documents d ON d.num = e.doc
      ${where}
      -- NULL sorts lowest, so undated events come last in a DESC order that can walk the date index.
      ORDER BY e.date_start DESC, e.doc, e.seq
      LIMIT ? OFFSET ?`;
    const limit = clampCount(filter.limit, DEFAULT_LIMIT);
    const offset = clampCount(filter.offset, 0);
    const rows = this.statement(sql).all(...params, limit, offset) as StoredEventRow[];
    return rows.map(storedEventOf);
  }

  async countEvents(filter: EventFilter = {}): Promise<number> {
    this.assertOpen();
    const { where, params } = whereClause(filter);
    return this.statement(`SELECT COUNT(*) FROM events e ${where}`).pluck().get(...params) as number;
  }

  streamEvents(filter: EventFilter = {}, options: StreamOptions = {}): AsyncIterable<EvidencedEvent[]> {
    // Checked here, so a bad page size fails at the call rather than at the first page.
    pageSizeOf(options);
    return streamEventPages(this.db, (sql) => this.statement(sql), filter, options, () => this.assertOpen());
  }

  async facets(field: FacetField, filter: EventFilter = {}): Promise<FacetCount[]> {
    this.assertOpen();
    const column = FACET_COLUMNS[field];
    if (!column) throw new StoreError(`unknown facet field "${String(field)}"`);
    const { where, params } = whereClause(filter);
    const sql = `
      SELECT ${column} AS value, COUNT(*) AS count FROM events e
      ${where ? `${where} AND` : 'WHERE'} ${column} IS NOT NULL
      GROUP BY value ORDER BY count DESC, value`;
    return this.statement(sql).all(...params) as FacetCount[];
  }

  async storiesOfEvents(eventIds: readonly string[]): Promise<Map<string, string>> {
    this.assertOpen();
    return this.stories.storiesOfEvents(eventIds);
  }

  async getStory(id: string): Promise<StoryWithMentions | undefined> {
    this.assertOpen();
    return this.stories.getStory(id);
  }

  async queryStories(filter: StoryFilter = {}): Promise<Story[]> {
    this.assertOpen();
    return this.stories.queryStories(filter);
  }

  async countStories(filter: StoryFilter = {}): Promise<number> {
    this.assertOpen();
    return this.stories.countStories(filter);
  }

  async putAlerts(alerts: readonly Alert[]): Promise<Alert[]> {
    this.assertOpen();
    if (this.readOnly) throw new StoreError('the store is open read-only');
    return this.alerts.put(alerts, new Date().toISOString());
  }

  async listAlerts(query: AlertQuery = {}): Promise<Alert[]> {
    this.assertOpen();
    return this.alerts.list(query);
  }

  async pageEvents(filter: EventFilter = {}, after?: string): Promise<Page<StoredEvent>> {
    this.assertOpen();
    return this.pages.events(filter, after);
  }

  async pageEventsJson(filter: EventFilter = {}, after?: string): Promise<string> {
    this.assertOpen();
    return this.pages.eventsJson(filter, after);
  }

  async pageStories(filter: StoryFilter = {}, after?: string): Promise<Page<Story>> {
    this.assertOpen();
    return this.pages.storyPage(filter, after);
  }

  async pageDocs(query: DocQuery = {}, after?: string): Promise<Page<DocSummary>> {
    this.assertOpen();
    return this.pages.docs(query, after);
  }

  async actors(filter: EventFilter = {}, limit?: number): Promise<ActorCount[]> {
    this.assertOpen();
    return this.pages.actors(filter, limit);
  }

  async places(filter: EventFilter = {}, limit?: number): Promise<PlaceCount[]> {
    this.assertOpen();
    return this.pages.places(filter, limit);
  }

  async storyUpdates(cursor?: string, limit?: number): Promise<StoryUpdates> {
    this.assertOpen();
    return this.pages.storyUpdates(cursor, limit);
  }

  async seriesCounts(query: SeriesCountQuery = {}): Promise<SeriesCountGroup[]> {
    this.assertOpen();
    return this.pages.seriesCounts(query);
  }

  async changeToken(): Promise<string> {
    this.assertOpen();
    return this.pages.changeToken();
  }

  async countDocs(): Promise<number> {
    this.assertOpen();
    return this.selectCount.get() as number;
  }

  async skipReasons(): Promise<FacetCount[]> {
    this.assertOpen();
    return this.selectSkipReasons.all() as FacetCount[];
  }

  async addWatchSources(sources: readonly { url: string; title?: string }[], intervalMs: number): Promise<number> {
    this.assertWritable();
    return this.watch.addSources(sources, new Date().toISOString(), intervalMs);
  }

  async listWatchSources(): Promise<WatchSource[]> {
    this.assertOpen();
    return this.watch.listSources(new Date().toISOString());
  }

  async updateWatchSource(url: string, update: WatchSourceUpdate): Promise<void> {
    this.assertWritable();
    this.watch.updateSource(url, update);
  }

  async unseenWatchItems(keys: readonly string[]): Promise<string[]> {
    this.assertOpen();
    return this.watch.unseen(keys);
  }

  async putWatchedDocs(docs: readonly Doc[], items: readonly WatchItemRecord[]): Promise<PutResult> {
    this.assertWritable();
    return this.fusing(() => this.writeWatched.immediate(docs, items));
  }

  async listWatchItems(query: WatchItemQuery = {}): Promise<WatchItem[]> {
    this.assertOpen();
    return this.watch.listItems(query);
  }

  async putOverride(eventId: string, input: OverrideInput): Promise<EventOverride> {
    this.assertWritable();
    const checked = parseOverrideInput(input);
    return this.fusing(() => this.db.transaction(() => {
      const { docId, event } = this.overrides.findEvent(eventId);
      const now = new Date().toISOString();
      return this.overrides.put({ ...checked, docId, anchor: anchorOf(event), at: now }, now);
    }).immediate());
  }

  async importOverrides(overrides: readonly EventOverride[]): Promise<number> {
    this.assertWritable();
    for (const override of overrides) {
      const { docId, anchor, at, machine: _machine, eventId: _eventId, ...input } = override;
      parseOverrideInput(input);
      if (typeof docId !== 'string' || !Number.isInteger(anchor?.start) || !Number.isInteger(anchor?.end) || typeof at !== 'string') {
        throw new StoreError('an imported override needs docId, anchor { start, end } and at');
      }
    }
    const now = new Date().toISOString();
    return this.fusing(() => this.db.transaction(() => {
      for (const { eventId: _eventId, ...override } of overrides) this.overrides.put(override, now);
      return overrides.length;
    }).immediate());
  }

  async deleteOverride(eventId: string): Promise<boolean> {
    this.assertWritable();
    return this.fusing(() => this.db.transaction(() => {
      const { docId, event } = this.overrides.findEvent(eventId);
      return this.overrides.delete(docId, anchorOf(event), new Date().toISOString());
    }).immediate());
  }

  async listOverrides(query: { docId?: string; limit?: number } = {}): Promise<EventOverride[]> {
    this.assertOpen();
    return this.overrides.list(query);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queries.clear();
    this.db.close();
  }

  private statement(sql: string): Database.Statement {
    return this.queries.get(sql);
  }

  /**
   * Runs a write transaction that may file mentions: when it throws, SQLite has rolled back what fusion
   * wrote, so what fusion keeps in memory of the stored mentions is dropped with it.
   */
  private fusing<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      this.stories.forget();
      throw error;
    }
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.readOnly) throw new StoreError('the store is open read-only');
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('the store is closed');
  }
}
