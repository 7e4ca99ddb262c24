import { EVENT_MODALITIES, type EventFilter, type EventModality } from '../../index.js';
import { dateOption, stringOption, UsageError, type Parsed } from './args.js';

/** The filter options `events` and `export` share (parseArgs configuration). */
export const FILTER_OPTIONS = {
  type: { type: 'string' }, cameo: { type: 'string' }, actor: { type: 'string' }, country: { type: 'string' },
  from: { type: 'string' }, to: { type: 'string' }, text: { type: 'string' }, include: { type: 'string' },
} as const;

export const FILTER_USAGE = `  --type PLOVER              event type, e.g. ASSAULT, PROTEST, CONSULT
  --cameo CODE               CAMEO code or prefix (19 = all fighting)
  --actor X                  actor on either side: code (AZEGOV), country (AZE), id or name
  --country ISO3             country where the event took place
  --from YYYY-MM-DD          events on or after this date
  --to YYYY-MM-DD            events on or before this date
  --text WORDS               only events from documents containing all these words
  --include FLAGS            also list events the text frames otherwise than as having happened:
                             negated, hypothetical, future, historical (comma-separated), or all`;

/** The event filter the options give, each checked, with a usage error naming what was wrong. */
export function eventFilterFrom(parsed: Parsed): EventFilter {
  const filter: EventFilter = {};
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
  return filter;
}

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
