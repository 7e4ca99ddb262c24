import type { CodingRun, Doc, Layers } from '../doc/types.js';
import { ingest, type IngestInput, sniffKind } from '../ingest/index.js';
import { defaultPipeline } from '../pipeline/default.js';
import { checkTimeBudget, type Pipeline, plannedRuns, type TimeBudget } from '../pipeline/pipeline.js';
import type { Store } from '../store/store.js';

/** An input that could not even be read (missing file, bad JSON line): counted as failed, never thrown. */
export interface FailedInput {
  failed: string;
  error: string;
}

export type BatchInput = IngestInput | FailedInput;

export interface BatchFailure {
  /** What failed: a path, a URL, `file.jsonl:12`, or the input's external id. */
  input: string;
  error: string;
}

export interface BatchSummary {
  /** Documents analysed and stored with their events. */
  stored: number;
  /** Documents stored without analysis because ingest skipped them (non-English, empty, binary …). */
  skipped: number;
  /** Documents already in the store, left untouched (and not analysed again). */
  duplicates: number;
  /** Documents stored that nearly duplicate a stored one (syndicated copies; counted in `stored` or `skipped` too). */
  nearDuplicates: number;
  failed: number;
  events: number;
  /** Skipped documents by skip rule. */
  skipReasons: Record<string, number>;
  failures: BatchFailure[];
}

export interface IngestBatchOptions {
  /** Called after each batch is committed, with the running totals. */
  onProgress?: (summary: Readonly<BatchSummary>) => void;
}

export interface EngineOptions {
  store?: Store;
  /** Built once and reused for every document, so knowledge is loaded once. */
  pipeline?: Pipeline;
  /** Documents per store transaction. */
  batchSize?: number;
  /**
   * Milliseconds one document may take, ingest and analysis together (default 5,000; Infinity for no
   * limit). A document over it is stored with its text and `skip` { ruleId: 'time-budget' }.
   */
  timeBudgetMs?: number;
  /** Millisecond clock the budget is measured on (default `performance.now`); tests inject their own. */
  clock?: () => number;
}

/** An input ingested but not yet coded: its id and planned coding tell whether the store already holds it. */
export interface PreparedInput {
  /** The ingested document (text, source, paragraphs, skip); `code()` adds the layers to this object. */
  readonly doc: Doc;
  /** The provenance a full coding of it will record (stage and knowledge versions). */
  readonly runs: readonly CodingRun[];
  /** Runs the pipeline on the document within the budget started at ingest, and returns it. */
  code(): Doc;
}

export interface Engine {
  readonly pipeline: Pipeline;
  /** Ingest and analyse one input; stores nothing. */
  extract(input: IngestInput): Doc;
  /** Ingest one input and leave the coding for later, so a caller can skip it for a document it already has. */
  prepare(input: IngestInput): PreparedInput;
  /** Ingest, analyse and store inputs in transactions of `batchSize`; documents whose coding is already stored are not analysed again. */
  ingestBatch(inputs: Iterable<BatchInput> | AsyncIterable<BatchInput>, options?: IngestBatchOptions): Promise<BatchSummary>;
}

const DEFAULT_BATCH_SIZE = 200;
/** Ordinary articles take tens of milliseconds; only pathological input gets near this. */
export const DEFAULT_TIME_BUDGET_MS = 5_000;
/**
 * One sentence of our own that makes every stage load what it loads lazily (wink's model, the
 * gazetteers, the GeoNames index, chrono; as a page, also linkedom and Readability): a process's first
 * document would otherwise spend its budget on seconds of loading on a busy machine.
 */
const WARM_UP_SENTENCE = 'Police in Nairobi said on Friday that 12 people were killed when troops shelled a village near the border, '
  + 'and “we will respond,” the Kenyan foreign minister told reporters in Geneva.';
const WARM_UP_PAGE = `<html><head><title>Warm-up</title></head><body><article><p>${WARM_UP_SENTENCE}</p></article></body></html>`;

/** Failures kept in the summary for the user to see; the count goes on past it. */
const MAX_FAILURES_KEPT = 1000;

export function createEngine(options: EngineOptions = {}): Engine {
  const pipeline = options.pipeline ?? defaultPipeline();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const limitMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const clock = options.clock ?? (() => performance.now());

  /** Kinds of input whose loading is done: HTML loads linkedom and Readability, which text never needs. */
  const warmed = new Set<'text' | 'html'>(Number.isFinite(limitMs) ? [] : ['text', 'html']);

  /** Ingests the input with the document's budget started; a document already over it is marked skipped. */
  function ingestTimed(input: IngestInput): { doc: Doc; budget: TimeBudget } {
    const kind = input.kind ?? sniffKind(input.content);
    if (!warmed.has(kind)) {
      warmed.add(kind);
      // Coding is order-independent, so the warm-up changes no later document.
      pipeline.run(ingest({ content: kind === 'html' ? WARM_UP_PAGE : WARM_UP_SENTENCE, kind, published: '2020-01-03' }));
    }
    const budget: TimeBudget = { clock, started: clock(), limitMs };
    const doc = ingest(input);
    if (!doc.skip) checkTimeBudget(doc, budget, 'ingest');
    return { doc, budget };
  }

  function extract(input: IngestInput): Doc {
    const { doc, budget } = ingestTimed(input);
    return pipeline.run(doc, budget);
  }

  function prepare(input: IngestInput): PreparedInput {
    const { doc, budget } = ingestTimed(input);
    return { doc, runs: plannedRuns(pipeline, doc), code: () => pipeline.run(doc, budget) };
  }

  async function ingestBatch(
    inputs: Iterable<BatchInput> | AsyncIterable<BatchInput>, batchOptions: IngestBatchOptions = {},
  ): Promise<BatchSummary> {
    const store = options.store;
    if (!store) throw new Error('ingestBatch needs a store: createEngine({ store })');
    const summary: BatchSummary = { stored: 0, skipped: 0, duplicates: 0, nearDuplicates: 0, failed: 0, events: 0, skipReasons: {}, failures: [] };
    let pending: Doc[] = [];
    const pendingIds = new Set<string>();

    const fail = (input: string, error: string) => {
      summary.failed++;
      if (summary.failures.length < MAX_FAILURES_KEPT) summary.failures.push({ input, error });
    };

    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      pendingIds.clear();
      const result = await store.putDocs(batch);
      summary.duplicates += result.duplicates;
      summary.nearDuplicates += result.nearDuplicates;
      summary.events += result.events;
      // A document can only turn out to be a duplicate here if another writer stored it meanwhile.
      if (result.duplicates === 0) {
        for (const doc of batch) countStored(summary, doc);
      } else {
        summary.stored += result.inserted;
      }
      batchOptions.onProgress?.(summary);
    };

    for await (const input of inputs) {
      if ('failed' in input) {
        fail(input.failed, input.error);
        continue;
      }
      let doc: Doc;
      try {
        const timed = ingestTimed(input);
        doc = timed.doc;
        // A document stored by other stage or knowledge versions is coded again (putDocs replaces it).
        if (pendingIds.has(doc.id) || (await store.hasCoding(doc.id, plannedRuns(pipeline, doc)))) {
          summary.duplicates++;
          continue;
        }
        pipeline.run(doc, timed.budget);
      } catch (error) {
        fail(input.inputId ?? input.url ?? 'input', error instanceof Error ? error.message : String(error));
        continue;
      }
      // The store keeps no tokens (they are re-derived from the text), and a batch of documents holding
      // theirs until the flush slows the stages of the documents after them (garbage collection of the
      // older generation; see BENCHMARKS.md).
      delete (doc.layers as Partial<Layers>).tokens;
      pending.push(doc);
      pendingIds.add(doc.id);
      if (pending.length >= batchSize) await flush();
    }
    await flush();
    return summary;
  }

  return { pipeline, extract, prepare, ingestBatch };
}

function countStored(summary: BatchSummary, doc: Doc): void {
  if (doc.skip) {
    summary.skipped++;
    summary.skipReasons[doc.skip.ruleId] = (summary.skipReasons[doc.skip.ruleId] ?? 0) + 1;
  } else {
    summary.stored++;
  }
}
