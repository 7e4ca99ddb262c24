import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify, NO_EVENT, TYPE_LABELS } from '../../src/models/event-type/model.js';
import { fitEventTypes, type TrainingCandidate } from './fit.js';

const type = (name: string) => TYPE_LABELS.indexOf(name);

test('event-type fit: learns types from features, partial labels pick within their set, and is reproducible', () => {
  const examples: TrainingCandidate[] = [];
  for (let i = 0; i < 20; i += 1) {
    examples.push({ features: ['bias', 'lemma=shell', `noise=${i % 3}`], types: [type('ASSAULT')], classes: [4] });
    examples.push({ features: ['bias', 'lemma=urge', `noise=${i % 3}`], types: [type('REQUEST')], classes: [0] });
    examples.push({ features: ['bias', 'lemma=withdraw', `noise=${i % 3}`], types: [type('CONCEDE'), type('RETREAT')], classes: [] });
    examples.push({ features: ['bias', 'lemma=withdraw', 'obj=troops'], types: [type('RETREAT')], classes: [2] });
    examples.push({ features: ['bias', 'lemma=score', 'pattern=none'], types: [type(NO_EVENT)], classes: [] });
  }
  const options = { buckets: 1 << 10, epochs: 8, learningRate: 0.3, l2: 0, seed: 1 };
  const model = fitEventTypes(examples, options);
  const again = fitEventTypes(examples, options);
  assert.deepEqual(Array.from(again.typeWeights), Array.from(model.typeWeights), 'same examples, same weights');
  const full = { ...model, triggers: new Set<string>(), triggerThreshold: 0.5, retypeMargin: 0, retypeMinimum: 0 };
  const best = (features: string[]) => {
    const { types } = classify(full, features);
    return TYPE_LABELS[types.indexOf(Math.max(...types))];
  };
  assert.equal(best(['bias', 'lemma=shell']), 'ASSAULT');
  assert.equal(best(['bias', 'lemma=urge']), 'REQUEST');
  assert.equal(best(['bias', 'lemma=score', 'pattern=none']), NO_EVENT);
  // The partial YIELD-style label settles on the type the full labels of the same word support.
  assert.equal(best(['bias', 'lemma=withdraw']), 'RETREAT');
  const { classes } = classify(full, ['bias', 'lemma=urge']);
  assert.equal(classes.indexOf(Math.max(...classes)), 0, 'an urging is an appeal (PentaClass 0)');
});
