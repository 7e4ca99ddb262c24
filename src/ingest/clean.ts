/**
 * Text normalisation shared by the plain-text and HTML paths: one paragraph per line, no control
 * characters, NFC, single spaces. Unicode punctuation (curly quotes, dashes) is kept as is.
 */

/** Characters that need more than the cheap line split: anything outside printable ASCII plus \n. */
const NEEDS_WORK = /[^\n\x20-\x7e]| {2}/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what these expressions remove
const LINE_BREAKS = /\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g;
/** C0/C1 controls except \t and \n (already handled), BOMs, soft hyphens and invisible joiners that break words. */
// eslint-disable-next-line no-control-regex -- see above
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufeff\u00ad\u200b\u2060\ufffe\uffff]/g;
/** Runs that are not already a single plain space: two or more blanks, or one exotic blank. */
/** Unpaired surrogates cannot be stored as UTF-8 (PostgreSQL refuses them). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** String.prototype.isWellFormed is in Node 20 but not in the ES2023 typings. */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();
const SPACES = /[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * Normalises raw text and returns its non-blank lines, trimmed. Cheap for clean ASCII input: the
 * regular-expression passes only run when a character outside printable ASCII is present.
 */
export function cleanLines(raw: string): string[] {
  let text = raw;
  if (NEEDS_WORK.test(text)) {
    if (!isWellFormed(text)) text = text.replace(LONE_SURROGATE, '');
    text = text.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '').replace(SPACES, ' ').normalize('NFC');
  }
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
  }
  return lines;
}

/**
 * Cuts text to at most `limit` UTF-16 units, at a line break when one is near (so no paragraph or
 * surrogate pair is cut in half), else at the limit itself.
 */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const lastBreak = text.lastIndexOf('\n', limit);
  if (lastBreak > limit * 0.9) return text.slice(0, lastBreak);
  let end = limit;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Looks like a binary file rather than text: NUL bytes, or many replacement and control characters. */
// eslint-disable-next-line no-control-regex -- the characters that make text look binary
const SUSPECT = /[\u0000-\u0008\u000e-\u001f\ufffd]/;

export function looksBinary(raw: string): boolean {
  const sample = raw.length > 8192 ? raw.slice(0, 8192) : raw;
  if (sample.length === 0 || !SUSPECT.test(sample)) return false;
  let nul = 0;
  let junk = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) nul++;
    else if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c)) junk++;
  }
  return nul / sample.length > 0.01 || (nul + junk) / sample.length > 0.1;
}
