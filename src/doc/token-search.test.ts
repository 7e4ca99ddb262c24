import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstTokenEndingAfter, firstTokenStartingAtOrAfter } from './token-search.js';
import type { Token } from './types.js';

// "Talks began in Oslo." with tokens at 0-5, 6-11, 12-14, 15-19, 19-20.
const tokens: Token[] = [[0, 5], [6, 11], [12, 14], [15, 19], [19, 20]]
  .map(([start, end]) => ({ start: start!, end: end!, pos: 'X', normal: '', lemma: '', sentence: 0 }));

test('firstTokenEndingAfter finds the token containing an offset, or the next one after a gap', () => {
  assert.equal(firstTokenEndingAfter(tokens, 0), 0);
  assert.equal(firstTokenEndingAfter(tokens, 7), 1);
  assert.equal(firstTokenEndingAfter(tokens, 5), 1);
  assert.equal(firstTokenEndingAfter(tokens, 19), 4);
  assert.equal(firstTokenEndingAfter(tokens, 20), 5);
  assert.equal(firstTokenEndingAfter([], 3), 0);
});

test('firstTokenStartingAtOrAfter skips a token that has already begun', () => {
  assert.equal(firstTokenStartingAtOrAfter(tokens, 0), 0);
  assert.equal(firstTokenStartingAtOrAfter(tokens, 7), 2);
  assert.equal(firstTokenStartingAtOrAfter(tokens, 6), 1);
  assert.equal(firstTokenStartingAtOrAfter(tokens, 19), 4);
  assert.equal(firstTokenStartingAtOrAfter(tokens, 21), 5);
  assert.equal(firstTokenStartingAtOrAfter([], 3), 0);
});
