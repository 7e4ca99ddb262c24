import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cleanLines } from './clean.js';
import { cleanLinesMapped } from './clean-mapped.js';
import { TRICKY_PIECES } from '../test-support/tricky-text.js';


test('cleanLinesMapped cleans every single UTF-16 unit exactly as cleanLines does', () => {
  // One line per unit, between letters so that nothing pairs or collapses with a neighbour.
  const raw = Array.from({ length: 0x10000 }, (_, code) => `a${String.fromCharCode(code)}b`).join('\n');
  const mapped = cleanLinesMapped(raw).lines.map((line) => line.text);
  const expected = cleanLines(raw);
  const first = mapped.findIndex((line, i) => line !== expected[i]);
  assert.equal(first, mapped.length === expected.length ? -1 : first, `first difference: ${JSON.stringify(mapped[first])} vs ${JSON.stringify(expected[first])}`);
  assert.equal(mapped.length, expected.length);
});

test('cleanLinesMapped gives the same lines as cleanLines on arbitrary mixes of tricky text', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...TRICKY_PIECES), maxLength: 40 }), (raw) => {
    assert.deepEqual(cleanLinesMapped(raw).lines.map((line) => line.text), cleanLines(raw));
  }), { numRuns: 3000, seed: 7 });
});

test('each line maps to where it stands in the raw text', () => {
  const raw = '  First  line\u00a0here \r\n\r\n\tcafe\u0301 au lait\u00ad.\n';
  const { lines, changed } = cleanLinesMapped(raw);
  assert.deepEqual(lines.map((line) => line.text), ['First line here', 'caf\u00e9 au lait.']);
  assert.deepEqual(lines[0]?.anchors, [[0, 2], [6, 9]]);
  assert.equal(raw.slice(2, lines[0]?.rawEnd), 'First  line\u00a0here');
  assert.equal(raw.slice(lines[1]?.anchors[0]?.[1], lines[1]?.rawEnd), 'cafe\u0301 au lait\u00ad.');
  assert.deepEqual(changed, { whitespace: true, invisible: 1, normalised: true });
  assert.deepEqual(cleanLinesMapped('Plain line.\nAnother one.').changed, { whitespace: false, invisible: 0, normalised: false });
});
