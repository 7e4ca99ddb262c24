import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_FILE, MODEL_FORMAT, WEIGHTS_FILE, type ModelDescription } from '../../src/models/parser/load.js';
import type { ParserModel } from '../../src/models/parser/parser.js';
import { MOVE_COUNT } from '../../src/models/parser/transitions.js';
import { quantise } from './perceptron.js';

/** Writes a trained model in the shipped format; returns the SHA-256 of the weights followed by model.json. */
export function writeParserModel(dir: string, model: ParserModel): string {
  const transitions = quantise(Float32Array.from(model.transitionWeights));
  const labels = quantise(Float32Array.from(model.labelWeights));
  const tagger = quantise(Float32Array.from(model.taggerWeights));
  const vocabulary = [...model.vocabulary].sort((a, b) => a[1] - b[1]).map(([word]) => word);
  const description: ModelDescription = {
    format: MODEL_FORMAT,
    labels: [...model.labels],
    vocabulary,
    transitionBuckets: model.transitionMask + 1,
    labelBuckets: model.labelMask + 1,
    taggerBuckets: model.taggerMask + 1,
    moves: MOVE_COUNT,
    // A list of every label but root is what an empty list stands for.
    labelCandidates: model.labelCandidates.map((list) => (list.length === model.labels.length - 1 ? [] : Array.from(list))),
  };
  const tables = [transitions.table, labels.table, tagger.table];
  const bytes = new Uint8Array(2 * tables.reduce((sum, table) => sum + table.length, 0));
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const table of tables) {
    for (const weight of table) {
      view.setInt16(offset, weight, true);
      offset += 2;
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MODEL_FILE), JSON.stringify(description) + '\n');
  writeFileSync(join(dir, WEIGHTS_FILE), bytes);
  return createHash('sha256').update(bytes).update(JSON.stringify(description)).digest('hex');
}
