/**
 * `npm run train`: trains the dependency parser (and the tagger in front of it) on UD English EWT from
 * the shared gold data (`--gold DIR`, by default the gold folder of the shared data beside the repository), writes it to models/parser (`--out DIR`)
 * with its manifest, and reports its scores on the EWT dev and test sets, which training never reads.
 * Options: `--epochs N`, `--label-epochs N`, `--tagger-epochs N`, `--min-word-count N`, `--jackknife K` (0: the parser learns from gold tags), `--transition-bits B`,
 * `--label-bits B`, `--tagger-bits B` (2^B buckets per weight table).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { goldPath } from '../../eval/gold.js';
import { readParserModel } from '../../src/models/parser/load.js';
import { parseSentence, parseTaggedSentence, tagTokens } from '../../src/models/parser/parser.js';
import { repoRoot } from '../../test/paths.js';
import { readConllu, type TreebankSentence } from './conllu.js';
import { evaluateParser, type AttachmentScores } from './evaluate.js';
import { DEFAULT_OPTIONS, trainParser, type TrainingOptions } from './train.js';
import { pipelineTags, tagAccuracy, withTags } from './wink-tags.js';
import { writeParserModel } from './write.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function numberFlag(name: string, fallback: number, transform = (value: number) => value): number {
  const value = flag(name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} takes a whole number, not ${value}`);
  return transform(Number(value));
}

function treebank(split: string): TreebankSentence[] {
  return readConllu(readFileSync(goldPath('syntax', `en_ewt-ud-${split}.conllu`), 'utf8'));
}

const rounded = (value: number) => Math.round(value * 10000) / 10000;
const roundScores = (s: AttachmentScores) => ({ words: s.words, uas: rounded(s.uas), las: rounded(s.las), lasUniversal: rounded(s.lasUniversal) });

function main(): void {
  if (!existsSync(goldPath('syntax', 'en_ewt-ud-train.conllu'))) {
    console.log(`No treebank at ${goldPath('syntax')}: nothing to train (give --gold DIR).`);
    return;
  }
  const out = resolve(flag('--out') ?? join(repoRoot(), 'models', 'parser'));
  const bits = (value: number) => 2 ** value;
  const options: TrainingOptions = {
    ...DEFAULT_OPTIONS,
    epochs: numberFlag('--epochs', DEFAULT_OPTIONS.epochs),
    labelEpochs: numberFlag('--label-epochs', DEFAULT_OPTIONS.labelEpochs),
    taggerEpochs: numberFlag('--tagger-epochs', DEFAULT_OPTIONS.taggerEpochs),
    minWordCount: numberFlag('--min-word-count', DEFAULT_OPTIONS.minWordCount),
    jackknifeFolds: numberFlag('--jackknife', DEFAULT_OPTIONS.jackknifeFolds),
    transitionBuckets: numberFlag('--transition-bits', DEFAULT_OPTIONS.transitionBuckets, bits),
    labelBuckets: numberFlag('--label-bits', DEFAULT_OPTIONS.labelBuckets, bits),
    taggerBuckets: numberFlag('--tagger-bits', DEFAULT_OPTIONS.taggerBuckets, bits),
  };
  const started = performance.now();
  const gold = { train: treebank('train'), dev: treebank('dev'), test: treebank('test') };
  const hints = { train: pipelineTags(gold.train), dev: pipelineTags(gold.dev), test: pipelineTags(gold.test) };
  console.log(`tokens stage tagged the treebank in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const training = gold.train.map((sentence, i) => ({ words: sentence.words, hints: hints.train[i]! }));
  const { model, report } = trainParser(training, { ...options, log: console.log });
  const hash = writeParserModel(out, model);
  const shipped = readParserModel(out);
  const split = (name: 'dev' | 'test') => {
    const asGiven = withTags(gold[name], hints[name]);
    const retagged = asGiven.map((sentence) => tagTokens(shipped, sentence.words));
    return {
      tagAccuracy: { tokensStage: rounded(tagAccuracy(gold[name], hints[name])), parserTagger: rounded(tagAccuracy(gold[name], retagged)) },
      tokensStageTags: roundScores(evaluateParser(shipped, asGiven, parseSentence)),
      goldTags: roundScores(evaluateParser(shipped, gold[name], parseTaggedSentence)),
    };
  };
  const scores = { dev: split('dev'), test: split('test') };
  const manifest = {
    model: 'greedy arc-hybrid transition parser (averaged perceptron, dynamic oracle), arc labeller, and a tagger from the tokens stage tags to EWT UPOS',
    data: 'UD English EWT train (en_ewt-ud-train.conllu); dev and test are used only for the scores below',
    dataLicence: 'CC BY-SA 4.0',
    dataSource: 'https://github.com/UniversalDependencies/UD_English-EWT',
    shipped: 'hashed feature weights and a vocabulary of frequent words; no treebank sentences',
    tags: 'tokens stage (wink-eng-lite-web-model) tags of each EWT sentence text, aligned to the EWT words by character offset, retagged by the model tagger; the parser trained on jackknifed tagger output',
    options: { ...options, log: undefined },
    training: report,
    date: new Date().toISOString().slice(0, 10),
    weightsSha256: hash,
    scores,
    scoring: 'every word counted, punctuation included; tokensStageTags: the run-time path (tokens stage tags, then the model tagger); goldTags: EWT UPOS given to the parser directly; las compares full relations (subtypes too), lasUniversal only the part before the colon',
  };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(JSON.stringify(scores, null, 2));
  const sentences = withTags(gold.test, hints.test).map((s) => s.words);
  const words = sentences.reduce((sum, s) => sum + s.length, 0);
  for (let pass = 0; pass < 3; pass += 1) {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    for (const sentence of sentences) parseSentence(shipped, sentence);
    const cpuMs = process.cpuUsage(cpu).user / 1000;
    console.log(`parse pass ${pass + 1}: ${(((performance.now() - wall) / words) * 1000).toFixed(3)} ms wall, ${((cpuMs / words) * 1000).toFixed(3)} ms CPU per 1,000 words (EWT test, ${words} words)`);
  }
  console.log(`weights ${hash} in ${out}; ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
}

main();
