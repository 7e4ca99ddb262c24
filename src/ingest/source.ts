import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createFetcher, DEFAULTS as FETCH_DEFAULTS, type Fetcher, type FetchOptions, type FetchResult } from '../fetch/fetcher.js';
import { FetchError } from '../fetch/errors.js';
import { decodeFetched } from '../fetch/text.js';
import { decodeText, type Declaration, type Decoded, metaCharset, type SourceMessage } from './decode.js';
import { sniffKind } from './ingest.js';

/** A source that cannot be read; the message is one line, fit to show a user as is. */
export class SourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceError';
  }
}

export interface SourceOptions {
  /** What fetches URLs (its allowlist, politeness and robots.txt cache); a shared default one when absent. */
  fetcher?: Fetcher;
  /** Whole-request time limit for URLs (connection, redirects and body); the fetcher's deadline when absent. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Largest file or response body accepted, in bytes. */
  maxBytes?: number;
  /** Where `-` reads from; process.stdin by default. */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export interface SourceContent {
  content: string;
  kind: 'text' | 'html';
  url?: string;
  contentType?: string;
  /** WHATWG name of the encoding the bytes were read as. */
  encoding: string;
  /** What decoding had to say (replaced bytes, a detected legacy encoding); absent when nothing. */
  messages?: SourceMessage[];
}

export const DEFAULT_TIMEOUT_MS = FETCH_DEFAULTS.deadlineMs;
export const DEFAULT_MAX_REDIRECTS = FETCH_DEFAULTS.maxRedirects;
export const DEFAULT_MAX_BYTES = FETCH_DEFAULTS.maxBytes;

const ACCEPTED_TYPES = new Map<string, 'text' | 'html'>([
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['text/plain', 'text'],
]);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}


/** Bytes to text (see decodeText), for callers that need only the text. */
export function decodeBytes(bytes: Uint8Array, declaredCharset?: string): string {
  return decodeText(bytes, declaredCharset ? { charset: declaredCharset, from: 'the caller' } : undefined).text;
}

function metaDeclaration(bytes: Uint8Array): Declaration | undefined {
  const charset = metaCharset(bytes);
  return charset ? { charset, from: 'the page\'s <meta> charset' } : undefined;
}

function sourceContent(decoded: Decoded, hint: 'text' | 'html' | undefined): SourceContent {
  const result: SourceContent = { content: decoded.text, kind: kindOf(decoded.text, hint), encoding: decoded.encoding };
  if (decoded.messages.length > 0) result.messages = decoded.messages;
  return result;
}

function kindOf(content: string, hint: 'text' | 'html' | undefined): 'text' | 'html' {
  return hint ?? sniffKind(content);
}

async function readStdin(stdin: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<SourceContent> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    if (size > maxBytes) throw new SourceError(`standard input is larger than the ${megabytes(maxBytes)} limit; stopped reading (give a file, or JSON Lines for many documents)`);
    chunks.push(bytes);
  }
  return sourceContent(decodeText(Buffer.concat(chunks)), undefined);
}

async function readPath(path: string, maxBytes: number): Promise<SourceContent> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new SourceError(`${path} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof SourceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${code ?? (error as Error).message}`, { cause: error });
  }
  if (size > maxBytes) throw new SourceError(`${path} is ${megabytes(size)}, over the ${megabytes(maxBytes)} limit`);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new SourceError(`cannot read ${path}: ${error.code ?? error.message}`, { cause: error });
  });
  const isHtml = HTML_EXTENSIONS.has(extname(path).toLowerCase());
  return sourceContent(decodeText(bytes, isHtml ? metaDeclaration(bytes) : undefined), isHtml ? 'html' : undefined);
}

let sharedFetcher: Fetcher | undefined;

/** The fetcher used when the caller gives none: default settings, so the SSRF guard is on and nothing is allowlisted. */
function defaultFetcher(): Fetcher {
  sharedFetcher ??= createFetcher();
  return sharedFetcher;
}

async function readUrl(target: string, options: SourceOptions): Promise<SourceContent> {
  const fetchOptions: FetchOptions = { accept: [...ACCEPTED_TYPES.keys()] };
  if (options.timeoutMs !== undefined) fetchOptions.deadlineMs = options.timeoutMs;
  if (options.maxRedirects !== undefined) fetchOptions.maxRedirects = options.maxRedirects;
  fetchOptions.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let fetched: FetchResult;
  try {
    fetched = await (options.fetcher ?? defaultFetcher()).fetch(target, fetchOptions);
  } catch (error) {
    if (error instanceof FetchError) throw new SourceError(error.message, { cause: error });
    throw error;
  }
  const hint = fetched.mediaType ? ACCEPTED_TYPES.get(fetched.mediaType) : undefined;
  const result = sourceContent(decodeFetched(fetched), hint);
  result.url = fetched.url;
  if (fetched.contentType) result.contentType = fetched.contentType;
  return result;
}

/** A scheme such as `http:` or `file:`; a single letter is a Windows drive, not a scheme. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** Reads `-` (stdin), a file path or an http(s) URL; every failure is a SourceError with a one-line message. */
export async function readSource(target: string, options: SourceOptions = {}): Promise<SourceContent> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (target === '-') return readStdin(options.stdin ?? process.stdin, maxBytes);
  const scheme = SCHEME.exec(target)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    if (!URL.canParse(target)) throw new SourceError(`not a valid URL: ${target.slice(0, 80)}`);
    return readUrl(target, options);
  }
  if (scheme !== undefined) throw new SourceError(`refusing ${scheme}: URL ${target.slice(0, 80)}: only http and https are fetched`);
  return readPath(target, maxBytes);
}
