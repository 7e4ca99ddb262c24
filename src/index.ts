/** Dyad's public entry point: the apps (CLI, and later the API and dashboard) import only from here. */
export * from './doc/types.js';
export { createDoc, docId, LAYER_NAMES, spanText } from './doc/doc.js';
export { toInputOffset } from './doc/offsets.js';
export { defineStage, type AnyStage, type Stage, type StageContext } from './pipeline/stage.js';
export { createPipeline, PipelineError, type Pipeline, type PipelineOptions } from './pipeline/pipeline.js';
export { defaultPipeline } from './pipeline/default.js';
export { DEFAULT_MAX_BYTES, ingest, normaliseLanguage, readSource, SourceError, type IngestInput, type IngestOptions, type SourceMessage } from './ingest/index.js';
export {
  AddressPolicy, classifyAddress, createFetcher, decodeFetched, FETCH_DEFAULTS, FetchError, MIN_HOST_DELAY_MS, PAGE_TYPES,
  type AddressRule, type Fetcher, type FetcherSettings, type FetchErrorKind, type FetchOptions, type FetchResult, type Resolver,
} from './fetch/index.js';
export { createEngine, type BatchInput, type BatchSummary, type Engine, type EngineOptions, type FailedInput } from './engine/engine.js';
export {
  DEFAULT_STREAM_PAGE_SIZE, EVENT_MODALITIES, MAX_STREAM_PAGE_SIZE, openStore, StoreError, type EventModality, type EvidencedEvent, type OpenStoreOptions,
  type ActorCount, type DocQuery, type DocSummary, type GeoRadius, type Page, type PlaceCount, type StoryUpdates, type SeriesCountGroup, type SeriesCountQuery,
  type EventFilter, type FacetCount, type FacetField, type Store, type StoredEvent, type StreamOptions, type Story, type StoryFilter, type StoryWithMentions,
} from './store/store.js';
export { checkKnowledge, knowledgeManifest } from './knowledge/check.js';
export { formatIssue, KnowledgeError, type KnowledgeIssue } from './knowledge/files.js';
export { evaluate, evaluateAsync, formatReport, isTask, GoldFormatError, NoParserError, TASKS, type EvaluationReport, type TaskName } from './eval/index.js';
export { exportStories, STORY_COLUMNS, STORY_FORMATS, type StoryFormat } from './export/stories.js';
export { exportEvents, EXPORT_FORMATS, GDELT_COLUMNS, GDELT_HEADER, hasStories, type ExportFormat, type ExportOptions, type ExportSource, type ExportSummary, type StoryLookup } from './export/index.js';
export { buildSeries, nextPeriod, periodOf, PERIODS, sparkline, type Period, type Series, type SeriesItem, type SeriesRow } from './trends/series.js';
export { DEFAULT_SPIKE, spikes, type Spike, type SpikeOptions } from './trends/spike.js';
export { AlertRuleError, evaluateRules, parseAlertRules, readAlertRules, type Alert, type AlertItem, type AlertRule } from './trends/rules.js';
export { atomFeed, type FeedOptions } from './trends/atom.js';
export { postAlerts, type WebhookResult } from './trends/webhook.js';
export { collectItems, collectSeries, collectSeriesJson, type ItemSelection } from './trends/collect.js';
export { dyadVersion } from './version.js';
export { exportOpml, FeedError, parseFeedDocument, type FeedDocument, type FeedItem, type FeedListEntry } from './feeds/index.js';
export {
  DEFAULT_INTERVAL_MS, emptyCounts, failureKind, fetcherResource, total, Watcher,
  type FetchResource, type PollResult, type RunCounts, type WatchLogEntry,
} from './watch/index.js';
export type { WatchItem, WatchSource } from './store/watch-state.js';
export {
  anchorOf, applyOverride, OverrideError, parseOverrideInput, type EventCorrection, type EventOverride, type OverrideInput, type OverrideVerdict,
} from './store/overrides.js';
export { candidateKnowledge, type KnowledgeCandidate } from './store/candidates.js';
