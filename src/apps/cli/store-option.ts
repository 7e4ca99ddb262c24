import { existsSync } from 'node:fs';
import { openStore, StoreError, type Store } from '../../index.js';
import { RuntimeError } from './args.js';

export const DEFAULT_DB = './dyad.db';

/** The file a bare path or sqlite: URL names, if it names one. */
function pathOf(db: string): string | undefined {
  if (/^postgres(ql)?:\/\//i.test(db)) return undefined;
  const path = db.replace(/^(sqlite|file):/i, '');
  return path === '' || path === ':memory:' ? undefined : path;
}

/**
 * Opens the database for a command. Reading commands open it read-only, so they neither create an empty
 * database where none was nor change a file that is not Dyad's.
 */
export async function openCliStore(db: string, options: { readOnly: boolean }): Promise<Store> {
  const path = pathOf(db);
  if (options.readOnly && path !== undefined && !existsSync(path)) {
    throw new RuntimeError(`no database at ${path} (store documents first with: dyad ingest <files> --db ${db})`);
  }
  try {
    return await openStore(db, { readOnly: options.readOnly });
  } catch (error) {
    if (error instanceof StoreError) throw new RuntimeError(error.message);
    throw error;
  }
}
