import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether a test runs from test/ (tsx) or dist/test/ (compiled). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no package.json above the tests');
    dir = parent;
  }
  return dir;
}

/** The shared evaluation folder beside the repository (absent on a user's machine: tests then skip). */
export function sharedDir(): string | undefined {
  const dir = process.env.DYAD_SHARED ?? resolve(repoRoot(), '..', 'shared');
  return existsSync(dir) ? dir : undefined;
}

export function cliPath(): string {
  return join(repoRoot(), 'dist', 'src', 'apps', 'cli', 'main.js');
}
