import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VALUE_WIDTH, hashValues, putFeature, scoreValues, scoringTables } from './dense.js';
import { scoreFeatures } from './features.js';

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

test('dense copies score exactly as the hashed rows they were gathered from, values out of range included', () => {
  const random = seeded(11);
  const classes = 5;
  const mask = 255;
  const weights = Int16Array.from({ length: (mask + 1) * classes }, () => Math.floor(random() * 2000) - 1000);
  const tables = scoringTables(weights, classes, mask, [undefined, [4, 1, 1], [3, 3, 2], undefined]);
  const count = 40;
  const values = new Int32Array(count * VALUE_WIDTH);
  for (let f = 0; f < count; f += 1) putFeature(values, f, 1 + (f % 3), Math.floor(random() * 6) - 1, Math.floor(random() * 4), Math.floor(random() * 3));
  const hashed = new Int32Array(count);
  hashValues(values, count, mask, hashed);
  const expected = new Float64Array(classes);
  scoreFeatures(weights, classes, hashed, count, expected);
  const actual = new Float64Array(classes);
  scoreValues(tables, values, count, actual);
  assert.deepEqual(actual, expected);
  assert.ok(tables.dense.length === (4 + 18) * classes);
});
