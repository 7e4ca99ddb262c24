import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../doc/doc.js';
import { createPipeline, PipelineError, type TimeBudget } from './pipeline.js';
import { defineStage } from './stage.js';

const sentences = defineStage({
  name: 'fake-sentences', version: 1, requires: ['paragraphs'], provides: ['sentences'],
  run: (doc) => ({ sentences: [{ index: 0, paragraph: 0, start: 0, end: doc.text.length, tokenStart: 0, tokenEnd: 0 }] }),
});
const failing = defineStage({
  name: 'failing', version: 3, requires: ['sentences'], provides: ['tokens'],
  run: () => { throw new Error('knowledge file broken'); },
});
const needsTokens = defineStage({
  name: 'needs-tokens', version: 1, requires: ['tokens'], provides: ['entities'],
  run: () => ({ entities: [] }),
});

test('a pipeline whose stage needs a layer nobody provides is refused when built', () => {
  assert.throws(() => createPipeline([needsTokens]), PipelineError);
  assert.throws(() => createPipeline([sentences, sentences]), /appears twice/);
});

test('a layer provided twice is refused when built', () => {
  const again = defineStage({ ...sentences, name: 'other-sentences' });
  assert.throws(() => createPipeline([sentences, again]), /provided twice/);
});

test('a failing stage becomes a message on the doc; later stages that need its layer are skipped', () => {
  const doc = createDoc('Some text.', {}, { paragraphs: [{ index: 0, start: 0, end: 10 }] });
  createPipeline([sentences, failing, needsTokens]).run(doc);
  assert.equal(doc.layers.sentences?.length, 1);
  assert.equal(doc.layers.tokens, undefined);
  assert.deepEqual(doc.messages.map((m) => [m.stage, m.ruleId]), [['failing', 'stage-failed'], ['needs-tokens', 'missing-layer']]);
  assert.match(doc.messages[0]!.reason, /knowledge file broken/);
  assert.deepEqual(doc.provenance.map((p) => [p.stage, p.version, p.status]), [
    ['fake-sentences', 1, 'ok'], ['failing', 3, 'failed'], ['needs-tokens', 1, 'skipped'],
  ]);
});

test('the knowledge version is recorded with every stage run', () => {
  const doc = createDoc('Some text.', {}, { paragraphs: [{ index: 0, start: 0, end: 10 }] });
  createPipeline([sentences], { knowledgeVersion: '2026.1.0' }).run(doc);
  assert.equal(doc.provenance[0]!.knowledgeVersion, '2026.1.0');
});

test('a stage that forgets a layer it promised is reported, not silently accepted', () => {
  const forgetful = defineStage({ name: 'forgetful', version: 1, requires: [], provides: ['quotes'], run: () => ({}) as never });
  const doc = createDoc('x', {}, { paragraphs: [] });
  createPipeline([forgetful]).run(doc);
  assert.match(doc.messages[0]!.reason, /did not return layer "quotes"/);
});

test('a skipped document (not English, empty …) is not coded', () => {
  const doc = createDoc('Le texte.', {}, { paragraphs: [{ index: 0, start: 0, end: 9 }] });
  doc.skip = { stage: 'ingest', ruleId: 'not-english', reason: 'fra' };
  createPipeline([sentences]).run(doc);
  assert.equal(doc.layers.sentences, undefined);
  assert.equal(doc.provenance.length, 0);
});

test('the doc is plain JSON: it survives a round trip unchanged', () => {
  const doc = createDoc('Text.', { published: '2020-01-02' }, { paragraphs: [{ index: 0, start: 0, end: 5 }] });
  createPipeline([sentences]).run(doc);
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc);
});

/** A clock that moves on `step` ms every time it is read: time runs out after a known number of stages. */
function steppingClock(step: number): () => number {
  let now = 0;
  return () => (now += step);
}

const entities = defineStage({
  name: 'fake-entities', version: 1, requires: ['sentences'], provides: ['entities'],
  run: () => ({ entities: [{ id: 'e1', start: 0, end: 4, text: 'Some', type: 'OTHER', source: 'pattern', confidence: 1 }] }),
});
const quotes = defineStage({ name: 'fake-quotes', version: 1, requires: ['entities'], provides: ['quotes'], run: () => ({ quotes: [] }) });

test('a document past its time budget is skipped after the stage that ran over, without half-made layers', () => {
  const doc = createDoc('Some text.', {}, { paragraphs: [{ index: 0, start: 0, end: 10 }] });
  // Read once when the budget starts (0 → 10), then after each stage: 20, 30 > 25.
  const clock = steppingClock(10);
  const budget: TimeBudget = { clock, started: clock(), limitMs: 15 };
  createPipeline([sentences, entities, quotes]).run(doc, budget);
  assert.equal(doc.skip?.ruleId, 'time-budget');
  assert.equal(doc.skip?.stage, 'fake-entities');
  assert.match(doc.skip!.reason, /took 20 ms by the end of fake-entities, over the budget of 15 ms/);
  assert.deepEqual(Object.keys(doc.layers), ['paragraphs']);
  assert.deepEqual(doc.provenance.map((p) => p.stage), ['fake-sentences', 'fake-entities']);
});

test('within its budget a document is coded exactly as without one', () => {
  const plain = createDoc('Some text.', {}, { paragraphs: [{ index: 0, start: 0, end: 10 }] });
  const timed = createDoc('Some text.', {}, { paragraphs: [{ index: 0, start: 0, end: 10 }] });
  const pipeline = createPipeline([sentences, entities, quotes]);
  pipeline.run(plain);
  const clock = steppingClock(10);
  pipeline.run(timed, { clock, started: clock(), limitMs: 30 });
  assert.equal(timed.skip, undefined);
  assert.deepEqual({ ...timed, provenance: [] }, { ...plain, provenance: [] });
});
