import type { Doc, LayerName, Layers, Message, Severity, Span } from '../doc/types.js';

/** What a stage sees besides the document: a way to leave messages on it. */
export interface StageContext {
  report(ruleId: string, severity: Severity, reason: string, span?: Span): void;
}

export interface Stage<P extends LayerName = LayerName> {
  name: string;
  version: number;
  /** Layers that must be present before the stage runs. */
  requires: readonly LayerName[];
  /** Layers the stage adds; it returns exactly these. */
  provides: readonly P[];
  /** Version of the knowledge files the stage reads, recorded in provenance. */
  knowledgeVersion?: string;
  run(doc: Readonly<Doc>, ctx: StageContext): Pick<Layers, P>;
}

/** Any stage, whatever layers it provides: what a pipeline holds. */
export interface AnyStage extends Omit<Stage, 'run'> {
  run(doc: Readonly<Doc>, ctx: StageContext): Partial<Layers>;
}

/** Declares a stage once, with what it needs and what it adds, so a pipeline can be checked before it runs. */
export function defineStage<P extends LayerName>(stage: Stage<P>): Stage<P> {
  if (!stage.name) throw new Error('a stage needs a name');
  if (stage.provides.length === 0) throw new Error(`stage ${stage.name} provides no layer`);
  return stage;
}

export type { Message };
