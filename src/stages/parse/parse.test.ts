import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc, Sentence, Token } from '../../doc/types.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { MAX_SENTENCE_TOKENS, parseDependencies } from './parse.js';

/** Every token has a head in its own sentence or none, and following heads from any token ends at a root. */
function assertValidLayer(doc: Doc): void {
  const tokens = doc.layers.tokens!;
  const dependencies = doc.layers.dependencies!;
  assert.equal(dependencies.length, tokens.length);
  dependencies.forEach((dependency, i) => {
    assert.ok(dependency, `token ${i} is parsed`);
    assert.ok(dependency.deprel.length > 0);
    assert.equal(dependency.head < 0, dependency.deprel === 'root', `token ${i}: root iff no head`);
    if (dependency.head >= 0) assert.equal(tokens[dependency.head]!.sentence, tokens[i]!.sentence);
    let at = i;
    for (let steps = 0; at >= 0; steps += 1) {
      assert.ok(steps <= tokens.length, `token ${i} is on a cycle`);
      at = dependencies[at]!.head;
    }
  });
}

test('the parse stage gives every token a head in its sentence and one root per sentence', () => {
  const text = 'Azerbaijan accused Armenia of shelling Stepanakert on Sunday. The ministry said the talks would resume in Moscow.\nA second paragraph.';
  const doc = makeDoc(text, [splitSentences(), parseDependencies({ sentences: 'all' })]);
  assertValidLayer(doc);
  const tokens = doc.layers.tokens!;
  const dependencies = doc.layers.dependencies!;
  for (const sentence of doc.layers.sentences!) {
    const roots = dependencies.slice(sentence.tokenStart, sentence.tokenEnd).filter((d) => d!.head < 0);
    assert.equal(roots.length, 1, `one root in: ${text.slice(sentence.start, sentence.end)}`);
  }
  const word = (w: string) => tokens.findIndex((t) => t.normal === w);
  const accused = word('accused');
  assert.deepEqual(dependencies[word('azerbaijan')], { head: accused, deprel: 'nsubj' });
  assert.deepEqual(dependencies[word('armenia')], { head: accused, deprel: 'obj' });
  assert.equal(dependencies[word('ministry')]!.deprel, 'nsubj');
  assert.equal(dependencies[word('ministry')]!.head, word('said'));
});

test('a very long sentence is parsed in pieces and says so', () => {
  const words = Array.from({ length: MAX_SENTENCE_TOKENS * 2 + 13 }, (_, i) => (i % 2 === 0 ? 'talks' : 'and'));
  const text = words.join(' ');
  const tokens: Token[] = [];
  let offset = 0;
  for (const w of words) {
    tokens.push({ start: offset, end: offset + w.length, pos: w === 'and' ? 'CCONJ' : 'NOUN', normal: w, lemma: w, sentence: 0 });
    offset += w.length + 1;
  }
  const sentence: Sentence = { index: 0, paragraph: 0, start: 0, end: text.length, tokenStart: 0, tokenEnd: tokens.length };
  const doc = makeDoc(text, [parseDependencies({ sentences: 'all' })], {}, { sentences: [sentence], tokens });
  assertValidLayer(doc);
  assert.equal(doc.layers.dependencies!.filter((d) => d!.head < 0).length, 3);
  assert.ok(doc.messages.some((m) => m.stage === 'parse' && m.ruleId === 'long-sentence'));
});

test('by default only the sentences where an event pattern matches are parsed; the others are null', () => {
  const text = 'The weather was mild and the markets were quiet. Azerbaijan accused Armenia of shelling the town.';
  const doc = makeDoc(text, [splitSentences(), parseDependencies()]);
  const [quiet, event] = doc.layers.sentences!;
  const dependencies = doc.layers.dependencies!;
  assert.equal(dependencies.length, doc.layers.tokens!.length);
  assert.ok(dependencies.slice(quiet!.tokenStart, quiet!.tokenEnd).every((d) => d === null));
  const parsed = dependencies.slice(event!.tokenStart, event!.tokenEnd);
  assert.ok(parsed.every((d) => d !== null));
  assert.equal(parsed.filter((d) => d!.head < 0).length, 1);
  const all = makeDoc(text, [splitSentences(), parseDependencies({ sentences: 'all' })]);
  assert.deepEqual(all.layers.dependencies!.slice(event!.tokenStart, event!.tokenEnd), parsed, 'a sentence parses the same whatever is selected');
  assert.ok(all.layers.dependencies!.every((d) => d !== null));
});
