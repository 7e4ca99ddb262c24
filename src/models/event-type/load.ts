/**
 * The event classifier on disk (models/event-type): `model.json` (format, table size, labels, the
 * learned triggers and their threshold) and `weights.bin` (the type head's then the class head's
 * weights, little-endian float32). Read once per process on first use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedNer } from '../ner/load.js';
import { shippedModelDir } from '../shipped.js';
import type { ClusterOf } from './features.js';
import { PENTACLASSES, TYPE_LABELS, type EventTypeModel } from './model.js';

export const EVENT_TYPE_FORMAT = 1;
export const EVENT_TYPE_FILE = 'model.json';
export const EVENT_TYPE_WEIGHTS_FILE = 'weights.bin';

export interface EventTypeDescription {
  format: number;
  buckets: number;
  typeLabels: string[];
  pentaclasses: number;
  triggers: string[];
  triggerThreshold: number;
  retypeMargin: number;
  retypeMinimum: number;
}

export function describeModel(model: EventTypeModel): EventTypeDescription {
  return {
    format: EVENT_TYPE_FORMAT, buckets: model.mask + 1, typeLabels: [...TYPE_LABELS], pentaclasses: PENTACLASSES,
    triggers: [...model.triggers].sort(), triggerThreshold: model.triggerThreshold, retypeMargin: model.retypeMargin, retypeMinimum: model.retypeMinimum,
  };
}

/** The weights file's bytes: the type head, then the class head. */
export function weightBytes(model: EventTypeModel): Buffer {
  const all = new Float32Array(model.typeWeights.length + model.classWeights.length);
  all.set(model.typeWeights);
  all.set(model.classWeights, model.typeWeights.length);
  return Buffer.from(all.buffer);
}

export function readEventTypeModel(dir: string): EventTypeModel {
  const file = join(dir, EVENT_TYPE_FILE);
  const description = JSON.parse(readFileSync(file, 'utf8')) as EventTypeDescription;
  if (description.format !== EVENT_TYPE_FORMAT) throw new Error(`${file}: format ${description.format}, this Dyad reads ${EVENT_TYPE_FORMAT}`);
  if (description.typeLabels?.join(',') !== TYPE_LABELS.join(',') || description.pentaclasses !== PENTACLASSES) {
    throw new Error(`${file}: its labels are not this Dyad's (${TYPE_LABELS.join(',')}); retrain with npm run train`);
  }
  const { buckets } = description;
  if (!(Number.isInteger(buckets) && buckets > 0 && (buckets & (buckets - 1)) === 0)) throw new Error(`${file}: buckets must be a power of two`);
  if (!Array.isArray(description.triggers) || !(description.triggerThreshold > 0 && description.triggerThreshold <= 1) || !(description.retypeMargin >= 0 && description.retypeMargin < 1) || !(description.retypeMinimum >= 0 && description.retypeMinimum < 1)) {
    throw new Error(`${file}: needs a list of triggers, a threshold in (0, 1] and a retyping margin and minimum in [0, 1)`);
  }
  const bytes = readFileSync(join(dir, EVENT_TYPE_WEIGHTS_FILE));
  const typeSize = buckets * TYPE_LABELS.length;
  const expected = 4 * (typeSize + buckets * PENTACLASSES);
  if (bytes.byteLength !== expected) throw new Error(`${join(dir, EVENT_TYPE_WEIGHTS_FILE)}: ${bytes.byteLength} bytes, ${EVENT_TYPE_FILE} describes ${expected}`);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return {
    mask: buckets - 1, typeWeights: all.subarray(0, typeSize), classWeights: all.subarray(typeSize),
    triggers: new Set(description.triggers), triggerThreshold: description.triggerThreshold, retypeMargin: description.retypeMargin, retypeMinimum: description.retypeMinimum,
  };
}

let shipped: EventTypeModel | undefined;

/** models/event-type, read once per process on first use. */
export function shippedEventTypeModel(): EventTypeModel {
  shipped ??= readEventTypeModel(shippedModelDir('event-type', EVENT_TYPE_FILE));
  return shipped;
}

/**
 * The lemmas the shipped classifier may take for an event where no pattern matched (none when the
 * model is missing: the events stage then says why).
 */
export function shippedTriggers(): ReadonlySet<string> {
  try {
    return shippedEventTypeModel().triggers;
  } catch {
    return new Set();
  }
}

/** The word clusters the classifier's features use: the NER's (one table, loaded once). */
export const shippedClusterOf: ClusterOf = (word) => shippedNer().lexicon.clusters.get(word);
