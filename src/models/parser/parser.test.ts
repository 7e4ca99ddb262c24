import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shippedParser } from './load.js';
import { parseSentence, tagTokens } from './parser.js';

const sentence = (pairs: string) => pairs.split(' ').map((pair) => {
  const [form, upos] = pair.split('/') as [string, string];
  return { form, upos };
});

test('the shipped parser finds the subject and the object of a verb', () => {
  const tokens = sentence('The/DET rebels/NOUN shelled/VERB the/DET capital/NOUN on/ADP Sunday/PROPN ./PUNCT');
  const { heads, deprels } = parseSentence(shippedParser(), tokens);
  assert.deepEqual(heads, [1, 2, -1, 4, 2, 6, 2, 2]);
  assert.deepEqual(deprels, ['det', 'nsubj', 'root', 'det', 'obj', 'case', 'obl', 'punct']);
});

test('the shipped parser tells a passive subject and its agent', () => {
  const tokens = sentence('Two/NUM soldiers/NOUN were/AUX killed/VERB by/ADP a/DET mine/NOUN ./PUNCT');
  const { heads, deprels } = parseSentence(shippedParser(), tokens);
  assert.equal(heads[1], 3);
  assert.equal(deprels[1], 'nsubj:pass');
  assert.equal(deprels[2], 'aux:pass');
  assert.equal(heads[6], 3);
  assert.equal(deprels[6], 'obl:agent');
});

test('the tagger in front of the parser turns tokens-stage tags into treebank tags', () => {
  // wink tags a nationality PROPN and possessive "has" AUX; the treebank says ADJ and VERB.
  const tokens = sentence('The/DET Iraqi/PROPN army/NOUN has/AUX three/NUM bases/NOUN ./PUNCT');
  assert.deepEqual(tagTokens(shippedParser(), tokens), ['DET', 'ADJ', 'NOUN', 'VERB', 'NUM', 'NOUN', 'PUNCT']);
  const { heads, deprels } = parseSentence(shippedParser(), tokens);
  assert.deepEqual([heads[1], deprels[1]], [2, 'amod']);
  assert.deepEqual([heads[5], deprels[5]], [3, 'obj']);
});

test('an empty sentence has an empty parse', () => {
  assert.deepEqual(parseSentence(shippedParser(), []), { heads: [], deprels: [] });
});

test('remembered words parse exactly as words seen the first time', async () => {
  const { encodeTokens } = await import('./words.js');
  const { taggerInput } = await import('./tagger.js');
  const { encodeSentence } = await import('./parser.js');
  const tokens = sentence('Rebels/NOUN in/ADP Idlib/PROPN fired/VERB 12/NUM rockets/NOUN at/ADP the/DET “/PUNCT Kurdish/ADJ ”/PUNCT town/NOUN ./PUNCT');
  const model = shippedParser();
  const plain = encodeSentence(model, tokens);
  const expected = taggerInput(tokens.map((t) => t.form), plain.words, plain.tags, plain.normalised);
  for (let round = 0; round < 2; round += 1) {
    const encoded = encodeTokens(model.vocabulary, tokens);
    assert.deepEqual(encoded.words, plain.words);
    assert.deepEqual(encoded.tagger, expected);
  }
});
