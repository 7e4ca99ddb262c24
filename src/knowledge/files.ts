import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

/** A problem in a knowledge file, with the place to fix it. */
export interface KnowledgeIssue {
  file: string;
  line: number;
  message: string;
}

export class KnowledgeError extends Error {
  constructor(readonly issues: KnowledgeIssue[]) {
    super(issues.slice(0, 5).map(formatIssue).join('\n') + (issues.length > 5 ? `\n… and ${issues.length - 5} more` : ''));
  }
}

export function formatIssue(issue: KnowledgeIssue): string {
  return `${issue.file}:${issue.line}: ${issue.message}`;
}

let root: string | undefined;

/** The shipped knowledge folder, found from this module's place whether it runs from src/ or dist/src/. */
export function knowledgeDir(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'knowledge', 'manifest.json'))) return (root = join(dir, 'knowledge'));
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the knowledge/ folder next to the dyad package');
    dir = parent;
  }
}

export function knowledgePath(file: string): string {
  return join(knowledgeDir(), file);
}

function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/**
 * Reads a JSON Lines knowledge file (one record per line; blank lines and lines starting with `#`
 * are skipped) and validates each record, collecting every problem as `file:line: message`.
 */
export function readJsonl<S extends z.ZodType>(path: string, schema: S, issues: KnowledgeIssue[]): Array<z.infer<S>> {
  const file = displayName(path);
  const records: Array<z.infer<S>> = [];
  readFileSync(path, 'utf8').split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      issues.push({ file, line: index + 1, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) records.push(parsed.data);
    else issues.push({ file, line: index + 1, message: zodMessage(parsed.error) });
  });
  return records;
}

/**
 * Reads a tab-separated knowledge file whose first non-comment line names the columns; each row
 * becomes an object of those columns (empty cells are absent) and is validated.
 */
export function readTsv<S extends z.ZodType>(path: string, schema: S, issues: KnowledgeIssue[]): Array<z.infer<S>> {
  const file = displayName(path);
  const records: Array<z.infer<S>> = [];
  let header: string[] | undefined;
  readFileSync(path, 'utf8').split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const cells = line.split('\t');
    if (!header) {
      header = cells;
      return;
    }
    if (cells.length > header.length) {
      issues.push({ file, line: index + 1, message: `${cells.length} cells but ${header.length} columns` });
      return;
    }
    const row: Record<string, string> = {};
    header.forEach((column, i) => {
      const cell = cells[i]?.trim();
      if (cell) row[column] = cell;
    });
    const parsed = schema.safeParse(row);
    if (parsed.success) records.push(parsed.data);
    else issues.push({ file, line: index + 1, message: zodMessage(parsed.error) });
  });
  return records;
}

function zodMessage(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ');
}

/** Throws one error listing every issue, so a broken file fails loudly at load time, not mid-batch. */
export function assertNoIssues(issues: KnowledgeIssue[]): void {
  if (issues.length > 0) throw new KnowledgeError(issues);
}

/** A knowledge module's two entry points: the linter's `check` and the stages' memoised `get`. */
export interface Knowledge<T, Source = never> {
  /** Loads afresh (from `source` when the loader takes one) and returns every problem found. */
  check: (source?: Source) => KnowledgeIssue[];
  /** Loads once per process; throws KnowledgeError on any problem, and loads again on the next call. */
  get: () => T;
}

export interface KnowledgeOptions<T> {
  /** `check` reports an error the loader throws as an issue in this file instead of throwing it. */
  reportThrownIn?: string;
  /** Checks that only `check` runs, e.g. against an index that is itself built from `get`. */
  extraChecks?: (knowledge: T, issues: KnowledgeIssue[]) => void;
}

/**
 * Builds `check` and `get` from one loader that pushes each problem into `issues`. The loader may
 * return undefined only when it has reported an issue.
 */
export function defineKnowledge<T, Source = never>(
  load: (issues: KnowledgeIssue[], source?: Source) => T | undefined,
  options: KnowledgeOptions<T> = {},
): Knowledge<T, Source> {
  let memo: T | undefined;
  const check = (source?: Source): KnowledgeIssue[] => {
    const issues: KnowledgeIssue[] = [];
    try {
      const knowledge = load(issues, source);
      if (knowledge !== undefined) options.extraChecks?.(knowledge, issues);
    } catch (error) {
      if (options.reportThrownIn === undefined) throw error;
      issues.push({ file: options.reportThrownIn, line: 0, message: (error as Error).message });
    }
    return issues;
  };
  const get = (): T => {
    if (memo !== undefined) return memo;
    const issues: KnowledgeIssue[] = [];
    const knowledge = load(issues);
    assertNoIssues(issues);
    return (memo = knowledge as T);
  };
  return { check, get };
}
