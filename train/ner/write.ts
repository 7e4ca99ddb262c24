import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatClusters } from '../../src/models/ner/clusters.js';
import { CLASSES, FEATURES } from '../../src/models/ner/features.js';
import { NER_CLUSTERS_FILE, NER_MODEL_FILE, NER_MODEL_FORMAT, NER_WEIGHTS_FILE, type NerModelDescription } from '../../src/models/ner/load.js';
import type { NerModel } from '../../src/models/ner/tagger.js';
import { quantise } from '../parser/perceptron.js';

/** Writes a trained NER in the shipped format; returns the SHA-256 of the weights, model.json and clusters. */
export function writeNerModel(dir: string, model: NerModel): string {
  const { table, scale } = quantise(Float32Array.from(model.weights));
  const description: NerModelDescription = { format: NER_MODEL_FORMAT, classes: CLASSES, features: FEATURES, buckets: model.mask + 1, scale };
  const bytes = new Uint8Array(2 * table.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < table.length; i += 1) view.setInt16(2 * i, table[i]!, true);
  const json = JSON.stringify(description) + '\n';
  const clusters = formatClusters(model.lexicon.clusters);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, NER_MODEL_FILE), json);
  writeFileSync(join(dir, NER_WEIGHTS_FILE), bytes);
  writeFileSync(join(dir, NER_CLUSTERS_FILE), clusters);
  return createHash('sha256').update(bytes).update(json).update(clusters).digest('hex');
}
