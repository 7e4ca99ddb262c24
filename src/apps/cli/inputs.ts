import { createReadStream } from 'node:fs';
import { access, constants, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type BatchInput, type FailedInput, type Fetcher, readSource, type IngestInput } from '../../index.js';
import { applyDates, readJsonl, type JsonlDefaults } from './jsonl.js';
import { RuntimeError } from './args.js';
import { isUrl } from './io.js';

export { applyDates, parseJsonlLine, readJsonl, type JsonlDefaults, type JsonlLine } from './jsonl.js';

export const DOCUMENT_EXTENSIONS = new Set(['.txt', '.html', '.htm', '.jsonl']);

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

type Walked = string | FailedInput;

/**
 * Every document file under a folder (sorted, hidden entries skipped), or the path itself. Symbolic
 * links are followed; a broken link, or one that leads back into a folder being walked, is reported
 * as a failed input rather than dropped.
 */
async function* walk(path: string, onIgnored: (path: string) => void, ancestors: ReadonlySet<string> = new Set()): AsyncGenerator<Walked> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    yield path;
    return;
  }
  const real = await realpath(path);
  const inside = new Set(ancestors).add(real);
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(child).catch((error: NodeJS.ErrnoException) => error);
      if (target instanceof Error) {
        yield { failed: child, error: `symbolic link ${target.code === 'ELOOP' ? 'loops on itself' : `to a missing target (${target.code ?? target.message})`}` };
        continue;
      }
      isDirectory = target.isDirectory();
      isFile = target.isFile();
      if (isDirectory && inside.has(await realpath(child))) {
        yield { failed: child, error: 'symbolic link back into a folder being read; not followed' };
        continue;
      }
    }
    if (isDirectory) yield* walk(child, onIgnored, inside);
    else if (isFile && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase())) yield child;
    else onIgnored(child);
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
 * Everything the targets name as engine inputs: files, folders (walked), URLs (through the fetcher,
 * when given), JSON Lines files and `-` (JSON Lines on stdin). A source that cannot be read becomes a
 * failed input, not an exception; a file in a folder that is not of a document type is passed to `onIgnored`.
 */
export async function* batchInputs(
  targets: readonly string[], defaults: JsonlDefaults, onIgnored: (path: string) => void = () => {}, fetcher?: Fetcher,
): AsyncGenerator<BatchInput> {
  for (const target of targets) {
    if (target === '-') {
      yield* jsonlInputs(process.stdin, 'stdin', defaults);
      continue;
    }
    if (isUrl(target)) {
      yield await readInput(target, defaults, fetcher);
      continue;
    }
    for await (const file of walk(target, onIgnored)) {
      if (typeof file !== 'string') yield file;
      else if (extname(file).toLowerCase() === '.jsonl') yield* jsonlInputs(createReadStream(file), file, defaults);
      else yield await readInput(file, defaults);
    }
  }
}

async function* jsonlInputs(stream: NodeJS.ReadableStream, name: string, defaults: JsonlDefaults): AsyncGenerator<BatchInput> {
  try {
    for await (const parsed of readJsonl(stream, defaults)) {
      if ('input' in parsed) yield parsed.input;
      else yield { failed: `${name}:${parsed.line}${parsed.inputId === null ? '' : ` (inputId ${JSON.stringify(parsed.inputId)})`}`, error: parsed.error };
    }
  } catch (error) {
    yield { failed: name, error: `read failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function readInput(target: string, defaults: JsonlDefaults, fetcher?: Fetcher): Promise<BatchInput> {
  try {
    const source = await readSource(target, fetcher ? { fetcher } : {});
    const input: IngestInput = { content: source.content, kind: source.kind };
    if (source.url) input.url = source.url;
    if (source.messages) input.messages = source.messages;
    applyDates(input, defaults);
    if (defaults.language) input.language = defaults.language;
    return input;
  } catch (error) {
    return { failed: target, error: error instanceof Error ? error.message : String(error) };
  }
}
