/**
 * A greedy left-to-right part-of-speech tagger (averaged perceptron over hashed features) that turns the
 * tags the tokens stage gives (wink's) into tags in the treebank's conventions, which the parser was
 * trained on. It sees the word, its suffixes and shape, its neighbours, the tags it has just given and
 * the incoming tag, so it mostly learns where wink's conventions differ and where wink is wrong.
 */
import { NONE, ROOT, TAG_COUNT, UPOS, hashFeature, normaliseWord, scoreFeatures, tagId, type Weights } from './features.js';

export const TAG_CLASSES = UPOS.length;
/** Class c of the tagger is the tag id TAG_OFFSET + c. */
const TAG_OFFSET = TAG_COUNT - UPOS.length;
export const TAGGER_FEATURES = 20;

export interface TaggerModel {
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

/** A few classes of how a word is written: capitals, digits, hyphens, no letters at all. */
function shapeOf(form: string): number {
  let shape = 0;
  if (UPPER.test(form)) shape = ALL_UPPER.test(form) && form.length > 1 ? 2 : 1;
  if (DIGIT.test(form)) shape += 3;
  else if (!LETTER.test(form)) shape += 6;
  if (form.indexOf('-') > 0) shape += 9;
  return shape;
}

/**
 * `words` are the parser's word ids of `forms`, `hints` the tag ids the tokens stage gave, `normalised`
 * the forms through normaliseWord when the caller has them.
 */
export function taggerInput(forms: readonly string[], words: Int32Array, hints: Int32Array, normalised?: readonly string[]): TaggerInput {
  const n = forms.length;
  const input: TaggerInput = {
    words,
    hints,
    spelling: new Int32Array(n),
    suffix4: new Int32Array(n),
    suffix3: new Int32Array(n),
    suffix2: new Int32Array(n),
    prefix: new Int32Array(n),
    shape: new Int32Array(n),
  };
  for (let i = 0; i < n; i += 1) {
    const word = normalised?.[i] ?? normaliseWord(forms[i]!);
    input.spelling[i] = suffixCode(word, word.length);
    input.suffix4[i] = suffixCode(word, 4);
    input.suffix3[i] = suffixCode(word, 3);
    input.suffix2[i] = suffixCode(word, 2);
    input.prefix[i] = suffixCode(word.slice(0, 2), 2);
    input.shape[i] = shapeOf(forms[i]!);
  }
  return input;
}

/** The hashed features of word `i` given the tags already chosen for the words before it. */
export function taggerFeatures(input: TaggerInput, i: number, tags: Int32Array, mask: number, out: Int32Array): number {
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
  out[0] = hashFeature(1, w0, 0, 0, mask);
  out[1] = hashFeature(2, suffix3[i]!, 0, 0, mask);
  out[2] = hashFeature(3, input.suffix2[i]!, 0, 0, mask);
  out[3] = hashFeature(4, input.prefix[i]!, 0, 0, mask);
  out[4] = hashFeature(5, input.shape[i]!, i === 0 ? 1 : 0, 0, mask);
  out[5] = hashFeature(6, previousWord, 0, 0, mask);
  out[6] = hashFeature(7, nextWord, 0, 0, mask);
  out[7] = hashFeature(8, previousTag, 0, 0, mask);
  out[8] = hashFeature(9, beforeThatTag, previousTag, 0, mask);
  out[9] = hashFeature(10, previousTag, w0, 0, mask);
  out[10] = hashFeature(11, h0, 0, 0, mask);
  out[11] = hashFeature(12, h0, w0, 0, mask);
  out[12] = hashFeature(13, h0, suffix3[i]!, 0, mask);
  out[13] = hashFeature(14, previousHint, h0, nextHint, mask);
  out[14] = hashFeature(15, h0, previousTag, 0, mask);
  out[15] = hashFeature(16, w0, nextWord, 0, mask);
  out[16] = hashFeature(17, i + 1 < n ? suffix3[i + 1]! : 0, h0, 0, mask);
  out[17] = hashFeature(18, previousWord, w0, 0, mask);
  out[18] = hashFeature(19, input.spelling[i]!, 0, 0, mask);
  out[19] = hashFeature(20, input.suffix4[i]!, 0, 0, mask);
  return TAGGER_FEATURES;
}

/** Tag ids for a sentence, left to right, each chosen with the ones before it known. */
export function tagSentence(model: TaggerModel, input: TaggerInput): Int32Array {
  const n = input.shape.length;
  const tags = new Int32Array(n + 1);
  tags[n] = ROOT;
  const features = new Int32Array(TAGGER_FEATURES);
  const scores = new Float64Array(TAG_CLASSES);
  for (let i = 0; i < n; i += 1) {
    const count = taggerFeatures(input, i, tags, model.taggerMask, features);
    scoreFeatures(model.taggerWeights, TAG_CLASSES, features, count, scores);
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
