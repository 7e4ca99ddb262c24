import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of a shipped model (`models/<name>`, holding `file`), found from this module's place
 * whether it runs from src/ or dist/src/ or an installed package.
 */
export function shippedModelDir(name: string, file: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'models', name, file))) return join(dir, 'models', name);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find models/${name}/ next to the dyad package`);
    dir = parent;
  }
}
