import { createEngine, type Alert, type BatchSummary } from '../../index.js';
import { fireAlerts } from './alerts.js';
import { integerOption, parseCommand, PUBLISHED_OPTIONS, publishedOptions, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { assertPathsExist, batchInputs } from './inputs.js';
import { languageOption } from './language-option.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';
import { nearDuplicatesSummary } from './summary.js';

const USAGE = `Usage: dyad ingest <file|folder|url|-> … [options]

Analyses documents and stores them with their events. Folders are walked for .txt, .html, .htm and
.jsonl files, following symbolic links; - reads JSON Lines from stdin. A document already stored is
skipped, so an interrupted run can simply be started again.

Options:
  --db PATH                database (default ${DEFAULT_DB}; sqlite:PATH also accepted)
  --published YYYY-MM-DD   publication date for documents that carry none of their own
  --set-published YYYY-MM-DD
                           publication date for every document, replacing its own
  --language CODE          language of inputs that do not carry their own (eng, en, fr …): no
                           detection; only English is coded
  --batch-size N           documents per transaction (default 200)
  --alerts FILE            evaluate these alert rules (JSON Lines, see dyad alerts) once the documents
                           are stored, and print what fired
  -h, --help               show this help`;

const FAILURES_SHOWN = 10;

export function summaryLine(summary: BatchSummary, db: string, seconds: number): string {
  const reasons = Object.entries(summary.skipReasons).map(([rule, count]) => `${rule} ${count}`).join(', ');
  return `stored ${summary.stored}, duplicates ${summary.duplicates}, ${nearDuplicatesSummary(summary.nearDuplicates)}skipped ${summary.skipped}${reasons ? ` (${reasons})` : ''}, `
    + `failed ${summary.failed}; ${summary.events} event${summary.events === 1 ? '' : 's'} into ${db} in ${seconds.toFixed(1)} s`;
}

export const ingestCommand: Command = {
  name: 'ingest',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('ingest', args, {
      db: { type: 'string' },
      ...PUBLISHED_OPTIONS,
      'batch-size': { type: 'string' },
      language: { type: 'string' },
      alerts: { type: 'string' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length === 0) throw new UsageError('ingest needs at least one file, folder, URL or - (see dyad ingest --help)');
    const language = languageOption(parsed);
    const defaults = { ...publishedOptions(parsed), ...(language ? { language } : {}) };
    const batchSize = integerOption(parsed, 'batch-size', 200, 1);
    const db = stringOption(parsed, 'db') ?? DEFAULT_DB;
    await assertPathsExist(parsed.positionals);
    const store = await openCliStore(db, { readOnly: false });
    const started = performance.now();
    const progress = process.stderr.isTTY
      ? (s: Readonly<BatchSummary>) => process.stderr.write(`\r${s.stored + s.skipped} stored, ${s.duplicates} duplicates, ${s.failed} failed…`)
      : undefined;
    const ignored: string[] = [];
    let summary: BatchSummary;
    const rules = stringOption(parsed, 'alerts');
    let fired: Alert[] = [];
    try {
      const engine = createEngine({ store, batchSize });
      summary = await engine.ingestBatch(batchInputs(parsed.positionals, defaults, (path) => ignored.push(path)), progress ? { onProgress: progress } : {});
      if (rules !== undefined) fired = await fireAlerts(store, rules, false);
    } finally {
      await store.close();
    }
    if (progress) process.stderr.write('\r\x1b[K');
    for (const failure of summary.failures.slice(0, FAILURES_SHOWN)) process.stderr.write(`failed ${failure.input}: ${failure.error}\n`);
    if (summary.failed > FAILURES_SHOWN) process.stderr.write(`… and ${summary.failed - FAILURES_SHOWN} more failures\n`);
    if (ignored.length > 0) {
      process.stderr.write(`ignored ${ignored.length} file${ignored.length === 1 ? '' : 's'} not of a document type (.txt, .html, .htm, .jsonl): ${ignored.slice(0, 3).join(', ')}${ignored.length > 3 ? ', …' : ''}\n`);
    }
    await writeOut(`${summaryLine(summary, db, (performance.now() - started) / 1000)}\n`);
    for (const alert of fired) await writeOut(`alert ${alert.date}  ${alert.rule}  ${alert.message}\n`);
    const nothingWorked = summary.failed > 0 && summary.stored + summary.skipped + summary.duplicates === 0;
    return nothingWorked ? 1 : 0;
  },
};
