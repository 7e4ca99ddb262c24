import * as chrono from 'chrono-node';
import type { DateMention, Granularity, Span, Token } from '../../doc/types.js';
import { defineStage } from '../../pipeline/stage.js';
import { parseWithChrono } from './chrono-parser.js';
import { isoDay, isoMonth, isoWeek, nearestMonth, nearestMonthDay, nearestWeekday, parseIsoDay, type Ymd } from './calendar.js';
import { bareYears, durations, quarters, type RuleMatch } from './rules.js';

/**
 * Words and shapes that may start or sit inside a date. chrono is slow, so it only reads a short window
 * around each of these; a bare year, a quarter or a duration is found by the stage's own rules.
 * Case-sensitive on purpose: month and day names are capitalised in news ("may" the verb is not).
 */
const DATE_TRIGGER = new RegExp(
  // One word boundary in front of the alternatives that need it is cheaper than one per alternative.
  `\\b(?:${[
    '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\b',
    '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day',
    '(?:[Tt]o(?:day|night|morrow)|[Yy]esterday|ago|[Nn]oon|[Mm]idnight|[Dd]awn|[Oo]vernight|[Mm]orning|[Aa]fternoon|[Ee]vening|[Nn]ight)\\b',
    '(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming|[Pp]revious|[Ee]arlier|[Ll]ater)\\s+(?:week|month|year|decade|century|weekend)',
    '\\d{1,2}/\\d{1,2}/\\d{2,4}', '\\d{4}-\\d\\d-\\d\\d',
  ].join('|')})|\\d(?::\\d\\d|\\s?[ap]\\.?m\\b)`,
  'g',
);
/** Characters of context chrono gets on each side of a trigger; each part of "Friday, Oct. 23, 1998" is a trigger of its own. */
const WINDOW = 20;

/** Where a pattern matches in the document, bucketed by sentence: one regex pass over the whole text. */
function matchesBySentence(text: string, sentences: readonly Span[], pattern: RegExp): Span[][] {
  const found: Span[][] = sentences.map(() => []);
  let index = 0;
  for (const match of text.matchAll(pattern)) {
    while (index < sentences.length && sentences[index]!.end <= match.index) index += 1;
    const sentence = sentences[index];
    if (!sentence) break;
    if (match.index >= sentence.start) found[index]!.push({ start: match.index - sentence.start, end: match.index - sentence.start + match[0].length });
  }
  return found;
}

const isSpace = (code: number) => code === 32 || code === 10 || code === 9 || code === 13 || code === 160;

/** Merged windows around a sentence's triggers, snapped outwards to white space. */
function windows(sentence: string, triggers: readonly Span[]): Span[] {
  const found: Span[] = [];
  for (const trigger of triggers) {
    let start = Math.max(0, trigger.start - WINDOW);
    let end = Math.min(sentence.length, trigger.end + WINDOW);
    while (start > 0 && !isSpace(sentence.charCodeAt(start - 1))) start -= 1;
    while (end < sentence.length && !isSpace(sentence.charCodeAt(end))) end += 1;
    const last = found[found.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else found.push({ start, end });
  }
  return found;
}

/**
 * A sentence that looks ahead lets a month ("December 1", "in February") be the next one when that is
 * nearer; otherwise news reports look back and a month is the latest one not after publication.
 */
const FUTURE_SENTENCE = /\b(?:will|shall|is to|are to|plans? to|planned|scheduled|expected|due|set for|set to|upcoming|next|until|till|by)\b|'ll\b/i;
/** A future verb shortly before a bare weekday ("will meet on Monday") points forward; otherwise news looks back. */
const FUTURE_BEFORE = /(?:\b(?:will|shall)|'ll)\b[^.,;:]{0,40}$/i;
const HAS_YEAR = /\b(?:1\d|20)\d\d\b|'\d\d\b/;
const RELATIVE_WORD = /\b(?:last|next|this|coming|past|previous|ago|later|earlier)\b/i;
const TIME_SIGNAL = /\d:\d\d|\d\s*[ap]\.?\s?m\b|\bnoon\b|\bmidnight\b|o'clock/i;
const WEEKDAY_ABBREVIATION = /^(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)\.?$/i;
const MONTH_PREFIX = /\b(?:(?:early|late|mid)[\s-]+)?(last|next|this)\s+$|\b(?:early|late|mid)[\s-]+$/i;
const DAY_PART: Array<[RegExp, string]> = [
  [/\bmorning\b|\bdawn\b/i, 'MO'], [/\bafternoon\b/i, 'AF'], [/\bevening\b|\bdusk\b/i, 'EV'], [/\bnight\b|\btonight\b|\bovernight\b/i, 'NI'],
];
const LEADING_PREPOSITION = /^(?:on|at|in|by|from|since|for|during|until|till)\s+/i;
const NO_PUBLICATION_DATE = 'no publication date';
const FALLBACK_REFERENCE = Date.UTC(2000, 0, 1, 12);

interface Context {
  published: Ymd | undefined;
  reference: Date;
}

type Found = Omit<DateMention, 'id'>;

/** One side of a chrono result: a range "Aug. 26 to Oct. 20" gives two, as TimeML annotates them. */
interface Piece {
  index: number;
  text: string;
  components: chrono.ParsedComponents;
}

const RANGE_CONNECTOR = /\s*(?:[-–—]|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b|,\s*to\b)\s*/i;

function pieces(result: chrono.ParsedResult, base: number): Piece[] {
  const index = base + result.index;
  const connector = result.end ? RANGE_CONNECTOR.exec(result.text) : null;
  if (!result.end || !connector || connector.index === 0) return [{ index, text: result.text, components: result.start }];
  const tailStart = connector.index + connector[0].length;
  return [
    { index, text: result.text.slice(0, connector.index), components: result.start },
    { index: index + tailStart, text: result.text.slice(tailStart), components: result.end },
  ];
}

function weekValue(text: string, published: Ymd | undefined, fallback: Ymd): string {
  if (!published) return isoWeek(fallback);
  const shift = /\b(?:last|past|previous)\s+week\b/i.test(text) ? -7 : /\bnext\s+week\b/i.test(text) ? 7 : /\bthis\s+week\b/i.test(text) ? 0 : undefined;
  if (shift === undefined) return isoWeek(fallback);
  const d = new Date(Date.UTC(published.year, published.month - 1, published.day + shift));
  return isoWeek({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function fromChrono(sentence: string, offset: number, piece: Piece, context: Context): Found | undefined {
  const c = piece.components;
  const certain = (k: chrono.Component) => c.isCertain(k);
  let start = piece.index;
  let text = piece.text.replace(/[\s,;]+$/, '');
  const hasDate = certain('day') || certain('weekday') || certain('month');
  const casualTime = [...c.tags()].some((tag) => tag.startsWith('casualReference/') && !/today|yesterday|tomorrow|now/.test(tag));
  if (/^(?:right\s+)?now$/i.test(text)) return undefined;
  if (certain('hour') && !hasDate && (!TIME_SIGNAL.test(text) || /[\d.$]$/.test(sentence.slice(0, start)))) return undefined;
  if (certain('weekday') && !certain('day') && WEEKDAY_ABBREVIATION.test(text)) return undefined;
  if (/^(?:may|march)\.?$/.test(text)) return undefined;
  if (/^\d{1,2}\/\d{1,2}$/.test(text)) return undefined;

  const monthOnly = certain('month') && !certain('day') && !certain('year');
  const lookingAhead = FUTURE_SENTENCE.test(sentence);
  let monthDirection: 'nearest' | 'past' | 'before' | 'after' | 'this' = lookingAhead ? 'nearest' : 'past';
  if (certain('month') && !certain('day')) {
    const prefix = MONTH_PREFIX.exec(sentence.slice(Math.max(0, start - 20), start));
    if (prefix) {
      start -= prefix[0].length;
      text = sentence.slice(start, piece.index + text.length);
      const word = prefix[1]?.toLowerCase();
      if (word === 'last') monthDirection = 'before';
      else if (word === 'next') monthDirection = 'after';
      else if (word === 'this') monthDirection = 'this';
    }
  }
  const relative = !HAS_YEAR.test(text);
  const get = (k: chrono.Component) => c.get(k) ?? 0;
  let day: Ymd = { year: get('year'), month: get('month'), day: get('day') };
  const bare = !RELATIVE_WORD.test(text);
  if (context.published && bare && certain('weekday') && !certain('day')) {
    const future = FUTURE_BEFORE.test(sentence.slice(Math.max(0, start - 60), start));
    day = nearestWeekday(context.published, get('weekday'), future ? 'future' : 'past');
  } else if (context.published && bare && certain('month') && certain('day') && !certain('year')) {
    day = nearestMonthDay(context.published, day.month, day.day, lookingAhead ? 'nearest' : 'past');
  }
  let granularity: Granularity;
  let value: string;
  const part = DAY_PART.find(([pattern]) => pattern.test(text));
  if (certain('hour') && TIME_SIGNAL.test(text)) {
    granularity = 'time';
    value = `${isoDay(day)}T${String(get('hour')).padStart(2, '0')}:${String(get('minute')).padStart(2, '0')}`;
  } else if (casualTime || (part && hasDate)) {
    granularity = 'time';
    value = `${isoDay(day)}T${part?.[1] ?? 'MO'}`;
  } else if (/\bweek\b/i.test(text) && !certain('weekday')) {
    granularity = 'week';
    value = weekValue(text, context.published, day);
  } else if (certain('day') || certain('weekday')) {
    granularity = 'day';
    value = isoDay(day);
  } else if (certain('month')) {
    granularity = 'month';
    const thisYear = context.published && { year: context.published.year, month: day.month };
    const resolved = monthDirection === 'this' ? thisYear : context.published && nearestMonth(context.published, day.month, monthDirection);
    value = isoMonth(monthOnly && resolved ? resolved : day);
  } else if (certain('year')) {
    granularity = 'year';
    value = String(day.year);
  } else return undefined;
  const lead = LEADING_PREPOSITION.exec(text);
  if (lead) {
    start += lead[0].length;
    text = text.slice(lead[0].length);
  }
  const mention: Found = { start: offset + start, end: offset + start + text.length, text, granularity, relative, resolved: true, value };
  return settle(mention, context);
}

function settle(mention: Found, context: Context): Found {
  if (!mention.relative || context.published) return mention;
  delete mention.value;
  return { ...mention, resolved: false, reason: NO_PUBLICATION_DATE };
}

function fromRule(rule: RuleMatch, offset: number, sentence: string, context: Context): Found {
  const mention: Found = {
    start: offset + rule.start, end: offset + rule.end, text: sentence.slice(rule.start, rule.end),
    granularity: rule.granularity, relative: rule.relative, resolved: true,
  };
  if (rule.value !== undefined) mention.value = rule.value;
  return settle(mention, context);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
/** Cheap tests that one of the stage's own rules could match, so most sentences skip them. */
const QUARTER_HINT = /quarter|\bQ[1-4]\b/i;
const UNIT_HINT = /year|month|week|day|hour|minute|decade|centur/i;
const YEAR_HINT = /(?:19|20)\d\d/;
const POINT_IN_TIME = /\b(?:ago|later|earlier|before|after|from now|hence)\b/i;

/** Between windows in the one string chrono reads: no date parser or range merger reaches across it. */
const SEPARATOR = '\n\n;;\n\n';

interface Segment {
  sentence: number;
  windowStart: number;
  /** Where the window starts in the joined string. */
  joinedStart: number;
  length: number;
}

/**
 * chrono read once per document, over the windows around date triggers joined together: its cost is
 * mostly per call, and one call on a few hundred characters beats one per sentence.
 */
function chronoMentions(sentences: readonly string[], offsets: readonly number[], triggers: readonly Span[][], context: Context): Found[][] {
  const found: Found[][] = sentences.map(() => []);
  const segments: Segment[] = [];
  const parts: string[] = [];
  let joinedLength = 0;
  sentences.forEach((sentence, index) => {
    for (const window of windows(sentence, triggers[index]!)) {
      if (parts.length > 0) joinedLength += SEPARATOR.length;
      segments.push({ sentence: index, windowStart: window.start, joinedStart: joinedLength, length: window.end - window.start });
      parts.push(sentence.slice(window.start, window.end));
      joinedLength += window.end - window.start;
    }
  });
  if (segments.length === 0) return found;
  let segmentIndex = 0;
  for (const result of parseWithChrono(parts.join(SEPARATOR), context.reference)) {
    while (segmentIndex < segments.length - 1 && result.index >= segments[segmentIndex + 1]!.joinedStart) segmentIndex += 1;
    const segment = segments[segmentIndex]!;
    if (result.index + result.text.length > segment.joinedStart + segment.length) continue;
    const sentence = sentences[segment.sentence]!;
    for (const piece of pieces(result, segment.windowStart - segment.joinedStart)) {
      const mention = fromChrono(sentence, offsets[segment.sentence]!, piece, context);
      if (mention) found[segment.sentence]!.push(mention);
    }
  }
  return found;
}

interface RuleHints {
  quarter: boolean;
  unit: boolean;
  year: boolean;
}

/** Adds the stage's own rules (quarters, durations, bare years) to what chrono found in one sentence. */
function addRuleMentions(found: Found[], sentence: string, offset: number, tokens: readonly Token[], context: Context, hints: RuleHints): Found[] {
  for (const rule of hints.quarter ? quarters(sentence, context.published) : []) {
    const mention = fromRule(rule, offset, sentence, context);
    for (let i = found.length - 1; i >= 0; i -= 1) if (overlaps(found[i]!, mention)) found.splice(i, 1);
    found.push(mention);
  }
  for (const rule of hints.unit ? durations(sentence) : []) {
    const mention = fromRule(rule, offset, sentence, context);
    const clash = found.findIndex((m) => overlaps(m, mention));
    if (clash === -1) found.push(mention);
    else if (!POINT_IN_TIME.test(found[clash]!.text)) found.splice(clash, 1, mention);
  }
  for (const rule of hints.year ? bareYears(sentence, offset, tokens) : []) {
    const mention = fromRule(rule, offset, sentence, context);
    if (!found.some((m) => overlaps(m, mention))) found.push(mention);
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Dates, times and durations, normalised against the publication date. Relative expressions in a
 * document without one are kept but left unresolved, with the reason.
 */
export const resolveDates = () =>
  defineStage({
    name: 'dates',
    version: 1,
    requires: ['sentences', 'tokens'],
    provides: ['dates'],
    run(doc) {
      const published = parseIsoDay(doc.source.published);
      const reference = new Date(published ? Date.UTC(published.year, published.month - 1, published.day, 12) : FALLBACK_REFERENCE);
      const context: Context = { published, reference };
      const tokens = doc.layers.tokens ?? [];
      const sentences = doc.layers.sentences ?? [];
      const texts = sentences.map((s) => doc.text.slice(s.start, s.end));
      const fromParser = chronoMentions(texts, sentences.map((s) => s.start), matchesBySentence(doc.text, sentences, DATE_TRIGGER), context);
      const dates: DateMention[] = [];
      sentences.forEach((sentence, index) => {
        const text = texts[index]!;
        const hints: RuleHints = { quarter: QUARTER_HINT.test(text), unit: UNIT_HINT.test(text), year: YEAR_HINT.test(text) };
        const found = hints.quarter || hints.unit || hints.year
          ? addRuleMentions(fromParser[index]!, text, sentence.start, tokens.slice(sentence.tokenStart, sentence.tokenEnd), context, hints)
          : fromParser[index]!;
        for (const mention of found) {
          dates.push({ id: `d${dates.length + 1}`, ...mention });
        }
      });
      return { dates };
    },
  });
