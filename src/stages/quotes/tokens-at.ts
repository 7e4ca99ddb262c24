import type { Token } from '../../doc/types.js';

/** Index of the first token starting at or after `offset` (tokens.length when none). */
export function tokenAtOrAfter(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

export const QUOTE_TOKENS = new Set(['“', '”', '"', "'", '`', '‘', '’', "''", '``']);
export const STOPS = new Set(['.', '!', '?', ';']);
