/** Dyad's public entry point: the apps (CLI, and later the API and dashboard) import only from here. */
export * from './doc/types.js';
export { createDoc, docId, spanText } from './doc/doc.js';
export { defineStage, type AnyStage, type Stage, type StageContext } from './pipeline/stage.js';
export { createPipeline, PipelineError, type Pipeline, type PipelineOptions } from './pipeline/pipeline.js';
export { defaultPipeline } from './pipeline/default.js';
export { ingest, readSource, SourceError, type IngestInput, type IngestOptions } from './ingest/index.js';
export { createEngine, type BatchInput, type BatchSummary, type Engine, type EngineOptions } from './engine/engine.js';
export { openStore, StoreError, type EventFilter, type FacetCount, type FacetField, type Store, type StoredEvent } from './store/store.js';
export { checkKnowledge, knowledgeManifest } from './knowledge/check.js';
export { formatIssue, KnowledgeError, type KnowledgeIssue } from './knowledge/files.js';
export { evaluate, formatReport, isTask, GoldFormatError, NoParserError, TASKS, type EvaluationReport, type TaskName } from './eval/index.js';
