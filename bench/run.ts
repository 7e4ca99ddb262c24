/**
 * `npm run bench`: throughput, per-stage time, cold start and memory, printed as tables and written
 * into BENCHMARKS.md. Corpora: 1,000 synthetic articles of our own (always), and the real articles
 * in ../shared/gold (when present; see QUIRKS.md "A real corpus for throughput benchmarks").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../src/engine/engine.js';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { IngestInput } from '../src/ingest/index.js';
import { openStore } from '../src/store/store.js';
import { cliPath, repoRoot, sharedDir } from '../test/paths.js';
import { realCorpus } from './corpus.js';
import { FUSION_DOCUMENTS_FOR_100K_STORIES, fusionTable, measureFusion } from './fusion.js';
import { syntheticArticles } from './synthetic.js';
import { exportBench } from './export.js';
import { apiLoadBench } from './api-load.js';
import { nearDuplicateSection } from './near-duplicates.js';
import { markdownTable, median, msPerItem, replaceSection } from './report.js';

interface CorpusResult {
  corpus: string;
  articles: number;
  words: number;
  extractMs: number;
  storeMs: number;
  events: number;
  perStage: Map<string, number>;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

async function measure(corpus: string, inputs: IngestInput[]): Promise<CorpusResult> {
  const engine = createEngine();
  for (const input of inputs.slice(0, 300)) engine.extract(input);
  // The median of three passes: one pass on a shared two-core machine swings by a fifth.
  const passes: Array<{ ms: number; events: number; perStage: Map<string, number> }> = [];
  for (let pass = 0; pass < 3; pass += 1) {
    const perStage = new Map<string, number>();
    let events = 0;
    const started = performance.now();
    for (const input of inputs) {
      const doc = engine.extract(input);
      events += doc.layers.events?.length ?? 0;
      for (const run of doc.provenance) perStage.set(run.stage, (perStage.get(run.stage) ?? 0) + run.ms);
    }
    passes.push({ ms: performance.now() - started, events, perStage });
  }
  const { ms: extractMs, events, perStage } = passes.sort((a, b) => a.ms - b.ms)[1]!;

  const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-'));
  const store = await openStore(join(dir, 'bench.db'));
  const storeEngine = createEngine({ store, pipeline: engine.pipeline });
  const storeStarted = performance.now();
  await storeEngine.ingestBatch(inputs);
  const storeMs = performance.now() - storeStarted;
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const words = inputs.reduce((sum, input) => sum + wordCount(input.content), 0);
  return { corpus, articles: inputs.length, words, extractMs, storeMs, events, perStage };
}

function coldStart(seed: string | undefined): { median: number; runs: number[] } {
  let target = seed;
  if (!target) {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-cold-'));
    target = join(dir, 'article.txt');
    writeFileSync(target, syntheticArticles(1)[0]!.text);
  }
  const runs: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    execFileSync(process.execPath, [cliPath(), 'extract', target, '--published', '2020-10-09', '--format', 'json'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    runs.push(performance.now() - started);
  }
  return { median: median(runs), runs };
}

interface LoadProbe {
  importMs: number;
  loadMs: number;
  rssLoadedMb: number;
  storedArticles: number;
  maxRssMb: number;
}

/** Loading and memory of a fresh process (bench/load-probe.ts), which codes nothing else before. */
function loadProbe(): LoadProbe {
  const script = join(repoRoot(), 'dist', 'bench', 'load-probe.js');
  return JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as LoadProbe;
}

/**
 * The machine's speed today: wink reading the synthetic corpus, a workload Dyad's own changes do not
 * touch. On a shared machine the same code runs at different speeds; this number says how fast the
 * machine was, so runs can be compared.
 */
function machineReference(texts: string[]): number {
  const nlp = winkNLP(model, ['sbd', 'pos']);
  return msPerItem(texts, (text) => nlp.readDoc(text).tokens().length());
}

async function main(): Promise<void> {
  const shared = sharedDir();
  const results: CorpusResult[] = [];
  const rssBefore = process.memoryUsage().rss;
  const synthetic = syntheticArticles(1000).map((a) => ({ content: a.text, kind: 'text' as const, published: a.published, inputId: a.id }));
  results.push(await measure('synthetic (own texts)', synthetic));
  if (shared) {
    results.push(await measure('real news (shared/gold)', realCorpus(shared)));
  } else {
    console.log('../shared is absent: the real-news corpus is skipped.');
  }
  const rssAfter = process.memoryUsage().rss;
  const reference = machineReference(synthetic.map((input) => input.content));
  const cold = coldStart(shared ? join(shared, 'seed', 'article.txt') : undefined);
  const probe = loadProbe();
  const fusion = [];
  for (const order of ['random', 'feed'] as const) {
    fusion.push(await measureFusion(10_000, 1000, order), await measureFusion(FUSION_DOCUMENTS_FOR_100K_STORIES, 1000, order));
  }

  const throughput = markdownTable(
    ['corpus', 'articles', 'words/article', 'extract ms/article', 'extract articles/s', 'text → stored events, articles/s', 'events'],
    results.map((r) => [
      r.corpus, r.articles, Math.round(r.words / r.articles),
      (r.extractMs / r.articles).toFixed(3), Math.round((r.articles * 1000) / r.extractMs),
      Math.round((r.articles * 1000) / r.storeMs), r.events,
    ]),
  );
  const stages = [...results[0]!.perStage.keys()];
  const perStage = markdownTable(
    ['stage', ...results.map((r) => `${r.corpus} ms/article`)],
    stages.map((stage) => [stage, ...results.map((r) => ((r.perStage.get(stage) ?? 0) / r.articles).toFixed(3))]),
  );
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, one process (one core)`;
  const body = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. Machine reference (wink reading one synthetic`,
    `article, no Dyad code): ${reference.toFixed(3)} ms; compare runs by it.`,
    '',
    '### Throughput',
    throughput,
    '',
    '"extract" is text in, analysed document out (ingest + every pipeline stage), the median of three passes after a',
    'warm-up; "text → stored events" is one more pass that also writes documents and events to a fresh SQLite file',
    'in transactions of 200. The machine is shared: runs differ by up to a fifth.',
    '',
    '### Time per stage',
    perStage,
    '',
    '### Fusion into stories (bench/fusion.ts)',
    fusionTable(fusion),
    '',
    'Synthetic stories already stored (one event each over 20 countries × 8 types × a year), then 1,000 coded articles',
    'of five events, three of them reports of stored stories, stored with and without fusion into copies of one database.',
    '"random": stories stored in any order of their days, reports of any of them (the worst case); "feed": stories stored',
    'day after day, the articles about the last week, as a feed is ingested.',
    '',
    '### Cold start and memory',
    markdownTable(['what', 'value'], [
      ['`dyad extract` on the seed, cold process, median of 5', `${Math.round(cold.median)} ms (${cold.runs.map(Math.round).join(', ')})`],
      ['fresh process: importing the library', `${Math.round(probe.importMs)} ms`],
      ['fresh process: loading every model and knowledge file (first document less a second one)', `${Math.round(probe.loadMs)} ms`],
      ['fresh process: resident memory once loaded', `${Math.round(probe.rssLoadedMb)} MB`],
      [`fresh process: peak resident memory storing the real-news corpus (${probe.storedArticles} articles)`, probe.storedArticles > 0 ? `${Math.round(probe.maxRssMb)} MB` : 'not run (no ../shared)'],
      ['resident memory of the benchmark process before loading', `${Math.round(rssBefore / 1e6)} MB`],
      ['resident memory of the benchmark process after coding every corpus (it holds them all)', `${Math.round(rssAfter / 1e6)} MB`],
    ]),
  ].join('\n');
  console.log(body);
  replaceSection(join(repoRoot(), 'BENCHMARKS.md'), 'Latest run (`npm run bench`)', body);
  // The HTTP API under load (issue 10), also run alone by `npm run bench:api`.
  const api = await apiLoadBench(10);
  console.log(api);
  replaceSection(join(repoRoot(), 'BENCHMARKS.md'), 'HTTP API load (`npm run bench:api`)', api);
  const exports = await exportBench();
  console.log(exports);
  replaceSection(join(repoRoot(), 'BENCHMARKS.md'), 'Exports (`npm run bench`)', exports);
  const nearDuplicates = nearDuplicateSection();
  console.log(nearDuplicates);
  replaceSection(join(repoRoot(), 'BENCHMARKS.md'), 'Near-duplicates (`npm run bench`)', nearDuplicates);
}

await main();
