import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedModelDir } from '../shipped.js';
import { parseClusters } from './clusters.js';
import { CLASSES, FEATURES } from './features.js';
import { knowledgeLexicon } from './lexicon.js';
import type { NerModel } from './tagger.js';

/**
 * An NER model on disk is three files: `model.json` (table size, quantisation scale, feature count),
 * `weights.bin` (`buckets × CLASSES` little-endian 16-bit weights) and `clusters.tsv` (word clusters).
 */
export const NER_MODEL_FORMAT = 1;
export const NER_MODEL_FILE = 'model.json';
export const NER_WEIGHTS_FILE = 'weights.bin';
export const NER_CLUSTERS_FILE = 'clusters.tsv';

export interface NerModelDescription {
  format: number;
  classes: number;
  /** How many features per token the weights were trained with (features.ts FEATURES). */
  features: number;
  buckets: number;
  scale: number;
}

export function readNerModel(dir: string): NerModel {
  const file = join(dir, NER_MODEL_FILE);
  const description = JSON.parse(readFileSync(file, 'utf8')) as NerModelDescription;
  if (description.format !== NER_MODEL_FORMAT) throw new Error(`${file}: model format ${description.format}, this NER reads ${NER_MODEL_FORMAT}`);
  if (description.classes !== CLASSES || description.features !== FEATURES) throw new Error(`${file}: ${description.classes} classes and ${description.features} features, this NER has ${CLASSES} and ${FEATURES}`);
  const { buckets } = description;
  if (!(Number.isInteger(buckets) && buckets > 0 && (buckets & (buckets - 1)) === 0)) throw new Error(`${file}: buckets must be a power of two`);
  if (!(description.scale > 0)) throw new Error(`${file}: scale must be positive`);
  const bytes = readFileSync(join(dir, NER_WEIGHTS_FILE));
  if (bytes.byteLength !== 2 * buckets * CLASSES) throw new Error(`${join(dir, NER_WEIGHTS_FILE)}: ${bytes.byteLength} bytes, ${NER_MODEL_FILE} describes ${2 * buckets * CLASSES}`);
  // A copy: the Buffer may sit at an odd offset of a shared pool, which an Int16Array cannot view.
  const weights = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const clustersFile = join(dir, NER_CLUSTERS_FILE);
  const clusters = parseClusters(readFileSync(clustersFile, 'utf8'), clustersFile);
  return { mask: buckets - 1, weights, scale: description.scale, lexicon: knowledgeLexicon(clusters) };
}

/** The shipped models/ner folder, found from this module's place whether it runs from src/ or dist/src/. */
export function shippedNerDir(): string {
  return shippedModelDir('ner', NER_MODEL_FILE);
}

let shipped: NerModel | undefined;

/** The shipped NER, read once per process on first use. */
export function shippedNer(): NerModel {
  shipped ??= readNerModel(shippedNerDir());
  return shipped;
}
