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
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
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
        stored_at TEXT NOT NULL
      );
      CREATE INDEX documents_published ON documents (published);
      CREATE INDEX documents_skip_rule ON documents (skip_rule) WHERE skip_rule IS NOT NULL;

      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
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
        event_json TEXT NOT NULL
      );
      CREATE INDEX events_doc ON events (doc_id, seq);
      CREATE INDEX events_plover_date ON events (plover, date_start);
      CREATE INDEX events_cameo ON events (cameo);
      CREATE INDEX events_country_date ON events (country, date_start);
      CREATE INDEX events_date ON events (date_start, date_end);

      -- One row per distinct lower-cased key (code, country, knowledge-base id, mention text) of each
      -- participant, so an actor filter is one index look-up whatever the user typed.
      CREATE TABLE event_participants (
        key TEXT NOT NULL,
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (key, event_id, role)
      ) WITHOUT ROWID;
      CREATE INDEX event_participants_event ON event_participants (event_id);

      CREATE VIRTUAL TABLE documents_fts USING fts5 (
        title, text, content = 'documents', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
      );
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Brings the database up to the newest schema; refuses a database written by a newer Dyad. */
export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null };
  const current = row.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(`database schema version ${current} is newer than this Dyad supports (${SCHEMA_VERSION})`);
  }
  const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    })();
  }
}
