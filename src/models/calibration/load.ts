/**
 * The confidence model on disk: models/calibration/model.json, a logistic model over the features of
 * ./features.ts, fitted by train/calibration on held-out codings of the dev event sets. Read once per
 * process on first use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedModelDir } from '../shipped.js';
import { FEATURE_NAMES } from './features.js';

export const CALIBRATION_FORMAT = 1;
export const CALIBRATION_FILE = 'model.json';

export interface CalibrationModel {
  format: number;
  /** Feature names in the order of the weights; they must be FEATURE_NAMES. */
  features: string[];
  weights: number[];
}

export function readCalibrationModel(path: string): CalibrationModel {
  const model = JSON.parse(readFileSync(path, 'utf8')) as CalibrationModel;
  if (model.format !== CALIBRATION_FORMAT) throw new Error(`${path}: calibration format ${model.format}, this Dyad reads ${CALIBRATION_FORMAT}`);
  const expected = FEATURE_NAMES.join(',');
  if (!Array.isArray(model.features) || model.features.join(',') !== expected) throw new Error(`${path}: its features are not this Dyad's (${expected}); retrain with npm run train`);
  if (!Array.isArray(model.weights) || model.weights.length !== FEATURE_NAMES.length || !model.weights.every(Number.isFinite)) {
    throw new Error(`${path}: needs ${FEATURE_NAMES.length} finite weights`);
  }
  return model;
}

/** models/calibration/model.json, found from this module's place whether it runs from src/ or dist/src/. */
export function shippedCalibrationPath(): string {
  return join(shippedModelDir('calibration', CALIBRATION_FILE), CALIBRATION_FILE);
}

let shipped: CalibrationModel | undefined;

export function shippedCalibration(): CalibrationModel {
  shipped ??= readCalibrationModel(shippedCalibrationPath());
  return shipped;
}
