/**
 * The dynamic oracle of the arc-hybrid system (Goldberg & Nivre 2013): how many gold arcs a move makes
 * unreachable from the current state. Training follows zero-cost moves, and after the first epoch
 * sometimes the model's own mistakes, so that it learns to recover from them.
 */
import { LEFT, RIGHT, SHIFT, type ParseState } from '../../src/models/parser/transitions.js';

/** `gold` holds the gold head of each word, `n` for the root. */
export function moveCost(state: ParseState, gold: Int32Array, move: number): number {
  const { stack, depth, next, n } = state;
  let cost = 0;
  if (move === SHIFT) {
    const b0 = next;
    for (let k = 0; k < depth; k += 1) {
      const item = stack[k]!;
      if (gold[item] === b0) cost += 1;
      if (k < depth - 1 && gold[b0] === item) cost += 1;
    }
    return cost;
  }
  const s0 = stack[depth - 1]!;
  for (let d = next; d < n; d += 1) if (gold[d] === s0) cost += 1;
  const head = gold[s0]!;
  if (move === LEFT) {
    if (head !== next && ((depth > 1 && head === stack[depth - 2]) || head > next)) cost += 1;
  } else if (move === RIGHT) {
    if (head >= next) cost += 1;
  }
  return cost;
}
