import type Database from 'better-sqlite3';
import { StoreError } from '../store.js';
import type { Migration } from './migrations/migration.js';
import { MIGRATIONS_1_TO_9 } from './migrations/v01-v09.js';
import { MIGRATIONS_10_TO_15 } from './migrations/v10-v15.js';
import { MIGRATIONS_16_ON } from './migrations/v16-on.js';

/**
 * Numbered migrations, applied in order inside one transaction each. Never edit a released one: add
 * the next number.
 */
const MIGRATIONS: readonly Migration[] = [...MIGRATIONS_1_TO_9, ...MIGRATIONS_10_TO_15, ...MIGRATIONS_16_ON];

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
