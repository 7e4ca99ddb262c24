// The geocode stage alone: its one-off knowledge load and its ms/article on real news (PolNeAR and GVA
// article texts from shared/gold, read by path), with entities found beforehand so only geocoding is
// timed. Run: npm run build && node dist/bench/geocode.js [--gold DIR] [--limit N]
import { existsSync, readFileSync } from 'node:fs';
import type { Doc } from '../src/doc/types.js';
import type { Stage } from '../src/pipeline/stage.js';
import { findEntities } from '../src/stages/entities/entities.js';
import { geocode } from '../src/stages/geocode/geocode.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { goldPath } from '../eval/gold.js';

const limitFlag = process.argv.indexOf('--limit');
const limit = limitFlag >= 0 ? Number(process.argv[limitFlag + 1]) : 2_000;
const files = [goldPath('quotes', 'polnear-train.jsonl'), goldPath('quotes', 'polnear-dev.jsonl'), goldPath('casualties', 'gva.jsonl')].filter((path) => existsSync(path));
const texts = files.flatMap((path) => readFileSync(path, 'utf8').split('\n').filter((line) => line.trim()).map((line) => String((JSON.parse(line) as { text: unknown }).text))).slice(0, limit);
if (texts.length === 0) {
  console.log('skipped: no quotes or casualties files found under the gold folder');
  process.exit(0);
}

const noop = { report() {} };
const withEntities = (doc: Doc): Doc => ({ ...doc, layers: { ...doc.layers, ...findEntities().run(doc, noop) } });
// Entities first (their own knowledge loads here), so the first geocode run pays only for geocoding's knowledge.
const warm = withEntities(makeDoc('Talks in Geneva between Armenia and Azerbaijan.', [splitSentences()] as Stage[]));
const places = geocode();
let started = performance.now();
places.run(warm, noop);
const loadMs = performance.now() - started;
const loadedRssMb = process.memoryUsage().rss / 2 ** 20;

const docs = texts.map((text) => withEntities(makeDoc(text, [splitSentences()] as Stage[])));
const runOnce = (): number => docs.reduce((count, doc) => count + places.run(doc, noop).places.length, 0);
runOnce();
const timings: number[] = [];
let count = 0;
for (let repetition = 0; repetition < 5; repetition += 1) {
  started = performance.now();
  count = runOnce();
  timings.push((performance.now() - started) / docs.length);
}
timings.sort((a, b) => a - b);
const rssMb = process.memoryUsage().rss / 2 ** 20;
console.log(`geocode: median ${timings[2]!.toFixed(4)} ms/article (min ${timings[0]!.toFixed(4)}, max ${timings[4]!.toFixed(4)}) over ${docs.length} articles x 5 after a warm-up, ${count} places; first run (knowledge load) ${loadMs.toFixed(0)} ms; RSS ${loadedRssMb.toFixed(0)} MB after the load, ${rssMb.toFixed(0)} MB with the ${docs.length} analysed documents held`);
