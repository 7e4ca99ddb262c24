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

test('names with letters outside Latin-1 stay one token, tagged as proper nouns', () => {
  const text = 'Lech Wałęsa met Zoran Đinđić in Łódź, said Jelena Petrović. He cannot stay.';
  const doc = makeDoc(text, [splitSentences()]);
  const words = doc.layers.tokens!.map((t) => text.slice(t.start, t.end));
  for (const name of ['Wałęsa', 'Đinđić', 'Łódź', 'Petrović']) assert.ok(words.includes(name), `${name} in ${words.join(' ')}`);
  assert.equal(doc.layers.tokens!.find((t) => t.normal === 'petrović')!.pos, 'PROPN');
  const sentence = doc.layers.sentences![0]!;
  assert.deepEqual(doc.layers.tokens!.slice(sentence.tokenStart, sentence.tokenEnd).map((t) => t.sentence), Array(sentence.tokenEnd - sentence.tokenStart).fill(0));
});

test('a word and its clitic are two tokens whatever wink has read before', () => {
  const primer = makeDoc('Kabila’s. Kabila’s, “Kabila’s” (Kabila’s)', [splitSentences()]);
  assert.ok(primer.layers.tokens!.length > 0);
  const text = 'Kabila’s army said they’ll stay; they don’t agree.';
  const doc = makeDoc(text, [splitSentences()]);
  const words = doc.layers.tokens!.map((t) => text.slice(t.start, t.end));
  assert.deepEqual(words.slice(0, 2), ['Kabila', '’s']);
  assert.ok(words.includes('’ll') && words.includes('n’t'), words.join(' '));
  assert.equal(doc.layers.tokens!.find((t) => t.normal === '’s')!.pos, 'PART');
});

test('a quotation mark opening a word is a token of its own', () => {
  const text = "He said 'we stay' and ‘It ends’.";
  const words = makeDoc(text, [splitSentences()]).layers.tokens!.map((t) => text.slice(t.start, t.end));
  assert.ok(words.includes("'") && words.includes('we') && words.includes('‘') && words.includes('It'), words.join(' | '));
});
