import type { Token } from '../../doc/types.js';
import { getQuantityLexicon, type QuantityLexicon, type Qualifier } from './lexicon.js';

/** A figure as written: digits, number words or a vague amount, with the hedge in front of it. */
export interface NumberPhrase {
  /** Token indexes, end exclusive, covering the hedge and the figure. */
  tokenStart: number;
  tokenEnd: number;
  /** First token of the figure itself (after the hedge). */
  figureStart: number;
  value: number;
  /** Upper end of a range ("20 to 30", "between 5 and 3"): `value` is the lower end, never above it. */
  max?: number;
  vague: boolean;
  /** Written with a fraction and no scale ("0.5", "2.5 people"): not a count of people. */
  fractional?: boolean;
  qualifier?: Qualifier;
}

const DIGITS = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** "20-30" as one token. */
const DIGIT_RANGE = /^(\d{1,3}(?:,\d{3})+|\d+)[-–—](\d{1,3}(?:,\d{3})+|\d+)$/;
/** The exponent wink splits off "1e21": the token after the digits. */
const EXPONENT = /^e\+?(\d{1,3})$/;
const YEAR = /^(?:19|20)\d\d$/;
const CURRENCY = new Set(['$', '€', '£', '¥', '₹', 'us$', 'rs', 'rs.']);
/** Words joining the two ends of a range: "20 to 30", "20-30", "five or six". ("between … and" is read apart.) */
const RANGE_JOINERS = new Set(['to', '-', '–', '—', 'or']);

interface Figure {
  value: number;
  max?: number;
  vague: boolean;
  fractional?: boolean;
  end: number;
}

function digitsValue(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/**
 * Reads number words ("two hundred and fifty", "twenty - five", "a dozen", "3.5 million") starting at
 * token `at`; `normals` are the lower-cased tokens of one sentence.
 */
export function readFigure(normals: readonly string[], at: number, lexicon: QuantityLexicon = getQuantityLexicon()): Figure | undefined {
  const words = lexicon.numberWords;
  const first = normals[at];
  if (first === undefined) return undefined;
  if (DIGITS.test(first)) {
    let value = digitsValue(first);
    let end = at + 1;
    const exponent = EXPONENT.exec(normals[end] ?? '');
    if (exponent) {
      value *= 10 ** Number(exponent[1]);
      end += 1;
    }
    const scale = words.get(normals[end] ?? '');
    if (scale?.kind === 'scale') {
      // "3.5 million" is a count rounded by the writer; "0.5" of a person is not a count.
      value = Math.round(value * scale.value);
      end += 1;
    }
    // Past 2^53 (or Infinity) the value is no longer the figure written; the stage drops it as implausible.
    return Number.isInteger(value) || !Number.isFinite(value) ? { value, vague: false, end } : { value, vague: false, fractional: true, end };
  }
  const range = DIGIT_RANGE.exec(first);
  if (range) {
    // "1994-2001" is a span of years, not a range of people.
    if (YEAR.test(range[1]!) && YEAR.test(range[2]!)) return undefined;
    const [low, high] = [digitsValue(range[1]!), digitsValue(range[2]!)].sort((a, b) => a - b) as [number, number];
    return { value: low, max: high, vague: false, end: at + 1 };
  }
  const entry = words.get(first);
  if (entry === undefined) return undefined;
  if (entry.kind === 'vague') return readVague(normals, at, lexicon);
  let total = 0;
  let current = 0;
  let seen = false;
  let end = at;
  for (let i = at; i < normals.length; i += 1) {
    const word = normals[i]!;
    const next = words.get(word);
    if (next === undefined) {
      const following = words.get(normals[i + 1] ?? '')?.kind;
      const joins = (word === '-' || word === 'and') && seen && (following === 'unit' || (word === 'and' && following === 'tens'));
      if (joins) continue;
      break;
    }
    if (next.kind === 'vague') break;
    if (next.kind === 'article') {
      if (seen) break;
      const following = words.get(normals[i + 1] ?? '');
      if (following?.kind !== 'scale' && following?.kind !== 'dozen') break;
      current = 1;
    } else if (next.kind === 'unit' || next.kind === 'tens') current += next.value;
    else if (next.kind === 'dozen') current = (current || 1) * next.value;
    else if (next.value === 100) current = (current || 1) * 100;
    else {
      total += (current || 1) * next.value;
      current = 0;
    }
    seen = true;
    end = i + 1;
  }
  if (!seen || end === at) return undefined;
  if (normals[end - 1] === 'a' || normals[end - 1] === 'an') return undefined;
  return { value: total + current, vague: false, end };
}

function readVague(normals: readonly string[], at: number, lexicon: QuantityLexicon): Figure {
  let value = lexicon.numberWords.get(normals[at]!)!.value;
  let end = at + 1;
  if (normals[end] === 'of') {
    const scale = lexicon.numberWords.get(normals[end + 1] ?? '');
    if (scale?.kind === 'vague' && scale.value >= 1000) {
      value *= scale.value;
      end += 2;
    }
  }
  return { value, vague: true, end };
}

function readQualifier(normals: readonly string[], at: number, lexicon: QuantityLexicon): { qualifier: Qualifier; length: number } | undefined {
  for (const { words, qualifier } of lexicon.qualifiers.get(normals[at] ?? '') ?? []) {
    if (words.every((word, k) => normals[at + k] === word)) return { qualifier, length: words.length };
  }
  return undefined;
}

/** True when the figure is money, a percentage, a time, an age or a measure rather than a head count. */
function isNotAHeadCount(tokens: readonly Token[], normals: readonly string[], start: number, end: number): boolean {
  const before = normals[start - 1];
  if (before !== undefined && CURRENCY.has(before)) return true;
  if (/[:/]/.test(normals[start]!)) return true;
  const after = normals[end];
  return after === '-' && /^[a-z]/.test(normals[end + 1] ?? '') && tokens[end]?.start === tokens[end - 1]?.end;
}

/**
 * The figure at `at` and, when a range follows ("20 to 30", "between 5 and 3", "five or six"), its other
 * end, ordered low to high. A scale on the upper end only ("3 to 4 million") scales the lower end too
 * when that keeps it below the upper end.
 */
function readRange(normals: readonly string[], at: number, between: boolean, lexicon: QuantityLexicon): Figure | undefined {
  const low = readFigure(normals, at, lexicon);
  if (!low || low.vague || low.max !== undefined) return low;
  const joiner = normals[low.end];
  const joins = between ? joiner === 'and' : joiner !== undefined && RANGE_JOINERS.has(joiner) && normals[at - 1] !== 'from';
  if (!joins) return low;
  const high = readFigure(normals, low.end + 1, lexicon);
  if (!high || high.vague || high.max !== undefined) return low;
  let lowValue = low.value;
  const scale = lexicon.numberWords.get(normals[high.end - 1]!);
  const lowHasScale = lexicon.numberWords.get(normals[low.end - 1]!)?.kind === 'scale';
  if (scale?.kind === 'scale' && !lowHasScale && lowValue * scale.value <= high.value) lowValue *= scale.value;
  const range: Figure = { value: Math.min(lowValue, high.value), max: Math.max(lowValue, high.value), vague: false, end: high.end };
  if (low.fractional || high.fractional) range.fractional = true;
  return range;
}

/** Every figure in a run of tokens (one sentence), each with its hedge. */
export function findNumberPhrases(tokens: readonly Token[], lexicon: QuantityLexicon = getQuantityLexicon()): NumberPhrase[] {
  const normals = tokens.map((t) => t.normal);
  const phrases: NumberPhrase[] = [];
  for (let i = 0; i < normals.length; i += 1) {
    const hedge = readQualifier(normals, i, lexicon);
    const between = !hedge && normals[i] === 'between';
    const figureStart = hedge ? i + hedge.length : between ? i + 1 : i;
    const figure = readRange(normals, figureStart, between, lexicon);
    if (!figure) continue;
    if (between && figure.max === undefined) {
      // "between 5 villages": not a range; read the figure on its own from the next token.
      continue;
    }
    if (!isNotAHeadCount(tokens, normals, figureStart, figure.end)) {
      const phrase: NumberPhrase = { tokenStart: i, tokenEnd: figure.end, figureStart, value: figure.value, vague: figure.vague };
      if (figure.max !== undefined) phrase.max = figure.max;
      if (figure.fractional) phrase.fractional = true;
      if (hedge) phrase.qualifier = hedge.qualifier;
      phrases.push(phrase);
    }
    i = figure.end - 1;
  }
  return phrases;
}

/** The value of number words written as text ("twenty-five", "a hundred", "3"), or undefined. */
export function parseNumberWords(text: string, lexicon: QuantityLexicon = getQuantityLexicon()): number | undefined {
  const normals = text.toLowerCase().replace(/-/g, ' - ').split(/\s+/).filter((w) => w !== '');
  const figure = readFigure(normals, 0, lexicon);
  return figure && figure.end === normals.length && figure.max === undefined && !figure.fractional ? figure.value : undefined;
}
