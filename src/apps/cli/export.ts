import { createWriteStream, openSync, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { EXPORT_FORMATS, exportEvents, exportStories, STORY_FORMATS, type EventFilter, type StoryFilter, type StoryFormat } from '../../index.js';
import { choiceOption, integerOption, parseCommand, RuntimeError, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { eventFilterFrom, FILTER_OPTIONS, FILTER_USAGE } from './filter-options.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad export --format csv|jsonl|plover|gdelt|parquet [options]

Writes every stored event matching the filters, with its evidence (document id, URL, sentence, quote id)
and its story id, in a format analysts load directly. Streams: memory stays bounded however many events.

Formats:
  csv        header row, ISO dates, UTF-8 without BOM, RFC 4180 quoting: pandas read_csv and R read.csv
             load it without options; text cells a spreadsheet would run as formulas start with '
  jsonl      one JSON object per line: the stored event, its evidence and story id
  plover     PLOVER JSON (field names of the PLOVER manual and NGEC/POLECAT), one object per line
  gdelt      GDELT 2.0 event-table columns in their order, tab-separated, then Dyad's evidence
             columns (docs/exports.md says which GDELT columns are filled)
  parquet    typed columns of the CSV export, in row groups (needs -o FILE or a redirected stdout)

Options:
  --db PATH                  database (default ${DEFAULT_DB})
  --format FORMAT            one of ${EXPORT_FORMATS.join(', ')} (default csv)
  -o, --output FILE          write to FILE (replaced only once the export is complete) instead of stdout
${FILTER_USAGE}
  --limit N                  at most N events
  --no-header                gdelt: leave out the header line, as GDELT's own files do
  --stories                  one row per story instead of per event
  -h, --help                 show this help`;

export const exportCommand: Command = {
  name: 'export',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('export', args, {
      ...FILTER_OPTIONS, db: { type: 'string' }, format: { type: 'string' }, output: { type: 'string', short: 'o' },
      limit: { type: 'string' }, 'no-header': { type: 'boolean' }, stories: { type: 'boolean' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`export takes no arguments, got "${parsed.positionals[0]}" (filters are options)`);
    const filter: EventFilter = eventFilterFrom(parsed);
    const limit = stringOption(parsed, 'limit') === undefined ? undefined : integerOption(parsed, 'limit', 0);
    if (limit !== undefined) filter.limit = limit;
    const format = choiceOption(parsed, 'format', EXPORT_FORMATS, 'csv');
    const output = stringOption(parsed, 'output');
    if (parsed.values['no-header'] && format !== 'gdelt') throw new UsageError('--no-header is for --format gdelt (the CSV export always has its header)');
    if (format === 'parquet' && output === undefined && process.stdout.isTTY) {
      throw new UsageError('parquet is binary: give -o FILE or redirect stdout to a file');
    }

    const store = await openCliStore(stringOption(parsed, 'db') ?? DEFAULT_DB, { readOnly: true });
    try {
      if (parsed.values.stories) {
        if (!(STORY_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--stories writes ${STORY_FORMATS.join(' or ')}: the other formats are event tables`);
        const storyFilter = storyFilterFrom(filter);
        const write = (out: Writable) => exportStories(store, out, format as StoryFormat, storyFilter);
        const count = output === undefined ? await write(process.stdout) : await exportToFile(output, write);
        process.stderr.write(`exported ${count} stories (${format})${output === undefined ? '' : ` to ${output}`}\n`);
        return 0;
      }
      const options = { format, filter, header: !parsed.values['no-header'] };
      const summary = output === undefined
        ? await exportEvents(store, process.stdout, options)
        : await exportToFile(output, (out) => exportEvents(store, out, options));
      const where = output === undefined ? '' : ` to ${output}`;
      process.stderr.write(`exported ${summary.events} events (${format})${where}${summary.stories ? '' : '; this store has no stories: story ids are empty'}\n`);
    } finally {
      await store.close();
    }
    return 0;
  },
};

/** The event filters a story export can apply: type, country, actor and dates (a story has no CAMEO code or text). */
function storyFilterFrom(filter: EventFilter): StoryFilter {
  const unsupported = (['cameo', 'text', 'include'] as const).filter((key) => filter[key] !== undefined);
  if (unsupported.length > 0) throw new UsageError(`--stories cannot filter by ${unsupported.map((k) => `--${k}`).join(', ')}`);
  const story: StoryFilter = {};
  if (filter.plover) story.plover = filter.plover;
  if (filter.country) story.country = filter.country;
  if (filter.actor) story.actor = filter.actor;
  if (filter.from) story.from = filter.from;
  if (filter.to) story.to = filter.to;
  if (filter.limit !== undefined) story.limit = filter.limit;
  return story;
}

/**
 * Writes into a temporary file beside the target and renames it over the target once complete, so a
 * failed or interrupted export never leaves a truncated file under the name asked for.
 */
async function exportToFile<T>(path: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const partial = `${path}.partial-${process.pid}`;
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (error) {
    throw new RuntimeError(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const out = createWriteStream(partial, { fd });
  // A write error is raised where the export waits on the stream (drain, finish); this keeps it from
  // also surfacing as an unhandled 'error' event.
  out.on('error', () => undefined);
  try {
    const summary = await write(out);
    out.end();
    await finished(out);
    renameSync(partial, path);
    return summary;
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    if ((error as NodeJS.ErrnoException).code) throw new RuntimeError(`cannot write ${path}: ${message}`);
    throw error;
  }
}
