import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createEngine } from '../../engine/engine.js';
import { createPipeline } from '../../pipeline/pipeline.js';
import { defaultPipeline } from '../../pipeline/default.js';
import { codeEvents } from '../../stages/events/events.js';
import { calibrationFeatures, FEATURE_NAMES, probability } from './features.js';
import { readCalibrationModel, shippedCalibration } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-calibration-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the shipped model reads, and a model of other features or bad weights is refused with the way out', () => {
  assert.equal(shippedCalibration().weights.length, FEATURE_NAMES.length);
  const path = join(dir, 'model.json');
  writeFileSync(path, JSON.stringify({ format: 1, features: ['bias'], weights: [0] }));
  assert.throws(() => readCalibrationModel(path), /retrain with npm run train/);
  writeFileSync(path, JSON.stringify({ format: 1, features: FEATURE_NAMES, weights: FEATURE_NAMES.map(() => Number.NaN) }));
  assert.throws(() => readCalibrationModel(path), /finite weights/);
});

test('an event\'s confidence is the model\'s probability for what the coder found, not its rule of thumb', () => {
  const text = 'Azerbaijani forces shelled the Armenian town of Martuni on Monday, killing two civilians.';
  const calibrated = createEngine().extract({ content: text, published: '2021-01-01' }).layers.events!;
  const stages = defaultPipeline().stages.map((stage) => (stage.name === 'events' ? codeEvents({ calibration: false }) : stage));
  const raw = createEngine({ pipeline: createPipeline(stages) }).extract({ content: text, published: '2021-01-01' }).layers.events!;
  assert.equal(calibrated.length, 1);
  const [event] = calibrated;
  const expected = Math.round(probability(shippedCalibration().weights, calibrationFeatures(event!, { words: 1, nominal: false, sentenceEvents: 1 })) * 100) / 100;
  assert.equal(event!.confidence, expected);
  assert.notEqual(event!.confidence, raw[0]!.confidence);
  assert.ok(event!.confidence > 0 && event!.confidence < 1);
});
