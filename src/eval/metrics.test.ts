import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haversineKm, matchOneToOne, median, prf, sampleMisses } from './metrics.js';

test('prf scores counts and gives 0, not NaN, for an empty side', () => {
  assert.deepEqual(prf(3, 4, 6), { precision: 0.75, recall: 0.5, f1: 0.6, gold: 6, predicted: 4 });
  assert.deepEqual(prf(0, 0, 0), { precision: 0, recall: 0, f1: 0, gold: 0, predicted: 0 });
});

test('one-to-one matching: a gold span is taken once, however many predictions overlap it', () => {
  const gold = [{ start: 0, end: 10 }, { start: 20, end: 30 }];
  assert.deepEqual(matchOneToOne([{ start: 0, end: 4 }, { start: 5, end: 9 }, { start: 25, end: 40 }, { start: 50, end: 60 }], gold), [0, -1, 1, -1]);
  // Touching is not overlapping (ends are exclusive).
  assert.deepEqual(matchOneToOne([{ start: 10, end: 20 }], gold), [-1]);
});

test('median and great-circle distance', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), 0);
  const parisLondon = haversineKm(48.8566, 2.3522, 51.5072, -0.1276);
  assert.ok(parisLondon > 330 && parisLondon < 350, String(parisLondon));
  assert.equal(haversineKm(10, 10, 10, 10), 0);
});

test('misses are sampled by hash: the same sample whatever the order, a prefix for a smaller count', () => {
  const misses = Array.from({ length: 200 }, (_, i) => ({ id: `item${i}`, text: `error ${i % 7}` }));
  const sample = sampleMisses(misses, 10);
  assert.equal(sample.length, 10);
  assert.deepEqual(sampleMisses([...misses].reverse(), 10), sample);
  assert.deepEqual(sampleMisses(misses, 3), sample.slice(0, 3));
  // Spread over the file, not its first items.
  assert.ok(sample.some((m) => Number(m.id.slice(4)) >= 100));
  assert.deepEqual(sampleMisses(misses, 0), []);
  assert.equal(sampleMisses(misses.slice(0, 4), 10).length, 4);
});
