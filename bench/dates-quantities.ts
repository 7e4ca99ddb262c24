/**
 * ms/article of the dates and quantities stages over the polnear article texts, timed separately from
 * doc.provenance. Run: node --import tsx bench/dates-quantities.ts
 */
import { resolveDates } from '../src/stages/dates/dates.js';
import { findQuantities } from '../src/stages/quantities/quantities.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { polnearTexts } from './corpus.js';


function main(): void {
  const texts = polnearTexts();
  if (texts.length === 0) {
    console.log('skipped: no polnear files found');
    return;
  }
  const stages = [splitSentences(), resolveDates(), findQuantities()];
  // The first pass includes JIT warm-up of chrono and wink; a long batch runs at the speed of the later passes.
  for (const pass of ['first pass (cold)', 'second pass', 'third pass']) {
    const totals = new Map<string, number>();
    let words = 0, dates = 0, quantities = 0;
    for (const text of texts) {
      const doc = makeDoc(text, stages, { published: '2020-10-09', format: 'text' });
      for (const run of doc.provenance) totals.set(run.stage, (totals.get(run.stage) ?? 0) + run.ms);
      words += text.split(/\s+/).length;
      dates += doc.layers.dates?.length ?? 0;
      quantities += doc.layers.quantities?.length ?? 0;
    }
    console.log(`${pass}: ${texts.length} articles, ${Math.round(words / texts.length)} words on average; ${dates} dates, ${quantities} quantities`);
    for (const [stage, ms] of totals) console.log(`  ${stage}: ${(ms / texts.length).toFixed(3)} ms/article (wall, provenance)`);
  }
  cpuTime(texts);
}

/** CPU time of each stage's run() alone, which a busy shared machine distorts less than wall time. */
function cpuTime(texts: string[]): void {
  const docs = texts.map((text) => makeDoc(text, [splitSentences()], { published: '2020-10-09', format: 'text' }));
  const context = { report: () => undefined };
  for (const stage of [resolveDates(), findQuantities()]) {
    for (const doc of docs) stage.run(doc, context);
    let micros = 0;
    for (const doc of docs) {
      const before = process.cpuUsage();
      stage.run(doc, context);
      const used = process.cpuUsage(before);
      micros += used.user + used.system;
    }
    console.log(`${stage.name}: ${(micros / 1000 / docs.length).toFixed(3)} ms/article (CPU time, warm)`);
  }
}

main();
