/**
 * One person named without a figure, counted 1 when a cue ties it to a toll: a noun phrase with a
 * person noun ("a man", "his grandfather", "the 17-year-old boy"), a bare age used as a noun ("a
 * 16-year-old", "15-year-old Ana Ruiz") or a personal pronoun ("he died", "killing her").
 */
import type { Token } from '../../doc/types.js';
import type { NumberPhrase } from './numbers.js';

/** Words that open a noun phrase naming exactly one person. */
const SINGLE_DETERMINERS = new Set(['a', 'an', 'the', 'one', 'another', 'his', 'her', 'their', 'its', 'my', 'our', 'your', 'this', 'that']);
const POSSESSIVE = new Set(["'s", '’s']);
/** Words allowed between the determiner and the person noun: "a 17-year-old boy", "an off-duty police officer". */
const GAP = 7;
const GAP_POS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);
const AGE_UNITS = new Set(['year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days']);
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'him']);
/** Names after a bare age: "15-year-old Ana Ruiz" (at most this many tokens). */
const NAME_LENGTH = 3;

/** The end (exclusive) of an age written as a noun or adjective at `at` ("16-year-old", "5 year old"), if any. */
export function ageEnd(tokens: readonly Token[], at: number): number | undefined {
  const first = tokens[at];
  if (!first) return undefined;
  if (/^\d+-(?:year|month|week|day)s?-old$/.test(first.normal)) return at + 1;
  if (first.pos !== 'NUM') return undefined;
  let k = at + 1;
  if (tokens[k]?.normal === '-') k += 1;
  if (!AGE_UNITS.has(tokens[k]?.normal ?? '')) return undefined;
  k += 1;
  if (tokens[k]?.normal === '-') k += 1;
  return tokens[k]?.normal === 'old' ? k + 1 : undefined;
}

/** Where the phrase whose head ends before `head` opens, walking back over modifiers to its determiner. */
function phraseStart(tokens: readonly Token[], head: number): number | undefined {
  for (let k = head - 1; k >= 0 && head - k <= GAP; k -= 1) {
    const token = tokens[k]!;
    if (SINGLE_DETERMINERS.has(token.normal)) return k;
    if (POSSESSIVE.has(token.normal)) return k > 0 && (tokens[k - 1]!.pos === 'PROPN' || tokens[k - 1]!.pos === 'NOUN') ? k - 1 : undefined;
    if (!GAP_POS.has(token.pos) && token.normal !== '-') return undefined;
  }
  return undefined;
}

const one = (tokenStart: number, tokenEnd: number): NumberPhrase => ({ tokenStart, tokenEnd, figureStart: tokenStart, value: 1, vague: false });

/**
 * Single-person phrases of a sentence. `isPersonNoun(k)` says whether token k is a noun for one person.
 * A phrase inside a longer one is left out, so "the 17-year-old boy" is one phrase, not two.
 */
export function singlePersons(tokens: readonly Token[], isPersonNoun: (k: number) => boolean): NumberPhrase[] {
  const found: NumberPhrase[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k]!;
    if (isPersonNoun(k)) {
      const start = phraseStart(tokens, k);
      if (start !== undefined) found.push(one(start, k + 1));
      continue;
    }
    const age = ageEnd(tokens, k);
    if (age !== undefined) {
      const start = phraseStart(tokens, k);
      let end = age;
      while (end < tokens.length && end - age < NAME_LENGTH && tokens[end]!.pos === 'PROPN') end += 1;
      // Without a determiner the age must name someone ("killed 15-year-old Ana", "A 15-year-old was …").
      if (start !== undefined || end > age || k === 0) found.push(one(start ?? k, end));
      continue;
    }
    const next = tokens[k + 1];
    const herAlone = token.normal === 'her' && !(next && GAP_POS.has(next.pos));
    if (token.pos === 'PRON' && (SUBJECT_PRONOUNS.has(token.normal) || herAlone)) found.push(one(k, k + 1));
  }
  return found.filter((p) => !found.some((q) => q !== p && q.tokenStart <= p.tokenStart && p.tokenEnd <= q.tokenEnd
    && q.tokenEnd - q.tokenStart > p.tokenEnd - p.tokenStart));
}
