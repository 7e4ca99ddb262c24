import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ingest } from '../ingest/index.js';
import { openStore } from '../store/store.js';
import { createEngine, type BatchInput } from './engine.js';
import { defaultPipeline } from '../pipeline/default.js';
import { createPipeline } from '../pipeline/pipeline.js';

const ENGLISH = [
  'Border guards of two neighbouring states exchanged fire across the river on Tuesday morning.',
  'Officials in the capital said the clashes lasted several hours and that civilians fled the villages nearby.',
].join('\n');
const OTHER_ENGLISH = 'The foreign ministers of both countries agreed to meet next week to discuss the disputed water rights along the river.';
const FRENCH = 'Les ministres des affaires étrangères des deux pays se sont rencontrés hier soir pour discuter de la frontière.';

test('extract ingests and analyses one input without a store', () => {
  const engine = createEngine();
  const doc = engine.extract({ content: ENGLISH, published: '2031-05-06' });
  assert.equal(doc.source.published, '2031-05-06');
  assert.ok((doc.layers.sentences?.length ?? 0) >= 2);
  assert.ok(doc.provenance.some((run) => run.stage === 'ingest'));
});

test('ingestBatch stores each document once, counts skips and failures, and never analyses a duplicate twice', async () => {
  const store = await openStore(':memory:');
  let runs = 0;
  const engine = createEngine({ store, batchSize: 2 });
  const pipeline = engine.pipeline;
  const counting = createEngine({ store, batchSize: 2, pipeline: { ...pipeline, run: (doc) => (runs++, pipeline.run(doc)) } });
  const inputs: BatchInput[] = [
    { content: ENGLISH, inputId: 'a' },
    { content: OTHER_ENGLISH, inputId: 'b' },
    { content: ENGLISH, inputId: 'a-again' },
    { content: FRENCH, inputId: 'c' },
    { failed: 'missing.txt', error: 'no such file' },
  ];
  const progress: number[] = [];
  const first = await counting.ingestBatch(inputs, { onProgress: (s) => progress.push(s.stored + s.skipped) });
  assert.deepEqual(
    { stored: first.stored, skipped: first.skipped, duplicates: first.duplicates, failed: first.failed },
    { stored: 2, skipped: 1, duplicates: 1, failed: 1 },
  );
  assert.deepEqual(first.skipReasons, { 'not-english': 1 });
  assert.deepEqual(first.failures, [{ input: 'missing.txt', error: 'no such file' }]);
  assert.deepEqual(progress, [2, 3]);
  assert.equal(await store.countDocs(), 3);

  const runsBefore = runs;
  const second = await counting.ingestBatch(inputs.slice(0, 4));
  assert.deepEqual({ stored: second.stored, duplicates: second.duplicates }, { stored: 0, duplicates: 4 });
  assert.equal(runs, runsBefore, 'documents already stored are not analysed again');
  assert.equal(await store.countDocs(), 3);
  await store.close();
});

test('ingestBatch codes again a document stored by other stage versions, and replaces its coding', async () => {
  const store = await openStore(':memory:');
  const pipeline = defaultPipeline();
  const older = createPipeline(pipeline.stages.map((stage) => ({ ...stage, version: stage.version - 1 })),
    pipeline.knowledgeVersion ? { knowledgeVersion: pipeline.knowledgeVersion } : {});
  let runs = 0;
  // No time budget: no warm-up document runs through the pipeline to be counted.
  const counting = (base: typeof pipeline) => createEngine({ store, timeBudgetMs: Infinity,
    pipeline: { ...base, run: (doc, budget) => (runs++, base.run(doc, budget)) } });
  await counting(older).ingestBatch([{ content: ENGLISH, inputId: 'a' }]);
  const again = await counting(pipeline).ingestBatch([{ content: ENGLISH, inputId: 'a' }]);
  assert.equal(runs, 2, 'coded by the older stages, then by the current ones');
  assert.equal(again.duplicates, 0);
  const [stored] = (await store.pageDocs()).items;
  const versions = (await store.getDoc(stored!.id))!.provenance.filter((run) => run.stage !== 'ingest').map((run) => run.version);
  assert.deepEqual(versions, pipeline.stages.map((stage) => stage.version));
  assert.equal(await store.countDocs(), 1);
  const third = await counting(pipeline).ingestBatch([{ content: ENGLISH, inputId: 'a' }]);
  assert.deepEqual({ runs, duplicates: third.duplicates }, { runs: 2, duplicates: 1 }, 'the current coding is not made twice');
  await store.close();
});

test('ingestBatch accepts an async stream and refuses to run without a store', async () => {
  const store = await openStore(':memory:');
  async function* stream(): AsyncGenerator<BatchInput> {
    for (let i = 0; i < 5; i++) yield { content: `${OTHER_ENGLISH} Round ${i} of the talks ended without a deal.` };
  }
  const summary = await createEngine({ store, batchSize: 2 }).ingestBatch(stream());
  assert.equal(summary.stored, 5);
  assert.equal(await store.countDocs(), 5);
  await store.close();
  await assert.rejects(createEngine().ingestBatch([]), /needs a store/);
});

test('a run that dies part-way loses at most its open batch, and running it again finishes the job', async () => {
  const store = await openStore(':memory:');
  const texts = Array.from({ length: 7 }, (_, i) => `${OTHER_ENGLISH} Delegation number ${i} left the capital at dawn.`);
  async function* dying(): AsyncGenerator<BatchInput> {
    for (const [i, content] of texts.entries()) {
      if (i === 5) throw new Error('killed');
      yield { content };
    }
  }
  const engine = createEngine({ store, batchSize: 2 });
  await assert.rejects(engine.ingestBatch(dying()), /killed/);
  assert.equal(await store.countDocs(), 4, 'the two committed batches survive, the open one is lost');
  const rerun = await engine.ingestBatch(texts.map((content) => ({ content })));
  assert.deepEqual({ stored: rerun.stored, duplicates: rerun.duplicates }, { stored: 3, duplicates: 4 });
  assert.equal(await store.countDocs(), 7);
  await store.close();
});

/** A clock that moves on `step` ms every time it is read, so a test can run out of time without waiting. */
function steppingClock(step: number): () => number {
  let now = 0;
  return () => (now += step);
}

test('a document over its time budget is stored with its text and a time-budget skip, and counted as skipped', async () => {
  const store = await openStore(':memory:');
  // Read at the start, after ingest, then after each stage: the third read (two stages in) is over 2,500.
  const engine = createEngine({ store, timeBudgetMs: 2_500, clock: steppingClock(1_000) });
  const summary = await engine.ingestBatch([{ content: ENGLISH, inputId: 'slow' }]);
  assert.deepEqual({ stored: summary.stored, skipped: summary.skipped, skipReasons: summary.skipReasons }, {
    stored: 0, skipped: 1, skipReasons: { 'time-budget': 1 },
  });
  const stored = (await store.getDoc(ingest({ content: ENGLISH }).id))!;
  assert.equal(stored.skip?.ruleId, 'time-budget');
  assert.equal(stored.skip?.stage, engine.pipeline.stages[1]!.name);
  assert.equal(stored.text, ENGLISH);
  assert.deepEqual(Object.keys(stored.layers), ['paragraphs']);
  await store.close();
});

test('time running out during ingest skips the document before any stage runs', () => {
  const doc = createEngine({ timeBudgetMs: 500, clock: steppingClock(1_000) }).extract({ content: ENGLISH });
  assert.equal(doc.skip?.stage, 'ingest');
  assert.equal(doc.skip?.ruleId, 'time-budget');
  assert.deepEqual(doc.provenance.map((p) => p.stage), ['ingest']);
});

test('documents within the budget are coded the same with and without a clock', () => {
  const timed = createEngine({ timeBudgetMs: 1e9, clock: steppingClock(1) }).extract({ content: ENGLISH, published: '2031-05-06' });
  const untimed = createEngine({ timeBudgetMs: Infinity }).extract({ content: ENGLISH, published: '2031-05-06' });
  assert.equal(timed.skip, undefined);
  assert.deepEqual(timed.layers, untimed.layers);
  assert.deepEqual(timed.messages, untimed.messages);
});

test('an engine with a time budget loads every stage before its first document, so loading is not charged to it', () => {
  const runs: number[] = [];
  const pipeline = defaultPipeline();
  const counting = { ...pipeline, run: (doc: Parameters<typeof pipeline.run>[0], budget?: Parameters<typeof pipeline.run>[1]) => {
    runs.push(budget ? 1 : 0);
    return pipeline.run(doc, budget);
  } };
  const engine = createEngine({ pipeline: counting, timeBudgetMs: 60_000 });
  engine.extract({ content: ENGLISH });
  engine.extract({ content: ENGLISH });
  assert.deepEqual(runs, [0, 1, 1], 'an unbudgeted warm-up run, then the documents');
  runs.length = 0;
  engine.extract({ content: '<html><body><p>Border guards exchanged fire on Tuesday.</p></body></html>', kind: 'html' });
  assert.deepEqual(runs, [0, 1], 'the first HTML page warms the HTML path');
  runs.length = 0;
  createEngine({ pipeline: counting, timeBudgetMs: Infinity }).extract({ content: ENGLISH });
  assert.deepEqual(runs, [1]);
});

test('a document waits for its batch without its tokens and is stored as extract codes it', async () => {
  const store = await openStore(':memory:');
  const waiting: Array<{ tokens: boolean; events: boolean }> = [];
  const engine = createEngine({ store, batchSize: 2 });
  const original = store.putDocs.bind(store);
  store.putDocs = (docs) => {
    for (const doc of docs) waiting.push({ tokens: doc.layers.tokens !== undefined, events: doc.layers.events !== undefined });
    return original(docs);
  };
  await engine.ingestBatch([{ content: ENGLISH, inputId: 'a' }, { content: OTHER_ENGLISH, inputId: 'b' }]);
  assert.deepEqual(waiting, [{ tokens: false, events: true }, { tokens: false, events: true }]);
  const extracted = createEngine().extract({ content: OTHER_ENGLISH, inputId: 'b' });
  const stored = await store.getDoc(extracted.id);
  const { tokens: _tokens, ...layers } = extracted.layers;
  assert.deepEqual(stored?.layers, layers);
  await store.close();
});
