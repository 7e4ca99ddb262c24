import { createEngine, emptyCounts, failureKind, type Alert, type BatchSummary, type RunCounts } from '../../index.js';
import { fireAlerts } from './alerts.js';
import { integerOption, parseCommand, PUBLISHED_OPTIONS, publishedOptions, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { commandFetcher, FETCH_OPTIONS, FETCH_USAGE } from './fetch-options.js';
import { assertPathsExist, batchInputs } from './inputs.js';
import { languageOption } from './language-option.js';
import { writeOut } from './io.js';
import { logMode, Progress } from './progress.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

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
  --json                   log and summarise as JSON Lines on stdout (otherwise a progress line on a
                           terminal, plain lines when not)
${FETCH_USAGE}
  -h, --help               show this help`;

const FAILURES_SHOWN = 10;

/** A batch's totals as the counts every long run reports: every input read is fetched, failures by kind. */
export function batchCounts(summary: Readonly<BatchSummary>): RunCounts {
  const counts = emptyCounts();
  counts.fetched = summary.stored + summary.skipped + summary.duplicates + summary.failed;
  counts.new = summary.stored;
  counts.duplicates = summary.duplicates;
  counts.nearDuplicates = summary.nearDuplicates ?? 0;
  counts.skipped = { ...summary.skipReasons };
  counts.events = summary.events;
  for (const failure of summary.failures) counts.failed[failureKind(failure.error)] = (counts.failed[failureKind(failure.error)] ?? 0) + 1;
  const unkept = summary.failed - summary.failures.length;
  if (unkept > 0) counts.failed.other = unkept;
  return counts;
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
      json: { type: 'boolean' },
      ...FETCH_OPTIONS,
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
    const fetcher = commandFetcher(parsed, parsed.positionals);
    const store = await openCliStore(db, { readOnly: false });
    const started = performance.now();
    const progress = new Progress(logMode(parsed.values.json === true, process.stderr));
    const onProgress = (s: Readonly<BatchSummary>) => {
      const counts = batchCounts(s);
      if (progress.mode === 'tty') progress.update(counts);
      else progress.log('info', `batch stored: ${counts.new} new, ${counts.duplicates} duplicates, ${s.skipped} skipped, ${s.failed} failed so far`);
    };
    const ignored: string[] = [];
    let summary: BatchSummary;
    const rules = stringOption(parsed, 'alerts');
    let fired: Alert[] = [];
    try {
      const engine = createEngine({ store, batchSize });
      summary = await engine.ingestBatch(batchInputs(parsed.positionals, defaults, (path) => ignored.push(path), fetcher), { onProgress });
      if (rules !== undefined) fired = await fireAlerts(store, rules, false);
    } finally {
      await store.close();
      await fetcher?.close();
    }
    const closing = progress.finish(batchCounts(summary), { db, seconds: (performance.now() - started) / 1000 });
    for (const failure of summary.failures.slice(0, FAILURES_SHOWN)) progress.log('error', `failed ${failure.input}: ${failure.error}`, { input: failure.input });
    if (summary.failed > FAILURES_SHOWN) progress.log('error', `… and ${summary.failed - FAILURES_SHOWN} more failures`);
    if (ignored.length > 0) {
      process.stderr.write(`ignored ${ignored.length} file${ignored.length === 1 ? '' : 's'} not of a document type (.txt, .html, .htm, .jsonl): ${ignored.slice(0, 3).join(', ')}${ignored.length > 3 ? ', …' : ''}\n`);
    }
    await writeOut(closing);
    for (const alert of fired) await writeOut(`alert ${alert.date}  ${alert.rule}  ${alert.message}\n`);
    const nothingWorked = summary.failed > 0 && summary.stored + summary.skipped + summary.duplicates === 0;
    return nothingWorked ? 1 : 0;
  },
};
