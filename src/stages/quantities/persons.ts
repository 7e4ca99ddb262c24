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
const AGE_UNITS = new Set(['year', 'years', 'yr', 'yrs', 'month', 'months', 'week', 'weeks', 'day', 'days']);
/** Pronouns for one person; the reflexive ones count a shooter who "then shot himself". */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'him', 'himself', 'herself']);
/** Calendar words a tagger may call proper nouns: "killed Sunday" names no one. */
const CALENDAR = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/;
const NAME_WORD = /^[a-z][a-z'’.-]*$/;
/** Names after a bare age: "15-year-old Ana Ruiz" (at most this many tokens). */
const NAME_LENGTH = 3;

/**
 * A singular noun standing as the subject of a toll verb ("a hunter was found dead", "the clerk died")
 * names one person whatever the noun; an event noun ("the shooting killed …") does not.
 */
const ARTICLES = new Set(['a', 'an', 'the']);
function isSubjectNoun(tokens: readonly Token[], k: number): boolean {
  const token = tokens[k]!;
  if (token.pos !== 'NOUN' || /(?:[^s]s|ing)$/.test(token.normal)) return false;
  const next = tokens[k + 1];
  return next !== undefined && (next.pos === 'AUX' || (next.pos === 'VERB' && next.lemma === 'die'));
}

/** Reflexive objects of a killing verb: "killed himself" counts its killer apart from the victims. */
export const REFLEXIVE = /^(?:himself|herself)$/i;

/** A hyphen or any dash a text may join an age's words with ("20–year–old" as well as "20-year-old"). */
const DASH = /^[-\u2010-\u2014]$/;

/** The end (exclusive) of an age written as a noun or adjective at `at` ("16-year-old", "5 year old", "8 yo"), if any. */
export function ageEnd(tokens: readonly Token[], at: number): number | undefined {
  const first = tokens[at];
  if (!first) return undefined;
  if (/^\d+[-\u2010-\u2014](?:year|month|week|day)s?[-\u2010-\u2014]old$/.test(first.normal)) return at + 1;
  if (first.pos !== 'NUM') return undefined;
  if (tokens[at + 1]?.normal === 'yo' || tokens[at + 1]?.normal === 'y/o') return at + 2;
  let k = at + 1;
  if (DASH.test(tokens[k]?.normal ?? '')) k += 1;
  if (!AGE_UNITS.has(tokens[k]?.normal ?? '')) return undefined;
  k += 1;
  if (DASH.test(tokens[k]?.normal ?? '')) k += 1;
  return tokens[k]?.normal === 'old' ? k + 1 : undefined;
}

/** Where the phrase whose head ends before `head` opens, walking back over modifiers to its determiner. */
function phraseStart(tokens: readonly Token[], head: number): number | undefined {
  for (let k = head - 1; k >= 0 && head - k <= GAP; k -= 1) {
    const token = tokens[k]!;
    if (SINGLE_DETERMINERS.has(token.normal)) return k;
    if (POSSESSIVE.has(token.normal)) return k > 0 && (tokens[k - 1]!.pos === 'PROPN' || tokens[k - 1]!.pos === 'NOUN') ? k - 1 : undefined;
    if (!GAP_POS.has(token.pos) && !DASH.test(token.normal)) return undefined;
  }
  return undefined;
}

/**
 * Where a headline's subject opens when it has no determiner: headlines drop articles ("Man killed in
 * crash", "Calaveras County teenager fatally shot", "Police: Child dies after shooting"), so a person noun
 * whose modifiers reach back to the start of the sentence, or to a colon after a source's label, names one
 * person.
 */
function headlineStart(tokens: readonly Token[], head: number): number | undefined {
  for (let k = head - 1; k >= -1 && head - k <= GAP + 1; k -= 1) {
    if (k < 0 || tokens[k]!.normal === ':') return k + 1;
    // A number before it is a video's running time or a list's, not part of a name ("2:07 Mother of …").
    if (tokens[k]!.pos === 'NUM' || (!GAP_POS.has(tokens[k]!.pos) && !DASH.test(tokens[k]!.normal))) return undefined;
  }
  return undefined;
}

/** Where the phrase for one person or thing whose head is at `head` opens: its determiner, or a headline's start. */
export function singlePhraseStart(tokens: readonly Token[], head: number): number | undefined {
  return phraseStart(tokens, head) ?? headlineStart(tokens, head);
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
      const start = singlePhraseStart(tokens, k);
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
    if (isSubjectNoun(tokens, k)) {
      const start = phraseStart(tokens, k);
      if (start !== undefined && ARTICLES.has(tokens[start]!.normal)) found.push(one(start, k + 1));
      continue;
    }
    if (token.pos === 'PROPN' && tokens[k - 1]?.pos !== 'PROPN') {
      const end = nameEnd(tokens, k);
      if (end !== undefined) found.push(one(k, end));
      continue;
    }
    const next = tokens[k + 1];
    const herAlone = token.normal === 'her' && !(next && GAP_POS.has(next.pos));
    if (token.pos === 'PRON' && (SUBJECT_PRONOUNS.has(token.normal) || herAlone)) found.push(one(k, k + 1));
  }
  const kept = found.filter((p) => !found.some((q) => q !== p && q.tokenStart <= p.tokenStart && p.tokenEnd <= q.tokenEnd
    && q.tokenEnd - q.tokenStart > p.tokenEnd - p.tokenStart));
  return coordinated(tokens, kept);
}

/**
 * A person's name: a run of proper nouns where a subject or an object stands, before a verb or an
 * aside ("Ana Ruiz was killed", "Ana Ruiz, 24, died") or after a verb or "of" ("killed Ana Ruiz",
 * "the death of Ana Ruiz"). The end of the run, or undefined when it is not in such a place.
 */
function nameEnd(tokens: readonly Token[], at: number): number | undefined {
  let end = at;
  while (end < tokens.length && tokens[end]!.pos === 'PROPN') {
    if (!NAME_WORD.test(tokens[end]!.normal) || CALENDAR.test(tokens[end]!.normal)) return undefined;
    end += 1;
  }
  if (end - at > NAME_LENGTH) return undefined;
  const after = tokens[end];
  const before = tokens[at - 1];
  const subject = after !== undefined && (after.pos === 'AUX' || after.pos === 'VERB' || after.normal === ',' || after.normal === 'and');
  const object = before !== undefined && (before.pos === 'VERB' || before.normal === 'of');
  return subject || object ? end : undefined;
}

/**
 * People joined by "and" are counted together: "a man and his son were killed" is 2, "Ana, Ben and
 * Cy died" is 3, "killed his son and then himself" is 2. A list of commas alone is not joined: "Ana Ruiz, a nurse, died" is one person.
 */
function coordinated(tokens: readonly Token[], persons: NumberPhrase[]): NumberPhrase[] {
  const byStart = new Map(persons.map((p) => [p.tokenStart, p]));
  const joined: NumberPhrase[] = [];
  const used = new Set<NumberPhrase>();
  for (const first of [...persons].sort((a, b) => a.tokenStart - b.tokenStart)) {
    if (used.has(first)) continue;
    const chain = [first];
    let sawAnd = false;
    for (;;) {
      const last = chain[chain.length - 1]!;
      let k = last.tokenEnd;
      // "Ana Ruiz, 21, and Ben Cole, 22": an age aside between the people.
      if (tokens[k]?.normal === ',' && tokens[k + 1]?.pos === 'NUM' && (tokens[k + 2]?.normal === ',' || tokens[k + 2]?.normal === 'and')) k += 2;
      if (tokens[k]?.normal === ',') k += 1;
      const and = tokens[k]?.normal === 'and';
      if (and) k += tokens[k + 1]?.normal === 'then' ? 2 : 1;
      const next = byStart.get(k);
      if (!next || k === last.tokenEnd || (sawAnd && !and)) break;
      chain.push(next);
      sawAnd ||= and;
      if (and) break;
    }
    if (chain.length > 1 && sawAnd) {
      chain.forEach((p) => used.add(p));
      joined.push({ ...one(first.tokenStart, chain[chain.length - 1]!.tokenEnd), value: chain.length });
    } else joined.push(first);
  }
  return joined;
}
