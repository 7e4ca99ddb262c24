/**
 * Fits the classifier's two heads (src/models/event-type/model.ts) by stochastic gradient descent with
 * AdaGrad steps and an L2 penalty on the rows an example touches. A label may be partial: an example
 * names the set of labels it accepts (ZSP's YIELD is CONCEDE or RETREAT; a ConfliBERT PentaClass admits
 * every PLOVER type with codes in it), and the fit maximises the probability of the set. Seeded: the
 * same examples and options give the same weights.
 */
import { featureBuckets, PENTACLASSES, softmax, TYPE_LABELS } from '../../src/models/event-type/model.js';
import { seededRandom, shuffle } from '../../src/util/random.js';

export interface TrainingCandidate {
  features: string[];
  /** Indexes into TYPE_LABELS the gold accepts; empty when the gold says nothing of the type. */
  types: number[];
  /** PentaClasses the gold accepts; empty when it says nothing of the class. */
  classes: number[];
}

export interface FitOptions {
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_FIT: FitOptions = { buckets: 1 << 15, epochs: 12, learningRate: 0.2, l2: 1e-4, seed: 20261202 };

export interface FittedHeads {
  mask: number;
  typeWeights: Float32Array;
  classWeights: Float32Array;
}

/** One step on one head: the gradient of −log Σ_{y ∈ accepted} p(y) is p − q, q = p restricted to the accepted set. */
function step(weights: Float32Array, squares: Float32Array, labels: number, buckets: Int32Array, accepted: readonly number[], options: FitOptions): void {
  if (accepted.length === 0) return;
  const p = softmax(weights, labels, buckets);
  let mass = 0;
  for (const k of accepted) mass += p[k]!;
  const gradient = new Float64Array(labels);
  for (let k = 0; k < labels; k += 1) gradient[k] = p[k]!;
  for (const k of accepted) gradient[k]! -= p[k]! / Math.max(mass, 1e-12);
  for (const bucket of buckets) {
    const row = bucket * labels;
    for (let k = 0; k < labels; k += 1) {
      const g = gradient[k]! + options.l2 * weights[row + k]!;
      squares[row + k]! += g * g;
      weights[row + k]! -= (options.learningRate * g) / Math.sqrt(squares[row + k]! + 1e-8);
    }
  }
}

export function fitEventTypes(examples: readonly TrainingCandidate[], options: FitOptions = DEFAULT_FIT): FittedHeads {
  if (!(Number.isInteger(options.buckets) && options.buckets > 0 && (options.buckets & (options.buckets - 1)) === 0)) throw new Error('buckets must be a power of two');
  const mask = options.buckets - 1;
  const typeWeights = new Float32Array(options.buckets * TYPE_LABELS.length);
  const classWeights = new Float32Array(options.buckets * PENTACLASSES);
  const typeSquares = new Float32Array(typeWeights.length);
  const classSquares = new Float32Array(classWeights.length);
  const encoded = examples.map((example) => ({ example, buckets: featureBuckets(example.features, mask) }));
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(encoded, random);
    for (const { example, buckets } of encoded) {
      step(typeWeights, typeSquares, TYPE_LABELS.length, buckets, example.types, options);
      step(classWeights, classSquares, PENTACLASSES, buckets, example.classes, options);
    }
  }
  return { mask, typeWeights, classWeights };
}
