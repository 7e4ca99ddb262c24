/**
 * Training of the dependency parser: an averaged perceptron for the transitions, trained with the
 * dynamic oracle on the projective sentences, and one for the labels, trained on the gold trees.
 * Deterministic: the same sentences, options and seed give the same weights.
 */
import { CANDIDATE_KEYS, candidateKey, childrenOf, labelFeatureCapacity, labelFeatures } from '../../src/models/parser/labels.js';
import { ROOT, WORD_BASE, normaliseWord, scoreFeatures, tagId, wordId } from '../../src/models/parser/features.js';
import { allowedLabels, scoreCandidates, type ParserModel } from '../../src/models/parser/parser.js';
import { tagSentence, taggerInput, type TaggerInput } from '../../src/models/parser/tagger.js';
import { MOVE_COUNT, TRANSITION_FEATURES, apply, initialState, isTerminal, isValid, transitionFeatures } from '../../src/models/parser/transitions.js';
import type { TreebankSentence } from './conllu.js';
import { isProjective } from './conllu.js';
import { moveCost } from './oracle.js';
import { seededRandom, shuffle } from '../../src/util/random.js';
import { AveragedPerceptron } from './perceptron.js';
import { trainTagger, type TaggerExample } from './train-tagger.js';

/** A treebank sentence (gold tags, heads, relations) and the tags the tokens stage gives its words. */
export interface TrainingSentence {
  words: TreebankSentence['words'];
  hints: readonly string[];
}

export interface TrainingOptions {
  seed: number;
  /** Passes over the training sentences for the transition model and for the label model. */
  epochs: number;
  labelEpochs: number;
  /** Words seen fewer times are not in the vocabulary (their word features fall into shape classes). */
  minWordCount: number;
  transitionBuckets: number;
  labelBuckets: number;
  /** Chance of following the model's own (possibly wrong) move after the first epoch. */
  exploration: number;
  taggerEpochs: number;
  taggerBuckets: number;
  /**
   * The parser learns from tags its tagger predicted, for each of this many parts of the training set
   * by a tagger trained on the other parts ("jackknifing"), so that it learns to live with tagging
   * errors; below 2 it learns from the gold tags.
   */
  jackknifeFolds: number;
  log?: (line: string) => void;
}

export const DEFAULT_OPTIONS: TrainingOptions = {
  seed: 20261201,
  epochs: 10,
  labelEpochs: 6,
  minWordCount: 5,
  transitionBuckets: 1 << 18,
  labelBuckets: 1 << 15,
  exploration: 0.9,
  taggerEpochs: 6,
  taggerBuckets: 1 << 16,
  jackknifeFolds: 5,
};

export interface TrainingReport {
  sentences: number;
  words: number;
  /** Sentences left out of transition training because their tree has crossing arcs. */
  nonProjective: number;
  vocabulary: number;
}

interface Encoded {
  words: Int32Array;
  tagger: TaggerInput;
  gold: Int32Array;
  /** The tags the parser learns from (predicted or gold), with the root's after the last word. */
  tags: Int32Array;
  heads: Int32Array;
  labels: Int32Array;
  projective: boolean;
}

function buildVocabulary(sentences: readonly TrainingSentence[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const sentence of sentences) for (const word of sentence.words) {
    const key = normaliseWord(word.form);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([word]) => word);
}

/** The labels each (head tag, dependent tag, side) has in the training trees, in label order. */
function candidateLists(sentences: readonly Encoded[], rootLabel: number): Int32Array[] {
  const seen = Array.from({ length: CANDIDATE_KEYS }, () => new Set<number>());
  for (const sentence of sentences) {
    const n = sentence.heads.length;
    for (let d = 0; d < n; d += 1) {
      const head = sentence.heads[d]!;
      if (head !== n && sentence.labels[d] !== rootLabel) seen[candidateKey(sentence.tags[head]!, sentence.tags[d]!, d < head)]!.add(sentence.labels[d]!);
    }
  }
  return seen.map((labels) => Int32Array.from([...labels].sort((a, b) => a - b)));
}

export function trainParser(sentences: readonly TrainingSentence[], partial: Partial<TrainingOptions> = {}): { model: ParserModel; report: TrainingReport } {
  const options = { ...DEFAULT_OPTIONS, ...partial };
  const log = options.log ?? (() => undefined);
  const words = buildVocabulary(sentences, options.minWordCount);
  const vocabulary = new Map(words.map((word, i) => [word, WORD_BASE + i]));
  const labels = [...new Set(['root', ...sentences.flatMap((s) => s.words.map((w) => w.deprel))])].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const encoded: Encoded[] = sentences.map((sentence) => {
    const n = sentence.words.length;
    const words = Int32Array.from([...sentence.words.map((w) => wordId(vocabulary, w.form)), ROOT]);
    const hints = Int32Array.from([...sentence.hints.map(tagId), ROOT]);
    const gold = Int32Array.from([...sentence.words.map((w) => tagId(w.upos)), ROOT]);
    const heads = Int32Array.from(sentence.words, (w) => (w.head < 0 ? n : w.head));
    const arcLabels = Int32Array.from(sentence.words, (w) => labelIndex.get(w.deprel)!);
    const rootCount = sentence.words.filter((w) => w.head < 0).length;
    const tagger = taggerInput(sentence.words.map((w) => w.form), words, hints);
    return { words, tagger, gold, tags: gold, heads, labels: arcLabels, projective: rootCount === 1 && isProjective(sentence.words.map((w) => w.head)) };
  });
  const random = seededRandom(options.seed);
  const taggerModel = (examples: readonly Encoded[]) => ({
    taggerMask: options.taggerBuckets - 1,
    taggerWeights: trainTagger(examples.map((e): TaggerExample => ({ input: e.tagger, gold: e.gold })), options.taggerBuckets, options.taggerEpochs, random, log),
  });
  const tagger = taggerModel(encoded);
  if (options.jackknifeFolds >= 2) {
    for (let fold = 0; fold < options.jackknifeFolds; fold += 1) {
      const foldTagger = taggerModel(encoded.filter((_, i) => i % options.jackknifeFolds !== fold));
      encoded.forEach((sentence, i) => {
        if (i % options.jackknifeFolds === fold) sentence.tags = tagSentence(foldTagger, sentence.tagger);
      });
      log(`jackknife fold ${fold + 1} of ${options.jackknifeFolds} tagged`);
    }
  }
  const transitions = new AveragedPerceptron(options.transitionBuckets, MOVE_COUNT);
  const transitionMask = options.transitionBuckets - 1;
  const projective = encoded.filter((e) => e.projective);
  const features = new Int32Array(TRANSITION_FEATURES);
  const scores = new Float64Array(MOVE_COUNT);
  const costs = new Int32Array(MOVE_COUNT);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(projective, random);
    let correct = 0;
    let total = 0;
    for (const sentence of projective) {
      const state = initialState(sentence.words, sentence.tags);
      while (!isTerminal(state)) {
        const count = transitionFeatures(state, transitionMask, features);
        scoreFeatures(transitions.weights, MOVE_COUNT, features, count, scores);
        let predicted = -1;
        let best = -1;
        for (let move = 0; move < MOVE_COUNT; move += 1) {
          if (!isValid(state, move)) continue;
          costs[move] = moveCost(state, sentence.heads, move);
          if (predicted < 0 || scores[move]! > scores[predicted]!) predicted = move;
        }
        let lowest = Infinity;
        for (let move = 0; move < MOVE_COUNT; move += 1) if (isValid(state, move)) lowest = Math.min(lowest, costs[move]!);
        for (let move = 0; move < MOVE_COUNT; move += 1) {
          if (isValid(state, move) && costs[move] === lowest && (best < 0 || scores[move]! > scores[best]!)) best = move;
        }
        if (costs[predicted] !== lowest) transitions.update(features, count, best, predicted);
        else correct += 1;
        total += 1;
        transitions.tick();
        apply(state, epoch > 0 && random() < options.exploration ? predicted : best);
      }
    }
    log(`transitions epoch ${epoch + 1}: ${(correct / total).toFixed(4)} of moves right`);
  }
  const labelCandidates = allowedLabels(candidateLists(encoded, labelIndex.get('root')!), labels);
  const labeller = new AveragedPerceptron(options.labelBuckets, labels.length);
  const labelMask = options.labelBuckets - 1;
  const order = [...encoded];
  const labelScores = new Float64Array(labels.length);
  for (let epoch = 0; epoch < options.labelEpochs; epoch += 1) {
    shuffle(order, random);
    let correct = 0;
    let total = 0;
    for (const sentence of order) {
      const n = sentence.heads.length;
      const children = childrenOf(sentence.heads);
      const arcFeatures = new Int32Array(labelFeatureCapacity(n));
      for (let d = 0; d < n; d += 1) {
        const head = sentence.heads[d]!;
        if (head === n) continue;
        const candidates = labelCandidates[candidateKey(sentence.tags[head]!, sentence.tags[d]!, d < head)]!;
        if (candidates.length === 1) continue;
        const count = labelFeatures(d, sentence.heads, children, sentence.words, sentence.tags, labelMask, arcFeatures);
        scoreCandidates(labeller.weights, labels.length, arcFeatures, count, candidates, labelScores);
        let best = 0;
        for (let c = 1; c < candidates.length; c += 1) if (labelScores[c]! > labelScores[best]!) best = c;
        const predicted = candidates[best]!;
        const gold = sentence.labels[d]!;
        if (predicted !== gold) labeller.update(arcFeatures, count, gold, predicted);
        else correct += 1;
        total += 1;
        labeller.tick();
      }
    }
    log(`labels epoch ${epoch + 1}: ${(correct / total).toFixed(4)} of labels right (where more than one is possible)`);
  }
  return {
    model: {
      vocabulary,
      labels,
      transitionMask,
      labelMask,
      transitionWeights: transitions.averaged(),
      labelWeights: labeller.averaged(),
      labelCandidates,
      ...tagger,
    },
    report: {
      sentences: sentences.length,
      words: sentences.reduce((sum, s) => sum + s.words.length, 0),
      nonProjective: encoded.length - projective.length,
      vocabulary: words.length,
    },
  };
}
