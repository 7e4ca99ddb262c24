/**
 * A greedy left-to-right part-of-speech tagger (averaged perceptron over hashed features) that turns the
 * tags the tokens stage gives (wink's) into tags in the treebank's conventions, which the parser was
 * trained on. It sees the word, its suffixes and shape, its neighbours, the tags it has just given and
 * the incoming tag, so it mostly learns where wink's conventions differ and where wink is wrong.
 */
import { NONE, ROOT, TAG_COUNT, UPOS, WORD_BASE, normaliseWord, tagId, type Weights } from './features.js';
import { VALUE_WIDTH, hashValues, putFeature, scoreValues, tablesFor, type ScoringTables, type ValueSizes } from './dense.js';

export const TAG_CLASSES = UPOS.length;
/** Class c of the tagger is the tag id TAG_OFFSET + c. */
const TAG_OFFSET = TAG_COUNT - UPOS.length;
export const TAGGER_FEATURES = 23;

export interface TaggerModel {
  /** The parser's vocabulary, when the tagger has one: word ids below WORD_BASE plus its size are dense. */
  vocabulary?: ReadonlyMap<string, number>;
  taggerMask: number;
  taggerWeights: Weights;
}

/** Per-word inputs of the tagger that do not depend on the tags it gives. */
export interface TaggerInput {
  words: Int32Array;
  hints: Int32Array;
  /** A code of the whole word, whether or not it is in the vocabulary. */
  spelling: Int32Array;
  suffix4: Int32Array;
  suffix3: Int32Array;
  suffix2: Int32Array;
  prefix: Int32Array;
  shape: Int32Array;
}

function suffixCode(word: string, length: number): number {
  let code = length;
  for (let i = Math.max(0, word.length - length); i < word.length; i += 1) code = Math.imul(code, 31) + word.charCodeAt(i);
  return code;
}

const UPPER = /^\p{Lu}/u;
const ALL_UPPER = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;
const DIGIT = /\d/;
const LETTER = /\p{L}/u;

/** A few classes of how a word is written: capitals, digits, hyphens, no letters at all; below SHAPES. */
const SHAPES = 18;

function shapeOf(form: string): number {
  let shape = 0;
  if (UPPER.test(form)) shape = ALL_UPPER.test(form) && form.length > 1 ? 2 : 1;
  if (DIGIT.test(form)) shape += 3;
  else if (!LETTER.test(form)) shape += 6;
  if (form.indexOf('-') > 0) shape += 9;
  return shape;
}

/** How many codes spellingCodes writes: spelling, suffixes of four, three and two, prefix, shape. */
export const SPELLING_CODES = 6;

/** Writes the spelling codes of a word (`word` is normaliseWord(form)) into `out` from `at`. */
export function spellingCodes(form: string, word: string, out: Int32Array, at: number): void {
  out[at] = suffixCode(word, word.length);
  out[at + 1] = suffixCode(word, 4);
  out[at + 2] = suffixCode(word, 3);
  out[at + 3] = suffixCode(word, 2);
  out[at + 4] = suffixCode(word.slice(0, 2), 2);
  out[at + 5] = shapeOf(form);
}

/** An input whose per-word arrays (all but `words` and `hints`) are zero, for `n` words. */
export function emptyTaggerInput(words: Int32Array, hints: Int32Array, n: number): TaggerInput {
  return { words, hints, spelling: new Int32Array(n), suffix4: new Int32Array(n), suffix3: new Int32Array(n), suffix2: new Int32Array(n), prefix: new Int32Array(n), shape: new Int32Array(n) };
}

/** Copies spelling codes (as spellingCodes writes them, from `at`) into word `i` of an input. */
export function setSpelling(input: TaggerInput, i: number, codes: Int32Array, at: number): void {
  input.spelling[i] = codes[at]!;
  input.suffix4[i] = codes[at + 1]!;
  input.suffix3[i] = codes[at + 2]!;
  input.suffix2[i] = codes[at + 3]!;
  input.prefix[i] = codes[at + 4]!;
  input.shape[i] = codes[at + 5]!;
}

/**
 * `words` are the parser's word ids of `forms`, `hints` the tag ids the tokens stage gave, `normalised`
 * the forms through normaliseWord when the caller has them.
 */
export function taggerInput(forms: readonly string[], words: Int32Array, hints: Int32Array, normalised?: readonly string[]): TaggerInput {
  const n = forms.length;
  const input = emptyTaggerInput(words, hints, n);
  const codes = new Int32Array(SPELLING_CODES);
  for (let i = 0; i < n; i += 1) {
    spellingCodes(forms[i]!, normalised?.[i] ?? normaliseWord(forms[i]!), codes, 0);
    setSpelling(input, i, codes, 0);
  }
  return input;
}

const taggerScratch = new Int32Array(TAGGER_FEATURES * VALUE_WIDTH);

/** The hashed features of word `i` given the tags already chosen for the words before it. */
export function taggerFeatures(input: TaggerInput, i: number, tags: Int32Array, mask: number, out: Int32Array): number {
  const count = taggerValues(input, i, tags, taggerScratch);
  hashValues(taggerScratch, count, mask, out);
  return count;
}

/** Templates of taggerValues looked up densely at run time (see dense.ts); `wordIds` word ids. */
export function taggerValueSizes(wordIds: number): ValueSizes {
  const T = TAG_COUNT;
  const sizes: Array<readonly [number, number, number] | undefined> = [];
  for (const template of [1, 6, 7]) sizes[template] = [wordIds, 1, 1];
  sizes[5] = [SHAPES, 2, 1];
  for (const template of [8, 11]) sizes[template] = [T, 1, 1];
  for (const template of [9, 15]) sizes[template] = [T, T, 1];
  for (const template of [14, 24]) sizes[template] = [T, T, T];
  for (const template of [22, 23]) sizes[template] = [wordIds, 1, 1];
  return sizes;
}

/** The features of word `i` as values (see dense.ts) given the tags already chosen before it. */
export function taggerValues(input: TaggerInput, i: number, tags: Int32Array, out: Int32Array): number {
  const n = input.shape.length;
  const { words, hints, suffix3 } = input;
  const w0 = words[i]!;
  const h0 = hints[i]!;
  const previousWord = i > 0 ? words[i - 1]! : ROOT;
  const nextWord = i + 1 < n ? words[i + 1]! : ROOT;
  const previousTag = i > 0 ? tags[i - 1]! : ROOT;
  const beforeThatTag = i > 1 ? tags[i - 2]! : i > 0 ? ROOT : NONE;
  const nextHint = i + 1 < n ? hints[i + 1]! : ROOT;
  const previousHint = i > 0 ? hints[i - 1]! : ROOT;
  putFeature(out, 0, 1, w0, 0, 0);
  putFeature(out, 1, 2, suffix3[i]!, 0, 0);
  putFeature(out, 2, 3, input.suffix2[i]!, 0, 0);
  putFeature(out, 3, 4, input.prefix[i]!, 0, 0);
  putFeature(out, 4, 5, input.shape[i]!, i === 0 ? 1 : 0, 0);
  putFeature(out, 5, 6, previousWord, 0, 0);
  putFeature(out, 6, 7, nextWord, 0, 0);
  putFeature(out, 7, 8, previousTag, 0, 0);
  putFeature(out, 8, 9, beforeThatTag, previousTag, 0);
  putFeature(out, 9, 10, previousTag, w0, 0);
  putFeature(out, 10, 11, h0, 0, 0);
  putFeature(out, 11, 12, h0, w0, 0);
  putFeature(out, 12, 13, h0, suffix3[i]!, 0);
  putFeature(out, 13, 14, previousHint, h0, nextHint);
  putFeature(out, 14, 15, h0, previousTag, 0);
  putFeature(out, 15, 16, w0, nextWord, 0);
  putFeature(out, 16, 17, i + 1 < n ? suffix3[i + 1]! : 0, h0, 0);
  putFeature(out, 17, 18, previousWord, w0, 0);
  putFeature(out, 18, 19, input.spelling[i]!, 0, 0);
  putFeature(out, 19, 20, input.suffix4[i]!, 0, 0);
  putFeature(out, 20, 22, i + 2 < n ? words[i + 2]! : ROOT, 0, 0);
  putFeature(out, 21, 23, i > 1 ? words[i - 2]! : ROOT, 0, 0);
  putFeature(out, 22, 24, previousTag, h0, nextHint);
  return TAGGER_FEATURES;
}

const taggerValuesBuffer = new Int32Array(TAGGER_FEATURES * VALUE_WIDTH);
const taggerScores = new Float64Array(TAG_CLASSES);

/** The tagger's weights with their dense rows (see dense.ts), gathered once per model. */
function taggerTables(model: TaggerModel): ScoringTables {
  return tablesFor(model.taggerWeights, TAG_CLASSES, model.taggerMask, () => taggerValueSizes(model.vocabulary ? WORD_BASE + model.vocabulary.size : 0));
}

/** Tag ids for a sentence, left to right, each chosen with the ones before it known. */
export function tagSentence(model: TaggerModel, input: TaggerInput): Int32Array {
  const n = input.shape.length;
  const tags = new Int32Array(n + 1);
  tags[n] = ROOT;
  const tables = taggerTables(model);
  const scores = taggerScores;
  for (let i = 0; i < n; i += 1) {
    const count = taggerValues(input, i, tags, taggerValuesBuffer);
    scoreValues(tables, taggerValuesBuffer, count, scores);
    let best = 0;
    for (let c = 1; c < TAG_CLASSES; c += 1) if (scores[c]! > scores[best]!) best = c;
    tags[i] = classTag(best);
  }
  return tags;
}

/** The tag id of a tagger class. */
export function classTag(c: number): number {
  return TAG_OFFSET + c;
}

/** The tagger class of a tag id (X for ids that are no tag). */
export function tagClass(tag: number): number {
  const c = tag - TAG_OFFSET;
  return c >= 0 && c < TAG_CLASSES ? c : tagId('X') - TAG_OFFSET;
}
