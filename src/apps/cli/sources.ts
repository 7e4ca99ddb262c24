import { exportOpml, type WatchSource } from '../../index.js';
import { parseCommand, stringOption } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad sources [options]

Lists the sources dyad watch follows with their health: last success, last error, items per day (over
the last 7 days, or since the source was added), next poll.

Options:
  --db PATH        database (default ${DEFAULT_DB})
  --json           one JSON object per source
  --export-opml    print the sources as an OPML list (import it with: dyad watch FILE.opml)
  -h, --help       show this help`;

const DAY_MS = 24 * 3600_000;

/** New items per day over the last week, or over the time since the source was added when that is shorter (at least a day). */
export function itemsPerDay(source: WatchSource, now: number): number {
  const days = Math.min(7, Math.max(1, (now - Date.parse(source.addedAt)) / DAY_MS));
  return Math.round((source.itemsLastWeek / days) * 10) / 10;
}

function when(iso: string | undefined): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '-';
}

export const sourcesCommand: Command = {
  name: 'sources',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('sources', args, { db: { type: 'string' }, json: { type: 'boolean' }, 'export-opml': { type: 'boolean' } });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    const store = await openCliStore(stringOption(parsed, 'db') ?? DEFAULT_DB, { readOnly: true });
    let sources: WatchSource[];
    try {
      sources = await store.listWatchSources();
    } finally {
      await store.close();
    }
    const now = Date.now();
    if (parsed.values['export-opml']) {
      await writeOut(`${exportOpml(sources.map((s) => (s.title ? { url: s.url, title: s.title } : { url: s.url })))}\n`);
      return 0;
    }
    if (parsed.values.json) {
      for (const source of sources) await writeOut(`${JSON.stringify({ ...source, itemsPerDay: itemsPerDay(source, now) })}\n`);
      return 0;
    }
    if (sources.length === 0) {
      process.stderr.write('no sources yet (follow some with: dyad watch <feed-url|opml-file>)\n');
      return 0;
    }
    const rows = sources.map((s) => [
      s.url, when(s.lastSuccessAt), s.lastError ? `${when(s.lastErrorAt)} ${s.lastError}` : '-', String(itemsPerDay(s, now)), String(s.items), when(s.nextPollAt),
    ]);
    const header = ['source', 'last success', 'last error', 'items/day', 'items', 'next poll'];
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
    const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join('  ').trimEnd();
    await writeOut(`${[line(header), ...rows.map(line)].join('\n')}\n`);
    return 0;
  },
};
