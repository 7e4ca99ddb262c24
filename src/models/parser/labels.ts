/**
 * Features for labelling an arc once the tree is built: the whole tree is known by then, so the label of
 * a word can look at its own dependents ("by" under an oblique agent, "to" under an infinitive) and at
 * its head's auxiliaries (the "was" of a passive subject) as well as at the two words themselves.
 */
import { NONE, ROOT, TAG_ADP, TAG_COUNT, TAG_AUX, TAG_CCONJ, TAG_DET, TAG_PART, TAG_PRON, TAG_SCONJ, distanceClass } from './features.js';
import { VALUE_WIDTH, hashValues, putFeature, type ValueSizes } from './dense.js';

/** Dependents of each position, `n` (the root) included, as offsets into one array. */
export interface Children {
  start: Int32Array;
  list: Int32Array;
}

export function childrenOf(heads: Int32Array): Children {
  const n = heads.length;
  const start = new Int32Array(n + 2);
  for (let d = 0; d < n; d += 1) start[heads[d]! + 1]! += 1;
  for (let h = 1; h <= n + 1; h += 1) start[h]! += start[h - 1]!;
  const fill = start.slice(0, n + 1);
  const list = new Int32Array(n);
  for (let d = 0; d < n; d += 1) list[fill[heads[d]!]!++] = d;
  return { start, list };
}

/**
 * Labels are only scored among those seen in training for the same head tag, dependent tag and side
 * (a determiner left of a noun is `det` or `det:predet`, never `obj`): a handful instead of fifty.
 */
export const CANDIDATE_KEYS = TAG_COUNT * TAG_COUNT * 2;

export function candidateKey(headTag: number, dependentTag: number, dependentFirst: boolean): number {
  return (headTag * TAG_COUNT + dependentTag) * 2 + (dependentFirst ? 0 : 1);
}

const FUNCTION_TAGS = new Set([TAG_ADP, TAG_SCONJ, TAG_PART, TAG_AUX, TAG_DET, TAG_PRON, TAG_CCONJ]);

/** Room `labelFeatures` needs for a word in a sentence of `n` words. */
export function labelFeatureCapacity(n: number): number {
  return 16 + 4 * n;
}

let labelScratch = new Int32Array(0);

/** Fills `out` with the hashed features of the arc from `heads[d]` to `d`; returns how many. */
export function labelFeatures(d: number, heads: Int32Array, children: Children, words: Int32Array, tags: Int32Array, mask: number, out: Int32Array): number {
  const capacity = labelFeatureCapacity(heads.length) * VALUE_WIDTH;
  if (labelScratch.length < capacity) labelScratch = new Int32Array(capacity);
  const count = labelValues(d, heads, children, words, tags, labelScratch);
  hashValues(labelScratch, count, mask, out);
  return count;
}

/** Templates of labelValues looked up densely at run time (see dense.ts): tags, sides and small counts. */
export function labelValueSizes(): ValueSizes {
  const T = TAG_COUNT;
  const sizes: Array<readonly [number, number, number] | undefined> = [];
  for (const template of [2, 4]) sizes[template] = [T, 1, 1];
  for (const template of [5, 16]) sizes[template] = [T, T, 2];
  sizes[9] = [T, T, 16];
  sizes[13] = [T, T, 8];
  sizes[15] = [T, 4, 2];
  return sizes;
}

/** The features of the arc from `heads[d]` to `d` as values (see dense.ts); returns how many. */
export function labelValues(d: number, heads: Int32Array, children: Children, words: Int32Array, tags: Int32Array, out: Int32Array): number {
  const n = heads.length;
  const h = heads[d]!;
  const hw = words[h]!;
  const ht = tags[h]!;
  const dw = words[d]!;
  const dt = tags[d]!;
  const direction = d < h ? 0 : 1;
  const distance = distanceClass(Math.abs(h - d)) * 2 + direction;
  const headOfHead = h < n ? tags[heads[h]!]! : NONE;
  const previous = d > 0 ? tags[d - 1]! : ROOT;
  const following = d + 1 < n ? tags[d + 1]! : NONE;
  const ownFrom = children.start[d]!;
  const ownTo = children.start[d + 1]!;
  let between = 0;
  for (let k = children.start[h]!; k < children.start[h + 1]!; k += 1) {
    const sibling = children.list[k]!;
    if (sibling !== d && (sibling - d) * (sibling - h) < 0) between += 1;
  }
  let i = 0;
  putFeature(out, i++, 1, hw, 0, 0);
  putFeature(out, i++, 2, ht, 0, 0);
  putFeature(out, i++, 3, dw, 0, 0);
  putFeature(out, i++, 4, dt, 0, 0);
  putFeature(out, i++, 5, ht, dt, direction);
  putFeature(out, i++, 6, hw, dt, direction);
  putFeature(out, i++, 7, ht, dw, direction);
  putFeature(out, i++, 8, hw, dw, 0);
  putFeature(out, i++, 9, ht, dt, distance);
  putFeature(out, i++, 10, dt, previous, following);
  putFeature(out, i++, 11, ht, dt, headOfHead);
  putFeature(out, i++, 12, dw, previous, 0);
  putFeature(out, i++, 13, dt, ht, Math.min(between, 3) * 2 + direction);
  putFeature(out, i++, 14, dw, direction, 0);
  putFeature(out, i++, 15, dt, Math.min(ownTo - ownFrom, 3), direction);
  for (let k = ownFrom; k < ownTo; k += 1) {
    const child = children.list[k]!;
    const childTag = tags[child]!;
    putFeature(out, i++, 16, dt, childTag, child < d ? 0 : 1);
    if (FUNCTION_TAGS.has(childTag)) putFeature(out, i++, 17, dt, words[child]!, 0);
  }
  for (let k = children.start[h]!; k < children.start[h + 1]!; k += 1) {
    const sibling = children.list[k]!;
    const siblingTag = tags[sibling]!;
    if (sibling !== d && (siblingTag === TAG_AUX || siblingTag === TAG_PART)) putFeature(out, i++, 18, ht, words[sibling]!, direction);
  }
  return i;
}
