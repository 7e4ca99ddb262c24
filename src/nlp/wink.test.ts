import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WinkSession } from './wink.js';

const tokensOf = (session: WinkSession, text: string) =>
  session.read(text, (doc, its) => ({ values: doc.tokens().out() as string[], pos: doc.tokens().out(its.pos) as string[] }));

test('a string one document taught wink is forgotten before the next document', () => {
  const fresh = tokensOf(new WinkSession(), 'Varnak’s aide met a 17-year-old boy.');
  const session = new WinkSession();
  // Before punctuation wink keeps these strings whole and learns them as words of their own.
  tokensOf(session, 'It was Varnak’s. The boy was 17-year-old, they said.');
  assert.deepEqual(tokensOf(session, 'Varnak’s aide met a 17-year-old boy.'), fresh);
});

test('rebuilding wink from its model changes no output', () => {
  const texts = [
    'Kostrava’s. Ulmar’s, the U.N.-backed force said.',
    'A 42-year-old man, a so-called commander, was detained in Dravik.',
    'Kostrava’s mayor said the U.N.-backed force would stay.',
  ];
  const rebuilding = new WinkSession(1);
  const steady = new WinkSession();
  for (const text of [...texts, ...texts]) assert.deepEqual(tokensOf(rebuilding, text), tokensOf(steady, text));
  assert.ok(rebuilding.rebuilds > 3, `rebuilt ${rebuilding.rebuilds} times`);
  assert.equal(steady.rebuilds, 1);
});

test('a lemma is kept only when it is the normal form or a word of the model', () => {
  const session = new WinkSession();
  tokensOf(session, 'Varnak’s. Kostrava’s, they said.');
  assert.equal(session.lemma('be', 'was'), 'be');
  assert.equal(session.lemma(null, 'cannot'), 'cannot');
  // A string some earlier document taught wink is no lemma of anything.
  assert.equal(session.lemma('varnak’s', 'cannot'), 'cannot');
  assert.equal(session.lemma('kostrava', 'kostrava'), 'kostrava');
});
