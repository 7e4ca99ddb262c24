import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event } from '../../doc/types.js';
import { createDoc } from '../../doc/doc.js';
import { splitParagraphs } from '../../ingest/paragraphs.js';
import { featureBuckets, PENTACLASSES, TYPE_LABELS, type EventTypeModel } from '../../models/event-type/model.js';
import { defaultPipeline } from '../../pipeline/default.js';
import { createPipeline } from '../../pipeline/pipeline.js';
import { codeEvents } from './events.js';

const BUCKETS = 1 << 12;

/** A hand-set classifier: each feature pushes one type label (and optionally one PentaClass) by `weight`. */
function handModel(pushes: ReadonlyArray<{ feature: string; type?: string; pentaclass?: number; weight: number }>, triggers: string[] = []): EventTypeModel {
  const typeWeights = new Float32Array(BUCKETS * TYPE_LABELS.length);
  const classWeights = new Float32Array(BUCKETS * PENTACLASSES);
  for (const push of pushes) {
    const bucket = featureBuckets([push.feature], BUCKETS - 1)[0]!;
    if (push.type) typeWeights[bucket * TYPE_LABELS.length + TYPE_LABELS.indexOf(push.type)]! += push.weight;
    if (push.pentaclass !== undefined) classWeights[bucket * PENTACLASSES + push.pentaclass]! += push.weight;
  }
  return { mask: BUCKETS - 1, typeWeights, classWeights, triggers: new Set(triggers), triggerThreshold: 0.5, retypeMargin: 0.1, retypeMinimum: 0 };
}

function coder(model: EventTypeModel): (text: string) => Event[] {
  const stages = defaultPipeline({ parse: 'all' }).stages.map((stage) => (stage.name === 'events' ? codeEvents({ classifier: { model, clusterOf: () => undefined }, calibration: false }) : stage));
  const pipeline = createPipeline(stages, { initialLayers: ['paragraphs'] });
  return (text) => {
    const doc = createDoc(text, { format: 'text', published: '2021-03-01' }, { paragraphs: splitParagraphs(text) });
    pipeline.run(doc);
    return doc.layers.events ?? [];
  };
}

test('classifier: the model retypes a pattern hit where its context says so, and the new type gets a general code of its class', () => {
  const text = 'Police arrested two opposition leaders on Monday.';
  const unchanged = coder(handModel([]))(text);
  assert.deepEqual(unchanged.map((e) => `${e.plover} ${e.cameo}`), ['COERCE 173'], 'an undecided model keeps the pattern coding');
  const retyped = coder(handModel([{ feature: 'lemma=arrest', type: 'ASSAULT', weight: 6 }]))(text);
  assert.equal(retyped.length, 1);
  assert.equal(retyped[0]!.plover, 'ASSAULT');
  assert.match(retyped[0]!.cameo, /^\d\d$/, 'a retyped event is coded at the CAMEO root of its type, not the pattern\'s specific code');
  assert.ok(retyped[0]!.typeProbability! > 0.9);
  assert.deepEqual(retyped[0]!.actors.map((a) => a.text), unchanged[0]!.actors.map((a) => a.text), 'the roles stay the parse\'s');
});

test('classifier: a small preference inside the retyping margin leaves the pattern\'s type', () => {
  const events = coder(handModel([{ feature: 'lemma=arrest', type: 'ASSAULT', weight: 0.05 }]))('Police arrested two opposition leaders on Monday.');
  assert.deepEqual(events.map((e) => e.plover), ['COERCE']);
});

test('classifier: a pattern marked force keeps its coding whatever the model says', async () => {
  const { getEventMatcher } = await import('../../knowledge/patterns.js');
  const arrest = getEventMatcher().patterns.find((p) => p.id === 'coerce.arrest')!;
  const model = handModel([{ feature: 'lemma=arrest', type: 'ASSAULT', weight: 6 }]);
  arrest.force = true;
  try {
    assert.deepEqual(coder(model)('Police arrested two opposition leaders on Monday.').map((e) => `${e.plover} ${e.cameo}`), ['COERCE 173']);
  } finally {
    delete arrest.force;
  }
});

test('classifier: the class head decides between an appeal and a demand for a REQUEST it retypes to', () => {
  const text = 'Police arrested two opposition leaders on Monday.';
  const appeal = coder(handModel([{ feature: 'lemma=arrest', type: 'REQUEST', weight: 6 }, { feature: 'lemma=arrest', pentaclass: 0, weight: 6 }]))(text);
  const demand = coder(handModel([{ feature: 'lemma=arrest', type: 'REQUEST', weight: 6 }, { feature: 'lemma=arrest', pentaclass: 3, weight: 6 }]))(text);
  assert.equal(appeal[0]!.cameo.slice(0, 2), '02');
  assert.equal(demand[0]!.cameo.slice(0, 2), '10');
});

test('classifier: a learned trigger in a sentence no pattern matches becomes an event with roles from the parse, only when the model is sure', () => {
  const text = 'The Kenyan army overran the rebel camp near the border on Tuesday.';
  assert.deepEqual(coder(handModel([]))(text), [], 'no pattern lists "overrun"');
  const unsure = handModel([{ feature: 'lemma=overrun', type: 'ASSAULT', weight: 0.5 }, { feature: 'pattern=none', type: 'NONE', weight: 4 }], ['overrun']);
  assert.deepEqual(coder(unsure)(text), [], 'below the threshold of "no event" nothing is coded');
  const sure = handModel([{ feature: 'lemma=overrun', type: 'ASSAULT', weight: 8 }], ['overrun']);
  const events = coder(sure)(text);
  assert.equal(events.length, 1);
  const [event] = events;
  assert.equal(event!.plover, 'ASSAULT');
  assert.equal(event!.pattern, 'learned.overrun');
  assert.equal(event!.trigger.text, 'overran');
  assert.ok(event!.actors.some((a) => /army/.test(a.text)), `actor from the subject: ${JSON.stringify(event!.actors)}`);
  assert.ok(event!.recipients.some((r) => /camp/.test(r.text)), `recipient from the object: ${JSON.stringify(event!.recipients)}`);
});
