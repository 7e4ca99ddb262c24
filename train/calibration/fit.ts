/**
 * Logistic regression by full-batch gradient descent with an L2 penalty: no randomness, so the same
 * examples always give the same weights.
 */
import { probability } from '../../src/models/calibration/features.js';

export interface Example {
  x: Float64Array;
  correct: boolean;
}

export interface FitOptions {
  iterations: number;
  learningRate: number;
  /** L2 penalty on every weight but the first (the bias). */
  l2: number;
}

export const DEFAULT_FIT: FitOptions = { iterations: 3000, learningRate: 0.5, l2: 0.001 };

export function fitLogistic(examples: readonly Example[], options: FitOptions = DEFAULT_FIT): number[] {
  const width = examples[0]?.x.length ?? 0;
  const weights = new Float64Array(width);
  const gradient = new Float64Array(width);
  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    gradient.fill(0);
    for (const { x, correct } of examples) {
      const error = probability(weights, x) - (correct ? 1 : 0);
      for (let i = 0; i < width; i += 1) gradient[i]! += error * x[i]!;
    }
    for (let i = 0; i < width; i += 1) {
      const penalty = i === 0 ? 0 : options.l2 * weights[i]!;
      weights[i]! -= options.learningRate * (gradient[i]! / Math.max(1, examples.length) + penalty);
    }
  }
  return Array.from(weights, (w) => Math.round(w * 1e6) / 1e6);
}

/** Mean squared error of the probabilities: lower is better. */
export function brier(predictions: ReadonlyArray<{ confidence: number; correct: boolean }>): number {
  let sum = 0;
  for (const { confidence, correct } of predictions) sum += (confidence - (correct ? 1 : 0)) ** 2;
  return sum / Math.max(1, predictions.length);
}
