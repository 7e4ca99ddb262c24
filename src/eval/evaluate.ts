import { dyadVersion } from '../version.js';
import { evaluateCasualties } from './casualties.js';
import { evaluateDates } from './dates.js';
import { evaluateEvents } from './events.js';
import { evaluateExtraction } from './extraction.js';
import { evaluateGeo } from './geo.js';
import { evaluateNer } from './ner.js';
import { evaluateParse } from './parse.js';
import { evaluateQuotes } from './quotes.js';
import { evaluateStories } from './stories.js';
import { sampleMisses } from './metrics.js';
import { describeTarget, judgeTargets, type TargetResult } from './targets.js';
import { TASKS, type EvaluationReport, type Metrics, type SetResult, type TaskName } from './types.js';

/** Tasks scored without a store; `stories` stores what it codes and is scored by evaluateAsync. */
type SyncTask = Exclude<TaskName, 'stories'>;

const EVALUATORS: Record<SyncTask, (path: string) => SetResult[]> = {
  ner: evaluateNer,
  parse: (path) => evaluateParse(path),
  geo: evaluateGeo,
  dates: evaluateDates,
  quotes: evaluateQuotes,
  casualties: evaluateCasualties,
  extraction: evaluateExtraction,
  events: evaluateEvents,
};

export { dyadVersion };

export const isTask = (name: string): name is TaskName => (TASKS as readonly string[]).includes(name);

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

function rounded(metrics: Metrics): Metrics {
  const out: Metrics = {};
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value === 'number') out[name] = round(value);
    else out[name] = Object.fromEntries(Object.entries(value).map(([type, s]) => [type, { ...s, precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) }]));
  }
  return out;
}

function withTargets(task: TaskName, file: string, metrics: Metrics): { targets?: TargetResult[] } {
  const targets = judgeTargets(task, file, metrics);
  return targets.length > 0 ? { targets } : {};
}

export interface EvaluateOptions {
  /** How many errors per set to include, sampled deterministically (0: none). */
  misses?: number;
}

/**
 * Scores Dyad on every gold file of a task at `path` (a file, or a folder searched recursively). Throws
 * GoldFormatError when there is nothing of the task's format there, NoParserError for `parse` without a parser.
 */
export function evaluate(task: TaskName, path: string, options: EvaluateOptions = {}): EvaluationReport {
  if (task === 'stories') throw new Error('the stories task writes to a store: use evaluateAsync');
  return report(task, EVALUATORS[task](path), options);
}

/** Like evaluate, for every task, including those that store what they code (`stories`). */
export async function evaluateAsync(task: TaskName, path: string, options: EvaluateOptions = {}): Promise<EvaluationReport> {
  if (task === 'stories') return report(task, await evaluateStories(path), options);
  return evaluate(task, path, options);
}

function report(task: TaskName, results: SetResult[], options: EvaluateOptions): EvaluationReport {
  const misses = options.misses ?? 0;
  const sets = results.map((set) => ({
    file: set.file,
    items: set.items,
    metrics: rounded(set.metrics),
    ...withTargets(task, set.file, rounded(set.metrics)),
    ...(set.tables && set.tables.length > 0 ? { tables: set.tables } : {}),
    ...(misses > 0 ? { misses: sampleMisses(set.misses, misses) } : {}),
  }));
  return { task, dyad: dyadVersion(), sets };
}

/** Counts as they are, distances (`…_km`) to a tenth of a km, fractions to three places. */
function show(value: number, name = ''): string {
  if (name.endsWith('_km')) return value.toFixed(1);
  return Number.isInteger(value) && value > 1 ? String(value) : value.toFixed(3);
}

/** Rows of cells padded to their column's width: the first column left-aligned, the others right. */
function alignedRows(rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, String(cell).length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join('  ').trimEnd());
}

/** A readable table per set: its items, each metric, a table per type where there is one, then the sampled misses. */
export function formatReport(report: EvaluationReport): string {
  const blocks: string[] = [];
  for (const set of report.sets) {
    const lines = [`${report.task}  ${set.file}  (${set.items} items)`];
    const numbers = Object.entries(set.metrics).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
    const width = Math.max(...numbers.map(([name]) => name.length));
    for (const [name, value] of numbers) lines.push(`  ${name.padEnd(width)}  ${show(value, name)}`);
    for (const [name, table] of Object.entries(set.metrics)) {
      if (typeof table === 'number') continue;
      const typeWidth = Math.max(4, ...Object.keys(table).map((type) => type.length));
      lines.push(`  ${name}:`, `    ${'type'.padEnd(typeWidth)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'gold'.padStart(7)} ${'pred'.padStart(7)}`);
      for (const [type, s] of Object.entries(table)) {
        lines.push(`    ${type.padEnd(typeWidth)} ${show(s.precision).padStart(6)} ${show(s.recall).padStart(6)} ${show(s.f1).padStart(6)} ${String(s.gold).padStart(7)} ${String(s.predicted).padStart(7)}`);
      }
    }
    for (const table of set.tables ?? []) lines.push(`  ${table.title}:`, ...alignedRows([table.header, ...table.rows]).map((row) => `    ${row}`));
    if (set.targets) {
      lines.push('  targets:');
      for (const target of set.targets) lines.push(`    ${describeTarget(target)}`);
    }
    if (set.misses) {
      lines.push(`  misses (${set.misses.length}, sampled by a hash of the item id):`);
      for (const miss of set.misses) lines.push(`    [${miss.id}] ${miss.text}`);
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
