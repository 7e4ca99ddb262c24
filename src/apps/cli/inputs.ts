import { createReadStream } from 'node:fs';
import { access, constants, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { type BatchInput, readSource, type IngestInput } from '../../index.js';
import { RuntimeError } from './args.js';
import { isUrl } from './io.js';

/** One parsed line of a JSON Lines batch: an input, or why the line could not be used. */
export type JsonlLine = { line: number; input: IngestInput } | { line: number; inputId: string | null; error: string };

export const DOCUMENT_EXTENSIONS = new Set(['.txt', '.html', '.htm', '.jsonl']);

/**
 * Parses `{ id, text | html, published?, url? }`. Never throws: a bad line becomes an error record so
 * one broken line cannot stop a batch.
 */
export function parseJsonlLine(text: string, line: number, defaults: { published?: string }): JsonlLine | undefined {
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
  const inputId = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : null;
  const html = typeof record.html === 'string' ? record.html : undefined;
  const body = typeof record.text === 'string' ? record.text : undefined;
  if (html === undefined && body === undefined) {
    return { line, inputId, error: `line ${line}: needs a "text" or "html" string field` };
  }
  for (const field of ['published', 'url'] as const) {
    if (record[field] !== undefined && typeof record[field] !== 'string') {
      return { line, inputId, error: `line ${line}: "${field}" must be a string` };
    }
  }
  const input: IngestInput = html !== undefined ? { content: html, kind: 'html' } : { content: body ?? '', kind: 'text' };
  if (inputId !== null) input.inputId = inputId;
  const published = (record.published as string | undefined) ?? defaults.published;
  if (published) input.published = published;
  if (typeof record.url === 'string') input.url = record.url;
  return { line, input };
}

/** Streams the lines of a JSON Lines source one at a time. */
export async function* readJsonl(
  stream: NodeJS.ReadableStream, defaults: { published?: string },
): AsyncGenerator<JsonlLine> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number++;
    const parsed = parseJsonlLine(text, number, defaults);
    if (parsed) yield parsed;
  }
}

export async function assertReadableFile(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isFile()) throw new RuntimeError(`not a file: ${path}`);
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof RuntimeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new RuntimeError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? String(error)})`);
  }
}

/** Every document file under a folder (sorted, hidden entries skipped), or the path itself. */
async function* walk(path: string): AsyncGenerator<string> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    yield path;
    return;
  }
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) yield* walk(child);
    else if (entry.isFile() && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase())) yield child;
  }
}

/** Checks up front that every named path exists, so a typo fails fast instead of after a long run. */
export async function assertPathsExist(targets: readonly string[]): Promise<void> {
  for (const target of targets) {
    if (target === '-' || isUrl(target)) continue;
    try {
      await stat(target);
    } catch {
      throw new RuntimeError(`no such file or folder: ${target}`);
    }
  }
}

/**
 * Everything the targets name as engine inputs: files, folders (walked), URLs, JSON Lines files and
 * `-` (JSON Lines on stdin). A source that cannot be read becomes a failed input, not an exception.
 */
export async function* batchInputs(targets: readonly string[], defaults: { published?: string }): AsyncGenerator<BatchInput> {
  for (const target of targets) {
    if (target === '-') {
      yield* jsonlInputs(process.stdin, 'stdin', defaults);
      continue;
    }
    if (isUrl(target)) {
      yield await readInput(target, defaults);
      continue;
    }
    for await (const file of walk(target)) {
      if (extname(file).toLowerCase() === '.jsonl') yield* jsonlInputs(createReadStream(file), file, defaults);
      else yield await readInput(file, defaults);
    }
  }
}

async function* jsonlInputs(stream: NodeJS.ReadableStream, name: string, defaults: { published?: string }): AsyncGenerator<BatchInput> {
  try {
    for await (const parsed of readJsonl(stream, defaults)) {
      if ('input' in parsed) yield parsed.input;
      else yield { failed: `${name}:${parsed.line}${parsed.inputId === null ? '' : ` (inputId ${JSON.stringify(parsed.inputId)})`}`, error: parsed.error };
    }
  } catch (error) {
    yield { failed: name, error: `read failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function readInput(target: string, defaults: { published?: string }): Promise<BatchInput> {
  try {
    const source = await readSource(target);
    const input: IngestInput = { content: source.content, kind: source.kind };
    if (source.url) input.url = source.url;
    if (defaults.published) input.published = defaults.published;
    return input;
  } catch (error) {
    return { failed: target, error: error instanceof Error ? error.message : String(error) };
  }
}
