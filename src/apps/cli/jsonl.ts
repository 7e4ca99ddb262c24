import { TextDecoder } from 'node:util';
import { DEFAULT_MAX_BYTES, normaliseLanguage, type IngestInput, type SourceMessage } from '../../index.js';

/** One parsed line of a JSON Lines batch: an input, or why the line could not be used. */
export type JsonlLine = { line: number; input: IngestInput } | { line: number; inputId: string | null; error: string };

/**
 * Values from the command line. `published` fills in documents that carry no date of their own;
 * `setPublished` replaces every document's own date; `language` applies unless a line has its own.
 */
export interface JsonlDefaults {
  published?: string;
  setPublished?: string;
  language?: string;
}

/** Gives an input the command line's dates; `own` is a date the input record itself carries. */
export function applyDates(input: IngestInput, defaults: JsonlDefaults, own?: string): void {
  const published = defaults.setPublished ?? own;
  if (published) input.published = published;
  if (defaults.published) input.defaultPublished = defaults.published;
}

export interface JsonlOptions {
  /** Longest line accepted, in bytes; a longer one is an error record and is never held whole. */
  maxLineBytes: number;
}

function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Parses `{ id, text | html, published?, url?, title?, language? }`. Never throws: a bad line becomes an
 * error record so one broken line cannot stop a batch.
 */
export function parseJsonlLine(text: string, line: number, defaults: JsonlDefaults, messages: SourceMessage[] = []): JsonlLine | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, inputId: null, error: `line ${line}: not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, inputId: null, error: `line ${line}: expected a JSON object` };
  }
  const record = value as Record<string, unknown>;
  if (record.id !== undefined && typeof record.id !== 'string' && typeof record.id !== 'number') {
    return { line, inputId: null, error: `line ${line}: "id" must be a string or a number, not ${describeType(record.id)}` };
  }
  const id = record.id === undefined ? null : String(record.id);
  for (const field of ['text', 'html', 'published', 'url', 'language', 'title'] as const) {
    if (record[field] !== undefined && typeof record[field] !== 'string') {
      return { line, inputId: id, error: `line ${line}: "${field}" must be a string, not ${describeType(record[field])}` };
    }
  }
  const html = record.html as string | undefined;
  const body = record.text as string | undefined;
  if (html === undefined && body === undefined) {
    return { line, inputId: id, error: `line ${line}: needs a "text" or "html" string field` };
  }
  let language: string | undefined;
  if (record.language !== undefined) {
    language = normaliseLanguage(record.language as string);
    if (!language) return { line, inputId: id, error: `line ${line}: "language" must be a language code such as "eng" or "en", not ${JSON.stringify(record.language)}` };
  }
  const input: IngestInput = html !== undefined ? { content: html, kind: 'html' } : { content: body ?? '', kind: 'text' };
  if (html !== undefined && body !== undefined) {
    messages.push({ ruleId: 'jsonl-field', severity: 'warning', reason: `line ${line} has both "html" and "text"; read "html", ignored "text"` });
  }
  if (messages.length > 0) input.messages = messages;
  if (id !== null) input.inputId = id;
  applyDates(input, defaults, record.published as string | undefined);
  if (typeof record.url === 'string') input.url = record.url;
  if (typeof record.title === 'string') input.title = record.title;
  const chosenLanguage = language ?? defaults.language;
  if (chosenLanguage) input.language = chosenLanguage;
  return { line, input };
}

const utf8 = new TextDecoder('utf-8');
const REPLACEMENT = Buffer.from('\ufffd', 'utf8');

function occurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** One line's bytes to text: JSON Lines is UTF-8, so broken bytes are replaced and reported. */
function decodeLine(bytes: Buffer, line: number): { text: string; messages: SourceMessage[] } {
  const text = utf8.decode(bytes);
  if (!text.includes('\ufffd')) return { text, messages: [] };
  const replaced = text.split('\ufffd').length - 1 - occurrences(bytes, REPLACEMENT);
  if (replaced === 0) return { text, messages: [] };
  const what = `${replaced} byte sequence${replaced === 1 ? '' : 's'}`;
  return { text, messages: [{ ruleId: 'invalid-utf8', severity: 'warning', reason: `line ${line}: ${what} not valid UTF-8 replaced with U+FFFD` }] };
}

const NEWLINE = 0x0a;

/**
 * Streams the lines of a JSON Lines source one at a time, from bytes, so a line over the limit is
 * counted and dropped as it arrives instead of being held whole in memory.
 */
export async function* readJsonl(
  stream: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>, defaults: JsonlDefaults, options: JsonlOptions = { maxLineBytes: DEFAULT_MAX_BYTES },
): AsyncGenerator<JsonlLine> {
  let parts: Buffer[] = [];
  let length = 0;
  /** Set once the current line passed the limit: it has been reported, the rest of it is dropped. */
  let discarding = false;
  let number = 0;
  const finish = (): JsonlLine | undefined => {
    number++;
    const wasDiscarding = discarding;
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
    parts = [];
    length = 0;
    discarding = false;
    if (wasDiscarding) return undefined;
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    const { text, messages } = decodeLine(bytes, number);
    return parseJsonlLine(text, number, defaults, messages);
  };
  /** Adds a piece of the current line; returns the error record when the line has just passed the limit. */
  const append = (piece: Buffer): JsonlLine | undefined => {
    if (piece.length === 0 || discarding) return undefined;
    length += piece.length;
    if (length <= options.maxLineBytes) {
      parts.push(piece);
      return undefined;
    }
    discarding = true;
    parts = [];
    length = 0;
    return { line: number + 1, inputId: null, error: `line ${number + 1}: longer than the ${size(options.maxLineBytes)} limit; skipped to the next line` };
  };
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE, start); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      const tooLong = append(bytes.subarray(start, end));
      if (tooLong) yield tooLong;
      const parsed = finish();
      if (parsed) yield parsed;
      start = end + 1;
    }
    const tooLong = append(bytes.subarray(start));
    if (tooLong) yield tooLong;
  }
  if (length > 0) {
    const parsed = finish();
    if (parsed) yield parsed;
  }
}
