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
  vague: boolean;
  qualifier?: Qualifier;
}

const DIGITS = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const CURRENCY = new Set(['$', '€', '£', '¥', '₹', 'us$', 'rs', 'rs.']);

interface Figure {
  value: number;
  vague: boolean;
  end: number;
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
    let value = Number(first.replace(/,/g, ''));
    let end = at + 1;
    const scale = words.get(normals[end] ?? '');
    if (scale?.kind === 'scale') {
      value *= scale.value;
      end += 1;
    }
    return Number.isFinite(value) ? { value: Math.round(value), vague: false, end } : undefined;
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

/** Every figure in a run of tokens (one sentence), each with its hedge. */
export function findNumberPhrases(tokens: readonly Token[], lexicon: QuantityLexicon = getQuantityLexicon()): NumberPhrase[] {
  const normals = tokens.map((t) => t.normal);
  const phrases: NumberPhrase[] = [];
  for (let i = 0; i < normals.length; i += 1) {
    const hedge = readQualifier(normals, i, lexicon);
    const figureStart = hedge ? i + hedge.length : i;
    const figure = readFigure(normals, figureStart, lexicon);
    if (!figure) continue;
    if (!isNotAHeadCount(tokens, normals, figureStart, figure.end)) {
      const phrase: NumberPhrase = { tokenStart: i, tokenEnd: figure.end, figureStart, value: figure.value, vague: figure.vague };
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
  return figure && figure.end === normals.length ? figure.value : undefined;
}
