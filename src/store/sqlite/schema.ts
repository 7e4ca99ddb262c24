import type Database from 'better-sqlite3';
import { StoreError } from '../store.js';

interface Migration {
  version: number;
  sql: string;
}

/**
 * Numbered migrations, applied in order inside one transaction each. Never edit a released one: add
 * the next number.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- Rows are referenced by their integer key, which grows with each insert: the indexes over events
      -- then only ever append, where the random document ids would touch pages all over the tree.
      CREATE TABLE documents (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        format TEXT,
        external_id TEXT,
        skip_stage TEXT,
        skip_rule TEXT,
        skip_reason TEXT,
        text TEXT NOT NULL,
        doc_json TEXT NOT NULL,
        pipeline_version TEXT,
        knowledge_version TEXT,
        event_count INTEGER NOT NULL,
        events_in_table INTEGER NOT NULL,
        stored_at TEXT NOT NULL
      );
      CREATE INDEX documents_published ON documents (published);
      CREATE INDEX documents_skip_rule ON documents (skip_rule) WHERE skip_rule IS NOT NULL;

      -- Each event's JSON is stored here only: documents.doc_json leaves the events layer out when
      -- events_in_table is 1, and reading a document puts it back from these rows (in seq order).
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents (num) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        plover TEXT NOT NULL,
        cameo TEXT NOT NULL,
        quad_class INTEGER,
        goldstein REAL,
        actor_codes TEXT,
        recipient_codes TEXT,
        country TEXT,
        date_value TEXT,
        date_start TEXT,
        date_end TEXT,
        lat REAL,
        lon REAL,
        confidence REAL NOT NULL,
        event_json TEXT NOT NULL,
        UNIQUE (doc, seq)
      );
      CREATE INDEX events_plover_date ON events (plover, date_start);
      CREATE INDEX events_cameo ON events (cameo);
      CREATE INDEX events_country_date ON events (country, date_start);
      CREATE INDEX events_date ON events (date_start, date_end);

      -- One row per distinct lower-cased key (code, country, knowledge-base id, mention text) of an
      -- event's participants, so an actor filter is one index look-up whatever the user typed. roles is a
      -- bit set of the sides the key appears on (1 actor, 2 recipient, 4 mediator): a key on both sides of
      -- a reciprocal event is one row.
      CREATE TABLE event_participants (
        key TEXT NOT NULL,
        event INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        roles INTEGER NOT NULL,
        PRIMARY KEY (key, event)
      ) WITHOUT ROWID;
      CREATE INDEX event_participants_event ON event_participants (event);

      CREATE VIRTUAL TABLE documents_fts USING fts5 (
        title, text, content = 'documents', content_rowid = 'num', tokenize = 'unicode61 remove_diacritics 2'
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- How the text frames each event, as bits (see MODALITY_BITS in rows.ts): 1 negated, 2 hypothetical,
      -- 4 future, 8 historical background; 0 for an event reported as having happened. Default queries
      -- and counts keep to 0.
      ALTER TABLE events ADD COLUMN modality INTEGER NOT NULL DEFAULT 0;
      UPDATE events SET modality =
        (CASE WHEN json_extract(event_json, '$.negated') THEN 1 ELSE 0 END)
        | (CASE WHEN json_extract(event_json, '$.hypothetical') THEN 2 ELSE 0 END)
        | (CASE WHEN json_extract(event_json, '$.future') THEN 4 ELSE 0 END)
        | (CASE WHEN json_extract(event_json, '$.historical') THEN 8 ELSE 0 END);
      CREATE INDEX events_modality ON events (modality) WHERE modality <> 0;
    `,
  },
  {
    version: 3,
    sql: `
      -- Stories (src/fuse): each event reported as having happened is a mention of one story, within a
      -- component of mentions that match (fuse.ts). A mention keeps the features matching reads
      -- (mention_json), filed by its blocking key: type family, country and week bucket, with the days it
      -- can have happened on for the range test.
      CREATE TABLE story_mentions (
        event INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        key TEXT NOT NULL UNIQUE,
        component TEXT NOT NULL,
        story TEXT NOT NULL,
        family TEXT NOT NULL,
        country TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        day_start INTEGER,
        day_end INTEGER,
        mention_json TEXT NOT NULL
      );
      -- Covering the candidate look-up (block, then the day range test) so it never reads the rows.
      CREATE INDEX story_mentions_block ON story_mentions (family, country, bucket, day_end, day_start, component);
      CREATE INDEX story_mentions_component ON story_mentions (component);

      -- One row per story, rebuilt from its mentions whenever they change; story_json is the whole record.
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        plover TEXT NOT NULL,
        country TEXT,
        date_start TEXT,
        date_end TEXT,
        first_seen TEXT,
        last_seen TEXT,
        mentions INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        killed_best INTEGER,
        injured_best INTEGER,
        confidence REAL NOT NULL,
        story_json TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX stories_plover_date ON stories (plover, date_start);
      CREATE INDEX stories_country_date ON stories (country, date_start);
      CREATE INDEX stories_date ON stories (date_start, date_end);

      -- A story id that stopped being one (its story merged into another) and the story that took it over, as history:
      -- an old id is always a mention's key, so its story now is that mention's.
      CREATE TABLE story_redirects (
        old_id TEXT PRIMARY KEY,
        new_id TEXT NOT NULL,
        merged_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX story_redirects_new ON story_redirects (new_id);

      -- Alerts fired by rules over stories (written by the alerting step; kept here so its schema is numbered with the rest).
      CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        rule TEXT NOT NULL,
        story TEXT,
        fired_at TEXT NOT NULL,
        alert_json TEXT NOT NULL
      );
      CREATE INDEX alerts_fired ON alerts (fired_at);
      CREATE INDEX alerts_story ON alerts (story) WHERE story IS NOT NULL;
    `,
  },
  {
    version: 4,
    sql: `
      -- An alert fires once: its id (rule and story or period) is unique, so evaluating the rules again
      -- stores nothing twice.
      ALTER TABLE alerts ADD COLUMN key TEXT;
      CREATE UNIQUE INDEX alerts_key ON alerts (key);
    `,
  },
  {
    version: 5,
    sql: `
      -- What the contradiction rules of fusion read (MatchGate in src/fuse/match.ts), beside each mention's
      -- blocking key and in the block index, so the candidate look-up hands them over without reading the
      -- rows, and a candidate they rule out is never parsed.
      ALTER TABLE story_mentions ADD COLUMN place_country TEXT;
      ALTER TABLE story_mentions ADD COLUMN lat REAL;
      ALTER TABLE story_mentions ADD COLUMN lon REAL;
      ALTER TABLE story_mentions ADD COLUMN resolution TEXT;
      ALTER TABLE story_mentions ADD COLUMN admin1 TEXT;
      ALTER TABLE story_mentions ADD COLUMN killed_min INTEGER;
      ALTER TABLE story_mentions ADD COLUMN killed_max INTEGER;
      ALTER TABLE story_mentions ADD COLUMN killed_exact INTEGER;
      ALTER TABLE story_mentions ADD COLUMN injured_min INTEGER;
      ALTER TABLE story_mentions ADD COLUMN injured_max INTEGER;
      ALTER TABLE story_mentions ADD COLUMN injured_exact INTEGER;
      -- The participants' countries (parties without a sector), space-separated.
      ALTER TABLE story_mentions ADD COLUMN party_countries TEXT;
      UPDATE story_mentions SET
        place_country = json_extract(mention_json, '$.place.country'),
        lat = json_extract(mention_json, '$.place.lat'),
        lon = json_extract(mention_json, '$.place.lon'),
        resolution = json_extract(mention_json, '$.place.resolution'),
        admin1 = json_extract(mention_json, '$.place.admin1'),
        killed_min = json_extract(mention_json, '$.killed.min'),
        killed_max = json_extract(mention_json, '$.killed.max'),
        killed_exact = json_extract(mention_json, '$.killed.exact'),
        injured_min = json_extract(mention_json, '$.injured.min'),
        injured_max = json_extract(mention_json, '$.injured.max'),
        injured_exact = json_extract(mention_json, '$.injured.exact'),
        party_countries = (SELECT group_concat(value, ' ') FROM json_each(mention_json, '$.parties') WHERE instr(value, '/') = 0);
      DROP INDEX story_mentions_block;
      CREATE INDEX story_mentions_block ON story_mentions (family, country, bucket, day_end, day_start, component,
        place_country, lat, lon, resolution, admin1, killed_min, killed_max, killed_exact, injured_min, injured_max,
        injured_exact, party_countries);
    `,
  },
  {
    version: 6,
    sql: `
      -- dyad watch (src/watch): the sources it follows with their polling cursors and health, and every
      -- item it has seen, keyed by canonical URL, recorded in the transaction that stores its document.
      CREATE TABLE watch_sources (
        url TEXT PRIMARY KEY,
        title TEXT,
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        next_poll_at TEXT NOT NULL,
        interval_ms INTEGER NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        last_poll_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT
      ) WITHOUT ROWID;
      CREATE TABLE watch_items (
        key TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT NOT NULL,
        status TEXT NOT NULL,
        doc_id TEXT,
        reason TEXT,
        published TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        seen_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX watch_items_source ON watch_items (source, seen_at);
    `,
  },
  {
    version: 7,
    sql: `
      -- Near-duplicates (src/dedupe/minhash.ts): each stored document's MinHash signature, its LSH band keys
      -- (band × 2^32 + hash of the band's values), and the links between documents whose signatures agree
      -- enough, one row each way so that a document's group is found from any member.
      CREATE TABLE near_duplicate_signatures (
        doc INTEGER PRIMARY KEY REFERENCES documents (num) ON DELETE CASCADE,
        signature BLOB NOT NULL
      );
      CREATE TABLE near_duplicate_bands (
        key INTEGER NOT NULL,
        doc INTEGER NOT NULL REFERENCES documents (num) ON DELETE CASCADE,
        PRIMARY KEY (key, doc)
      ) WITHOUT ROWID;
      CREATE INDEX near_duplicate_bands_doc ON near_duplicate_bands (doc);
      CREATE TABLE near_duplicate_links (
        doc INTEGER NOT NULL REFERENCES documents (num) ON DELETE CASCADE,
        other INTEGER NOT NULL REFERENCES documents (num) ON DELETE CASCADE,
        similarity REAL NOT NULL,
        PRIMARY KEY (doc, other)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    sql: `
      -- Analyst verdicts on events (src/store/overrides.ts), keyed by the document id and the trigger span,
      -- which survive re-coding where event ids and positions do not. No foreign key: an override carried
      -- from another store waits for its document. IF NOT EXISTS: a database set back to an older version
      -- (the upgrade tests) keeps these tables, and stored verdicts must not be lost by opening it. machine_json is the coder's event it was last applied to.
      CREATE TABLE IF NOT EXISTS event_overrides (
        doc_id TEXT NOT NULL,
        anchor_start INTEGER NOT NULL,
        anchor_end INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        correction_json TEXT,
        analyst TEXT NOT NULL,
        reason TEXT,
        at TEXT NOT NULL,
        machine_json TEXT,
        PRIMARY KEY (doc_id, anchor_start, anchor_end)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS event_overrides_at ON event_overrides (at);
      -- Every verdict recorded or withdrawn, for audit: who, when, why.
      CREATE TABLE IF NOT EXISTS event_override_log (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL,
        anchor_start INTEGER NOT NULL,
        anchor_end INTEGER NOT NULL,
        action TEXT NOT NULL,
        override_json TEXT NOT NULL,
        at TEXT NOT NULL
      );
    `,
  },
  {
    version: 10,
    sql: `
      -- Stories in a rowid table. As a WITHOUT ROWID table keyed by its text id, a story row longer than
      -- about 1,000 bytes (most are: story_json) went to an overflow page of its own, so each story took
      -- two pages (4.5 KB for a 1 KB record) and each rewrite of it dirtied both. The id stays unique, and
      -- each index keeps the id after its columns, as the WITHOUT ROWID indexes held it (keyset pages by
      -- date and id read them in order).
      CREATE TABLE stories_by_rowid (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        plover TEXT NOT NULL,
        country TEXT,
        date_start TEXT,
        date_end TEXT,
        first_seen TEXT,
        last_seen TEXT,
        mentions INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        killed_best INTEGER,
        injured_best INTEGER,
        confidence REAL NOT NULL,
        story_json TEXT NOT NULL
      );
      INSERT INTO stories_by_rowid (id, plover, country, date_start, date_end, first_seen, last_seen, mentions, documents,
        sources, killed_best, injured_best, confidence, story_json)
      SELECT id, plover, country, date_start, date_end, first_seen, last_seen, mentions, documents, sources, killed_best,
        injured_best, confidence, story_json FROM stories ORDER BY id;
      DROP TABLE stories;
      ALTER TABLE stories_by_rowid RENAME TO stories;
      CREATE INDEX stories_plover_date ON stories (plover, date_start, id);
      CREATE INDEX stories_country_date ON stories (country, date_start, id);
      CREATE INDEX stories_date ON stories (date_start, date_end, id);
    `,
  },
  {
    version: 11,
    sql: `
      -- Event and story pages (pages.ts) are read newest date first, then by key: indexes in exactly that order make a
      -- page, and the page after a cursor, one seek that stops after a page, where the (…, date_start) indexes
      -- made SQLite read every matching event and sort them (100,000 events for an unfiltered page). They
      -- replace the (plover, date_start) and (country, date_start) indexes, whose uses they serve as well.
      -- IF [NOT] EXISTS: the upgrade tests set databases back past this migration.
      CREATE INDEX IF NOT EXISTS events_page ON events (date_start DESC, id);
      CREATE INDEX IF NOT EXISTS events_plover_page ON events (plover, date_start DESC, id);
      CREATE INDEX IF NOT EXISTS events_country_page ON events (country, date_start DESC, id);
      CREATE INDEX IF NOT EXISTS events_plover_country_page ON events (plover, country, date_start DESC, id);
      CREATE INDEX IF NOT EXISTS stories_page ON stories (date_start DESC, id);
      DROP INDEX IF EXISTS events_plover_date;
      DROP INDEX IF EXISTS events_country_date;

      -- What a series counts of each story (Store.seriesCounts): its type, country, date value and days, kept by
      -- triggers in step with stories, so a series is a walk over a covering index. The stories rows are large
      -- (story_json), and reading them took ~40 µs a story: 100 ms for the stories of one country of 100,000.
      CREATE TABLE IF NOT EXISTS story_dates (
        id TEXT PRIMARY KEY,
        plover TEXT NOT NULL,
        country TEXT,
        date_value TEXT,
        date_start TEXT,
        date_end TEXT
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS story_dates_country ON story_dates (country, plover, date_value, date_start, date_end);
      CREATE INDEX IF NOT EXISTS story_dates_plover ON story_dates (plover, date_value, date_start, date_end);
      DELETE FROM story_dates;
      INSERT INTO story_dates (id, plover, country, date_value, date_start, date_end)
        SELECT id, plover, country, json_extract(story_json, '$.date.value'), date_start, date_end FROM stories;
      CREATE TRIGGER IF NOT EXISTS story_dates_insert AFTER INSERT ON stories BEGIN
        INSERT OR REPLACE INTO story_dates (id, plover, country, date_value, date_start, date_end)
        VALUES (NEW.id, NEW.plover, NEW.country, json_extract(NEW.story_json, '$.date.value'), NEW.date_start, NEW.date_end);
      END;
      -- Only when what it copies changes: fusion rewrites many stories whose type, country and dates stay.
      CREATE TRIGGER IF NOT EXISTS story_dates_update AFTER UPDATE ON stories
      WHEN OLD.id IS NOT NEW.id OR OLD.plover IS NOT NEW.plover OR OLD.country IS NOT NEW.country
        OR OLD.date_start IS NOT NEW.date_start OR OLD.date_end IS NOT NEW.date_end
        OR json_extract(OLD.story_json, '$.date.value') IS NOT json_extract(NEW.story_json, '$.date.value')
      BEGIN
        DELETE FROM story_dates WHERE id = OLD.id;
        INSERT OR REPLACE INTO story_dates (id, plover, country, date_value, date_start, date_end)
        VALUES (NEW.id, NEW.plover, NEW.country, json_extract(NEW.story_json, '$.date.value'), NEW.date_start, NEW.date_end);
      END;
      CREATE TRIGGER IF NOT EXISTS story_dates_delete AFTER DELETE ON stories BEGIN
        DELETE FROM story_dates WHERE id = OLD.id;
      END;
    `,
  },
  {
    version: 12,
    sql: `
      -- Follow-ups (followUpFiling in src/fuse/mention.ts): a row per surname of each mention with three
      -- surnames, a fine date and a country, so that a report of an arrest or a trial months after a shooting, whose sentence dates
      -- nothing, finds the reports of the shooting by the people both name (and they it), outside the week
      -- blocks. follow_up_end: the mention's last possible day when it may be a follow-up, else null.
      -- IF NOT EXISTS / OR IGNORE: a database set back to an older version (the upgrade tests) keeps this table.
      CREATE TABLE IF NOT EXISTS story_surnames (
        surname TEXT NOT NULL,
        family TEXT NOT NULL,
        country TEXT NOT NULL,
        day_start INTEGER NOT NULL,
        follow_up_end INTEGER,
        event INTEGER NOT NULL REFERENCES story_mentions (event) ON DELETE CASCADE,
        PRIMARY KEY (surname, family, country, day_start, event)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS story_surnames_follow_ups ON story_surnames (surname, family, country, follow_up_end)
        WHERE follow_up_end IS NOT NULL;
      CREATE INDEX IF NOT EXISTS story_surnames_event ON story_surnames (event);
      -- Mentions stored before are filed as new ones are; those stored before surnames were kept have none.
      -- The conditions are followUpFiling's: FOLLOW_UP_SURNAMES (3) surnames, a country, a fine period (at
      -- most 48 days), and for a possible follow-up, a sentence that dates nothing (no date, or one read from
      -- the report or carried from the lead).
      INSERT OR IGNORE INTO story_surnames (surname, family, country, day_start, follow_up_end, event)
      SELECT surname.value, m.family, m.country, m.day_start,
        CASE WHEN coalesce(json_extract(m.mention_json, '$.date.basis'), 'report') IN ('report', 'document') THEN m.day_end END, m.event
      FROM story_mentions m, json_each(m.mention_json, '$.surnames') surname
      WHERE json_array_length(m.mention_json, '$.surnames') >= 3 AND m.country <> '-' AND m.day_start IS NOT NULL
        AND m.day_end - m.day_start + 1 <= 48;
    `,
  },
  {
    version: 13,
    sql: `
      -- Components named by integers the store hands out in increasing order (fuse.ts: the oldest of joined
      -- components keeps its name), not by their smallest mention key: a report whose key sorts first no
      -- longer files every stored mention of its component again (row, block and component index), and
      -- both indexes holding the name shrink (a 27-character key per entry before). Existing components
      -- are numbered in the order of their old names. Written to run again on a database set back past it
      -- (the upgrade tests): it numbers whatever names it finds.
      CREATE TEMP TABLE component_numbers (name PRIMARY KEY, num INTEGER NOT NULL);
      INSERT INTO component_numbers (name, num)
        SELECT component, ROW_NUMBER() OVER (ORDER BY component) FROM story_mentions GROUP BY component;
      ALTER TABLE story_mentions ADD COLUMN component_num INTEGER NOT NULL DEFAULT 0;
      UPDATE story_mentions SET component_num = (SELECT num FROM component_numbers WHERE name = story_mentions.component);
      DROP TABLE component_numbers;
      DROP INDEX IF EXISTS story_mentions_block;
      DROP INDEX IF EXISTS story_mentions_component;
      ALTER TABLE story_mentions DROP COLUMN component;
      ALTER TABLE story_mentions RENAME COLUMN component_num TO component;
      CREATE INDEX story_mentions_block ON story_mentions (family, country, bucket, day_end, day_start, component,
        place_country, lat, lon, resolution, admin1, killed_min, killed_max, killed_exact, injured_min, injured_max,
        injured_exact, party_countries);
      CREATE INDEX story_mentions_component ON story_mentions (component);

      -- One index fewer to write per story: the page index, with the last day after the id, answers what
      -- stories_date (date_start, date_end, id) did, a range of first days read in either direction and
      -- the last day tested without reading the row, with the same plans (counts by date included).
      DROP INDEX IF EXISTS stories_date;
      DROP INDEX IF EXISTS stories_page;
      CREATE INDEX stories_page ON stories (date_start DESC, id, date_end);
    `,
  },
  {
    version: 14,
    sql: `
      -- Stories counted by country, type, date value and bounds (Store.seriesCounts), and by the same without the
      -- country (a series of all countries), kept by triggers in step with story_dates: a series reads one row
      -- per type and day instead of one per story, and SQLite groups nothing. A key holds no null, so a missing
      -- bound is stored as what compares as a missing one does under a series' from/to conditions
      -- (date_end >= from, date_start <= to): no start as U+FFFF, after every date; no end as '', before every
      -- date. IF NOT EXISTS: the upgrade tests set databases back past this migration.
      CREATE TABLE IF NOT EXISTS story_day_counts (
        country TEXT NOT NULL, plover TEXT NOT NULL, date_value TEXT NOT NULL, date_start TEXT NOT NULL, date_end TEXT NOT NULL,
        stories INTEGER NOT NULL, PRIMARY KEY (country, plover, date_value, date_start, date_end)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS story_day_counts_all (
        plover TEXT NOT NULL, date_value TEXT NOT NULL, date_start TEXT NOT NULL, date_end TEXT NOT NULL,
        stories INTEGER NOT NULL, PRIMARY KEY (plover, date_value, date_start, date_end)
      ) WITHOUT ROWID;
      DELETE FROM story_day_counts;
      DELETE FROM story_day_counts_all;
      INSERT INTO story_day_counts (country, plover, date_value, date_start, date_end, stories)
        SELECT country, plover, date_value, coalesce(date_start, char(65535)), coalesce(date_end, ''), COUNT(*) FROM story_dates
        WHERE country IS NOT NULL AND date_value <> '' GROUP BY 1, 2, 3, 4, 5;
      INSERT INTO story_day_counts_all (plover, date_value, date_start, date_end, stories)
        SELECT plover, date_value, coalesce(date_start, char(65535)), coalesce(date_end, ''), COUNT(*) FROM story_dates
        WHERE date_value <> '' GROUP BY 1, 2, 3, 4;
      -- story_dates is written with INSERT OR REPLACE, whose replacing deletes fire no delete trigger
      -- (recursive_triggers is off): the row an insert would replace is deleted first, and uncounted.
      CREATE TRIGGER IF NOT EXISTS story_day_counts_replace BEFORE INSERT ON story_dates BEGIN
        DELETE FROM story_dates WHERE id = NEW.id;
      END;
      CREATE TRIGGER IF NOT EXISTS story_day_counts_insert AFTER INSERT ON story_dates WHEN NEW.date_value <> '' BEGIN
        INSERT INTO story_day_counts (country, plover, date_value, date_start, date_end, stories)
        SELECT NEW.country, NEW.plover, NEW.date_value, coalesce(NEW.date_start, char(65535)), coalesce(NEW.date_end, ''), 1
        WHERE NEW.country IS NOT NULL
        ON CONFLICT DO UPDATE SET stories = stories + 1;
        INSERT INTO story_day_counts_all (plover, date_value, date_start, date_end, stories)
        SELECT NEW.plover, NEW.date_value, coalesce(NEW.date_start, char(65535)), coalesce(NEW.date_end, ''), 1 WHERE true
        ON CONFLICT DO UPDATE SET stories = stories + 1;
      END;
      CREATE TRIGGER IF NOT EXISTS story_day_counts_delete AFTER DELETE ON story_dates WHEN OLD.date_value <> '' BEGIN
        UPDATE story_day_counts SET stories = stories - 1 WHERE country = OLD.country AND plover = OLD.plover
          AND date_value = OLD.date_value AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '');
        DELETE FROM story_day_counts WHERE country = OLD.country AND plover = OLD.plover AND date_value = OLD.date_value
          AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '') AND stories <= 0;
        UPDATE story_day_counts_all SET stories = stories - 1 WHERE plover = OLD.plover
          AND date_value = OLD.date_value AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '');
        DELETE FROM story_day_counts_all WHERE plover = OLD.plover AND date_value = OLD.date_value
          AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '') AND stories <= 0;
      END;
    `,
  },
];

/** The migration that added stories: a database upgraded past it has its stored events fused once. */
export const STORIES_VERSION = 3;

/** The migration that added near-duplicate signatures: a database upgraded past it has its stored documents signed once. */
export const NEAR_DUPLICATES_VERSION = 7;

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Brings the database up to the newest schema; refuses a database written by a newer Dyad. Returns the
 * version the database had (0 for a new one).
 */
export function migrate(db: Database.Database): number {
  const stored = storedVersion(db);
  if (stored === SCHEMA_VERSION) return stored;
  if (stored !== undefined && stored > SCHEMA_VERSION) {
    throw new StoreError(`database schema version ${stored} is newer than this Dyad supports (${SCHEMA_VERSION})`);
  }
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
  const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
  for (const migration of MIGRATIONS) {
    // IMMEDIATE, and the version read again inside: two processes opening one new database at once
    // apply each migration once, the second waiting for the first instead of failing on its tables.
    db.transaction(() => {
      const current = storedVersion(db) ?? 0;
      if (current > SCHEMA_VERSION) {
        throw new StoreError(`database schema version ${current} is newer than this Dyad supports (${SCHEMA_VERSION})`);
      }
      if (migration.version <= current) return;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }).immediate();
  }
  return stored ?? 0;
}

/** The newest migration recorded in the database, or undefined when it has no schema_version table. */
function storedVersion(db: Database.Database): number | undefined {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (hasTable === undefined) return undefined;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Refuses a file that is not a Dyad database before anything is written to it: a file that is not SQLite
 * at all, or a SQLite database with tables of its own. A writer may also start on an empty database; a
 * reader needs one that Dyad's migrations have set up, at a version this code can read.
 */
export function assertDyadDatabase(db: Database.Database, path: string, options: { readOnly: boolean }): void {
  let tables: string[];
  try {
    tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw new StoreError(`${path} is not a Dyad database (not a SQLite file)`);
    throw error;
  }
  if (tables.length === 0 && !options.readOnly) return;
  if (!tables.includes('schema_version') || (options.readOnly && !tables.includes('documents'))) {
    const what = tables.length === 0 ? 'an empty SQLite database' : 'a SQLite database with other tables';
    throw new StoreError(`${path} is not a Dyad database (${what})`);
  }
  if (!options.readOnly) return;
  const version = storedVersion(db) ?? 0;
  if (version > SCHEMA_VERSION) {
    throw new StoreError(`database schema version ${version} is newer than this Dyad supports (${SCHEMA_VERSION})`);
  }
  if (version < SCHEMA_VERSION) {
    throw new StoreError(`${path} has schema version ${version}, older than this Dyad's ${SCHEMA_VERSION}: store into it once (dyad ingest) to upgrade it`);
  }
}
