/**
 * A feature is a template number and three small integers (see hashFeature). The feature functions of the
 * tagger, the parser and the labeller write them as quadruples (template, a, b, c) into an Int32Array;
 * the trainer hashes every one of them into its table, and so does the run time, except that templates
 * whose values all have small ranges (tags, a word id alone, a distance class) are looked up in dense
 * copies of their rows, gathered once when the model is loaded. The dense copies hold exactly the weights
 * of the hashed rows, so the scores do not change; what changes is that a few hundred kilobytes stay in
 * the processor's cache instead of one random line of a table of megabytes per feature.
 */
import { hashFeature, type Weights } from './features.js';

/** Ints per feature in a values array: template, a, b, c. */
export const VALUE_WIDTH = 4;

/** Writes feature `f` into a values array. */
export function putFeature(out: Int32Array, f: number, template: number, a: number, b: number, c: number): void {
  const k = f * VALUE_WIDTH;
  out[k] = template;
  out[k + 1] = a;
  out[k + 2] = b;
  out[k + 3] = c;
}

/** The hashed bucket of each of `count` features of a values array, as the trainer uses them. */
export function hashValues(values: Int32Array, count: number, mask: number, out: Int32Array): void {
  for (let f = 0; f < count; f += 1) {
    const k = f * VALUE_WIDTH;
    out[f] = hashFeature(values[k]!, values[k + 1]!, values[k + 2]!, values[k + 3]!, mask);
  }
}

/** For each template number, the sizes of its three values when its rows are copied densely. */
export type ValueSizes = ReadonlyArray<readonly [number, number, number] | undefined>;

export interface ScoringTables {
  classes: number;
  mask: number;
  /** The hashed table: `mask + 1` rows of `classes` weights. */
  weights: Weights;
  /** The dense rows of all dense templates, one after another. */
  dense: Weights;
  /** Per template number: its first row in `dense`, -1 when it is hashed; then the sizes of its values. */
  offset: Int32Array;
  sizeA: Int32Array;
  sizeB: Int32Array;
  sizeC: Int32Array;
}

/** Copies the hashed rows of every value combination of the templates that `sizes` gives. */
export function scoringTables(weights: Weights, classes: number, mask: number, sizes: ValueSizes): ScoringTables {
  const templates = sizes.length;
  const offset = new Int32Array(templates).fill(-1);
  const sizeA = new Int32Array(templates);
  const sizeB = new Int32Array(templates);
  const sizeC = new Int32Array(templates);
  let rows = 0;
  sizes.forEach((size, template) => {
    if (!size) return;
    offset[template] = rows;
    [sizeA[template], sizeB[template], sizeC[template]] = size;
    rows += size[0] * size[1] * size[2];
  });
  const dense = weights instanceof Int16Array ? new Int16Array(rows * classes) : new Float32Array(rows * classes);
  for (let template = 0; template < templates; template += 1) {
    if (offset[template]! < 0) continue;
    let row = offset[template]!;
    for (let a = 0; a < sizeA[template]!; a += 1) {
      for (let b = 0; b < sizeB[template]!; b += 1) {
        for (let c = 0; c < sizeC[template]!; c += 1) {
          const from = hashFeature(template, a, b, c, mask) * classes;
          dense.set(weights.subarray(from, from + classes), row * classes);
          row += 1;
        }
      }
    }
  }
  return { classes, mask, weights, dense, offset, sizeA, sizeB, sizeC };
}

/**
 * Where the weights of each of `count` features start: a non-negative index into `tables.dense`, or
 * the bitwise complement (negative) of an index into `tables.weights`. Values outside a template's sizes
 * are hashed, so the weights are always those of the hashed row. All of them are computed before any
 * weight is read: the loads of the scoring loops are then independent of one another and of the
 * hashing, so the processor can wait for many cache misses at once instead of one after another.
 */
let starts = new Int32Array(64);

function rowStarts(tables: ScoringTables, values: Int32Array, count: number): Int32Array {
  if (starts.length < count) starts = new Int32Array(count * 2);
  const { classes, mask, offset, sizeA, sizeB, sizeC } = tables;
  const templates = offset.length;
  for (let f = 0; f < count; f += 1) {
    const k = f * VALUE_WIDTH;
    const template = values[k]!;
    const a = values[k + 1]!;
    const b = values[k + 2]!;
    const c = values[k + 3]!;
    if (template < templates) {
      const first = offset[template]!;
      const sb = sizeB[template]!;
      const sc = sizeC[template]!;
      if (first >= 0 && a >>> 0 < sizeA[template]! && b >>> 0 < sb && c >>> 0 < sc) {
        starts[f] = (first + (a * sb + b) * sc + c) * classes;
        continue;
      }
    }
    starts[f] = ~(hashFeature(template, a, b, c, mask) * classes);
  }
  return starts;
}

/** Adds the weights of `count` features of a values array into `scores` (one score per class). */
export function scoreValues(tables: ScoringTables, values: Int32Array, count: number, scores: Float64Array): void {
  const { classes, dense, weights } = tables;
  const rows = rowStarts(tables, values, count);
  if (classes === 3) {
    scoreThree(dense, weights, rows, count, scores);
    return;
  }
  if (classes === 9) {
    scoreNine(dense, weights, rows, count, scores);
    return;
  }
  scores.fill(0, 0, classes);
  for (let f = 0; f < count; f += 1) {
    const start = rows[f]!;
    if (start >= 0) {
      for (let c = 0; c < classes; c += 1) scores[c]! += dense[start + c]!;
    } else {
      const row = ~start;
      for (let c = 0; c < classes; c += 1) scores[c]! += weights[row + c]!;
    }
  }
}

/** scoreValues for three classes (the parser's moves), summed in registers. */
function scoreThree(dense: Weights, weights: Weights, rows: Int32Array, count: number, scores: Float64Array): void {
  let first = 0;
  let second = 0;
  let third = 0;
  for (let f = 0; f < count; f += 1) {
    const start = rows[f]!;
    if (start >= 0) {
      first += dense[start]!;
      second += dense[start + 1]!;
      third += dense[start + 2]!;
    } else {
      const row = ~start;
      first += weights[row]!;
      second += weights[row + 1]!;
      third += weights[row + 2]!;
    }
  }
  scores[0] = first;
  scores[1] = second;
  scores[2] = third;
}

/** scoreValues for nine classes (the NER's O and B-/I- of four types), summed in registers. */
function scoreNine(dense: Weights, weights: Weights, rows: Int32Array, count: number, scores: Float64Array): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
  for (let f = 0; f < count; f += 1) {
    const start = rows[f]!;
    const table = start >= 0 ? dense : weights;
    const row = start >= 0 ? start : ~start;
    s0 += table[row]!;
    s1 += table[row + 1]!;
    s2 += table[row + 2]!;
    s3 += table[row + 3]!;
    s4 += table[row + 4]!;
    s5 += table[row + 5]!;
    s6 += table[row + 6]!;
    s7 += table[row + 7]!;
    s8 += table[row + 8]!;
  }
  scores[0] = s0; scores[1] = s1; scores[2] = s2; scores[3] = s3; scores[4] = s4;
  scores[5] = s5; scores[6] = s6; scores[7] = s7; scores[8] = s8;
}

/** Adds the weights of `count` features for the `candidates` classes only into `scores[0..]`. */
export function scoreValueCandidates(tables: ScoringTables, values: Int32Array, count: number, candidates: Int32Array, scores: Float64Array): void {
  const { dense, weights } = tables;
  const k = candidates.length;
  const rows = rowStarts(tables, values, count);
  scores.fill(0, 0, k);
  for (let f = 0; f < count; f += 1) {
    const start = rows[f]!;
    if (start >= 0) {
      for (let c = 0; c < k; c += 1) scores[c]! += dense[start + candidates[c]!]!;
    } else {
      const row = ~start;
      for (let c = 0; c < k; c += 1) scores[c]! += weights[row + candidates[c]!]!;
    }
  }
}

const tablesOfWeights = new WeakMap<Weights, ScoringTables>();

/** The scoring tables of a weight table, gathered on first use and kept as long as the weights live. */
export function tablesFor(weights: Weights, classes: number, mask: number, sizes: () => ValueSizes): ScoringTables {
  let tables = tablesOfWeights.get(weights);
  if (!tables || tables.classes !== classes || tables.mask !== mask) {
    tables = scoringTables(weights, classes, mask, sizes());
    tablesOfWeights.set(weights, tables);
  }
  return tables;
}
