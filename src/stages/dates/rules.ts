import { firstTokenStartingAtOrAfter } from '../../doc/token-search.js';
import type { Token } from '../../doc/types.js';
import { getQuantityLexicon } from '../quantities/lexicon.js';
import { parseNumberWords } from '../quantities/numbers.js';

/** A date expression found by one of the stage's own rules, in sentence-local offsets. */
export interface RuleMatch {
  start: number;
  end: number;
  /** Absent when the expression needs a publication date that is unknown. */
  value?: string;
  granularity: 'year' | 'quarter' | 'duration';
  relative: boolean;
}

const YEAR = /\b((?:19|20)\d\d)(s)?\b/g;
/** Words before a number that make it a count ("at least 1994 …"), not a year. */
const COUNT_BEFORE = /(?:\b(?:at least|more than|fewer than|less than|about|around|nearly|almost|some|over|up to|no\.|number|exactly)\s+|[$€£¥.,\d]\s*)$/i;
const COUNT_AFTER = /^(?:\s*(?:%|percent\b|per cent\b)|[.,:]\d|-\d)/i;

/**
 * Bare years ("in 1994", "since 2010") and decades ("the 1990s" → `199`), which chrono never reads. A year
 * directly followed by a plural noun is a head count ("1994 people"), not a date.
 */
export function bareYears(sentence: string, sentenceStart: number, tokens: readonly Token[]): RuleMatch[] {
  const found: RuleMatch[] = [];
  for (const match of sentence.matchAll(YEAR)) {
    const start = match.index;
    const end = start + match[0].length;
    if (COUNT_BEFORE.test(sentence.slice(Math.max(0, start - 16), start))) continue;
    if (COUNT_AFTER.test(sentence.slice(end, end + 10))) continue;
    if (!match[2] && followedByPluralNoun(tokens, sentenceStart + end)) continue;
    found.push({ start, end, value: match[2] ? match[1]!.slice(0, 3) : match[1]!, granularity: 'year', relative: false });
  }
  return found;
}

function followedByPluralNoun(tokens: readonly Token[], end: number): boolean {
  const next = tokens[firstTokenStartingAtOrAfter(tokens, end)];
  if (!next || next.pos !== 'NOUN') return false;
  return IRREGULAR_PLURALS.has(next.normal) || (next.normal !== next.lemma && next.normal.endsWith('s'));
}

const IRREGULAR_PLURALS = new Set(['people', 'children', 'men', 'women', 'police', 'personnel', 'staff', 'troops', 'cattle']);

const UNIT_CODES: Record<string, string> = {
  year: 'Y', month: 'M', week: 'W', day: 'D', hour: 'TH', minute: 'TM', decade: 'DE', century: 'CE',
};

let durationPattern: RegExp | undefined;

/** Built once from the number-word lexicon, so "twenty-five years" and "25 years" share a rule. */
function durationRegExp(): RegExp {
  if (durationPattern) return durationPattern;
  const words = [...getQuantityLexicon().numberWords.entries()]
    .filter(([, entry]) => entry.kind !== 'vague' && entry.kind !== 'article')
    .map(([word]) => word)
    .sort((a, b) => b.length - a.length)
    .join('|');
  const number = `(?:\\d+(?:\\.\\d+)?|(?:${words})(?:[\\s-]+(?:and[\\s-]+)?(?:${words}))*|several|a few|few)`;
  durationPattern = new RegExp(
    `\\b(${number})[\\s-]+(year|month|week|day|hour|minute|decade|centur(?:y|ies))s?\\b(?!-old|\\s+(?:ago|later|earlier|before|after|from now|hence|old)\\b)`,
    'gi',
  );
  return durationPattern;
}

/** A unit after a space or hyphen, without which the duration pattern cannot match ("Monday" and "today" do not count). */
const DURATION_UNIT = /[\s-](?:year|month|week|day|hour|minute|decade|centur)/i;

/** "twenty-five years" → `P25Y`, "three-hour" → `PT3H`, "several weeks" → `PXW`. */
export function durations(sentence: string): RuleMatch[] {
  const found: RuleMatch[] = [];
  if (!DURATION_UNIT.test(sentence)) return found;
  for (const match of sentence.matchAll(durationRegExp())) {
    const amountText = match[1]!;
    const unit = match[2]!.toLowerCase().replace(/ies$/, 'y');
    const vague = /^(?:several|a few|few)$/i.test(amountText);
    const amount = vague ? undefined : /^\d/.test(amountText) ? Number(amountText) : parseNumberWords(amountText);
    if (!vague && amount === undefined) continue;
    found.push({ start: match.index, end: match.index + match[0].length, value: durationValue(amount, unit), granularity: 'duration', relative: false });
  }
  return found;
}

function durationValue(amount: number | undefined, unit: string): string {
  const code = UNIT_CODES[unit] ?? 'D';
  const n = amount === undefined ? 'X' : String(amount);
  if (code === 'DE') return amount === undefined ? 'PXDE' : `P${amount * 10}Y`;
  if (code === 'CE') return amount === undefined ? 'PXCE' : `P${amount * 100}Y`;
  if (code.startsWith('T')) return `PT${n}${code.slice(1)}`;
  return `P${n}${code}`;
}

const QUARTER = /\b(?:(?:the|this|last|next)\s+)?(?:(?:fiscal|calendar)\s+)?(?:((?:19|20)\d\d)\s+)?(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter|Q([1-4]))\b(?:\s+of\s+((?:19|20)\d\d))?/gi;
const QUARTER_NUMBER: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

/**
 * Quarters ("the third quarter", "Q3 2020" is left to chrono's year, "the 1988 second quarter"). Without
 * a year a quarter is the latest such quarter not after the publication date.
 */
export function quarters(sentence: string, published: { year: number; month: number } | undefined): RuleMatch[] {
  const found: RuleMatch[] = [];
  for (const match of sentence.matchAll(QUARTER)) {
    const quarter = match[3] ? Number(match[3]) : QUARTER_NUMBER[match[2]!.toLowerCase()]!;
    const explicit = match[1] ?? match[4];
    const start = match.index;
    const end = start + match[0].length;
    if (explicit) {
      found.push({ start, end, value: `${explicit}-Q${quarter}`, granularity: 'quarter', relative: false });
      continue;
    }
    const mention: RuleMatch = { start, end, granularity: 'quarter', relative: true };
    if (published) {
      const current = Math.ceil(published.month / 3);
      mention.value = `${quarter <= current ? published.year : published.year - 1}-Q${quarter}`;
    }
    found.push(mention);
  }
  return found;
}
