import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDoc } from '../test-support/make-doc.js';
import { splitSentences } from '../stages/tokens/tokens.js';
import { checkPatterns, getEventMatcher } from './patterns.js';

function matchIds(text: string): string[] {
  const doc = makeDoc(text, [splitSentences()]);
  const tokens = doc.layers.tokens ?? [];
  return getEventMatcher().match(tokens, 0, tokens.length).map((m) => m.pattern.id);
}

test('the shipped patterns are valid and cover all sixteen PLOVER types', () => {
  assert.deepEqual(checkPatterns(), []);
  const types = new Set(getEventMatcher().patterns.map((p) => p.plover));
  assert.equal(types.size, 16);
});

test('matches on lemmas: "ruled out" is "rule out", "talks" is "talk"', () => {
  assert.deepEqual(matchIds('The minister ruled out a deal.'), ['reject.rule-out']);
  assert.deepEqual(matchIds('The talks resumed.'), ['consult.talk']);
});

test('a gap lets words stand between the parts of a pattern', () => {
  assert.deepEqual(matchIds('The council called for an immediate and lasting ceasefire.'), ['request.call-for-ceasefire']);
  assert.deepEqual(matchIds('They vowed to take back the occupied land.'), ['threaten.take-back-land']);
});

test('the longer pattern wins over the words it contains', () => {
  assert.deepEqual(matchIds('The rebels rejected the ceasefire.'), ['reject.reject-ceasefire']);
});

test('a gap does not run across punctuation', () => {
  assert.deepEqual(matchIds('They called for calm; a ceasefire followed.'), ['request.call-for-calm', 'retreat.ceasefire']);
});

test('part of speech separates the noun from the verb', () => {
  assert.deepEqual(matchIds('Workers began a general strike.'), ['protest.general-strike']);
  assert.deepEqual(matchIds('Soldiers shelled the town.'), ['assault.shell']);
});

test('words that only resemble triggers do not match', () => {
  assert.deepEqual(matchIds('The weather was mild and the harvest was good.'), []);
  assert.deepEqual(matchIds(''), []);
});
