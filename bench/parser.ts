/**
 * Cost of the parse stage on real news (../shared/gold, read by path): model load time and memory, then
 * CPU time of the stage per article and per 1,000 tokens, beside the tokens stage (wink) on the same
 * articles as a yardstick for how fast the shared machine is at the moment.
 * Run: npm run build && node dist/bench/parser.js [--articles N]
 */
import type { Doc } from '../src/doc/types.js';
import { shippedParser } from '../src/models/parser/load.js';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { msPerItem } from './report.js';
import { parseDependencies } from '../src/stages/parse/parse.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { sharedDir } from '../test/paths.js';
import { realCorpus } from './corpus.js';
import { syntheticArticles } from './synthetic.js';

/**
 * The machine reference of BENCHMARKS.md (wink reading one synthetic article, ms wall): 0.270 on a quiet
 * machine; a larger number says by how much the shared machine is slower right now.
 */
function machineReference(): number {
  const texts = syntheticArticles(1000).map((a) => a.text);
  const nlp = winkNLP(model, ['sbd', 'pos']);
  return msPerItem(texts, (text) => nlp.readDoc(text).tokens().length());
}

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function main(): void {
  const shared = sharedDir();
  if (!shared) {
    console.log('../shared is absent: no real news to parse.');
    return;
  }
  const at = process.argv.indexOf('--articles');
  const limit = at >= 0 ? Number(process.argv[at + 1]) : 1000;
  const texts = realCorpus(shared).map((input) => input.content).slice(0, limit);
  const rssBefore = process.memoryUsage().rss;
  const loadStarted = performance.now();
  shippedParser();
  console.log(`model load: ${(performance.now() - loadStarted).toFixed(1)} ms wall; RSS +${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(1)} MB`);
  const tokensStage = splitSentences();
  const parseStage = parseDependencies({ sentences: 'all' });
  const candidateStage = parseDependencies();
  const context = { report: () => undefined };
  let docs: Doc[] = [];
  const tokensMs = cpuMs(() => {
    docs = texts.map((text) => makeDoc(text, [tokensStage]));
  });
  const tokens = docs.reduce((sum, doc) => sum + doc.layers.tokens!.length, 0);
  for (const doc of docs.slice(0, 200)) parseStage.run(doc, context);
  for (const [label, stage] of [['every sentence', parseStage], ['event candidates (default)', candidateStage]] as const) {
    for (let pass = 1; pass <= 3; pass += 1) {
      let parsed = 0;
      const parseMs = cpuMs(() => {
        for (const doc of docs) parsed += stage.run(doc, context).dependencies!.filter(Boolean).length;
      });
      console.log(`${label}, pass ${pass}: ${(parseMs / docs.length).toFixed(3)} ms/article, ${((parseMs / tokens) * 1000).toFixed(3)} ms per 1,000 tokens, ${((100 * parsed) / tokens).toFixed(0)}% of tokens parsed (CPU)`);
    }
  }
  console.log(`${docs.length} articles, ${Math.round(tokens / docs.length)} tokens/article; tokens stage (wink) ${(tokensMs / docs.length).toFixed(3)} ms/article (CPU, first pass)`);
  console.log(`machine reference (wink, one synthetic article): ${machineReference().toFixed(3)} ms (0.270 on a quiet machine)`);
  console.log(`RSS after parsing: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
}

main();
