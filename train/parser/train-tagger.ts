/** Training of the tagger that maps the tokens stage's tags to treebank tags (see src/models/parser/tagger.ts). */
import { scoreFeatures } from '../../src/models/parser/features.js';
import { TAGGER_FEATURES, TAG_CLASSES, classTag, tagClass, taggerFeatures, type TaggerInput } from '../../src/models/parser/tagger.js';
import { shuffle } from '../../src/util/random.js';
import { AveragedPerceptron } from './perceptron.js';

export interface TaggerExample {
  input: TaggerInput;
  /** Gold tag ids, one per word. */
  gold: Int32Array;
}

/**
 * Greedy training: each word is tagged with the tags the model itself gave the words before it, as at
 * run time. Returns the averaged weights.
 */
export function trainTagger(examples: readonly TaggerExample[], buckets: number, epochs: number, random: () => number, log: (line: string) => void): Float32Array {
  const perceptron = new AveragedPerceptron(buckets, TAG_CLASSES);
  const mask = buckets - 1;
  const features = new Int32Array(TAGGER_FEATURES);
  const scores = new Float64Array(TAG_CLASSES);
  const order = [...examples];
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    shuffle(order, random);
    let correct = 0;
    let total = 0;
    for (const { input, gold } of order) {
      const n = gold.length;
      const tags = new Int32Array(n + 1);
      for (let i = 0; i < n; i += 1) {
        const count = taggerFeatures(input, i, tags, mask, features);
        scoreFeatures(perceptron.weights, TAG_CLASSES, features, count, scores);
        let best = 0;
        for (let c = 1; c < TAG_CLASSES; c += 1) if (scores[c]! > scores[best]!) best = c;
        const right = tagClass(gold[i]!);
        if (best !== right) perceptron.update(features, count, right, best);
        else correct += 1;
        total += 1;
        perceptron.tick();
        tags[i] = classTag(best);
      }
    }
    log(`tagger epoch ${epoch + 1}: ${(correct / total).toFixed(4)} of tags right`);
  }
  return perceptron.averaged();
}
