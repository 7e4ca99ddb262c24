/**
 * `npm run bench:determinism`: codes the real articles of ../shared/gold in two orders in one process,
 * and a sample of them each in a process of its own, and counts the documents whose analysis differs;
 * then measures what reading wink without letting it learn costs per article. Writes a section of
 * BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createEngine } from '../src/engine/engine.js';
import type { IngestInput } from '../src/ingest/index.js';
import { WinkSession } from '../src/nlp/wink.js';
import { analysisOf } from '../src/test-support/analysis.js';
import { repoRoot, sharedDir } from '../test/paths.js';
import { realCorpus } from './corpus.js';
import { markdownTable, replaceSection } from './report.js';

const SAMPLE_ALONE = 20;

/** The analyses of 4,000+ articles would take gigabytes as strings: compare their digests. */
const digest = (analysis: string) => createHash('sha256').update(analysis).digest('hex');

function codedAlone(input: IngestInput): string {
  const script = `
import { createEngine } from './dist/src/index.js';
import { analysisOf } from './dist/src/test-support/analysis.js';
let json = '';
for await (const chunk of process.stdin) json += chunk;
process.stdout.write(analysisOf(createEngine().extract(JSON.parse(json))));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot(), input: JSON.stringify(input), maxBuffer: 256 * 1024 * 1024,
  }).toString();
}

/**
 * ms per item of each reader over every text, three rounds; the readers take turns on chunks of 50
 * texts, so a change in the shared machine's speed during the run weighs on both alike.
 */
function interleavedMsPerItem(texts: string[], readers: Array<(text: string) => unknown>): number[] {
  for (const read of readers) for (const text of texts.slice(0, 200)) read(text);
  const totals = readers.map(() => 0);
  for (let round = 0; round < 3; round += 1) {
    for (let from = 0; from < texts.length; from += 50) {
      const chunk = texts.slice(from, from + 50);
      readers.forEach((read, r) => {
        const started = performance.now();
        for (const text of chunk) read(text);
        totals[r]! += performance.now() - started;
      });
    }
  }
  return totals.map((total) => total / (3 * texts.length));
}

function main(): void {
  const shared = sharedDir();
  if (!shared) {
    console.log('../shared is absent: nothing to measure.');
    return;
  }
  const inputs = realCorpus(shared);
  const engine = createEngine();
  const forward = inputs.map((input) => digest(analysisOf(engine.extract(input))));
  const reversed = [...inputs].reverse().map((input) => digest(analysisOf(engine.extract(input)))).reverse();
  const differOrder = forward.filter((analysis, i) => analysis !== reversed[i]).length;
  const step = Math.floor(inputs.length / SAMPLE_ALONE);
  const sample = Array.from({ length: SAMPLE_ALONE }, (_, k) => k * step + 1);
  const differAlone = sample.filter((n) => digest(codedAlone(inputs[n]!)) !== forward[n]).length;

  const texts = inputs.map((input) => input.content);
  const learning = winkNLP(model, ['sbd', 'pos']);
  const session = new WinkSession();
  const [learningMs = NaN, sessionMs = NaN] = interleavedMsPerItem(texts, [
    (text) => learning.readDoc(text).tokens().length(),
    (text) => session.read(text, (doc) => doc.tokens().length()),
  ]);

  const body = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${inputs.length} real articles of ../shared/gold (the benchmark corpus).`,
    '',
    markdownTable(['check', 'documents', 'whose analysis differs'], [
      ['coded forward, then in reverse order, in one process', inputs.length, differOrder],
      [`coded alone, one process each (every ${step}th article)`, SAMPLE_ALONE, differAlone],
    ]),
    '',
    'The analysis compared is the whole Doc but its provenance (time stamps, timings): every layer and message.',
    '',
    markdownTable(['wink reading every article', 'ms/article'], [
      ['learning as it reads (wink as it comes)', learningMs.toFixed(3)],
      ['forgetting what each article taught it (Dyad)', sessionMs.toFixed(3)],
      ['cost of the determinism fix', (sessionMs - learningMs).toFixed(3)],
      [`instance rebuilds over ${3 * texts.length + 200} reads`, String(session.rebuilds - 1)],
    ]),
  ].join('\n');
  console.log(body);
  replaceSection(join(repoRoot(), 'BENCHMARKS.md'), 'Determinism (`npm run bench:determinism`)', body);
}

main();
