import { EVENT_MODALITIES, type EventFilter, type EventModality } from '../../index.js';
import { choiceOption, dateOption, integerOption, parseCommand, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { CSV_HEADER, EVENT_FORMATS, formatEventCsvRow, formatEventJsonl, formatEventsTable } from './format-events.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad events [options]

Lists stored events, newest first.

Options:
  --db PATH                  database (default ${DEFAULT_DB})
  --type PLOVER              event type, e.g. ASSAULT, PROTEST, CONSULT
  --cameo CODE               CAMEO code or prefix (19 = all fighting)
  --actor X                  actor on either side: code (AZEGOV), country (AZE), id or name
  --country ISO3             country where the event took place
  --from YYYY-MM-DD          events on or after this date
  --to YYYY-MM-DD            events on or before this date
  --text WORDS               only events from documents containing all these words
  --include FLAGS            also list events the text frames otherwise than as having happened:
                             negated, hypothetical, future, historical (comma-separated), or all
  --limit N                  at most N events (default 100)
  --offset N                 skip the first N
  --format table|jsonl|csv   output format (default table)
  -h, --help                 show this help`;

export const eventsCommand: Command = {
  name: 'events',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('events', args, {
      db: { type: 'string' }, type: { type: 'string' }, cameo: { type: 'string' }, actor: { type: 'string' },
      country: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, text: { type: 'string' },
      limit: { type: 'string' }, offset: { type: 'string' }, format: { type: 'string' }, include: { type: 'string' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`events takes no arguments, got "${parsed.positionals[0]}" (filters are options)`);
    const filter: EventFilter = { limit: integerOption(parsed, 'limit', 100), offset: integerOption(parsed, 'offset', 0) };
    const country = stringOption(parsed, 'country');
    if (country !== undefined && !/^[A-Za-z]{3}$/.test(country)) throw new UsageError(`--country must be an ISO 3166 alpha-3 code, got "${country}"`);
    const cameo = stringOption(parsed, 'cameo');
    if (cameo !== undefined && !/^\d{1,4}$/.test(cameo)) throw new UsageError(`--cameo must be a CAMEO code of digits, got "${cameo}"`);
    const from = dateOption(parsed, 'from');
    const to = dateOption(parsed, 'to');
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const optional: Array<[keyof EventFilter, string | undefined]> = [
      ['plover', stringOption(parsed, 'type')], ['cameo', cameo], ['actor', stringOption(parsed, 'actor')], ['country', country],
      ['from', from], ['to', to], ['text', stringOption(parsed, 'text')],
    ];
    for (const [key, value] of optional) if (value !== undefined) (filter as Record<string, unknown>)[key] = value;
    const include = includeOption(stringOption(parsed, 'include'));
    if (include.length > 0) filter.include = include;
    const format = choiceOption(parsed, 'format', EVENT_FORMATS, 'table');

    const store = await openCliStore(stringOption(parsed, 'db') ?? DEFAULT_DB, { readOnly: true });
    try {
      const events = await store.queryEvents(filter);
      if (format === 'table') {
        if (events.length === 0) process.stderr.write('no events match\n');
        else await writeOut(formatEventsTable(events));
      } else if (format === 'csv') {
        await writeOut(`${CSV_HEADER.join(',')}\r\n`);
        for (const event of events) await writeOut(formatEventCsvRow(event));
      } else {
        for (const event of events) await writeOut(formatEventJsonl(event));
      }
    } finally {
      await store.close();
    }
    return 0;
  },
};

/** `--include negated,future` or `--include all`: the flags of events to list besides those reported as having happened. */
export function includeOption(value: string | undefined): EventModality[] {
  if (value === undefined) return [];
  if (value.trim() === 'all') return [...EVENT_MODALITIES];
  const flags = value.split(',').map((flag) => flag.trim()).filter(Boolean);
  for (const flag of flags) {
    if (!(EVENT_MODALITIES as readonly string[]).includes(flag)) throw new UsageError(`--include: unknown flag "${flag}" (flags are ${EVENT_MODALITIES.join(', ')}, or all)`);
  }
  return [...new Set(flags)] as EventModality[];
}
