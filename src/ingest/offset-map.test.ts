import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toInputOffset } from '../doc/offsets.js';
import type { Doc } from '../doc/types.js';
import { cleanLines } from './clean.js';
import { TRICKY_PIECES } from '../test-support/tricky-text.js';
import { compileFurniture } from './furniture.js';
import { ingest } from './ingest.js';

/** "AD" alone on a line is furniture here, so random inputs can have lines removed anywhere. */
const FURNITURE = compileFurniture([{ pattern: 'AD', where: 'line' }]);
const OPTIONS = { language: 'eng', furniture: FURNITURE };

function mapper(doc: Doc): (offset: number) => number {
  return (offset) => toInputOffset(doc, offset) ?? assert.fail('a plain-text doc always maps');
}

/** Input offsets of the removed lines, read from the messages that list them. */
function removedAt(doc: Doc): number[] {
  return doc.messages.filter((m) => m.ruleId === 'furniture-removed').map((m) => Number(/input offset (\d+)/.exec(m.reason)?.[1]));
}

/**
 * Offsets that are not inside a character sequence NFC rewrote (whose units all map to its start):
 * every offset where the mapped position moves on, plus the two ends.
 */
function boundaries(doc: Doc, map: (offset: number) => number): number[] {
  const found = [0];
  for (let offset = 1; offset <= doc.text.length; offset++) if (offset === doc.text.length || map(offset) > map(offset - 1)) found.push(offset);
  return found;
}

const trickyInput = fc.string({ unit: fc.constantFrom(...TRICKY_PIECES, 'AD', '\nAD\n', 'word', 'The talks', '  '), maxLength: 60 });
const spanPicks = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 });

test('offsets map back in order, from the first kept character of the input to just after the last', () => {
  fc.assert(fc.property(trickyInput, (content) => {
    const doc = ingest({ content, kind: 'text' }, OPTIONS);
    const map = mapper(doc);
    for (let offset = 1; offset <= doc.text.length; offset++) assert.ok(map(offset) >= map(offset - 1), `not monotone at ${offset}`);
    assert.ok(map(doc.text.length) <= content.length);
    if (doc.text !== '') {
      assert.deepEqual(cleanLines(content.slice(0, map(0))).filter((line) => line !== 'AD'), [], 'nothing kept before the first mapped character');
      assert.deepEqual(cleanLines(content.slice(map(doc.text.length))).filter((line) => line !== 'AD'), [], 'nothing kept after the end');
    }
  }), { numRuns: 1500, seed: 11 });
});

test('a span maps to input that cleans to the same text, unless it crosses a removed line', () => {
  let checked = 0;
  fc.assert(fc.property(trickyInput, spanPicks, (content, picks) => {
    const doc = ingest({ content, kind: 'text' }, OPTIONS);
    const map = mapper(doc);
    const ends = boundaries(doc, map);
    const removed = removedAt(doc);
    for (const [a, b] of picks) {
      const [s, e] = [ends[a % ends.length] ?? 0, ends[b % ends.length] ?? 0].sort((x, y) => x - y) as [number, number];
      const [from, to] = [map(s), map(e)];
      if (removed.some((at) => at >= from && at < to)) continue;
      checked++;
      assert.deepEqual(cleanLines(content.slice(from, to)), cleanLines(doc.text.slice(s, e)), `span ${s}–${e} → ${from}–${to}`);
    }
  }), { numRuns: 1500, seed: 12 });
  assert.ok(checked > 3000, `only ${checked} spans checked`);
});

test('where the input is printable ASCII, a span maps to exactly its own text whenever no anchor falls inside it', () => {
  const asciiInput = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '  ', '.', '\n', '\n\n', ' \n ', 'AD\n'), maxLength: 80 });
  let checked = 0;
  fc.assert(fc.property(asciiInput, spanPicks, (content, picks) => {
    const doc = ingest({ content, kind: 'text' }, OPTIONS);
    const map = mapper(doc);
    for (const [a, b] of picks) {
      const [s, e] = [a % (doc.text.length + 1), b % (doc.text.length + 1)].sort((x, y) => x - y) as [number, number];
      const shift = map(s) - s;
      let constant = true;
      for (let offset = s; offset <= e && constant; offset++) constant = map(offset) - offset === shift;
      if (!constant) continue;
      checked++;
      assert.equal(content.slice(map(s), map(e)), doc.text.slice(s, e));
    }
  }), { numRuns: 1500, seed: 13 });
  assert.ok(checked > 2000, `only ${checked} spans checked`);
});

test('a changed plain-text input says so, lists each removed line with its text and keeps a compact map', () => {
  const content = '  Envoys met in  Geneva on Friday.\r\n\r\nShare this article\n\nThe talks\u00a0will resume, officials said.\n';
  const doc = ingest({ content });
  assert.equal(doc.text, 'Envoys met in Geneva on Friday.\nThe talks will resume, officials said.');
  assert.deepEqual(doc.source.offsetMap, [[0, 2], [14, 17], [32, 58]]);
  const changed = doc.messages.find((m) => m.ruleId === 'text-changed');
  assert.match(changed?.reason ?? '', /^text differs from the input \(white space collapsed, 1 furniture line removed\); source\.offsetMap maps/);
  const removed = doc.messages.filter((m) => m.ruleId === 'furniture-removed');
  assert.deepEqual(removed.map((m) => m.reason), ['removed page furniture "Share this article" (input offset 38)']);
  assert.equal(content.slice(38, 38 + 'Share this article'.length), 'Share this article');
  const geneva = doc.text.indexOf('Geneva');
  const talks = doc.text.indexOf('The talks');
  const map = mapper(doc);
  assert.equal(content.slice(map(geneva), map(geneva + 6)), 'Geneva');
  assert.equal(content.slice(map(talks), map(talks + 9)), 'The talks');
  assert.equal(content.slice(map(talks), map(doc.text.length)), 'The talks\u00a0will resume, officials said.');
});

test('an unchanged input, and HTML, carry no map', () => {
  const plain = ingest({ content: 'Envoys met in Geneva on Friday.\nThe talks will resume.\n' });
  assert.equal(plain.source.offsetMap, undefined);
  assert.equal(plain.messages.find((m) => m.ruleId === 'text-changed'), undefined);
  assert.equal(toInputOffset(plain, 7), 7);
  const html = ingest({ content: '<html><body><article><p>Envoys  met in Geneva on Friday to discuss the ceasefire.</p></article></body></html>' });
  assert.equal(html.source.offsetMap, undefined);
  assert.equal(toInputOffset(html, 0), undefined);
});

test('a text cut to the size limit maps the kept part', () => {
  const content = `${'Envoys met again.  '.repeat(30)}\n\n${'More talks followed.\n'.repeat(10)}`;
  const doc = ingest({ content }, { maxChars: 200 });
  assert.ok(doc.text.length <= 200);
  assert.ok((doc.source.offsetMap ?? []).every(([clean]) => clean <= doc.text.length));
  assert.ok(doc.messages.some((m) => m.ruleId === 'truncated'));
  const map = mapper(doc);
  assert.deepEqual(cleanLines(content.slice(map(0), map(doc.text.length))), cleanLines(doc.text));
});
