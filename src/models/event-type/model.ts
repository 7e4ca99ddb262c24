/**
 * The event classifier: two multinomial logistic models over hashed candidate features (features.ts).
 * The type head gives a probability to each PLOVER type and to "no event"; the class head to each of
 * the five CAMEO PentaClasses, which picks the CAMEO code of a type that spans several (REQUEST is an
 * appeal, 02, or a demand, 10). Trained by train/event-type; the events stage only reads it.
 */
import { PLOVER_TYPES } from '../../knowledge/plover-types.js';
import { hash32 } from '../../util/hash.js';

export const NO_EVENT = 'NONE';
export const TYPE_LABELS: readonly string[] = [...PLOVER_TYPES, NO_EVENT];
export const PENTACLASSES = 5;
/** The pattern id prefix of an event found at a learned trigger (`learned.<lemma>`), not by a listed pattern. */
export const LEARNED_PATTERN_PREFIX = 'learned.';

export interface EventTypeModel {
  /** buckets - 1 (buckets is a power of two). */
  mask: number;
  /** `buckets × TYPE_LABELS.length` weights of the type head. */
  typeWeights: Float32Array;
  /** `buckets × PENTACLASSES` weights of the class head. */
  classWeights: Float32Array;
  /** Lemmas the model learned to take for an event where no pattern matched. */
  triggers: ReadonlySet<string>;
  /** Below this probability of "no event", a learned trigger becomes an event. */
  triggerThreshold: number;
  /** How much likelier than a pattern's own type another type must be for the model to retype the hit. */
  retypeMargin: number;
  /** The least probability another type needs for the model to retype a pattern hit. */
  retypeMinimum: number;
}

export function featureBuckets(features: readonly string[], mask: number): Int32Array {
  const buckets = new Int32Array(features.length);
  for (let i = 0; i < features.length; i += 1) buckets[i] = hash32(features[i]!) & mask;
  return buckets;
}

/** Softmax over `labels` classes of the summed weight rows of `buckets`. */
export function softmax(weights: Float32Array, labels: number, buckets: Int32Array): Float64Array {
  const scores = new Float64Array(labels);
  for (const bucket of buckets) {
    const row = bucket * labels;
    for (let k = 0; k < labels; k += 1) scores[k]! += weights[row + k]!;
  }
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (let k = 0; k < labels; k += 1) {
    scores[k] = Math.exp(scores[k]! - max);
    sum += scores[k]!;
  }
  for (let k = 0; k < labels; k += 1) scores[k]! /= sum;
  return scores;
}

export interface Classification {
  /** Probability per TYPE_LABELS entry. */
  types: Float64Array;
  /** Probability per PentaClass (0–4). */
  classes: Float64Array;
}

export function classify(model: EventTypeModel, features: readonly string[]): Classification {
  const buckets = featureBuckets(features, model.mask);
  return { types: softmax(model.typeWeights, TYPE_LABELS.length, buckets), classes: softmax(model.classWeights, PENTACLASSES, buckets) };
}
