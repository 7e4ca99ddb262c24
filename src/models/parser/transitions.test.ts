import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VALUE_WIDTH } from './dense.js';
import { ROOT, tagId } from './features.js';
import { LEFT, SHIFT, TRANSITION_FEATURES, apply, initialState, transitionValues } from './transitions.js';

/** The three values of the feature with template number `template`. */
function valuesOf(values: Int32Array, count: number, template: number): number[] {
  for (let f = 0; f < count; f += 1) if (values[f * VALUE_WIDTH] === template) return Array.from(values.subarray(f * VALUE_WIDTH + 1, f * VALUE_WIDTH + 4));
  throw new Error(`no feature of template ${template}`);
}

test('the state keeps the two latest left dependents of a word, and the features see both', () => {
  const tags = Int32Array.from([tagId('DET'), tagId('ADJ'), tagId('NOUN'), ROOT]);
  const state = initialState(Int32Array.from([10, 11, 12, ROOT]), tags);
  for (const move of [SHIFT, SHIFT, LEFT, LEFT]) apply(state, move);
  assert.deepEqual(Array.from(state.heads), [2, 2, -1]);
  assert.equal(state.leftmost[2], 0);
  assert.equal(state.secondLeft[2], 1);
  const values = new Int32Array(TRANSITION_FEATURES * VALUE_WIDTH);
  const count = transitionValues(state, values);
  // Template 43: the first buffer word's tag, its latest left dependent's tag and the one before it.
  assert.deepEqual(valuesOf(values, count, 43), [tagId('NOUN'), tagId('DET'), tagId('ADJ')]);
  // Template 38: the word of the first buffer word's latest left dependent.
  assert.deepEqual(valuesOf(values, count, 38), [10, 0, 0]);
});
