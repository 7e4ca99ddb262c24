/** The stories tables of the SQLite store: fusion's index (fuse.ts) and the story queries. */
import { clampCount, confidenceOf, ftsQuery } from './filter-sql.js';
import { radiusCondition } from './geo.js';
import { StatementCache } from './statements.js';
import type Database from 'better-sqlite3';
import type { Doc } from '../../doc/types.js';
import { clusterComponent, fuseMentions, refileComponents, type StoryCandidate, type StoryIndex } from '../../fuse/fuse.js';
import { mentionsOf } from '../../fuse/mention.js';
import { storyIdOf, summariseStory } from '../../fuse/summary.js';
import { docFromRow } from './rows.js';
import { CandidateBlocks } from './story-blocks.js';
import { FollowUpIndex, gateOfRow, type CandidateRow } from './story-candidates.js';
import type { FollowUpLookups } from '../../fuse/mention.js';
import type { MatchGate } from '../../fuse/match.js';
import type { Mention, Story, StoryFilter, StoryWithMentions } from '../../fuse/types.js';

/**
 * Parsed mentions kept between look-ups, least recently used dropped first: candidates of a busy block are
 * read again by each new mention, and news arrives roughly in date order, so the recent ones are what is read.
 */
const MENTION_CACHE_SIZE = 30_000;
const DEFAULT_LIMIT = 100;

export class SqliteStories implements StoryIndex {
  private readonly blocks: CandidateBlocks;
  private readonly selectComponentMentions;
  private readonly selectMentionJson;
  private readonly updateStory;
  private readonly updateComponent;
  private readonly selectDocMentions;
  private readonly deleteDocMentions;
  private readonly insertMention;
  private readonly moveMentions;
  private readonly deleteStory;
  private readonly insertRedirect;
  private readonly updateRedirects;
  private readonly upsertStory;
  private readonly selectStoryKeys;
  private readonly updateStoryRecord;
  private readonly selectStory;
  private readonly selectRedirect;
  private readonly selectStoryOfKey;
  private readonly selectMentionKeys;
  private readonly selectDocEvents;
  private readonly followUps;
  private readonly selectLastComponent;
  /** The next component name to hand out; read again at the start of each write (another process may have written). */
  private nextComponent: number | undefined;
  private readonly cache = new Map<number, Mention>();
  private readonly queries: StatementCache;
  private now = '';

  constructor(private readonly db: Database.Database) {
    this.queries = new StatementCache(db);
    this.followUps = new FollowUpIndex(db);
    this.blocks = new CandidateBlocks(db, (event) => this.parsed(event));
    this.selectComponentMentions = db.prepare('SELECT event, story FROM story_mentions WHERE component = ?');
    this.selectLastComponent = db.prepare('SELECT COALESCE(MAX(component), 0) FROM story_mentions').pluck();
    this.selectMentionJson = db.prepare('SELECT mention_json FROM story_mentions WHERE event = ?').pluck();
    this.insertMention = db.prepare(`
      INSERT INTO story_mentions (event, key, component, story, family, country, bucket, day_start, day_end, mention_json,
        place_country, lat, lon, resolution, admin1, killed_min, killed_max, killed_exact, injured_min, injured_max,
        injured_exact, party_countries)
      VALUES ((SELECT e.id FROM events e JOIN documents d ON d.num = e.doc WHERE d.id = @docId AND e.seq = @seq), @key,
        @component, @key, @family, @country, @bucket, @day_start, @day_end, @mention_json, @place_country, @lat, @lon,
        @resolution, @admin1, @killed_min, @killed_max, @killed_exact, @injured_min, @injured_max, @injured_exact,
        @party_countries)`);
    this.moveMentions = db.prepare('UPDATE story_mentions SET component = ? WHERE component = ?');
    this.updateStory = db.prepare('UPDATE story_mentions SET story = ? WHERE key = ?');
    this.updateComponent = db.prepare('UPDATE story_mentions SET component = ? WHERE key = ?');
    this.selectDocMentions = db.prepare(`
      SELECT m.event, m.component, m.story FROM story_mentions m JOIN events e ON e.id = m.event WHERE e.doc = ?`);
    this.deleteDocMentions = db.prepare('DELETE FROM story_mentions WHERE event IN (SELECT id FROM events WHERE doc = ?)');
    this.deleteStory = db.prepare('DELETE FROM stories WHERE id = ?');
    this.insertRedirect = db.prepare(`
      INSERT INTO story_redirects (old_id, new_id, merged_at) VALUES (?, ?, ?)
      ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, merged_at = excluded.merged_at`);
    this.updateRedirects = db.prepare('UPDATE story_redirects SET new_id = ? WHERE new_id = ?');
    this.upsertStory = db.prepare(`
      INSERT INTO stories (id, plover, country, date_value, date_start, date_end, first_seen, last_seen, mentions, documents,
        sources, killed_best, injured_best, confidence, story_json)
      VALUES (@id, @plover, @country, @date_value, @date_start, @date_end, @first_seen, @last_seen, @mentions, @documents,
        @sources, @killed_best, @injured_best, @confidence, @story_json)
      ON CONFLICT (id) DO UPDATE SET plover = excluded.plover, country = excluded.country, date_value = excluded.date_value,
        date_start = excluded.date_start, date_end = excluded.date_end, first_seen = excluded.first_seen,
        last_seen = excluded.last_seen, mentions = excluded.mentions, documents = excluded.documents,
        sources = excluded.sources, killed_best = excluded.killed_best, injured_best = excluded.injured_best,
        confidence = excluded.confidence, story_json = excluded.story_json`);
    this.selectStory = db.prepare('SELECT story_json FROM stories WHERE id = ?').pluck();
    this.selectStoryKeys = db.prepare('SELECT plover, country, date_start, date_end, date_value FROM stories WHERE id = ?').raw();
    // Sets none of the indexed or counted columns (type, country, dates), so SQLite leaves the stories'
    // indexes and the series counts' triggers alone.
    this.updateStoryRecord = db.prepare(`
      UPDATE stories SET first_seen = @first_seen, last_seen = @last_seen, mentions = @mentions, documents = @documents,
        sources = @sources, killed_best = @killed_best, injured_best = @injured_best, confidence = @confidence,
        story_json = @story_json
      WHERE id = @id`);
    this.selectRedirect = db.prepare('SELECT new_id FROM story_redirects WHERE old_id = ?').pluck();
    this.selectStoryOfKey = db.prepare('SELECT story FROM story_mentions WHERE key = ?').pluck();
    // A story's mentions are all in the component of its id's mention: the component index finds them.
    this.selectMentionKeys = db.prepare(`
      SELECT key FROM story_mentions WHERE component = (SELECT component FROM story_mentions WHERE key = @id) AND story = @id
      ORDER BY key`).pluck();
    this.selectDocEvents = db.prepare('SELECT event_json FROM events WHERE doc = ? ORDER BY seq').pluck();
  }

  /** Fuses the events of documents just written (inside the store's write transaction). */
  fuseDocs(docs: readonly Doc[], now: string, copies: ReadonlyMap<string, string[]> = new Map()): void {
    this.startWrite(now);
    const mentions = docs.flatMap((doc) => {
      const linked = copies.get(doc.id);
      return mentionsOf(doc).map((mention) => (linked ? { ...mention, copies: linked } : mention));
    });
    if (mentions.length > 0) fuseMentions(this, mentions);
  }

  /** Fuses every stored event that has no mention yet (a database upgraded from before stories); returns how many. */
  backfill(now: string): number {
    const rows = this.db.prepare(`
      SELECT d.num, d.text, d.doc_json FROM documents d WHERE d.events_in_table = 1 AND EXISTS (
        SELECT 1 FROM events e LEFT JOIN story_mentions m ON m.event = e.id WHERE e.doc = d.num AND m.event IS NULL)
      ORDER BY d.num`).all() as Array<{ num: number; text: string; doc_json: string }>;
    const storedKeys = this.db.prepare('SELECT m.key FROM story_mentions m JOIN events e ON e.id = m.event WHERE e.doc = ?').pluck();
    this.startWrite(now);
    let count = 0;
    for (const row of rows) {
      const doc = docFromRow(row, this.selectDocEvents.all(row.num) as string[]);
      const stored = new Set(storedKeys.all(row.num) as string[]);
      const mentions = mentionsOf(doc).filter((m) => !stored.has(m.key));
      if (mentions.length > 0) fuseMentions(this, mentions);
      count += mentions.length;
    }
    return count;
  }

  /**
   * Files one event again after an analyst's verdict changed it: its mention leaves its story (whose
   * stories are recomputed from the mentions left), and the event's new mention, when it has one (a
   * rejected event has none), is fused like a new one. Inside the store's write transaction.
   */
  refile(eventNum: number, mention: Mention | undefined, now: string): void {
    this.startWrite(now);
    const held = this.db.prepare('SELECT key, component, story FROM story_mentions WHERE event = ?').get(eventNum) as
      { key: string; component: number; story: string } | undefined;
    if (held) {
      this.db.prepare('DELETE FROM story_mentions WHERE event = ?').run(eventNum);
      this.cache.delete(eventNum);
      this.blocks.forget();
      this.restoryWithout(held);
    }
    if (mention) fuseMentions(this, [mention]);
  }

  /** Recomputes the stories of a component a mention left; a story id that no mention holds any more is dropped. */
  private restoryWithout(removed: { key: string; component: number; story: string }): void {
    const held = this.mentionsOfComponent(removed.component);
    const before = new Set([removed.story, ...held.map((h) => h.story)]);
    const now = new Set<string>();
    for (const cluster of clusterComponent(held.map((h) => h.mention))) {
      const id = storyIdOf(cluster);
      now.add(id);
      for (const mention of cluster) if (held.find((h) => h.mention.key === mention.key)?.story !== id) this.setStory(mention.key, id);
      this.putStory(summariseStory(cluster));
    }
    for (const old of [...before].sort()) {
      if (now.has(old)) continue;
      const into = this.selectStoryOfKey.get(old) as string | undefined;
      if (into === undefined) this.deleteStory.run(old);
      else this.retireStory(old, into);
    }
  }

  candidates(family: string, country: string, buckets: { from: number; to: number }, day: Mention['day']): StoryCandidate[] {
    return this.blocks.lookup(family, country, buckets.from, day === undefined ? buckets.from : buckets.to, day);
  }

  followUpCandidates(family: string, country: string, lookups: FollowUpLookups): StoryCandidate[] {
    return this.candidatesOfRows(this.followUps.rows(family, country, lookups));
  }

  private candidatesOfRows(rows: readonly CandidateRow[]): StoryCandidate[] {
    return rows.map((row) => new RowCandidate(row, this));
  }

  /**
   * Begins a write of fusion (inside the store's write transaction): component names are read afresh, and
   * what is kept in memory is dropped when another connection has written since.
   */
  private startWrite(now: string): void {
    this.now = now;
    this.nextComponent = undefined;
    if (this.blocks.checkFresh()) this.cache.clear();
  }

  /** Drops what is kept in memory of the stored mentions: the store calls it when a write transaction rolled back. */
  forget(): void {
    this.blocks.forget();
    this.cache.clear();
  }

  newComponent(): number {
    this.nextComponent ??= (this.selectLastComponent.get() as number) + 1;
    return this.nextComponent++;
  }

  mentionsOfComponent(component: number): Array<{ mention: Mention; story: string }> {
    const rows = this.selectComponentMentions.all(component) as Array<{ event: number; story: string }>;
    return rows.map((row) => ({ mention: this.parsed(row.event), story: row.story }));
  }

  addMention(mention: Mention, component: number, bucket: number): void {
    const place = mention.place;
    const params = {
      docId: mention.docId, seq: mention.seq, key: mention.key, component, family: mention.family, country: mention.country, bucket,
      day_start: mention.day?.start ?? null, day_end: mention.day?.end ?? null, mention_json: JSON.stringify(mention),
      place_country: place?.country ?? null, lat: place?.lat ?? null, lon: place?.lon ?? null, resolution: place?.resolution ?? null,
      admin1: place?.admin1 ?? null, killed_min: mention.killed?.min ?? null, killed_max: mention.killed?.max ?? null,
      killed_exact: mention.killed === undefined ? null : Number(mention.killed.exact), injured_min: mention.injured?.min ?? null,
      injured_max: mention.injured?.max ?? null, injured_exact: mention.injured === undefined ? null : Number(mention.injured.exact),
      party_countries: mention.parties.filter((party) => !party.includes('/')).join(' ') || null,
    };
    const event = Number(this.insertMention.run(params).lastInsertRowid);
    this.blocks.add(mention.family, mention.country, bucket, [event, component, params.day_start, params.day_end, params.place_country,
      params.lat, params.lon, params.resolution, params.admin1, params.killed_min, params.killed_max, params.killed_exact,
      params.injured_min, params.injured_max, params.injured_exact, params.party_countries]);
    this.followUps.file(event, mention);
    this.remember(event, mention);
  }

  private remember(event: number, mention: Mention): void {
    this.cache.delete(event);
    this.cache.set(event, mention);
    if (this.cache.size > MENTION_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }

  /**
   * Takes the mentions of a stored document's events out of their stories before the document is replaced
   * by a new coding of it; what is left of their components is filed again (refileComponents).
   */
  unfileDoc(docNum: number, now: string): void {
    const removed = this.selectDocMentions.all(docNum) as Array<{ event: number; component: number; story: string }>;
    if (removed.length === 0) return;
    this.startWrite(now);
    this.deleteDocMentions.run(docNum);
    this.blocks.forget();
    // Event row ids can be used again once deleted: a cached mention must not outlive its row.
    for (const { event } of removed) this.cache.delete(event);
    refileComponents(this, removed.map((row) => row.component), removed.map((row) => row.story));
  }

  setComponent(mentionKey: string, component: number): void {
    this.updateComponent.run(component, mentionKey);
    this.blocks.forget();
  }

  dropStory(id: string): void {
    this.deleteStory.run(id);
  }

  mergeComponent(from: number, into: number, block: { family: string; country: string }): void {
    this.moveMentions.run(into, from);
    this.blocks.merge(block.family, block.country, from, into);
  }

  setStory(mentionKey: string, story: string): void {
    this.updateStory.run(story, mentionKey);
  }

  retireStory(id: string, into: string): void {
    if (this.deleteStory.run(id).changes === 0) return;
    this.insertRedirect.run(id, into, this.now);
    this.updateRedirects.run(into, id);
  }

  putStory(story: Story): void {
    const row = {
      id: story.id, plover: story.plover, country: story.country ?? null, date_value: story.date?.value ?? null,
      date_start: story.date?.start ?? null,
      date_end: story.date?.end ?? null, first_seen: story.firstSeen ?? null, last_seen: story.lastSeen ?? null,
      mentions: story.mentions, documents: story.documents, sources: story.sources,
      killed_best: story.casualties.killed?.best ?? null, injured_best: story.casualties.injured?.best ?? null,
      confidence: story.confidence, story_json: JSON.stringify(story),
    };
    // A report joining a story mostly leaves its type, country and dates as they were: then its index
    // entries are not rewritten (three index pages fewer per story in a batch) and its series counts stay
    // (the count triggers, migration 16, watch the date value too).
    const stored = this.selectStoryKeys.get(story.id) as [string, string | null, string | null, string | null, string | null] | undefined;
    if (stored && stored[0] === row.plover && stored[1] === row.country && stored[2] === row.date_start && stored[3] === row.date_end
      && stored[4] === row.date_value) {
      this.updateStoryRecord.run(row);
    } else {
      this.upsertStory.run(row);
    }
  }

  /** The id a story is known by now: an old id is the key of a mention, whose story it is part of now. */
  resolve(id: string): string {
    return (this.selectStoryOfKey.get(id) as string | undefined) ?? (this.selectRedirect.get(id) as string | undefined) ?? id;
  }

  storiesOfEvents(eventIds: readonly string[]): Map<string, string> {
    const result = new Map<string, string>();
    for (const id of eventIds) {
      const story = this.selectStoryOfKey.get(id) as string | undefined;
      if (story !== undefined) result.set(id, story);
    }
    return result;
  }

  getStory(id: string): StoryWithMentions | undefined {
    const current = this.resolve(id);
    const json = this.selectStory.get(current) as string | undefined;
    if (json === undefined) return undefined;
    return { ...(JSON.parse(json) as Story), mentionKeys: this.selectMentionKeys.all({ id: current }) as string[] };
  }

  queryStories(filter: StoryFilter): Story[] {
    const { where, params } = storyWhere(filter);
    const sql = `SELECT story_json FROM stories s ${where} ORDER BY s.date_start DESC, s.id LIMIT ? OFFSET ?`;
    const rows = this.statement(sql).pluck().all(...params, clampCount(filter.limit, DEFAULT_LIMIT), clampCount(filter.offset, 0)) as string[];
    return rows.map((json) => JSON.parse(json) as Story);
  }

  countStories(filter: StoryFilter): number {
    const { where, params } = storyWhere(filter);
    return this.statement(`SELECT COUNT(*) FROM stories s ${where}`).pluck().get(...params) as number;
  }

  /** A stored mention by its event's key: from the cache, else read (only then is its JSON fetched). */
  parsed(event: number): Mention {
    const mention = this.cache.get(event) ?? (JSON.parse(this.selectMentionJson.get(event) as string) as Mention);
    this.remember(event, mention);
    return mention;
  }

  private statement(sql: string): Database.Statement {
    return this.queries.get(sql);
  }
}

/**
 * A candidate of a look-up row. The gate is built only when read: a candidate of a component the mention
 * has joined already is skipped unread (in a dense block, nearly every candidate). A class, so that the
 * getter is on the prototype: an object literal with a getter per row costs more than the look-up's SQL.
 */
class RowCandidate implements StoryCandidate {
  readonly component: number;

  constructor(private readonly row: CandidateRow, private readonly stories: SqliteStories) {
    this.component = row[1];
  }

  get gate(): MatchGate {
    return gateOfRow(this.row);
  }

  mention(): Mention {
    return this.stories.parsed(this.row[0]);
  }
}

export function storyWhere(filter: StoryFilter): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.plover) {
    conditions.push('s.plover = ?');
    params.push(filter.plover.toUpperCase());
  }
  if (filter.country) {
    conditions.push('s.country = ?');
    params.push(filter.country.toUpperCase());
  }
  if (filter.actor) {
    // The participants of a story are those of its events: their index answers (code, country, id or name).
    conditions.push('s.id IN (SELECT m.story FROM event_participants p JOIN story_mentions m ON m.event = p.event WHERE p.key = ?)');
    params.push(filter.actor.trim().toLowerCase());
  }
  if (filter.from) {
    conditions.push('s.date_end >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    conditions.push('s.date_start <= ?');
    params.push(filter.to);
  }
  if (filter.minDocuments !== undefined) {
    conditions.push('s.documents >= ?');
    params.push(clampCount(filter.minDocuments, 0));
  }
  if (filter.minConfidence !== undefined) {
    conditions.push('s.confidence >= ?');
    params.push(confidenceOf(filter.minConfidence));
  }
  if (filter.near) {
    const radius = radiusCondition(filter.near, "json_extract(s.story_json, '$.place.lat')", "json_extract(s.story_json, '$.place.lon')");
    conditions.push(radius.sql);
    params.push(...radius.params);
  }
  if (filter.text !== undefined) {
    const query = ftsQuery(filter.text);
    if (query === undefined) {
      conditions.push('0');
    } else {
      conditions.push(`s.id IN (SELECT m.story FROM story_mentions m JOIN events e ON e.id = m.event
        WHERE e.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))`);
      params.push(query);
    }
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
