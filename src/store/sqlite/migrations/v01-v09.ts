import type { Migration } from './migration.js';

/** Documents, events, stories, alerts, the watcher's state and near-duplicates (released; never edited). */
export const MIGRATIONS_1_TO_9: readonly Migration[] = [
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
];
