import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createDoc } from './doc.js';
import { OffsetMapBuilder, toInputOffset } from './offsets.js';
import type { OffsetMap } from './types.js';

test('toInputOffset follows the anchor at or before the offset', () => {
  const doc = createDoc('Envoys met.\nTalks resume.', { format: 'text', offsetMap: [[0, 2], [11, 14], [12, 20]] });
  assert.deepEqual([0, 5, 10, 11, 12, 13, 25].map((offset) => toInputOffset(doc, offset)), [2, 7, 12, 14, 20, 21, 33]);
  assert.throws(() => toInputOffset(doc, 26), RangeError);
  assert.throws(() => toInputOffset(doc, -1), RangeError);
  assert.throws(() => toInputOffset(doc, 1.5), RangeError);
  assert.equal(toInputOffset(createDoc('Same as input.', { format: 'text' }), 4), 4);
  assert.equal(toInputOffset(createDoc('Main text of a page.', { format: 'html' }), 4), undefined);
});

test('the builder writes an anchor only where the shift changes, and none for the identity', () => {
  const builder = new OffsetMapBuilder();
  for (let clean = 0; clean < 5; clean++) builder.map(clean, clean);
  for (let clean = 5; clean < 9; clean++) builder.map(clean, clean + 3);
  builder.map(9, 13);
  assert.deepEqual(builder.finish(10), [[0, 0], [5, 8], [9, 13]]);
  assert.deepEqual(builder.finish(6), [[0, 0], [5, 8]]);
  const identity = new OffsetMapBuilder();
  for (let clean = 0; clean < 5; clean++) identity.map(clean, clean);
  assert.equal(identity.finish(5), undefined);
});

test('toInputOffset agrees with a plain walk over the units for any map the builder makes', () => {
  fc.assert(fc.property(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 60 }), (gaps) => {
    // Unit i of the clean text comes from input offset origins[i]; gaps are what cleaning dropped.
    const origins: number[] = [];
    let input = 0;
    for (const gap of gaps) {
      input += gap;
      origins.push(input);
      input++;
    }
    const builder = new OffsetMapBuilder();
    origins.forEach((origin, clean) => builder.map(clean, origin));
    builder.map(origins.length, input);
    const offsetMap: OffsetMap | undefined = builder.finish(origins.length);
    const doc = createDoc('x'.repeat(origins.length), { format: 'text', ...(offsetMap ? { offsetMap } : {}) });
    [...origins, input].forEach((expected, clean) => assert.equal(toInputOffset(doc, clean), expected));
  }), { numRuns: 500, seed: 5 });
});
