import assert from 'node:assert/strict';
import { test } from 'node:test';
import { probability } from '../../src/models/calibration/features.js';
import { brier, fitLogistic, type Example } from './fit.js';

test('logistic fit: the same examples give the same weights, and the probabilities follow the rates', () => {
  // Feature 1 set: right 9 times in 10; unset: right 3 times in 10.
  const examples: Example[] = [];
  for (let i = 0; i < 10; i += 1) examples.push({ x: Float64Array.from([1, 1]), correct: i < 9 });
  for (let i = 0; i < 10; i += 1) examples.push({ x: Float64Array.from([1, 0]), correct: i < 3 });
  const options = { iterations: 4000, learningRate: 1, l2: 0 };
  const weights = fitLogistic(examples, options);
  assert.deepEqual(fitLogistic(examples, options), weights);
  assert.ok(Math.abs(probability(weights, Float64Array.from([1, 1])) - 0.9) < 0.02);
  assert.ok(Math.abs(probability(weights, Float64Array.from([1, 0])) - 0.3) < 0.02);
  assert.equal(brier([{ confidence: 1, correct: true }, { confidence: 0.5, correct: false }]), 0.125);
});
