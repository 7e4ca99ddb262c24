/**
 * ms/article of the NER model alone (src/models/ner, shipped weights) on about 2,000 real news texts of
 * the shared gold data (PolNeAR articles, then GVA casualty reports), tokens made beforehand; also the
 * model's load time and the entities stage with and without the model. Run: node dist/bench/ner.js
 * (`--model DIR` for another model folder than the shipped one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { goldPath } from '../eval/gold.js';
import { readNerModel, shippedNerDir } from '../src/models/ner/load.js';
import { NerTagger } from '../src/models/ner/tagger.js';
import type { Stage } from '../src/pipeline/stage.js';
import { findEntities } from '../src/stages/entities/entities.js';
import { lowerText } from '../src/stages/entities/text.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { polnearTexts } from './corpus.js';

const ARTICLES = 2000;

function casualtyTexts(): string[] {
  const path = goldPath('casualties', 'gva.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim()).map((line) => String((JSON.parse(line) as { text: unknown }).text));
}

const texts = [...polnearTexts(), ...casualtyTexts()].filter((text) => text.trim()).slice(0, ARTICLES);
if (texts.length === 0) {
  console.log('skipped: no polnear or gva files found');
  process.exit(0);
}
const docs = texts.map((text) => makeDoc(text, [splitSentences()] as Stage[]));
// The knowledge the lexicon reads (gazetteer, cues, cities) is loaded by a first entities run, not charged to the model.
makeDoc('Talks in Geneva between Armenia and Azerbaijan.', [splitSentences(), findEntities({ ner: false })] as Stage[]);
let started = performance.now();
const modelFlag = process.argv.indexOf('--model');
const model = readNerModel(modelFlag >= 0 ? process.argv[modelFlag + 1]! : shippedNerDir());
const loadMs = performance.now() - started;
const tagger = new NerTagger(model);
const tagAll = (): number => {
  let spans = 0;
  for (const doc of docs) {
    const lower = lowerText(doc.text);
    for (const sentence of doc.layers.sentences ?? []) spans += tagger.tag(doc.text, lower, doc.layers.tokens!, sentence.tokenStart, sentence.tokenEnd).length;
  }
  return spans;
};
const words = docs.reduce((sum, doc) => sum + (doc.layers.tokens?.length ?? 0), 0);
tagAll();
const timings: number[] = [];
const cpu: number[] = [];
let spans = 0;
for (let repetition = 0; repetition < 7; repetition += 1) {
  started = performance.now();
  const cpuStarted = process.cpuUsage();
  spans = tagAll();
  cpu.push(process.cpuUsage(cpuStarted).user / 1000 / docs.length);
  timings.push((performance.now() - started) / docs.length);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`NER model: median ${median(timings).toFixed(3)} ms/article wall (min ${Math.min(...timings).toFixed(3)}), ${median(cpu).toFixed(3)} ms CPU, over ${docs.length} articles (${Math.round(words / docs.length)} tokens each) x 7 after a warm-up, ${spans} names; model load ${loadMs.toFixed(0)} ms`);
const noop = { report() {} };
for (const [name, stage] of [['entities stage, rules alone', findEntities({ ner: false })], ['entities stage with the model', findEntities({ ner: model })]] as const) {
  for (const doc of docs) stage.run(doc, noop);
  const passes: number[] = [];
  for (let repetition = 0; repetition < 5; repetition += 1) {
    const cpuStarted = process.cpuUsage();
    for (const doc of docs) stage.run(doc, noop);
    passes.push(process.cpuUsage(cpuStarted).user / 1000 / docs.length);
  }
  console.log(`${name}: median ${median(passes).toFixed(3)} ms CPU/article`);
}
