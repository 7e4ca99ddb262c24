import { existsSync } from 'node:fs';
import { openStore, StoreError, type Store } from '../../index.js';
import { RuntimeError } from './args.js';

export const DEFAULT_DB = './dyad.db';

/** A bare path or sqlite: URL that must already exist (reading commands must not create an empty database). */
function pathOf(db: string): string | undefined {
  if (/^postgres(ql)?:\/\//i.test(db)) return undefined;
  const path = db.replace(/^(sqlite|file):/i, '');
  return path === '' || path === ':memory:' ? undefined : path;
}

export async function openCliStore(db: string, options: { mustExist: boolean }): Promise<Store> {
  const path = pathOf(db);
  if (options.mustExist && path !== undefined && !existsSync(path)) {
    throw new RuntimeError(`no database at ${path} (store documents first with: dyad ingest <files> --db ${db})`);
  }
  try {
    return await openStore(db);
  } catch (error) {
    if (error instanceof StoreError) throw new RuntimeError(error.message);
    throw error;
  }
}
