import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';

const USAGE = `Usage: dyad demo [options]

Ingests the project's sample articles (examples/, written for Dyad) into a fresh database and serves the
API and the dashboard over it, printing the address to open. Stop it with Ctrl-C.

Options:
  --db PATH             database to fill (default: a new one in a temporary folder)
  --port N              port (default 7777; 0 picks a free one)
  -h, --help            show this help`;

/** The sample texts' publication date where they carry none (the .txt files), so they sit on the timeline. */
const SAMPLE_PUBLISHED = '2026-03-05';

/** The package's examples/ folder, found from this file (dist/src/apps/cli or src/apps/cli). */
function examplesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = here.includes(join('dist', 'src')) ? join(here, '..', '..', '..', '..') : join(here, '..', '..', '..');
  return join(root, 'examples');
}

export const demoCommand: Command = {
  name: 'demo',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('demo', args, { db: { type: 'string' }, port: { type: 'string' } });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`demo takes no arguments, got "${parsed.positionals[0]}"`);
    const db = stringOption(parsed, 'db') ?? join(mkdtempSync(join(tmpdir(), 'dyad-demo-')), 'demo.db');
    const [{ ingestCommand }, { serveCommand }] = await Promise.all([import('./ingest.js'), import('./serve.js')]);
    const ingested = await ingestCommand.run([examplesDir(), '--db', db, '--published', SAMPLE_PUBLISHED]);
    if (ingested !== 0) return ingested;
    await writeOut(`Demo database: ${db}\nOpen the dashboard at the address below.\n`);
    return serveCommand.run(['--db', db, '--port', stringOption(parsed, 'port') ?? '7777']);
  },
};
