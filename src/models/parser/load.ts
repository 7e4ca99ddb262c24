import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedModelDir } from '../shipped.js';
import { WORD_BASE } from './features.js';
import { CANDIDATE_KEYS } from './labels.js';
import { TAG_CLASSES } from './tagger.js';
import { allowedLabels, type ParserModel } from './parser.js';

/**
 * A parser model on disk is two files: `model.json` (labels, vocabulary, table sizes) and `weights.bin`,
 * the transition, label and tagger tables as little-endian 16-bit integers (weights quantised to one
 * scale per table: only the order of the scores matters).
 */
export const MODEL_FORMAT = 1;
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

export interface ModelDescription {
  format: number;
  labels: string[];
  /** Words in id order; the first has id WORD_BASE. */
  vocabulary: string[];
  transitionBuckets: number;
  labelBuckets: number;
  taggerBuckets: number;
  moves: number;
  /** Label indices per candidate key (see labels.ts); an empty list allows every label but root. */
  labelCandidates: number[][];
}

function isPowerOfTwo(value: number): boolean {
  return Number.isInteger(value) && value > 0 && (value & (value - 1)) === 0;
}

export function readParserModel(dir: string): ParserModel {
  const description = JSON.parse(readFileSync(join(dir, MODEL_FILE), 'utf8')) as ModelDescription;
  if (description.format !== MODEL_FORMAT) throw new Error(`${join(dir, MODEL_FILE)}: model format ${description.format}, this parser reads ${MODEL_FORMAT}`);
  if (![description.transitionBuckets, description.labelBuckets, description.taggerBuckets].every(isPowerOfTwo)) throw new Error(`${join(dir, MODEL_FILE)}: bucket counts must be powers of two`);
  if (!description.labels.includes('root')) throw new Error(`${join(dir, MODEL_FILE)}: the labels lack root`);
  const labelCount = description.labels.length;
  if (description.labelCandidates?.length !== CANDIDATE_KEYS || description.labelCandidates.some((list) => list.some((label) => !(label >= 0 && label < labelCount)))) {
    throw new Error(`${join(dir, MODEL_FILE)}: labelCandidates must be ${CANDIDATE_KEYS} lists of label indices`);
  }
  const bytes = readFileSync(join(dir, WEIGHTS_FILE));
  const transitionLength = description.transitionBuckets * description.moves;
  const labelLength = description.labelBuckets * description.labels.length;
  const taggerLength = description.taggerBuckets * TAG_CLASSES;
  const expected = 2 * (transitionLength + labelLength + taggerLength);
  if (bytes.byteLength !== expected) throw new Error(`${join(dir, WEIGHTS_FILE)}: ${bytes.byteLength} bytes, ${MODEL_FILE} describes ${expected}`);
  // A copy: the Buffer may sit at an odd offset of a shared pool, which an Int16Array cannot view.
  const table = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return {
    vocabulary: new Map(description.vocabulary.map((word, i) => [word, WORD_BASE + i])),
    labels: description.labels,
    transitionMask: description.transitionBuckets - 1,
    labelMask: description.labelBuckets - 1,
    transitionWeights: table.subarray(0, transitionLength),
    labelWeights: table.subarray(transitionLength, transitionLength + labelLength),
    taggerMask: description.taggerBuckets - 1,
    taggerWeights: table.subarray(transitionLength + labelLength),
    labelCandidates: allowedLabels(description.labelCandidates.map((list) => Int32Array.from(list)), description.labels),
  };
}

/** The shipped models/parser folder, found from this module's place whether it runs from src/ or dist/src/. */
export function shippedParserDir(): string {
  return shippedModelDir('parser', MODEL_FILE);
}

let shipped: ParserModel | undefined;

/** The shipped parser, read once per process on first use. */
export function shippedParser(): ParserModel {
  shipped ??= readParserModel(shippedParserDir());
  return shipped;
}
