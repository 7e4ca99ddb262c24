/** What every task evaluation produces, in the shape `dyad eval --json` prints. */
import type { TargetResult } from './targets.js';

export const TASKS = ['ner', 'parse', 'geo', 'dates', 'quotes', 'casualties', 'extraction', 'events', 'stories'] as const;
export type TaskName = (typeof TASKS)[number];

/** Scores of one precision/recall pair, kept with the counts they came from. */
export interface TypeScore {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
}

/** A task's metrics: plain numbers (fractions 0–1, or km) and, for NER, one score per entity type. */
export type Metrics = Record<string, number | Record<string, TypeScore>>;

/** One error, described for a reader; `id` is the gold item it came from and drives the sampling. */
export interface Miss {
  id: string;
  text: string;
}

/** A table the text report prints below the metrics (a confusion matrix, a reliability table). */
export interface ReportTable {
  title: string;
  header: string[];
  rows: Array<Array<string | number>>;
}

/** The scores of one gold file (or, for extraction, one benchmark folder). */
export interface SetResult {
  file: string;
  items: number;
  metrics: Metrics;
  tables?: ReportTable[];
  misses: Miss[];
}

export interface EvaluationReport {
  task: TaskName;
  dyad: string;
  /** `targets`: for the sets an issue sets a target on (see targets.ts), whether each is met. */
  sets: Array<{ file: string; items: number; metrics: Metrics; targets?: TargetResult[]; tables?: ReportTable[]; misses?: Miss[] }>;
}
