/**
 * Feature extraction for the dependency parser, shared by the runtime and the trainer so that both see
 * exactly the same features. Words and tags are small integers; a feature is a template number and up
 * to three of those integers, hashed into a fixed number of buckets (a power of two).
 */

/** Universal POS tags; anything else (wink's SPACE, unknown tags) counts as X. */
export const UPOS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X'] as const;

/** Ids shared by words and tags: no token at that position, and the artificial root. */
export const NONE = 0;
export const ROOT = 1;
const TAG_BASE = 2;
const TAG_ID = new Map<string, number>(UPOS.map((tag, i) => [tag, TAG_BASE + i]));
const TAG_X = TAG_ID.get('X')!;
export const TAG_COUNT = TAG_BASE + UPOS.length;
export const TAG_ADP = TAG_ID.get('ADP')!;
export const TAG_AUX = TAG_ID.get('AUX')!;
export const TAG_PART = TAG_ID.get('PART')!;
export const TAG_SCONJ = TAG_ID.get('SCONJ')!;
export const TAG_DET = TAG_ID.get('DET')!;
export const TAG_PRON = TAG_ID.get('PRON')!;
export const TAG_CCONJ = TAG_ID.get('CCONJ')!;

export function tagId(tag: string): number {
  return TAG_ID.get(tag) ?? TAG_X;
}

/** Word ids below this are classes of words outside the vocabulary; the vocabulary starts here. */
export const WORD_BASE = 6;
const UNKNOWN_LOWER = 2;
const UNKNOWN_CAPITALISED = 3;
const UNKNOWN_NUMBER = 4;
const UNKNOWN_OTHER = 5;

const DIGIT = /\d/g;
const HAS_DIGIT = /\d/;
const SINGLE_QUOTE = /[’‘]/g;
const DOUBLE_QUOTE = /[“”]/g;

/** The form a word is looked up by: lower case, straight quotes, every digit a 0. */
export function normaliseWord(form: string): string {
  let word = form.toLowerCase();
  if (word.indexOf('’') >= 0 || word.indexOf('‘') >= 0) word = word.replace(SINGLE_QUOTE, "'");
  if (word.indexOf('“') >= 0 || word.indexOf('”') >= 0) word = word.replace(DOUBLE_QUOTE, '"');
  return HAS_DIGIT.test(word) ? word.replace(DIGIT, '0') : word;
}

const STARTS_WITH_LETTER = /^\p{L}/u;

/** The id of a word; `normalised` is normaliseWord(form) when the caller has it already. */
export function wordId(vocabulary: ReadonlyMap<string, number>, form: string, normalised = normaliseWord(form)): number {
  const known = vocabulary.get(normalised);
  if (known !== undefined) return known;
  if (HAS_DIGIT.test(form)) return UNKNOWN_NUMBER;
  if (!STARTS_WITH_LETTER.test(form)) return UNKNOWN_OTHER;
  return form[0] !== form[0]!.toLowerCase() ? UNKNOWN_CAPITALISED : UNKNOWN_LOWER;
}

/** A 32-bit mix of a template number and three values; `mask` is the bucket count minus one. */
export function hashFeature(template: number, a: number, b: number, c: number, mask: number): number {
  let h = Math.imul(a ^ Math.imul(template, 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  return (h ^ (h >>> 15)) & mask;
}

/** Distance between two positions in a few classes: 1, 2, 3, 4, 5–6, 7–9, 10+. */
export function distanceClass(distance: number): number {
  if (distance <= 4) return distance;
  if (distance <= 6) return 5;
  return distance <= 9 ? 6 : 7;
}

export type Weights = Int16Array | Float32Array;

/** Adds the weight rows of `count` features into `scores` (one score per class). */
export function scoreFeatures(weights: Weights, classes: number, features: Int32Array, count: number, scores: Float64Array): void {
  scores.fill(0, 0, classes);
  for (let f = 0; f < count; f += 1) {
    const row = features[f]! * classes;
    for (let c = 0; c < classes; c += 1) scores[c]! += weights[row + c]!;
  }
}
