/**
 * Greedy dependency parsing with learned weights: the arc-hybrid transition system scored by one linear
 * model over hashed features, then one label per arc from a second linear model. Pure functions of the
 * weights and the sentence; the weights are trained by train/parser and loaded by ./load.ts.
 */
import { VALUE_WIDTH, scoreValueCandidates, scoreValues, tablesFor } from './dense.js';
import { ROOT, UPOS, WORD_BASE, normaliseWord, tagId, wordId, type Weights } from './features.js';
import { candidateKey, childrenOf, labelFeatureCapacity, labelValueSizes, labelValues } from './labels.js';
import { tagClass, tagSentence, type TaggerModel } from './tagger.js';
import { encodeTokens } from './words.js';
import { MOVE_COUNT, TRANSITION_FEATURES, apply, initialState, isTerminal, isValid, transitionValueSizes, transitionValues } from './transitions.js';

export type { Weights };

export interface ParserModel extends TaggerModel {
  /** Frequent words (normalised, see normaliseWord) and their ids; other words fall into a few classes. */
  vocabulary: ReadonlyMap<string, number>;
  /** Dependency relations; `root` is the label of the word the root governs. */
  labels: readonly string[];
  /** Bucket count minus one (a power of two minus one) of each weight table. */
  transitionMask: number;
  labelMask: number;
  /** `transitionMask + 1` rows of one weight per move, and `labelMask + 1` rows of one per label. */
  transitionWeights: Weights;
  labelWeights: Weights;
  /** For each candidateKey, the labels to choose among (never `root`); all but `root` when empty. */
  labelCandidates: readonly Int32Array[];
}

export interface ParserToken {
  form: string;
  /** Universal POS tag. */
  upos: string;
}

export interface Parse {
  /** Head of each word as an index into the sentence, -1 for the word the root governs. */
  heads: number[];
  deprels: string[];
}

/** Word and tag ids of a sentence, with the root's ids after the last word, and the normalised forms. */
export function encodeSentence(model: Pick<ParserModel, 'vocabulary'>, tokens: readonly ParserToken[]): { words: Int32Array; tags: Int32Array; normalised: string[] } {
  const n = tokens.length;
  const words = new Int32Array(n + 1);
  const tags = new Int32Array(n + 1);
  const normalised: string[] = new Array(n);
  for (let i = 0; i < n; i += 1) {
    const form = tokens[i]!.form;
    normalised[i] = normaliseWord(form);
    words[i] = wordId(model.vocabulary, form, normalised[i]);
    tags[i] = tagId(tokens[i]!.upos);
  }
  words[n] = ROOT;
  tags[n] = ROOT;
  return { words, tags, normalised };
}

const transitionValuesBuffer = new Int32Array(TRANSITION_FEATURES * VALUE_WIDTH);
const moveScores = new Float64Array(MOVE_COUNT);

/** Unlabelled heads (`n` for the root) of an encoded sentence. */
export function parseHeads(model: Pick<ParserModel, 'vocabulary' | 'transitionMask' | 'transitionWeights'>, words: Int32Array, tags: Int32Array): Int32Array {
  const tables = tablesFor(model.transitionWeights, MOVE_COUNT, model.transitionMask, () => transitionValueSizes(WORD_BASE + model.vocabulary.size));
  const state = initialState(words, tags);
  const values = transitionValuesBuffer;
  const scores = moveScores;
  while (!isTerminal(state)) {
    const count = transitionValues(state, values);
    scoreValues(tables, values, count, scores);
    let best = -1;
    for (let move = 0; move < MOVE_COUNT; move += 1) {
      if (isValid(state, move) && (best < 0 || scores[move]! > scores[best]!)) best = move;
    }
    apply(state, best);
  }
  return state.heads;
}

/** The labels a candidate list allows; an empty list allows every label but `root`. */
export function allowedLabels(candidates: readonly Int32Array[], labels: readonly string[]): Int32Array[] {
  const everyLabel = Int32Array.from(labels.flatMap((label, i) => (label === 'root' ? [] : [i])));
  return candidates.map((list) => (list.length > 0 ? list : everyLabel));
}

/** Adds the weights of `count` features for the `candidates` classes only into `scores[0..]`. */
export function scoreCandidates(weights: Weights, classes: number, features: Int32Array, count: number, candidates: Int32Array, scores: Float64Array): void {
  const k = candidates.length;
  scores.fill(0, 0, k);
  for (let f = 0; f < count; f += 1) {
    const row = features[f]! * classes;
    for (let c = 0; c < k; c += 1) scores[c]! += weights[row + candidates[c]!]!;
  }
}

let labelValuesBuffer = new Int32Array(0);
let labelScores = new Float64Array(0);

/** A label index for every word, `root` exactly for the word the root governs. */
export function labelArcs(model: Pick<ParserModel, 'labels' | 'labelMask' | 'labelWeights' | 'labelCandidates'>, heads: Int32Array, words: Int32Array, tags: Int32Array): Int32Array {
  const n = heads.length;
  const classes = model.labels.length;
  const tables = tablesFor(model.labelWeights, classes, model.labelMask, labelValueSizes);
  const rootLabel = model.labels.indexOf('root');
  const children = childrenOf(heads);
  if (labelValuesBuffer.length < labelFeatureCapacity(n) * VALUE_WIDTH) labelValuesBuffer = new Int32Array(labelFeatureCapacity(n) * VALUE_WIDTH);
  if (labelScores.length < classes) labelScores = new Float64Array(classes);
  const values = labelValuesBuffer;
  const scores = labelScores;
  const labels = new Int32Array(n);
  for (let d = 0; d < n; d += 1) {
    const head = heads[d]!;
    if (head === n) {
      labels[d] = rootLabel;
      continue;
    }
    const candidates = model.labelCandidates[candidateKey(tags[head]!, tags[d]!, d < head)]!;
    if (candidates.length === 1) {
      labels[d] = candidates[0]!;
      continue;
    }
    const count = labelValues(d, heads, children, words, tags, values);
    scoreValueCandidates(tables, values, count, candidates, scores);
    let best = 0;
    for (let c = 1; c < candidates.length; c += 1) if (scores[c]! > scores[best]!) best = c;
    labels[d] = candidates[best]!;
  }
  return labels;
}

function finish(model: ParserModel, words: Int32Array, tags: Int32Array): Parse {
  const n = words.length - 1;
  const heads = parseHeads(model, words, tags);
  const labels = labelArcs(model, heads, words, tags);
  return {
    heads: Array.from(heads, (head) => (head === n ? -1 : head)),
    deprels: Array.from(labels, (label) => model.labels[label]!),
  };
}

/**
 * Heads and relations of one sentence as the tokens stage gives it: `upos` is the tokens stage's tag,
 * which the model's own tagger turns into the treebank-style tag the parser was trained on.
 */
export function parseSentence(model: ParserModel, tokens: readonly ParserToken[]): Parse {
  if (tokens.length === 0) return { heads: [], deprels: [] };
  const { words, tagger } = encodeTokens(model.vocabulary, tokens);
  return finish(model, words, tagSentence(model, tagger));
}

/** The treebank-style tags the model's tagger gives a sentence as the tokens stage gives it. */
export function tagTokens(model: ParserModel, tokens: readonly ParserToken[]): string[] {
  const tags = tagSentence(model, encodeTokens(model.vocabulary, tokens).tagger);
  return Array.from(tags.subarray(0, tokens.length), (tag) => UPOS[tagClass(tag)]!);
}

/** Heads and relations of a sentence whose `upos` are already treebank-style tags (gold, for evaluation). */
export function parseTaggedSentence(model: ParserModel, tokens: readonly ParserToken[]): Parse {
  if (tokens.length === 0) return { heads: [], deprels: [] };
  const { words, tags } = encodeSentence(model, tokens);
  return finish(model, words, tags);
}
