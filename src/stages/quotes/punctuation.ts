export const QUOTE_TOKENS = new Set(['“', '”', '"', "'", '`', '‘', '’', "''", '``']);
export const STOPS = new Set(['.', '!', '?', ';']);
