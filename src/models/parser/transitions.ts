/**
 * The arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the end of the buffer
 * (Ballesteros & Nivre 2013), so that exactly one word attaches to the root:
 * - SHIFT moves the first buffer word onto the stack;
 * - LEFT makes the first buffer word (or the root) the head of the stack top and pops it;
 * - RIGHT makes the word under the stack top its head and pops it.
 * Three classes keep scoring cheap; labels are given afterwards by a separate classifier.
 */
import { NONE, distanceClass, hashFeature } from './features.js';

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const MOVE_COUNT = 3;

export interface ParseState {
  /** Number of words; position `n` is the root, which stays at the end of the buffer. */
  n: number;
  words: Int32Array;
  tags: Int32Array;
  stack: Int32Array;
  depth: number;
  /** First position of the buffer. */
  next: number;
  /** Head of each word, `n` for the root, -1 while unattached. */
  heads: Int32Array;
  /** The latest left (and right) dependent attached to each position, and how many each side has. */
  leftmost: Int32Array;
  rightmost: Int32Array;
  leftCount: Int32Array;
  rightCount: Int32Array;
}

/** `words` and `tags` hold one id per word followed by the root's id. */
export function initialState(words: Int32Array, tags: Int32Array): ParseState {
  const n = words.length - 1;
  return {
    n,
    words,
    tags,
    stack: new Int32Array(n + 1),
    depth: 0,
    next: 0,
    heads: new Int32Array(n).fill(-1),
    leftmost: new Int32Array(n + 1).fill(-1),
    rightmost: new Int32Array(n + 1).fill(-1),
    leftCount: new Int32Array(n + 1),
    rightCount: new Int32Array(n + 1),
  };
}

export function isTerminal(state: ParseState): boolean {
  return state.depth === 0 && state.next === state.n;
}

export function isValid(state: ParseState, move: number): boolean {
  if (move === SHIFT) return state.next < state.n;
  if (move === RIGHT) return state.depth >= 2;
  return state.depth >= 1 && (state.next < state.n || state.depth === 1);
}

export function apply(state: ParseState, move: number): void {
  if (move === SHIFT) {
    state.stack[state.depth++] = state.next++;
    return;
  }
  const dependent = state.stack[--state.depth]!;
  if (move === LEFT) {
    const head = state.next;
    state.heads[dependent] = head;
    state.leftmost[head] = dependent;
    state.leftCount[head]! += 1;
  } else {
    const head = state.stack[state.depth - 1]!;
    state.heads[dependent] = head;
    state.rightmost[head] = dependent;
    state.rightCount[head]! += 1;
  }
}

export const TRANSITION_FEATURES = 30;

/**
 * Fills `out` with the hashed features of a state (after Zhang & Nivre 2011, cut down for speed): words
 * and tags of the top stack and first buffer positions, pairs and triples of them, the tags of the latest
 * dependents, distance and valency. Returns the number of features written.
 */
export function transitionFeatures(state: ParseState, mask: number, out: Int32Array): number {
  const { words, tags, stack, depth, next, n, leftmost, rightmost } = state;
  const s0 = depth > 0 ? stack[depth - 1]! : -1;
  const s1 = depth > 1 ? stack[depth - 2]! : -1;
  const s2 = depth > 2 ? stack[depth - 3]! : -1;
  const b0 = next;
  const b1 = next + 1 <= n ? next + 1 : -1;
  const b2 = next + 2 <= n ? next + 2 : -1;
  const s0w = s0 >= 0 ? words[s0]! : NONE;
  const s0t = s0 >= 0 ? tags[s0]! : NONE;
  const s1w = s1 >= 0 ? words[s1]! : NONE;
  const s1t = s1 >= 0 ? tags[s1]! : NONE;
  const s2t = s2 >= 0 ? tags[s2]! : NONE;
  const b0w = words[b0]!;
  const b0t = tags[b0]!;
  const b1w = b1 >= 0 ? words[b1]! : NONE;
  const b1t = b1 >= 0 ? tags[b1]! : NONE;
  const b2t = b2 >= 0 ? tags[b2]! : NONE;
  const s0leftChild = s0 >= 0 ? leftmost[s0]! : -1;
  const s0rightChild = s0 >= 0 ? rightmost[s0]! : -1;
  const s1rightChild = s1 >= 0 ? rightmost[s1]! : -1;
  const b0leftChild = leftmost[b0]!;
  const s0l = s0leftChild >= 0 ? tags[s0leftChild]! : NONE;
  const s0r = s0rightChild >= 0 ? tags[s0rightChild]! : NONE;
  const s1r = s1rightChild >= 0 ? tags[s1rightChild]! : NONE;
  const b0l = b0leftChild >= 0 ? tags[b0leftChild]! : NONE;
  const distance = s0 >= 0 ? distanceClass(b0 - s0) : 0;
  const stackDistance = s1 >= 0 ? distanceClass(s0 - s1) : 0;
  const s0valency = s0 >= 0 ? Math.min(state.leftCount[s0]!, 3) * 4 + Math.min(state.rightCount[s0]!, 3) : 0;
  out[0] = hashFeature(1, s0w, 0, 0, mask);
  out[1] = hashFeature(2, s0t, 0, 0, mask);
  out[2] = hashFeature(3, s0w, s0t, 0, mask);
  out[3] = hashFeature(4, b0w, 0, 0, mask);
  out[4] = hashFeature(5, b0t, 0, 0, mask);
  out[5] = hashFeature(6, b0w, b0t, 0, mask);
  out[6] = hashFeature(7, b1w, 0, 0, mask);
  out[7] = hashFeature(8, b1t, 0, 0, mask);
  out[8] = hashFeature(9, s1w, 0, 0, mask);
  out[9] = hashFeature(10, s1t, 0, 0, mask);
  out[10] = hashFeature(11, s0w, b0w, 0, mask);
  out[11] = hashFeature(12, s0t, b0t, 0, mask);
  out[12] = hashFeature(13, s0w, s0t, b0t, mask);
  out[13] = hashFeature(14, s0t, b0w, b0t, mask);
  out[14] = hashFeature(15, b0t, b1t, b2t, mask);
  out[15] = hashFeature(16, s0t, b0t, b1t, mask);
  out[16] = hashFeature(17, s1t, s0t, b0t, mask);
  out[17] = hashFeature(18, s2t, s1t, s0t, mask);
  out[18] = hashFeature(19, s0t, s0l, b0t, mask);
  out[19] = hashFeature(20, s0t, s0r, b0t, mask);
  out[20] = hashFeature(21, s0t, b0t, b0l, mask);
  out[21] = hashFeature(22, s1t, s1r, s0t, mask);
  out[22] = hashFeature(23, s0t, b0t, distance, mask);
  out[23] = hashFeature(24, s1t, s0t, stackDistance, mask);
  out[24] = hashFeature(25, s1w, s0w, 0, mask);
  out[25] = hashFeature(26, s0t, s0valency, 0, mask);
  out[26] = hashFeature(27, s0w, b0t, 0, mask);
  out[27] = hashFeature(28, s0t, b0w, 0, mask);
  out[28] = hashFeature(29, s1w, s1t, 0, mask);
  out[29] = hashFeature(30, b0t, Math.min(state.leftCount[b0]!, 3), b0l, mask);
  return TRANSITION_FEATURES;
}
