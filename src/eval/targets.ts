/**
 * The accuracy each issue asks of a component on a named public set, so that `dyad eval` can say which
 * are met and by how much the others are missed. A target applies to every gold file whose name matches
 * (the same set under another folder counts), never to sets it does not name.
 */
import type { Metrics, TaskName } from './types.js';

export interface Target {
  task: TaskName;
  /** Matched against the gold file's path. */
  file: RegExp;
  /** A metric name, or `table.TYPE` for the F1 of one type of a per-type table (`label_f1.KILL`). */
  metric: string;
  /** The metric must reach at least this (or, for errors, stay at most this). */
  atLeast?: number;
  atMost?: number;
  /** Where the target comes from. */
  source: string;
}

export const TARGETS: readonly Target[] = [
  { task: 'ner', file: /conll2003_testa/i, metric: 'f1', atLeast: 0.88, source: 'issue 6' },
  { task: 'ner', file: /wikigold/i, metric: 'f1', atLeast: 0.75, source: 'issue 6' },
  { task: 'parse', file: /en_ewt-ud-test/i, metric: 'uas', atLeast: 0.85, source: 'issue 6' },
  { task: 'parse', file: /en_ewt-ud-test/i, metric: 'las', atLeast: 0.80, source: 'issue 6' },
  { task: 'geo', file: /geowebnews/i, metric: 'acc161', atLeast: 0.85, source: 'issue 6' },
  { task: 'events', file: /zsp_plover/i, metric: 'type_acc', atLeast: 0.85, source: 'issue 7' },
  { task: 'events', file: /conflibert_cameo/i, metric: 'pentaclass_acc', atLeast: 0.85, source: 'issue 7' },
  { task: 'events', file: /conflibert_cameo/i, metric: 'source_f1', atLeast: 0.70, source: 'issue 7' },
  { task: 'events', file: /conflibert_cameo/i, metric: 'target_f1', atLeast: 0.70, source: 'issue 7' },
  { task: 'events', file: /plover_gsr/i, metric: 'type_acc', atLeast: 0.80, source: 'issue 7' },
  { task: 'events', file: /plover_gsr/i, metric: 'source_country', atLeast: 0.80, source: 'issue 7' },
  ...['KILL', 'ARREST', 'FORCE'].map((label) => ({ task: 'events' as const, file: /india_police_events\.jsonl$/i, metric: `label_f1.${label}`, atLeast: 0.70, source: 'issue 7' })),
  { task: 'events', file: /./, metric: 'ece', atMost: 0.05, source: 'issue 7' },
  { task: 'casualties', file: /gva/i, metric: 'events_with_actor', atLeast: 0.85, source: 'issue 7' },
  { task: 'casualties', file: /gva/i, metric: 'events_with_place', atLeast: 0.70, source: 'issue 7' },
  { task: 'stories', file: /gva/i, metric: 'bcubed_f1', atLeast: 0.90, source: 'issue 8' },
  { task: 'stories', file: /gva/i, metric: 'killed_exact', atLeast: 0.85, source: 'issue 8' },
  { task: 'casualties', file: /gva/i, metric: 'killed_exact', atLeast: 0.80, source: 'issue 8' },
  { task: 'extraction', file: /aeb/i, metric: 'f1', atLeast: 0.96, source: 'issue 9' },
  { task: 'extraction', file: /aeb/i, metric: 'regressions', atMost: 0, source: 'issue 9' },
];

export interface TargetResult {
  metric: string;
  atLeast?: number;
  atMost?: number;
  value: number | null;
  met: boolean;
  source: string;
}

function metricValue(metrics: Metrics, name: string): number | null {
  const [table, type] = name.split('.');
  const value = metrics[table!];
  if (type === undefined) return typeof value === 'number' ? value : null;
  return value && typeof value === 'object' ? value[type]?.f1 ?? null : null;
}

/**
 * The targets of one set's metrics. A target on a metric the set lacks is missed with no value, except
 * a target that applies to every set (an error bound such as ECE), which counts only where measured.
 */
export function judgeTargets(task: TaskName, file: string, metrics: Metrics, targets: readonly Target[] = TARGETS): TargetResult[] {
  return targets.filter((target) => target.task === task && target.file.test(file)).flatMap((target) => {
    const value = metricValue(metrics, target.metric);
    if (value === null && target.file.source === '.') return [];
    const met = value !== null && (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost);
    return [{ metric: target.metric, ...(target.atLeast !== undefined ? { atLeast: target.atLeast } : {}), ...(target.atMost !== undefined ? { atMost: target.atMost } : {}), value, met, source: target.source }];
  });
}

/** The bound of a target as written: "≥ 0.880" or "≤ 0.050". */
export function targetBound(result: Pick<TargetResult, 'atLeast' | 'atMost'>): string {
  return result.atLeast !== undefined ? `≥ ${result.atLeast.toFixed(3)}` : `≤ ${result.atMost!.toFixed(3)}`;
}

/** By how much a value misses its target (positive), or 0 when it meets it. */
export function shortfall(result: TargetResult): number {
  if (result.value === null) return Number.NaN;
  if (result.atLeast !== undefined && result.value < result.atLeast) return result.atLeast - result.value;
  if (result.atMost !== undefined && result.value > result.atMost) return result.value - result.atMost;
  return 0;
}

/** "f1 0.687 < 0.880 (issue 6): missed by 0.193" or "… met". */
export function describeTarget(result: TargetResult): string {
  if (result.value === null) return `${result.metric} ${targetBound(result)} (${result.source}): missed, the set has no such metric`;
  if (result.met) return `${result.metric} ${result.value.toFixed(3)}, target ${targetBound(result)} (${result.source}): met`;
  return `${result.metric} ${result.value.toFixed(3)}, target ${targetBound(result)} (${result.source}): missed by ${shortfall(result).toFixed(3)}`;
}
