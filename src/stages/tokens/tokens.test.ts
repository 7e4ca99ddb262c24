import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from './tokens.js';

test('sentences stay inside paragraphs and token offsets slice the unchanged text', () => {
  const text = 'The envoy met “the rebels” in Tripoli – briefly. They left at dawn\nA second paragraph starts here.';
  const doc = makeDoc(text, [splitSentences()]);
  const sentences = doc.layers.sentences!;
  const tokens = doc.layers.tokens!;
  assert.equal(sentences.length, 3);
  assert.deepEqual(sentences.map((s) => s.paragraph), [0, 0, 1]);
  assert.equal(text.slice(sentences[2]!.start, sentences[2]!.end), 'A second paragraph starts here.');
  for (const token of tokens) assert.equal(text.slice(token.start, token.end).toLowerCase(), token.normal);
  const met = tokens.find((t) => t.normal === 'met')!;
  assert.equal(met.pos, 'VERB');
  assert.equal(met.lemma, 'meet');
  assert.equal(tokens.find((t) => t.normal === 'tripoli')!.pos, 'PROPN');
  for (const sentence of sentences) {
    const own = tokens.slice(sentence.tokenStart, sentence.tokenEnd);
    assert.ok(own.every((t) => t.sentence === sentence.index));
  }
});
