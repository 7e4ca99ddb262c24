/**
 * Run in a fresh process by bench/run.ts: how long the library takes to import, then to load every model
 * and knowledge file (the first document of a process loads them: wink's model, gazetteers, GeoNames, the
 * parser, the event patterns), and the peak resident memory of a process that then stores the real-news
 * corpus in a fresh SQLite file. Prints one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WARM_UP = 'Police in Nairobi said on Friday that 12 people were killed when troops shelled a village near the border.';

const started = performance.now();
const { createEngine } = await import('../src/engine/engine.js');
const { openStore } = await import('../src/store/store.js');
const { realCorpus } = await import('./corpus.js');
const { sharedDir } = await import('../test/paths.js');
const imported = performance.now();
const engine = createEngine();
engine.extract({ content: WARM_UP, published: '2020-01-03' });
const firstDocument = performance.now() - imported;
const again = performance.now();
engine.extract({ content: WARM_UP, published: '2020-01-03' });
const secondDocument = performance.now() - again;
const rssLoaded = process.memoryUsage().rss;

const shared = sharedDir();
let storedArticles = 0;
if (shared) {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-load-'));
  const store = await openStore(join(dir, 'probe.db'));
  const summary = await createEngine({ store, pipeline: engine.pipeline }).ingestBatch(realCorpus(shared));
  storedArticles = summary.stored + summary.skipped;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({
  importMs: imported - started,
  loadMs: firstDocument - secondDocument,
  rssLoadedMb: rssLoaded / 2 ** 20,
  storedArticles,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
