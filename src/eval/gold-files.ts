import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** A gold file or folder that does not hold what the task needs: the CLI prints the message, exit 1. */
export class GoldFormatError extends Error {
  override name = 'GoldFormatError';
}

/** The first line of a file, read in chunks so a 40 MB file is not loaded to learn its format. */
export function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      const newline = chunk.subarray(0, read).indexOf(10);
      if (newline >= 0) {
        parts.push(Buffer.from(chunk.subarray(0, newline)));
        break;
      }
      parts.push(Buffer.from(chunk.subarray(0, read)));
      total += read;
      if (total > 64 * 1024 * 1024) break;
    }
    return Buffer.concat(parts).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The first `count` lines that are neither blank nor comments (`#`), for sniffing tab-separated formats. */
export function firstDataLines(path: string, count: number): string[] {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(16 * 1024);
    const read = readSync(fd, chunk, 0, chunk.length, 0);
    const lines = chunk.subarray(0, read).toString('utf8').split('\n');
    if (read === chunk.length) lines.pop();
    return lines.map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '' && !line.startsWith('#')).slice(0, count);
  } finally {
    closeSync(fd);
  }
}

/** The keys of the first JSON object of a JSON Lines file, or undefined when it is not JSON Lines. */
export function jsonlKeys(path: string): Set<string> | undefined {
  try {
    const value = JSON.parse(firstLine(path)) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? new Set(Object.keys(value)) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every item of a JSON Lines file. A line that does not parse, or an item without what the task reads
 * (`isItem`), is an error naming file, line and what was expected, never a crash further on.
 */
export function readJsonl<T>(path: string, isItem: (value: Record<string, unknown>) => boolean, expected: string): T[] {
  const items: T[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new GoldFormatError(`${path}:${index + 1}: not JSON (${(error as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value) || !isItem(value as Record<string, unknown>)) {
      throw new GoldFormatError(`${path}:${index + 1}: not a gold item of this task (expected ${expected})`);
    }
    items.push(value as T);
  });
  return items;
}

/** A gold span `{start, end}` with whole-number offsets in order. */
export function isSpan(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const { start, end } = value as { start?: unknown; end?: unknown };
  return Number.isInteger(start) && Number.isInteger(end) && (start as number) <= (end as number);
}

/** Files under a folder, recursively, in a stable order; dot-files and dot-folders are left out. */
function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  walk(dir, out);
  return out;
}

/**
 * The gold files of one task at `path`: the file itself when it has the task's format, else every file of
 * that format under the folder. Says what was expected when there is none.
 */
export function goldFiles(path: string, task: string, expected: string, isGold: (file: string) => boolean): string[] {
  if (!existsSync(path)) throw new GoldFormatError(`${path}: no such file or folder`);
  if (statSync(path).isDirectory()) {
    const files = filesUnder(path).filter(isGold);
    if (files.length === 0) throw new GoldFormatError(`${path}: no ${task} gold files in this folder (expected ${expected})`);
    return files;
  }
  if (!isGold(path)) throw new GoldFormatError(`${path}: not a ${task} gold file (expected ${expected})`);
  return [path];
}

/** Whether a name looks like a data file worth sniffing (not a licence, a README or a compressed page). */
export function isTextDataFile(path: string, extensions: readonly string[]): boolean {
  const name = basename(path).toLowerCase();
  return extensions.some((ext) => name.endsWith(ext));
}

/**
 * Gold offsets are Unicode code points; JavaScript strings index UTF-16 units. The two agree unless the
 * text has characters outside the Basic Multilingual Plane, and only then is a table built.
 */
export function codePointsToUtf16(text: string): (offset: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const table: number[] = [];
  let unit = 0;
  for (const char of text) {
    table.push(unit);
    unit += char.length;
  }
  table.push(unit);
  return (offset) => table[offset] ?? unit;
}
