import type { Quantity, QuantityCategory, Token } from '../../doc/types.js';
import { defineStage, type StageContext } from '../../pipeline/stage.js';
import { getQuantityLexicon, type CueCategory, type QuantityLexicon } from './lexicon.js';
import { findNumberPhrases, type NumberPhrase } from './numbers.js';
import { isNotACount } from './not-counts.js';
import { REFLEXIVE, singlePersons, singlePhraseStart } from './persons.js';

interface Cue {
  tokenStart: number;
  tokenEnd: number;
  category: CueCategory;
  /** A singular noun naming one death (see the lexicon's `one`). */
  one?: true;
}

const LEFT_PATH_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'ADV', 'AUX', 'DET', 'PRON', 'PART']);
/** "-" joins the words of a compound modifier: "non-life-threatening injuries". */
const LEFT_PATH_WORDS = new Set(['among', 'of', '-']);
const RIGHT_PATH_POS = new Set(['DET', 'ADV', 'AUX', 'ADJ', 'PART']);
/** Possessives pass too: "killed his two sons". */
const RIGHT_PATH_WORDS = new Set(['his', 'her', 'their', 'its', 'to', 'at', 'of', 'by', 'from', 'toll', 'number', 'total', 'figure', 'count', 'tally']);
const RISE_VERBS = new Set(['rise', 'climb', 'reach', 'stand', 'hit', 'jump', 'increase', 'grow', 'mount', 'top', 'exceed', 'surpass', 'be']);
/**
 * "were shot and killed", "suffered minor injuries", "was found dead", "non-life threatening injuries":
 * a violent verb, one of suffering or finding, or "threatening" before the cue keeps the figure ahead of
 * it in reach.
 */
const VIOLENT_VERBS = new Set(['shoot', 'stab', 'beat', 'attack', 'wound', 'suffer', 'sustain', 'find', 'pronounce', 'declare', 'leave', 'report', 'confirm', 'threaten']);
const LEFT_WINDOW = 5;
/** Cues that count people: every category but units and person nouns. */
const TOLL_CUES = new Set<CueCategory>(['killed', 'injured', 'displaced', 'arrested', 'missing', 'kidnapped', 'other', 'hit']);
const RIGHT_WINDOW = 6;
/** An active verb takes a figure this close after it ("killed 12") before one ahead of it. */
const OBJECT_DISTANCE = 3;

/**
 * "a shot rang out", "the fatal shot", "one shot was fired": "shot" as the noun for a bullet fired
 * (after a determiner, an adjective or a verb's number, or before a verb), not people hit. The tagger often
 * calls "were shot" a noun too, so the word is read by where it stands.
 */
function isShotFired(tokens: readonly Token[], at: number): boolean {
  const before = tokens[at - 1];
  const after = tokens[at + 1];
  const firedNumber = before?.pos === 'NUM' && tokens[at - 2]?.pos === 'VERB';
  return firedNumber || (before !== undefined && (before.pos === 'DET' || before.pos === 'ADJ'))
    || (after !== undefined && (after.pos === 'AUX' || (after.pos === 'VERB' && after.lemma !== 'kill' && after.lemma !== 'wound')));
}

const NEGATIONS = new Set(['not', "n't", 'never']);

/** "she did not die", "was never shot": a denied toll, with at most one auxiliary between. */
function negated(tokens: readonly Token[], at: number): boolean {
  const before = tokens[at - 1];
  if (before && NEGATIONS.has(before.normal)) return true;
  return before?.pos === 'AUX' && NEGATIONS.has(tokens[at - 2]?.normal ?? '');
}

/**
 * A noun naming a death that modifies the noun after it names none: "homicide detectives", "the death
 * penalty", "murder charges" (a number word after it is its object: "killing hundreds").
 */
const isModifier = (tokens: readonly Token[], after: number, lexicon: QuantityLexicon) =>
  tokens[after]?.pos === 'NOUN' && !lexicon.numberWords.has(tokens[after]!.normal);

function findCues(tokens: readonly Token[], lexicon: QuantityLexicon): Cue[] {
  const cues: Cue[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const entry = lexicon.cueWords.get(token.normal);
    const phrase = entry?.phrases?.find((p) => p.words.every((w, k) => tokens[i + k]?.normal === w));
    if (phrase) {
      const end = i + phrase.words.length;
      if (!(phrase.one && isModifier(tokens, end, lexicon))) cues.push({ tokenStart: i, tokenEnd: end, category: phrase.category, ...(phrase.one ? { one: true } : {}) });
      i += phrase.words.length - 1;
      continue;
    }
    const word = entry?.category && (!entry.pos || entry.pos === token.pos) && !(entry.category === 'hit' && isShotFired(tokens, i))
      ? entry.category : undefined;
    const category = word ?? (token.pos === 'VERB' ? lexicon.cueLemmas.get(token.lemma) : undefined);
    // "threatened to kill his wife", "going to die": an infinitive is an intent, not a toll.
    const infinitive = token.pos === 'VERB' && tokens[i - 1]?.normal === 'to';
    const one = word !== undefined && entry?.one === true;
    if (one && isModifier(tokens, i + 1, lexicon)) continue;
    if (category && !((infinitive || negated(tokens, i)) && TOLL_CUES.has(category))) {
      cues.push({ tokenStart: i, tokenEnd: i + 1, category, ...(one ? { one: true as const } : {}) });
    }
  }
  return cues;
}

/**
 * The largest figure believed for one category. Well above every recorded total (the Second World War
 * killed some 70-85 million; about 120 million people were forcibly displaced worldwide in 2024) and far
 * below 2^53, so a figure past it is an error or nonsense ("1e21 killed") and is dropped with a message.
 */
export const PLAUSIBLE_MAX: Readonly<Record<QuantityCategory, number>> = {
  killed: 100_000_000, injured: 100_000_000, missing: 100_000_000, kidnapped: 100_000_000,
  arrested: 100_000_000, other: 100_000_000, displaced: 1_000_000_000,
};
export const IMPLAUSIBLE_FIGURE = 'implausible-figure';

function withCommas(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Why a figure tied to a cue cannot be a head count, or undefined when it can. */
function implausibility(phrase: NumberPhrase, category: QuantityCategory, written: string): string | undefined {
  if (phrase.fractional) return `figure "${written}" is not a whole number of people; dropped`;
  const largest = phrase.max ?? phrase.value;
  const cap = PLAUSIBLE_MAX[category];
  if (!Number.isSafeInteger(phrase.value) || !Number.isSafeInteger(largest) || largest > cap) {
    return `figure "${written}" (${category}) is more than any recorded event (at most ${withCommas(cap)}); dropped`;
  }
  return undefined;
}

type Report = StageContext['report'];

interface Claim {
  phrase: NumberPhrase;
  distance: number;
  sawAux: boolean;
}

/** The tagger often calls "were shot" a noun, and may read "non-life-threatening" as one verb. */
const isViolentVerb = (token: Token) =>
  (token.pos === 'VERB' && VIOLENT_VERBS.has(token.lemma)) || token.normal === 'shot' || token.normal.endsWith('-threatening');

const RELATIVE = new Set(['who', 'that', 'which']);
/** Verbs whose active subject is the one who did it, not a victim ("who died" is a victim: not here). */
const ACTIVE_TOLL_LEMMAS = new Set(['kill', 'murder', 'shoot', 'stab', 'wound', 'injure', 'execute', 'massacre', 'behead']);

/** Longest aside between commas ("a 24-year-old father of three"). */
const APPOSITIVE_LENGTH = 16;
/** Words searched before an aside for the figure it explains: "Two victims, …". */
const APPOSITIVE_HEAD = 3;

/** The opening comma of an aside that `closing` ends, if the words between are a noun phrase or an age. */
function appositiveOpening(tokens: readonly Token[], closing: number): number | undefined {
  for (let k = closing - 1; k >= 0 && closing - k <= APPOSITIVE_LENGTH; k -= 1) {
    const token = tokens[k]!;
    if (token.normal === ',') return k < closing - 1 ? k : undefined;
    if (token.pos === 'VERB' || token.pos === 'AUX' || token.pos === 'PRON' || (token.pos === 'PUNCT' && token.normal !== '-')) return undefined;
  }
  return undefined;
}

function leftOf(tokens: readonly Token[], cue: Cue, byEnd: Map<number, NumberPhrase>, units: Set<number>): Claim | undefined {
  let sawAux = false;
  let last = cue.tokenStart - 1 - LEFT_WINDOW;
  for (let k = cue.tokenStart - 1; k >= 0 && k >= last; k -= 1) {
    const phrase = byEnd.get(k + 1);
    if (phrase) return { phrase, distance: cue.tokenStart - k, sawAux };
    const token = tokens[k]!;
    if (token.normal === ',') {
      // "Ana Ruiz, 24, was killed", "Ana Ruiz, 40, of Conway, died", "Two victims, a man and a woman,
      // died": the subject stands before up to two asides set off by commas.
      let opening = appositiveOpening(tokens, k);
      if (opening !== undefined && !byEnd.has(opening)) opening = appositiveOpening(tokens, opening) ?? opening;
      if (opening === undefined) return undefined;
      const subject = byEnd.get(opening);
      if (subject) return { phrase: subject, distance: cue.tokenStart - opening, sawAux };
      k = opening;
      last = opening - APPOSITIVE_HEAD;
      continue;
    }
    if (units.has(k)) return undefined;
    // "the deputy who killed a man": whoever an active verb of a relative clause has before it did it.
    if (RELATIVE.has(token.normal) && !sawAux && ACTIVE_TOLL_LEMMAS.has(tokens[cue.tokenStart]!.lemma)) return undefined;
    const violentVerb = isViolentVerb(token);
    const joinsViolentVerb = token.normal === 'and' && tokens[k - 1] !== undefined && isViolentVerb(tokens[k - 1]!);
    if (!LEFT_PATH_POS.has(token.pos) && !LEFT_PATH_WORDS.has(token.normal) && !violentVerb && !joinsViolentVerb) return undefined;
    if (token.pos === 'AUX') sawAux = true;
  }
  return undefined;
}

function rightOf(tokens: readonly Token[], cue: Cue, byStart: Map<number, NumberPhrase>, units: Set<number>): Claim | undefined {
  for (let k = cue.tokenEnd; k < tokens.length && k - cue.tokenEnd <= RIGHT_WINDOW; k += 1) {
    const phrase = byStart.get(k);
    if (phrase) return units.has(phrase.tokenEnd) ? undefined : { phrase, distance: k - cue.tokenEnd + 1, sawAux: false };
    const token = tokens[k]!;
    // After a verb cue, "by" opens its agent ("those killed by the shooter", "wounded by two gunmen"), never its
    // victims; "by" still leads to a figure after a rise ("the toll rose by two").
    if (token.normal === 'by' && tokens[cue.tokenEnd - 1]!.pos === 'VERB') return undefined;
    const passes = RIGHT_PATH_POS.has(token.pos) || RIGHT_PATH_WORDS.has(token.normal) || (token.pos === 'VERB' && RISE_VERBS.has(token.lemma));
    if (!passes) return undefined;
  }
  return undefined;
}

function toQuantity(text: string, tokens: readonly Token[], phrase: NumberPhrase, cue: Cue, category: QuantityCategory, id: string): Quantity {
  const start = tokens[phrase.tokenStart]!.start;
  const end = tokens[phrase.tokenEnd - 1]!.end;
  const value = phrase.value;
  const quantity: Quantity = {
    id, start, end, text: text.slice(start, end), category, min: value, exact: !phrase.vague && !phrase.qualifier && phrase.max === undefined,
    cue: { start: tokens[cue.tokenStart]!.start, end: tokens[cue.tokenEnd - 1]!.end },
  };
  if (phrase.max !== undefined) {
    // A range gives both bounds itself; a hedge on it ("about 20 to 30") is kept as said.
    quantity.max = phrase.max;
    if (phrase.qualifier) quantity.qualifier = phrase.qualifier;
    return quantity;
  }
  switch (phrase.qualifier) {
    case undefined:
      if (phrase.vague) quantity.qualifier = 'vague';
      else quantity.max = value;
      break;
    case 'about':
      quantity.max = value;
      quantity.qualifier = 'about';
      break;
    case 'at least':
    case 'more than':
      quantity.qualifier = phrase.qualifier;
      break;
    case 'at most':
      // "nearly 200" is read as within a tenth below the figure.
      quantity.min = Math.ceil(value * 0.9);
      quantity.max = value;
      quantity.qualifier = 'at most';
      break;
    case 'up to':
    case 'fewer than':
      quantity.min = 0;
      quantity.max = value;
      quantity.qualifier = phrase.qualifier;
      break;
  }
  return quantity;
}

/**
 * Figures tied to what they count, in one sentence's tokens. A figure that cannot be a head count (a
 * fraction, or past PLAUSIBLE_MAX) still takes its cue, so the cue picks no other figure, but is
 * dropped, with a message through `report`.
 */
export function quantitiesInSentence(
  text: string, tokens: readonly Token[], nextId: () => string, lexicon: QuantityLexicon = getQuantityLexicon(), report?: Report,
): Quantity[] {
  const cues = findCues(tokens, lexicon);
  if (!cues.some((cue) => TOLL_CUES.has(cue.category) || cue.category === 'self')) return [];
  const figures = findNumberPhrases(tokens, lexicon).filter((p) => !isNotACount(tokens, p));
  const personNouns = new Set(cues.filter((cue) => cue.category === 'person').map((cue) => cue.tokenStart));
  const persons = singlePersons(tokens, (k) => personNouns.has(k))
    .filter((one) => !figures.some((p) => p.tokenStart < one.tokenEnd && one.tokenStart < p.tokenEnd));
  const phrases = [...figures, ...persons];
  if (phrases.length === 0) return [];
  const units = new Set(cues.filter((cue) => cue.category === 'not-people').map((cue) => cue.tokenStart));
  const byStart = new Map(phrases.map((p) => [p.tokenStart, p]));
  const byEnd = new Map(phrases.map((p) => [p.tokenEnd, p]));
  const found: Quantity[] = [];
  // Tolls first; then "shot" cues, which count the people hit and may share a toll's figure
  // ("two were shot and killed": two hit, two killed).
  for (const pass of [cues.filter((cue) => cue.category !== 'hit'), cues.filter((cue) => cue.category === 'hit')]) {
    const claimed = new Set<NumberPhrase>();
    for (const cue of pass) {
      if (!TOLL_CUES.has(cue.category)) continue;
      const left = leftOf(tokens, cue, byEnd, units);
      const right = rightOf(tokens, cue, byStart, units);
      // A phrase ending in a verb ("fatally shot") takes its object like the verb.
      const cueIsVerb = tokens[cue.tokenEnd - 1]!.pos === 'VERB' || cue.category === 'hit';
      const preferRight = right && cueIsVerb && right.distance <= OBJECT_DISTANCE && !(left?.sawAux);
      const pick = [preferRight ? right : left, preferRight ? left : right].find((c) => c && !claimed.has(c.phrase));
      if (!pick) continue;
      claimed.add(pick.phrase);
      const category: QuantityCategory = cue.category === 'hit' ? 'other' : cue.category as QuantityCategory;
      const span = { start: tokens[pick.phrase.tokenStart]!.start, end: tokens[pick.phrase.tokenEnd - 1]!.end };
      const written = text.slice(span.start, span.end);
      const problem = implausibility(pick.phrase, category, written.length > 40 ? `${written.slice(0, 39)}…` : written);
      if (problem) {
        report?.(IMPLAUSIBLE_FIGURE, 'warning', problem, span);
        continue;
      }
      found.push(toQuantity(text, tokens, pick.phrase, cue, category, nextId()));
    }
  }
  if (!found.some((q) => q.category === 'killed')) found.push(...oneDeaths(text, tokens, cues, nextId));
  const self = selfKilling(text, tokens, cues, found, nextId);
  if (self) found.push(self);
  return found.sort((a, b) => a.start - b.start);
}

/**
 * One who killed and then took their own life ("killing 2, then himself", "turned the gun on herself",
 * "the father committed suicide"): one killed, marked `self`, unless the sentence counted them already
 * ("killed himself", "his wife and then himself") or only intends it ("threatened to take his own life",
 * "did not commit suicide"). One per sentence: a sentence tells of one such death.
 */
function selfKilling(text: string, tokens: readonly Token[], cues: readonly Cue[], found: readonly Quantity[], nextId: () => string): Quantity | undefined {
  if (found.some((q) => q.category === 'killed' && (q.self || REFLEXIVE.test(q.text)))) return undefined;
  const cue = cues.find((c) => c.category === 'self' && tokens[c.tokenStart - 1]?.normal !== 'to' && !negated(tokens, c.tokenStart));
  if (!cue) return undefined;
  const start = tokens[cue.tokenStart]!.start;
  const end = tokens[cue.tokenEnd - 1]!.end;
  // Inside a figure already read ("killed his wife and then himself": 2), the killer is counted.
  if (found.some((q) => q.start < end && start < q.end)) return undefined;
  return { id: nextId(), start, end, text: text.slice(start, end), category: 'killed', min: 1, max: 1, exact: true, cue: { start, end }, self: true };
}

/**
 * "a homicide", "the fatal shooting of a teenager", "Accidental shooting death" (a headline): a noun naming
 * one death, opened by a determiner for one, is one killed ("a double homicide" two) in a sentence that
 * gives no killed figure otherwise; the first such noun only, as a sentence tells of one act once. Not an
 * attempt ("an attempted murder") nor after a number ("the 2009 fatal shooting", "the Nov. 3 killing").
 */
function oneDeaths(text: string, tokens: readonly Token[], cues: readonly Cue[], nextId: () => string): Quantity[] {
  const found: Quantity[] = [];
  for (const cue of cues) {
    if (!cue.one || negated(tokens, cue.tokenStart)) continue;
    const start = singlePhraseStart(tokens, cue.tokenStart) ?? multipleStart(tokens, cue.tokenStart);
    if (start === undefined) continue;
    const modifiers = tokens.slice(start, cue.tokenStart);
    if (modifiers.some((t) => t.pos === 'NUM' || ATTEMPT.test(t.normal))) continue;
    // "a double homicide", "the triple-murder": the deaths the one act took.
    const multiple = modifiers.map((t) => MULTIPLES.get(t.normal.replace(/-.*$/, ''))).find((value) => value !== undefined);
    const phrase: NumberPhrase = { tokenStart: start, tokenEnd: cue.tokenEnd, figureStart: start, value: multiple ?? 1, vague: false };
    found.push(toQuantity(text, tokens, phrase, cue, 'killed', nextId()));
  }
  return found.slice(0, 1);
}

const MULTIPLES = new Map([['double', 2], ['triple', 3], ['quadruple', 4], ['quintuple', 5]]);

/** A multiple opens the phrase of its death noun without a determiner: "police investigate early morning double homicide". */
function multipleStart(tokens: readonly Token[], head: number): number | undefined {
  const k = tokens[head - 1]?.normal === '-' ? head - 2 : head - 1;
  return k >= 0 && MULTIPLES.has(tokens[k]!.normal) ? k : undefined;
}
const ATTEMPT = /^attempt(?:ed|s)?$|^would-be$|^near$/;

/**
 * Casualty, displacement, arrest, missing and kidnapping figures, each tied to the word that says what
 * it counts. A figure with no such word nearby (a year, a price, an age) is not a quantity.
 */
export const findQuantities = () =>
  defineStage({
    name: 'quantities',
    version: 6,
    requires: ['sentences', 'tokens'],
    provides: ['quantities'],
    run(doc, ctx) {
      const lexicon = getQuantityLexicon();
      const tokens = doc.layers.tokens ?? [];
      const quantities: Quantity[] = [];
      let counter = 0;
      const nextId = () => `n${(counter += 1)}`;
      for (const sentence of doc.layers.sentences ?? []) {
        const slice = tokens.slice(sentence.tokenStart, sentence.tokenEnd);
        quantities.push(...quantitiesInSentence(doc.text, slice, nextId, lexicon, ctx.report));
      }
      return { quantities };
    },
  });
