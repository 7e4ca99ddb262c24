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
  metric: string;
  /** The metric must reach at least this. */
  atLeast: number;
  /** Where the target comes from. */
  source: string;
}

export const TARGETS: readonly Target[] = [
  { task: 'ner', file: /conll2003_testa/i, metric: 'f1', atLeast: 0.88, source: 'issue 6' },
  { task: 'ner', file: /wikigold/i, metric: 'f1', atLeast: 0.75, source: 'issue 6' },
  { task: 'parse', file: /en_ewt-ud-test/i, metric: 'uas', atLeast: 0.85, source: 'issue 6' },
  { task: 'parse', file: /en_ewt-ud-test/i, metric: 'las', atLeast: 0.80, source: 'issue 6' },
  { task: 'geo', file: /geowebnews/i, metric: 'acc161', atLeast: 0.85, source: 'issue 6' },
];

export interface TargetResult {
  metric: string;
  atLeast: number;
  value: number | null;
  met: boolean;
  source: string;
}

/** The targets of one set's metrics; a metric the set lacks is a missed target with no value. */
export function judgeTargets(task: TaskName, file: string, metrics: Metrics, targets: readonly Target[] = TARGETS): TargetResult[] {
  return targets.filter((target) => target.task === task && target.file.test(file)).map((target) => {
    const value = metrics[target.metric];
    const number = typeof value === 'number' ? value : null;
    return { metric: target.metric, atLeast: target.atLeast, value: number, met: number !== null && number >= target.atLeast, source: target.source };
  });
}

/** "f1 0.687 < 0.880 (issue 6): missed by 0.193" or "… met". */
export function describeTarget(result: TargetResult): string {
  if (result.value === null) return `${result.metric} ≥ ${result.atLeast.toFixed(3)} (${result.source}): missed, the set has no such metric`;
  const verdict = result.met ? 'met' : `missed by ${(result.atLeast - result.value).toFixed(3)}`;
  return `${result.metric} ${result.value.toFixed(3)} ${result.met ? '≥' : '<'} ${result.atLeast.toFixed(3)} (${result.source}): ${verdict}`;
}
