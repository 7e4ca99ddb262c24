import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PhraseIndex } from './phrase-index.js';

const phrase = (text: string, tag = '') => ({ words: text.split(' '), tag });

test('the longest phrase standing at a position wins, and one running past the end does not match', () => {
  const index = new PhraseIndex<ReturnType<typeof phrase>>();
  for (const text of ['foreign', 'foreign minister', 'foreign affairs minister']) index.add(phrase(text));
  const words = ['the', 'foreign', 'affairs', 'minister', 'spoke'];
  assert.equal(index.longestAt(words, 1)?.words.join(' '), 'foreign affairs minister');
  assert.equal(index.longestAt(['foreign', 'minister'], 0)?.words.join(' '), 'foreign minister');
  assert.equal(index.longestAt(['a', 'foreign', 'affairs'], 1)?.words.join(' '), 'foreign');
  assert.equal(index.longestAt(words, 0), undefined);
  assert.equal(index.longestAt(words, 9), undefined);
});

test('accept filters candidates; among equal lengths the first added wins', () => {
  const index = new PhraseIndex<ReturnType<typeof phrase>>();
  index.add(phrase('prime minister', 'office'));
  index.add(phrase('prime minister', 'title'));
  index.add(phrase('prime', 'modifier'));
  const words = ['prime', 'minister'];
  assert.equal(index.longestAt(words, 0)?.tag, 'office');
  assert.equal(index.longestAt(words, 0, (p) => p.tag !== 'office')?.tag, 'title');
  assert.equal(index.longestAt(words, 0, (p) => p.tag === 'modifier')?.tag, 'modifier');
});
