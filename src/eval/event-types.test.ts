import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedTypes, judgeSentence } from './event-types.js';

test('YIELD stands for CONCEDE and RETREAT: either is right, strictly too', () => {
  assert.deepEqual(acceptedTypes('YIELD'), ['CONCEDE', 'RETREAT']);
  assert.deepEqual(judgeSentence(['YIELD'], 'RETREAT'), { label: 'YIELD', strict: true, any: true });
  assert.deepEqual(judgeSentence(['YIELD'], 'CONCEDE'), { label: 'YIELD', strict: true, any: true });
  assert.deepEqual(judgeSentence(['YIELD'], 'COERCE'), { label: 'YIELD', strict: false, any: false });
});

test('strict looks at the first gold event, any at all of them; no prediction is never right', () => {
  assert.deepEqual(judgeSentence(['ASSAULT', 'YIELD'], 'RETREAT'), { label: 'ASSAULT', strict: false, any: true });
  assert.deepEqual(judgeSentence(['AGREE'], 'AGREE'), { label: 'AGREE', strict: true, any: true });
  assert.deepEqual(judgeSentence(['AGREE'], undefined), { label: 'AGREE', strict: false, any: false });
});
