import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adaptInterval, backoffDelay, boundsFor, MAX_BACKOFF_MS, maxAgeMs, retryAfterMs } from './schedule.js';

const MINUTE = 60_000;

test('the interval halves on news and grows by half without, between a floor and a ceiling', () => {
  const bounds = boundsFor(10 * MINUTE);
  assert.deepEqual(bounds, { floorMs: 2.5 * MINUTE, ceilingMs: 60 * MINUTE });
  let interval = 10 * MINUTE;
  for (let i = 0; i < 10; i++) interval = adaptInterval(interval, 3, bounds);
  assert.equal(interval, bounds.floorMs);
  for (let i = 0; i < 20; i++) interval = adaptInterval(interval, 0, bounds);
  assert.equal(interval, bounds.ceilingMs);
  assert.deepEqual(boundsFor(2 * MINUTE), { floorMs: MINUTE, ceilingMs: 12 * MINUTE }, 'the floor is at least a minute');
  assert.equal(boundsFor(2 * 3600_000).ceilingMs, 6 * 3600_000, 'the ceiling is at most six hours');
});

test('back-off doubles per failure and is capped', () => {
  assert.deepEqual([1, 2, 3].map((n) => backoffDelay(MINUTE, n)), [2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
  assert.equal(backoffDelay(MINUTE, 1000), MAX_BACKOFF_MS);
});

test('Retry-After in seconds or as a date, and Cache-Control max-age', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  assert.equal(retryAfterMs('120', now), 120_000);
  assert.equal(retryAfterMs('Tue, 01 Dec 2026 12:05:00 GMT', now), 300_000);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs(undefined, now), undefined);
  assert.equal(maxAgeMs('public, max-age=300, s-maxage=900'), 300_000);
  assert.equal(maxAgeMs('s-maxage=900'), undefined);
  assert.equal(maxAgeMs('no-cache'), undefined);
});
