/**
 * Trains the NER tagger (src/models/ner/tagger.ts): a greedy averaged perceptron that learns from its own
 * earlier choices (the classes it gave the tokens before, as at run time). When the gold class cannot
 * follow the class chosen before (an I- after a token outside the name), the tagger is taught to open the
 * name there instead, which is the best it can still do. Sentences are visited in a seeded order; after
 * each epoch the averaged weights are scored on the dev sentences and the best epoch's are kept.
 */
import { VALUE_WIDTH, hashValues } from '../../src/models/parser/dense.js';
import { scoreFeatures } from '../../src/models/parser/features.js';
import { CLASSES, EncodedSentence, FEATURES, FormMemory, OUTSIDE, START, beginClass, classType, nerValues } from '../../src/models/ner/features.js';
import { gazetteerNames, type NerLexicon } from '../../src/models/ner/lexicon.js';
import { allowed, bestAllowed, decode, type NerModel } from '../../src/models/ner/tagger.js';
import { isShouting } from '../../src/stages/entities/text.js';
import { seededRandom } from '../../src/util/random.js';
import type { LabelledSentence } from './data.js';
import { spanKeys } from './data.js';
import { AveragedPerceptron } from '../parser/perceptron.js';

export interface NerTrainingOptions {
  /** The most epochs; the best on the dev sentences is kept. */
  epochs: number;
  buckets: number;
  seed: number;
  log?: (line: string) => void;
}

export const DEFAULT_NER_OPTIONS: NerTrainingOptions = { epochs: 24, buckets: 1 << 18, seed: 20261201 };

export interface Example {
  sentence: EncodedSentence;
  classes: Int32Array;
}

/** Encodes labelled sentences once (forms through `memory`, so they are coded as at run time). */
export function encodeExamples(memory: FormMemory, sentences: readonly LabelledSentence[]): Example[] {
  let lastText = '';
  let lower: string | undefined;
  return sentences.map(({ text, tokens, from, to, classes }) => {
    if (text !== lastText) {
      const lowered = text.toLowerCase();
      lower = lowered.length === text.length ? lowered : undefined;
      lastText = text;
    }
    const sentence = new EncodedSentence(Math.max(1, to - from));
    const headline = to > from && isShouting(text, tokens[from]!.start, tokens[to - 1]!.end);
    sentence.encode(memory, text, tokens, from, to, gazetteerNames(text, lower, tokens, from, to), headline);
    return { sentence, classes };
  });
}

export interface SpanScores {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
}

const rounded = (value: number) => Math.round(value * 10000) / 10000;

/** Micro P/R/F1 of exact spans (first and last token and type) on encoded sentences. */
export function scoreExamples(weights: Float32Array | Int16Array, mask: number, examples: readonly Example[]): SpanScores {
  let matched = 0;
  let predicted = 0;
  let gold = 0;
  let classes = new Int32Array(256);
  for (const { sentence, classes: goldClasses } of examples) {
    if (classes.length < sentence.n) classes = new Int32Array(sentence.n * 2);
    decode(weights, mask, sentence, classes);
    const want = spanKeys(goldClasses, sentence.n);
    const got = spanKeys(classes, sentence.n);
    gold += want.size;
    predicted += got.size;
    for (const key of got) if (want.has(key)) matched += 1;
  }
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: rounded(precision), recall: rounded(recall), f1: rounded(f1), gold };
}

export interface NerTrainingReport {
  examples: number;
  tokens: number;
  /** Gold names that open on a token the tagger never scores (see tagger.ts), so it cannot find them. */
  unreachableNames: number;
  epochs: Array<{ epoch: number; errors: number; dev?: SpanScores }>;
  bestEpoch: number;
}

/** A trained model (unquantised weights) and how training went. */
export function trainNer(train: readonly Example[], dev: readonly Example[], lexicon: NerLexicon, options: NerTrainingOptions): { model: NerModel; report: NerTrainingReport } {
  const log = options.log ?? (() => undefined);
  const mask = options.buckets - 1;
  const perceptron = new AveragedPerceptron(options.buckets, CLASSES);
  const random = seededRandom(options.seed);
  const order = train.map((_, i) => i);
  const values = new Int32Array(FEATURES * VALUE_WIDTH);
  const features = new Int32Array(FEATURES);
  const scores = new Float64Array(CLASSES);
  let chosen = new Int32Array(256);
  const report: NerTrainingReport = { examples: train.length, tokens: 0, unreachableNames: 0, epochs: [], bestEpoch: 0 };
  for (const { sentence, classes } of train) {
    report.tokens += sentence.n;
    for (let i = 0; i < sentence.n; i += 1) {
      const c = classes[i]!;
      if (c !== OUTSIDE && c === beginClass(classType(c)) && sentence.settled(i, OUTSIDE)) report.unreachableNames += 1;
    }
  }
  let best: Float32Array | undefined;
  let bestF1 = -1;
  for (let epoch = 1; epoch <= options.epochs; epoch += 1) {
    const started = performance.now();
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const index of order) {
      const { sentence, classes: gold } = train[index]!;
      if (chosen.length < sentence.n) chosen = new Int32Array(sentence.n * 2);
      for (let i = 0; i < sentence.n; i += 1) {
        const previous = i > 0 ? chosen[i - 1]! : START;
        if (sentence.settled(i, previous)) {
          chosen[i] = OUTSIDE;
          continue;
        }
        const count = nerValues(sentence, i, chosen, values);
        hashValues(values, count, mask, features);
        scoreFeatures(perceptron.weights, CLASSES, features, count, scores);
        const guess = bestAllowed(scores, previous);
        let want = gold[i]!;
        if (!allowed(want, previous)) want = beginClass(classType(want));
        if (guess !== want) {
          perceptron.update(features, count, want, guess);
          errors += 1;
        }
        perceptron.tick();
        chosen[i] = guess;
      }
    }
    const averaged = perceptron.averaged();
    const entry: NerTrainingReport['epochs'][number] = { epoch, errors };
    if (dev.length > 0) entry.dev = scoreExamples(averaged, mask, dev);
    report.epochs.push(entry);
    const f1 = entry.dev?.f1 ?? epoch;
    if (f1 > bestF1) {
      bestF1 = f1;
      best = averaged;
      report.bestEpoch = epoch;
    }
    log(`epoch ${epoch}: ${errors} errors${entry.dev ? `, dev span F1 ${entry.dev.f1} (P ${entry.dev.precision} R ${entry.dev.recall})` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { model: { mask, weights: best ?? perceptron.averaged(), scale: 1, lexicon }, report };
}
