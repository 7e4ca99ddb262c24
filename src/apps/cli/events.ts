import type { EventFilter } from '../../index.js';
import { choiceOption, integerOption, parseCommand, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { CSV_HEADER, EVENT_FORMATS, formatEventCsvRow, formatEventJsonl, formatEventsTable } from './format-events.js';
import { eventFilterFrom, FILTER_OPTIONS, FILTER_USAGE } from './filter-options.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad events [options]

Lists stored events, newest first.

Options:
  --db PATH                  database (default ${DEFAULT_DB})
${FILTER_USAGE}
  --limit N                  at most N events (default 100)
  --offset N                 skip the first N
  --format table|jsonl|csv   output format (default table)
  -h, --help                 show this help`;

export const eventsCommand: Command = {
  name: 'events',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('events', args, {
      ...FILTER_OPTIONS, db: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' }, format: { type: 'string' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`events takes no arguments, got "${parsed.positionals[0]}" (filters are options)`);
    const filter: EventFilter = {
      ...eventFilterFrom(parsed), limit: integerOption(parsed, 'limit', 100), offset: integerOption(parsed, 'offset', 0),
    };
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
