/**
 * The arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the end of the buffer
 * (Ballesteros & Nivre 2013), so that exactly one word attaches to the root:
 * - SHIFT moves the first buffer word onto the stack;
 * - LEFT makes the first buffer word (or the root) the head of the stack top and pops it;
 * - RIGHT makes the word under the stack top its head and pops it.
 * Three classes keep scoring cheap; labels are given afterwards by a separate classifier.
 */
import { NONE, TAG_COUNT, distanceClass } from './features.js';
import { VALUE_WIDTH, hashValues, putFeature, type ValueSizes } from './dense.js';

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
  /** The left (and right) dependent attached just before the latest, -1 while there is none. */
  secondLeft: Int32Array;
  secondRight: Int32Array;
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
    secondLeft: new Int32Array(n + 1).fill(-1),
    secondRight: new Int32Array(n + 1).fill(-1),
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
    state.secondLeft[head] = state.leftmost[head]!;
    state.leftmost[head] = dependent;
    state.leftCount[head]! += 1;
  } else {
    const head = state.stack[state.depth - 1]!;
    state.heads[dependent] = head;
    state.secondRight[head] = state.rightmost[head]!;
    state.rightmost[head] = dependent;
    state.rightCount[head]! += 1;
  }
}

export const TRANSITION_FEATURES = 41;

const transitionScratch = new Int32Array(TRANSITION_FEATURES * VALUE_WIDTH);

/** The hashed features of a state (what the trainer learns), written to `out`; returns how many. */
export function transitionFeatures(state: ParseState, mask: number, out: Int32Array): number {
  const count = transitionValues(state, transitionScratch);
  hashValues(transitionScratch, count, mask, out);
  return count;
}

/**
 * Templates of transitionValues looked up densely at run time: word ids alone (`wordIds` of them) and
 * tags with tags, distance classes (below 8) and valencies (below 16). Words paired with anything stay
 * hashed: dense tables of those are megabytes of mostly zeros, which measured slower on news.
 */
export function transitionValueSizes(wordIds: number): ValueSizes {
  const T = TAG_COUNT;
  const sizes: Array<readonly [number, number, number] | undefined> = [];
  for (const template of [1, 4, 7, 9]) sizes[template] = [wordIds, 1, 1];
  for (const template of [2, 5, 8, 10]) sizes[template] = [T, 1, 1];
  sizes[12] = [T, T, 1];
  for (const template of [15, 16, 17, 18, 19, 20, 21, 22]) sizes[template] = [T, T, T];
  sizes[23] = [T, T, 8];
  sizes[24] = [T, T, 8];
  sizes[26] = [T, 16, 1];
  sizes[30] = [T, 4, T];
  for (const template of [36, 37, 38]) sizes[template] = [wordIds, 1, 1];
  for (const template of [41, 42, 43]) sizes[template] = [T, T, T];
  return sizes;
}

/**
 * Fills `out` with the features of a state as values (see dense.ts) (after Zhang & Nivre 2011, cut down for speed): words
 * and tags of the top stack and first buffer positions, pairs and triples of them, the tags of the latest
 * dependents, distance and valency. Returns the number of features written.
 */
export function transitionValues(state: ParseState, out: Int32Array): number {
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
  putFeature(out, 0, 1, s0w, 0, 0);
  putFeature(out, 1, 2, s0t, 0, 0);
  putFeature(out, 2, 3, s0w, s0t, 0);
  putFeature(out, 3, 4, b0w, 0, 0);
  putFeature(out, 4, 5, b0t, 0, 0);
  putFeature(out, 5, 6, b0w, b0t, 0);
  putFeature(out, 6, 7, b1w, 0, 0);
  putFeature(out, 7, 8, b1t, 0, 0);
  putFeature(out, 8, 9, s1w, 0, 0);
  putFeature(out, 9, 10, s1t, 0, 0);
  putFeature(out, 10, 11, s0w, b0w, 0);
  putFeature(out, 11, 12, s0t, b0t, 0);
  putFeature(out, 12, 13, s0w, s0t, b0t);
  putFeature(out, 13, 14, s0t, b0w, b0t);
  putFeature(out, 14, 15, b0t, b1t, b2t);
  putFeature(out, 15, 16, s0t, b0t, b1t);
  putFeature(out, 16, 17, s1t, s0t, b0t);
  putFeature(out, 17, 18, s2t, s1t, s0t);
  putFeature(out, 18, 19, s0t, s0l, b0t);
  putFeature(out, 19, 20, s0t, s0r, b0t);
  putFeature(out, 20, 21, s0t, b0t, b0l);
  putFeature(out, 21, 22, s1t, s1r, s0t);
  putFeature(out, 22, 23, s0t, b0t, distance);
  putFeature(out, 23, 24, s1t, s0t, stackDistance);
  putFeature(out, 24, 25, s1w, s0w, 0);
  putFeature(out, 25, 26, s0t, s0valency, 0);
  putFeature(out, 26, 27, s0w, b0t, 0);
  putFeature(out, 27, 28, s0t, b0w, 0);
  putFeature(out, 28, 29, s1w, s1t, 0);
  putFeature(out, 29, 30, b0t, Math.min(state.leftCount[b0]!, 3), b0l);
  const b0leftCount = Math.min(state.leftCount[b0]!, 3);
  putFeature(out, 30, 31, s0w, distance, 0);
  putFeature(out, 31, 32, b0w, distance, 0);
  putFeature(out, 32, 34, s0w, s0valency, 0);
  putFeature(out, 33, 35, b0w, b0leftCount, 0);
  putFeature(out, 34, 36, s0leftChild >= 0 ? words[s0leftChild]! : NONE, 0, 0);
  putFeature(out, 35, 37, s0rightChild >= 0 ? words[s0rightChild]! : NONE, 0, 0);
  putFeature(out, 36, 38, b0leftChild >= 0 ? words[b0leftChild]! : NONE, 0, 0);
  putFeature(out, 37, 40, b1w, b1t, 0);
  const { secondLeft, secondRight } = state;
  const s0l2 = s0 >= 0 && secondLeft[s0]! >= 0 ? tags[secondLeft[s0]!]! : NONE;
  const s0r2 = s0 >= 0 && secondRight[s0]! >= 0 ? tags[secondRight[s0]!]! : NONE;
  const b0l2 = secondLeft[b0]! >= 0 ? tags[secondLeft[b0]!]! : NONE;
  putFeature(out, 38, 41, s0t, s0l, s0l2);
  putFeature(out, 39, 42, s0t, s0r, s0r2);
  putFeature(out, 40, 43, b0t, b0l, b0l2);
  return TRANSITION_FEATURES;
}
