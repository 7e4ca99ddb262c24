import type { CodingRun, Doc, LayerName, Message, Severity, Span, StageRun } from '../doc/types.js';
import type { AnyStage, StageContext } from './stage.js';

export class PipelineError extends Error {}

export interface Pipeline {
  stages: readonly AnyStage[];
  /**
   * Runs every stage on the doc in place and returns it. Never throws for a stage's failure. With a
   * budget, a doc still unfinished at the deadline is skipped (see TimeBudget).
   */
  run(doc: Doc, budget?: TimeBudget): Doc;
  /** Version of the knowledge files recorded with a stage that names none of its own. */
  knowledgeVersion?: string;
}

/**
 * The runs an ingested document's provenance will hold once the pipeline has coded it in full, known
 * without coding it: a caller can find the same coding already stored and skip the work.
 */
export function plannedRuns(pipeline: Pipeline, doc: Readonly<Doc>): CodingRun[] {
  const runs: CodingRun[] = doc.provenance.map(({ stage, version, knowledgeVersion }) =>
    (knowledgeVersion ? { stage, version, knowledgeVersion } : { stage, version }));
  // A skipped document goes through no stage (runStages).
  if (doc.skip) return runs;
  for (const stage of pipeline.stages) {
    const knowledgeVersion = knowledgeOf(stage, pipeline.knowledgeVersion);
    runs.push(knowledgeVersion ? { stage: stage.name, version: stage.version, knowledgeVersion } : { stage: stage.name, version: stage.version });
  }
  return runs;
}

function knowledgeOf(stage: AnyStage, pipelineKnowledge: string | undefined): string | undefined {
  return stage.knowledgeVersion ?? pipelineKnowledge;
}

/**
 * How long one document may take. The clock is read after every stage; a document past its deadline
 * keeps its text and ingest layers, loses the layers stages made, and gets `skip` with ruleId
 * `time-budget`. The clock is injectable so that tests can run out of time without waiting.
 */
export interface TimeBudget {
  /** Milliseconds, e.g. `performance.now`. */
  clock: () => number;
  /** When the document's budget started, on `clock`. */
  started: number;
  limitMs: number;
}

export const TIME_BUDGET_RULE = 'time-budget';

/** Whether the document is past its budget; if it is, marks it skipped at `stage` (and returns true). */
export function checkTimeBudget(doc: Doc, budget: TimeBudget | undefined, stage: string): boolean {
  if (!budget) return false;
  const elapsed = budget.clock() - budget.started;
  if (!(elapsed > budget.limitMs)) return false;
  doc.skip = {
    stage, ruleId: TIME_BUDGET_RULE,
    reason: `took ${Math.round(elapsed)} ms by the end of ${stage}, over the budget of ${budget.limitMs} ms; not coded`,
  };
  return true;
}

/** Layers the ingest step puts on every document before the pipeline runs. */
const INGEST_LAYERS: readonly LayerName[] = ['paragraphs'];

/**
 * Builds a pipeline and checks it: every layer a stage requires must be provided by an earlier
 * stage (or by ingest), and no two stages may provide the same layer.
 */
export interface PipelineOptions {
  initialLayers?: readonly LayerName[];
  /** Version of the knowledge files the stages read, recorded with every stage run (re-coding is auditable). */
  knowledgeVersion?: string;
}

export function createPipeline(stages: readonly AnyStage[], options: PipelineOptions = {}): Pipeline {
  const available = new Set<LayerName>(options.initialLayers ?? INGEST_LAYERS);
  const names = new Set<string>();
  for (const stage of stages) {
    if (names.has(stage.name)) throw new PipelineError(`stage "${stage.name}" appears twice`);
    names.add(stage.name);
    const missing = stage.requires.filter((layer) => !available.has(layer));
    if (missing.length > 0) {
      throw new PipelineError(`stage "${stage.name}" requires ${missing.join(', ')}, which no earlier stage provides`);
    }
    for (const layer of stage.provides) {
      if (available.has(layer)) throw new PipelineError(`layer "${layer}" is provided twice (again by "${stage.name}")`);
      available.add(layer);
    }
  }
  const run = (doc: Doc, budget?: TimeBudget) => runStages(stages, doc, options.knowledgeVersion, budget);
  return options.knowledgeVersion ? { stages, run, knowledgeVersion: options.knowledgeVersion } : { stages, run };
}

function runStages(stages: readonly AnyStage[], doc: Doc, knowledgeVersion: string | undefined, budget: TimeBudget | undefined): Doc {
  if (doc.skip) return doc;
  for (const stage of stages) {
    runStage(stage, doc, knowledgeVersion);
    if (checkTimeBudget(doc, budget, stage.name)) {
      // Half-coded layers would pass for a complete analysis; the provenance keeps what ran and how long.
      for (const done of stages) for (const layer of done.provides) delete doc.layers[layer];
      break;
    }
  }
  return doc;
}

function runStage(stage: AnyStage, doc: Doc, knowledgeVersion: string | undefined): void {
  const started = performance.now();
  const missing = stage.requires.filter((layer) => doc.layers[layer] === undefined);
  if (missing.length > 0) {
    doc.messages.push({
      stage: stage.name, ruleId: 'missing-layer', severity: 'error',
      reason: `skipped: ${missing.join(', ')} missing after an earlier failure`,
    });
    doc.provenance.push(provenance(stage, started, 'skipped', knowledgeVersion));
    return;
  }
  const ctx = contextFor(stage.name, doc.messages);
  try {
    const output = stage.run(doc, ctx);
    for (const layer of stage.provides) {
      const value = output[layer];
      if (!Array.isArray(value)) throw new PipelineError(`stage "${stage.name}" did not return layer "${layer}"`);
      (doc.layers as Record<string, unknown>)[layer] = value;
    }
    doc.provenance.push(provenance(stage, started, 'ok', knowledgeVersion));
  } catch (error) {
    doc.messages.push({
      stage: stage.name, ruleId: 'stage-failed', severity: 'error',
      reason: error instanceof Error ? error.message : String(error),
    });
    doc.provenance.push(provenance(stage, started, 'failed', knowledgeVersion));
  }
}

function contextFor(stage: string, messages: Message[]): StageContext {
  return {
    report(ruleId: string, severity: Severity, reason: string, span?: Span) {
      messages.push(span ? { stage, ruleId, severity, reason, span } : { stage, ruleId, severity, reason });
    },
  };
}

/** Nine stages finish within the same millisecond: format each millisecond's time stamp once. */
let stampMs = Number.NaN;
let stamp = '';
function nowIso(): string {
  const now = Date.now();
  if (now !== stampMs) {
    stampMs = now;
    stamp = new Date(now).toISOString();
  }
  return stamp;
}

function provenance(stage: AnyStage, started: number, status: StageRun['status'], knowledgeVersion: string | undefined): StageRun {
  const run: StageRun = {
    stage: stage.name, version: stage.version, ms: Math.round((performance.now() - started) * 1000) / 1000,
    at: nowIso(), status,
  };
  const knowledge = knowledgeOf(stage, knowledgeVersion);
  if (knowledge) run.knowledgeVersion = knowledge;
  return run;
}
