/**
 * Opening a SQLite connection for Dyad: its pragmas (WAL, busy timeout, page cache), the geo functions,
 * the check that the file is a Dyad database, and the migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { registerGeoFunctions } from './geo.js';
import { assertDyadDatabase, migrate } from './schema.js';

/**
 * How long a writer waits for another process's batch to commit before giving up with "database is
 * locked". A batch holds the write lock only while its rows are written, so this is ample even for two
 * bulk ingests into one file on a busy machine.
 */
export const BUSY_TIMEOUT_MS = 60_000;
/** Page cache per writing connection, in KiB (see openConnection). */
const CACHE_KIB = 65_536;

export function isBusy(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
export function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** The open database and the schema version it had before this opening migrated it (0: new or read-only). */
export function openConnection(path: string, readOnly: boolean): { db: Database.Database; upgradedFrom: number } {
  if (!readOnly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, readOnly ? { readonly: true, fileMustExist: true } : {});
  try {
    // First, so that every later statement (even switching to WAL) waits for a concurrent writer.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    registerGeoFunctions(db);
    assertDyadDatabase(db, path, { readOnly });
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a committed batch survives a crash of the process; the WAL is synced at each
      // checkpoint, so only a power cut or OS crash can lose the batches since the last one.
      db.pragma('synchronous = NORMAL');
      // Checkpoint every ~40 MB of WAL rather than every 4 MB: a bulk ingest rewrites the same index pages
      // less often (~15% less store time); the WAL file grows that large once and is reused.
      db.pragma('wal_autocheckpoint = 10000');
      db.pragma('foreign_keys = ON');
      // 64 MB of page cache rather than SQLite's 2 MB: fusion reads and rewrites mention and story rows all
      // over their tables, and with the default cache each such page is read from the OS again and spilled
      // to the WAL before the batch commits.
      db.pragma(`cache_size = -${CACHE_KIB}`);
      const from = migrate(db);
      return { db, upgradedFrom: from };
    }
    return { db, upgradedFrom: 0 };
  } catch (error) {
    db.close();
    throw error;
  }
}
