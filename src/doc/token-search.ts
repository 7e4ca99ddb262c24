import type { Token } from './types.js';

/**
 * Index of the first token that ends after character offset `offset`: the token containing it, or
 * the next one when it falls between tokens (tokens.length when none). Tokens are sorted by start.
 */
export function firstTokenEndingAfter(tokens: readonly Token[], offset: number): number {
  return firstIndexNotBefore(tokens, (token) => token.end <= offset);
}

/** Index of the first token that starts at or after character offset `offset` (tokens.length when none). */
export function firstTokenStartingAtOrAfter(tokens: readonly Token[], offset: number): number {
  return firstIndexNotBefore(tokens, (token) => token.start < offset);
}

/** Binary search for the end of the leading run of tokens that `isBefore` holds for. */
function firstIndexNotBefore(tokens: readonly Token[], isBefore: (token: Token) => boolean): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isBefore(tokens[mid]!)) low = mid + 1;
    else high = mid;
  }
  return low;
}
