/**
 * ms/article of the actors and quotes stages over the polnear article texts (~750 words each), with the
 * tokenizer timed alongside so the share can be read even on a busy machine.
 * Run: node --import tsx bench/actors-quotes.ts
 */
import { resolveActors } from '../src/stages/actors/actors.js';
import { findEntities } from '../src/stages/entities/entities.js';
import { findQuotes } from '../src/stages/quotes/quotes.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { polnearTexts } from './corpus.js';


function main(): void {
  const texts = polnearTexts();
  if (texts.length === 0) {
    console.log('skipped: no polnear files found');
    return;
  }
  const docs = texts.map((text) => makeDoc(text, [], { format: 'text' }));
  const [tokens, entities, actors, quotes] = [splitSentences(), findEntities(), resolveActors(), findQuotes()];
  const context = { report() {} };
  for (let pass = 1; pass <= 4; pass += 1) {
    let tokenMs = 0;
    let actorMs = 0;
    let quoteMs = 0;
    for (const blank of docs) {
      const t0 = performance.now();
      const withTokens = { ...blank, layers: { ...blank.layers, ...tokens.run(blank, context) } };
      const t1 = performance.now();
      const withEntities = { ...withTokens, layers: { ...withTokens.layers, ...entities.run(withTokens, context) } };
      const t2 = performance.now();
      const withActors = { ...withEntities, layers: { ...withEntities.layers, ...actors.run(withEntities, context) } };
      const t3 = performance.now();
      quotes.run(withActors, context);
      const t4 = performance.now();
      tokenMs += t1 - t0;
      actorMs += t3 - t2;
      quoteMs += t4 - t3;
    }
    const n = docs.length;
    console.log(`pass ${pass} (${n} articles): tokens ${(tokenMs / n).toFixed(3)} ms, actors ${(actorMs / n).toFixed(3)} ms, quotes ${(quoteMs / n).toFixed(3)} ms; actors + quotes = ${(100 * (actorMs + quoteMs) / tokenMs).toFixed(0)}% of the tokenizer`);
  }
}

main();
