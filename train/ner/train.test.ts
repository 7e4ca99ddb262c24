import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { NerSentence } from '../../src/eval/ner.js';
import { CLASSES, FormMemory, OUTSIDE, beginClass, insideClass } from '../../src/models/ner/features.js';
import { knowledgeLexicon } from '../../src/models/ner/lexicon.js';
import { NER_WEIGHTS_FILE, readNerModel } from '../../src/models/ner/load.js';
import { NerTagger, type NerModel } from '../../src/models/ner/tagger.js';
import { seededRandom } from '../../src/util/random.js';
import { hierarchicalClusters, kMeans } from './clusters.js';
import { labelledSentences, spanKeys } from './data.js';
import { encodeExamples, scoreExamples, trainNer, type NerTrainingOptions } from './train.js';
import { writeNerModel } from './write.js';

const PER = 0;
const ORG = 1;
const LOC = 2;

/** A few sentences of our own in the gold format: words and IOB2 tags (types spelled as each file spells them). */
const SENTENCES: Array<Array<[string, string]>> = [
  [['Anna', 'B-PER'], ['Kessler', 'I-PER'], ['visited', 'O'], ['Lyon', 'B-LOC'], ['on', 'O'], ['Monday', 'O'], ['.', 'O']],
  [['The', 'O'], ['Norvel', 'B-ORG'], ['Mining', 'I-ORG'], ['Company', 'I-ORG'], ['hired', 'O'], ['Peter', 'B-PER'], ['Dravnik', 'I-PER'], ['.', 'O']],
  [['Talks', 'O'], ['in', 'O'], ['Geneva', 'B-LOC'], ['ended', 'O'], ['early', 'O'], ['.', 'O']],
  [['Maria', 'B-PER'], ['Vandertolk', 'I-PER'], ['left', 'O'], ['the', 'O'], ['Qorvel', 'B-ORG'], ['Bank', 'I-ORG'], ['in', 'O'], ['March', 'O'], ['.', 'O']],
  [['Police', 'O'], ['in', 'O'], ['Goma', 'B-LOC'], ['arrested', 'O'], ['Tomas', 'B-PER'], ['Brelund', 'I-PER'], ['.', 'O']],
  [['Shares', 'O'], ['of', 'O'], ['Hallvik', 'B-ORG'], ['Group', 'I-ORG'], ['fell', 'O'], ['in', 'O'], ['Oslo', 'B-LOC'], ['.', 'O']],
];

const gold = (): NerSentence[] => SENTENCES.map((words, i) => ({ id: `s${i + 1}`, words: words.map((w) => w[0]), tags: words.map((w) => w[1]) }));

const TINY: NerTrainingOptions = { epochs: 8, buckets: 1 << 14, seed: 3 };

function train(): NerModel {
  const lexicon = knowledgeLexicon(new Map([['lyon', 5], ['geneva', 5], ['oslo', 6]]));
  const memory = new FormMemory(lexicon, Infinity);
  const examples = encodeExamples(memory, labelledSentences(gold()));
  return trainNer(examples, [], lexicon, TINY).model;
}

const digest = (weights: ArrayLike<number>) => createHash('sha256').update(new Uint8Array(Float32Array.from(weights).buffer)).digest('hex');

test('word labels are projected onto the tokens stage tokens; types outside PER/ORG/LOC/MISC are outside any name', () => {
  const sentences = labelledSentences([
    { id: 's1', words: ['Kessler-Brandt', 'met', 'Ugandan', 'officials', 'on', 'Monday'], tags: ['B-Person', 'O', 'B-NORP', 'O', 'O', 'B-Date'] },
  ]);
  assert.equal(sentences.length, 1);
  const { text, tokens, classes } = sentences[0]!;
  const byToken = tokens.map((token, i) => [text.slice(token.start, token.end), classes[i]]);
  // wink splits the hyphenated name: its first token opens the name, the others continue it.
  assert.deepEqual(byToken.slice(0, 3), [['Kessler', beginClass(PER)], ['-', insideClass(PER)], ['Brandt', insideClass(PER)]]);
  assert.deepEqual(byToken.find(([form]) => form === 'Ugandan'), ['Ugandan', beginClass(3)]);
  assert.deepEqual(byToken.find(([form]) => form === 'Monday'), ['Monday', OUTSIDE]);
});

test('spans are read off class sequences', () => {
  const classes = [beginClass(PER), insideClass(PER), OUTSIDE, beginClass(LOC), beginClass(LOC), insideClass(ORG)];
  assert.deepEqual([...spanKeys(classes, classes.length)], [`0:1:${PER}`, `3:3:${LOC}`, `4:4:${LOC}`, `5:5:${ORG}`]);
});

test('seeded k-means gives the same clusters every time and keeps apart what is apart', () => {
  const random = seededRandom(1);
  const dims = 4;
  const rows = 40;
  const data = new Float32Array(rows * dims);
  for (let r = 0; r < rows; r += 1) {
    const axis = r % 4;
    for (let d = 0; d < dims; d += 1) data[r * dims + d] = (d === axis ? 1 : 0) + random() * 0.05;
  }
  const first = hierarchicalClusters(data, dims, rows, [4, 2], 9);
  assert.deepEqual(first, hierarchicalClusters(data, dims, rows, [4, 2], 9));
  const top = kMeans(data, dims, Int32Array.from({ length: rows }, (_, i) => i), 4, 10, seededRandom(2));
  for (let r = 4; r < rows; r += 1) assert.equal(top[r], top[r % 4], `row ${r} with row ${r % 4}`);
  assert.equal(new Set(top).size, 4);
});

test('training is deterministic and learns the sentences it was given', () => {
  const a = train();
  const b = train();
  assert.equal(digest(a.weights), digest(b.weights));
  const memory = new FormMemory(a.lexicon, Infinity);
  const scores = scoreExamples(a.weights, a.mask, encodeExamples(memory, labelledSentences(gold())));
  assert.equal(scores.gold, 11);
  assert.ok(scores.f1 >= 0.9, `training-set span F1 ${scores.f1}`);
  assert.ok(a.weights.length === TINY.buckets * CLASSES);
});

test('a written model reads back with the same weights and finds the same names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-ner-'));
  try {
    const model = train();
    const hash = writeNerModel(dir, model);
    assert.equal(hash, writeNerModel(dir, model));
    const shipped = readNerModel(dir);
    assert.equal(shipped.lexicon.clusters.get('oslo'), 6);
    const sentence = labelledSentences(gold())[1]!;
    const spans = (m: NerModel) => new NerTagger(m).tag(sentence.text, undefined, sentence.tokens, sentence.from, sentence.to).map((s) => [s.first, s.last, s.type]);
    assert.deepEqual(spans(shipped), spans(model));
    assert.deepEqual(spans(shipped), [[1, 3, 'ORG'], [5, 6, 'PER']]);
    writeFileSync(join(dir, NER_WEIGHTS_FILE), readFileSync(join(dir, NER_WEIGHTS_FILE)).subarray(2));
    assert.throws(() => readNerModel(dir), /bytes/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
