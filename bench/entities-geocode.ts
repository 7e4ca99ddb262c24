// ms/article of findEntities + geocode over the polnear article texts. Run: node --import tsx bench/entities-geocode.ts
import type { Stage } from '../src/pipeline/stage.js';
import { findEntities } from '../src/stages/entities/entities.js';
import { geocode } from '../src/stages/geocode/geocode.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { polnearTexts } from './corpus.js';

const texts = polnearTexts();
if (texts.length === 0) {
  console.log('skipped: no polnear files found');
  process.exit(0);
}

let started = performance.now();
makeDoc('Talks in Geneva between Armenia and Azerbaijan.', [splitSentences(), findEntities(), geocode()] as Stage[]);
const loadMs = performance.now() - started;

const tokenised = texts.map((text) => makeDoc(text, [splitSentences()] as Stage[]));
const entities = findEntities();
const places = geocode();
const noop = { report() {} };
const runOnce = (): number => {
  let count = 0;
  for (const doc of tokenised) {
    const withEntities = { ...doc, layers: { ...doc.layers, ...entities.run(doc, noop) } };
    count += places.run(withEntities, noop).places.length + (withEntities.layers.entities?.length ?? 0);
  }
  return count;
};
runOnce();
const timings: number[] = [];
let count = 0;
for (let repetition = 0; repetition < 7; repetition += 1) {
  started = performance.now();
  count = runOnce();
  timings.push((performance.now() - started) / texts.length);
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)]!;
console.log(`findEntities+geocode: median ${median.toFixed(3)} ms/article (min ${timings[0]!.toFixed(3)}, max ${timings.at(-1)!.toFixed(3)}) over ${texts.length} articles x 7 after a warm-up (${count} entities+places); one-off knowledge load ${loadMs.toFixed(0)} ms (incl. wink + city index)`);
