import { collectSeries, PERIODS, sparkline, type ItemSelection, type Series } from '../../index.js';
import { choiceOption, dateOption, parseCommand, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad series [options]

Counts of stories (one real-world event once, however many reports) per day, week or month, by PLOVER
type and QuadClass, with the Goldstein sum and a sparkline. Every period between the first and the last
is a row, quiet ones as zeros; items dated more coarsely than the period are counted apart.

Options:
  --db PATH             database (default ${DEFAULT_DB})
  --by PERIOD           day, week (ISO, from Monday) or month (default week)
  --dyad A:B            stories with country A on one side and B on the other, either way round (ARM:AZE)
  --country ISO3        stories that took place in this country
  --type PLOVER         one event type, e.g. ASSAULT
  --from / --to DATE    bounds, YYYY-MM-DD
  --mentions            count event mentions instead of stories (what GDELT counts)
  --format table|csv    (default table)
  -h, --help            show this help`;

const QUADS = ['verbal_coop', 'material_coop', 'verbal_conflict', 'material_conflict'];

function csv(series: Series): string {
  const types = [...new Set(series.rows.flatMap((row) => Object.keys(row.byType)))].sort();
  const header = ['period', 'count', ...QUADS, 'goldstein', ...types.map((t) => t.toLowerCase())];
  const lines = series.rows.map((row) => [row.period, row.count, ...row.byQuadClass, row.goldstein, ...types.map((t) => row.byType[t] ?? 0)].join(','));
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

function table(series: Series, what: string): string {
  const header = ['period', what, 'Q1', 'Q2', 'Q3', 'Q4', 'goldstein', 'types'];
  const rows = series.rows.map((row) => [
    row.period, String(row.count), ...row.byQuadClass.map(String), row.goldstein.toFixed(1),
    Object.entries(row.byType).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([t, n]) => `${t} ${n}`).join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const total = series.rows.reduce((sum, row) => sum + row.count, 0);
  return [line(header), ...rows.map(line), '', `${sparkline(series.rows.map((r) => r.count))}  ${total} ${what} over ${series.rows.length} ${series.by}s${series.unplaced ? `; ${series.unplaced} dated too coarsely for a ${series.by}` : ''}`].join('\n') + '\n';
}

export const seriesCommand: Command = {
  name: 'series',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('series', args, {
      db: { type: 'string' }, by: { type: 'string' }, dyad: { type: 'string' }, country: { type: 'string' }, type: { type: 'string' },
      from: { type: 'string' }, to: { type: 'string' }, mentions: { type: 'boolean' }, format: { type: 'string' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`series takes no arguments, got "${parsed.positionals[0]}"`);
    const by = choiceOption(parsed, 'by', PERIODS, 'week');
    const format = choiceOption(parsed, 'format', ['table', 'csv'] as const, 'table');
    const selection: ItemSelection = { mentions: parsed.values.mentions === true };
    const dyad = stringOption(parsed, 'dyad');
    if (dyad !== undefined) {
      const match = /^([A-Za-z]{3}):([A-Za-z]{3})$/.exec(dyad);
      if (!match) throw new UsageError(`--dyad takes two ISO 3166 alpha-3 codes, A:B, got "${dyad}"`);
      selection.dyad = [match[1]!.toUpperCase(), match[2]!.toUpperCase()];
    }
    const country = stringOption(parsed, 'country');
    if (country !== undefined) {
      if (!/^[A-Za-z]{3}$/.test(country)) throw new UsageError(`--country must be an ISO 3166 alpha-3 code, got "${country}"`);
      selection.country = country.toUpperCase();
    }
    const type = stringOption(parsed, 'type');
    if (type !== undefined) selection.plover = type.toUpperCase();
    const from = dateOption(parsed, 'from');
    const to = dateOption(parsed, 'to');
    if (from) selection.from = from;
    if (to) selection.to = to;
    const store = await openCliStore(stringOption(parsed, 'db') ?? DEFAULT_DB, { readOnly: true });
    try {
      const series = await collectSeries(store, selection, by);
      await writeOut(format === 'csv' ? csv(series) : table(series, selection.mentions ? 'mentions' : 'stories'));
    } finally {
      await store.close();
    }
    return 0;
  },
};
