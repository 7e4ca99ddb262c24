import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc, docId } from './doc.js';

test('the doc id is stable under white space and case, and depends on the URL', () => {
  assert.equal(docId('Talks began  in Oslo.\n'), docId('talks began in oslo.'));
  assert.notEqual(docId('Talks began in Oslo.'), docId('Talks began in Bergen.'));
  assert.notEqual(docId('Talks began.', 'https://a.example/1'), docId('Talks began.'));
});

test('a new doc starts with no messages or provenance and keeps its text unchanged', () => {
  const text = 'Quote “kept” – as is.';
  const doc = createDoc(text, { published: '2021-03-04' });
  assert.equal(doc.text, text);
  assert.equal(doc.source.format, 'text');
  assert.deepEqual([doc.messages, doc.provenance], [[], []]);
});
