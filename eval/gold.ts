import { resolve } from 'node:path';
import { repoRoot } from '../test/paths.js';

/**
 * A file of the shared gold data: the folder given by `--gold DIR`, else $DYAD_GOLD, else
 * ../shared/gold beside the repository. Evaluations read the data there and never copy it.
 */
export function goldPath(...parts: string[]): string {
  const flag = process.argv.indexOf('--gold');
  const dir = flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1]! : process.env.DYAD_GOLD ?? resolve(repoRoot(), '..', 'shared', 'gold');
  return resolve(dir, ...parts);
}
