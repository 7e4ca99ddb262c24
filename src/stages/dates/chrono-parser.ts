import * as chrono from 'chrono-node';

/**
 * Parsers and refiners the stage has no use for: durations ("within 3 days") come from its own rule,
 * forward dating is never asked for, and end-of-period/timezone-offset handling does not apply to news dates.
 */
const UNUSED = new Set(['ENTimeUnitWithinFormatParser', 'ENEndOfCurrentMonthParser', 'ForwardDateRefiner', 'ENEndOfPeriodRefiner']);

const MONTH_NAME = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
/**
 * What each chrono parser's pattern cannot match without (read from chrono's patterns, case-insensitive
 * like them): a parser whose condition fails on the text would find nothing, so it is not run. Each
 * parser scans the whole text, and most texts lack the words most parsers need.
 */
const PARSER_NEEDS: Readonly<Record<string, RegExp>> = {
  ENYearMonthDayParser: /\d{4}[-./\s]/,
  ISOFormatParser: /\d{4}-\d/,
  SlashDateFormatParser: /\d[/.-]\d/,
  ENMonthNameLittleEndianParser: MONTH_NAME,
  ENMonthNameMiddleEndianParser: MONTH_NAME,
  ENWeekdayParser: /sun|mon|tue|wed|thu|fri|sat|week/i,
  ENSlashMonthFormatParser: /\d\/\d{4}/,
  ENTimeExpressionParser: /\d/,
  ENTimeUnitAgoFormatParser: /ago|before|earlier/i,
  ENTimeUnitLaterFormatParser: /later|after|from now|henceforth|forward|out/i,
  ENYearMonthNameParser: MONTH_NAME,
  ENCasualDateParser: /now|today|tonight|tomorrow|overmorrow|tmr|yesterday|night/i,
  ENCasualTimeParser: /morning|afternoon|evening|night|midday|noon/i,
  ENMonthNameParser: MONTH_NAME,
  ENRelativeDateFormatParser: /this|last|past|next|after/i,
  ENTimeUnitCasualRelativeFormatParser: /this|last|past|next|after|[+-]/i,
};

interface Lean {
  chrono: chrono.Chrono;
  parsers: ReadonlyArray<{ parser: chrono.Parser; needs: RegExp | undefined }>;
}

let lean: Lean | undefined;

function leanChrono(): Lean {
  if (lean) return lean;
  const parser = chrono.casual.clone();
  parser.refiners = parser.refiners.filter((r) => !UNUSED.has(r.constructor.name));
  const parsers = parser.parsers
    .filter((p) => !UNUSED.has(p.constructor.name))
    .map((p) => ({ parser: p, needs: PARSER_NEEDS[p.constructor.name] }));
  return (lean = { chrono: parser, parsers });
}

/** chrono's casual English parse of `text`, running only the parsers that can match it, in chrono's order. */
export function parseWithChrono(text: string, reference: Date): chrono.ParsedResult[] {
  const { chrono: parser, parsers } = leanChrono();
  parser.parsers = parsers.filter(({ needs }) => !needs || needs.test(text)).map(({ parser: p }) => p);
  return parser.parse(text, { instant: reference, timezone: 0 });
}
