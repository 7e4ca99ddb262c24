import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { decodeText, type Declaration, type Decoded, type SourceMessage } from './decode.js';
import { sniffKind } from './ingest.js';

/** A source that cannot be read; the message is one line, fit to show a user as is. */
export class SourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceError';
  }
}

export interface SourceOptions {
  /** Whole-request time limit for URLs (connection, redirects and body). */
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

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const ACCEPTED_TYPES = new Map<string, 'text' | 'html'>([
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['text/plain', 'text'],
]);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}

/** The charset a page declares in <meta charset> or <meta http-equiv="content-type">, from its first bytes. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
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

function parseContentType(header: string | null): { mediaType?: string; charset?: string } {
  if (!header) return {};
  const [type, ...params] = header.split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find((c) => c !== undefined);
  const result: { mediaType?: string; charset?: string } = {};
  const mediaType = type?.trim().toLowerCase();
  if (mediaType) result.mediaType = mediaType;
  if (charset) result.charset = charset;
  return result;
}

function describeFetchError(url: string, error: unknown, timeoutMs: number): SourceError {
  if (error instanceof SourceError) return error;
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return new SourceError(`${url} did not answer within ${timeoutMs / 1000} s`, { cause: error });
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return new SourceError(`cannot fetch ${url}: ${detail}`, { cause: error });
}

async function readBody(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new SourceError(`${url} is ${megabytes(declared)}, over the ${megabytes(maxBytes)} limit`);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new SourceError(`${url} sent more than ${megabytes(maxBytes)}; stopped reading`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function checkScheme(url: URL, original: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceError(`refusing ${url.protocol.replace(/:$/, '')}: URL ${original.slice(0, 80)}: only http and https are fetched`);
  }
}

async function readUrl(target: string, options: SourceOptions): Promise<SourceContent> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = new URL(target);
  try {
    for (let redirects = 0; ; redirects++) {
      checkScheme(url, url.href);
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html, application/xhtml+xml, text/plain;q=0.9', 'user-agent': 'dyad (news event coder)' },
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (redirects >= maxRedirects) throw new SourceError(`${target} redirects more than ${maxRedirects} times`);
        url = new URL(location, url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new SourceError(`${url.href} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
      }
      const contentTypeHeader = response.headers.get('content-type');
      const { mediaType, charset } = parseContentType(contentTypeHeader);
      const hint = mediaType ? ACCEPTED_TYPES.get(mediaType) : undefined;
      if (mediaType && !hint) {
        await response.body?.cancel();
        throw new SourceError(`${url.href} is ${mediaType}, not an HTML or text page`);
      }
      const bytes = await readBody(response, url.href, maxBytes);
      const declared = charset ? { charset, from: 'the Content-Type header' } : hint !== 'text' ? metaDeclaration(bytes) : undefined;
      const result = sourceContent(decodeText(bytes, declared), hint);
      result.url = url.href;
      if (contentTypeHeader) result.contentType = contentTypeHeader;
      return result;
    }
  } catch (error) {
    throw describeFetchError(url.href, error, timeoutMs);
  }
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
