/**
 * Features for labelling an arc once the tree is built: the whole tree is known by then, so the label of
 * a word can look at its own dependents ("by" under an oblique agent, "to" under an infinitive) and at
 * its head's auxiliaries (the "was" of a passive subject) as well as at the two words themselves.
 */
import { NONE, ROOT, TAG_ADP, TAG_COUNT, TAG_AUX, TAG_CCONJ, TAG_DET, TAG_PART, TAG_PRON, TAG_SCONJ, distanceClass, hashFeature } from './features.js';

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

/** Fills `out` with the hashed features of the arc from `heads[d]` to `d`; returns how many. */
export function labelFeatures(d: number, heads: Int32Array, children: Children, words: Int32Array, tags: Int32Array, mask: number, out: Int32Array): number {
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
  out[i++] = hashFeature(1, hw, 0, 0, mask);
  out[i++] = hashFeature(2, ht, 0, 0, mask);
  out[i++] = hashFeature(3, dw, 0, 0, mask);
  out[i++] = hashFeature(4, dt, 0, 0, mask);
  out[i++] = hashFeature(5, ht, dt, direction, mask);
  out[i++] = hashFeature(6, hw, dt, direction, mask);
  out[i++] = hashFeature(7, ht, dw, direction, mask);
  out[i++] = hashFeature(8, hw, dw, 0, mask);
  out[i++] = hashFeature(9, ht, dt, distance, mask);
  out[i++] = hashFeature(10, dt, previous, following, mask);
  out[i++] = hashFeature(11, ht, dt, headOfHead, mask);
  out[i++] = hashFeature(12, dw, previous, 0, mask);
  out[i++] = hashFeature(13, dt, ht, Math.min(between, 3) * 2 + direction, mask);
  out[i++] = hashFeature(14, dw, direction, 0, mask);
  out[i++] = hashFeature(15, dt, Math.min(ownTo - ownFrom, 3), direction, mask);
  for (let k = ownFrom; k < ownTo; k += 1) {
    const child = children.list[k]!;
    const childTag = tags[child]!;
    out[i++] = hashFeature(16, dt, childTag, child < d ? 0 : 1, mask);
    if (FUNCTION_TAGS.has(childTag)) out[i++] = hashFeature(17, dt, words[child]!, 0, mask);
  }
  for (let k = children.start[h]!; k < children.start[h + 1]!; k += 1) {
    const sibling = children.list[k]!;
    const siblingTag = tags[sibling]!;
    if (sibling !== d && (siblingTag === TAG_AUX || siblingTag === TAG_PART)) out[i++] = hashFeature(18, ht, words[sibling]!, direction, mask);
  }
  return i;
}
