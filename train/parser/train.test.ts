import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_FILE, WEIGHTS_FILE, readParserModel } from '../../src/models/parser/load.js';
import { parseSentence, parseTaggedSentence } from '../../src/models/parser/parser.js';
import { apply, initialState, isTerminal, isValid, MOVE_COUNT } from '../../src/models/parser/transitions.js';
import { isProjective, readConllu, type TreebankSentence } from './conllu.js';
import { moveCost } from './oracle.js';
import { trainParser, type TrainingOptions } from './train.js';
import { writeParserModel } from './write.js';

/** A small treebank of our own: [form, upos, head (1-based, 0 root), deprel] per word. */
const SENTENCES: Array<Array<[string, string, number, string]>> = [
  [['The', 'DET', 2, 'det'], ['army', 'NOUN', 3, 'nsubj'], ['shelled', 'VERB', 0, 'root'], ['the', 'DET', 5, 'det'], ['village', 'NOUN', 3, 'obj'], ['.', 'PUNCT', 3, 'punct']],
  [['Rebels', 'NOUN', 2, 'nsubj'], ['attacked', 'VERB', 0, 'root'], ['a', 'DET', 4, 'det'], ['convoy', 'NOUN', 2, 'obj'], ['near', 'ADP', 6, 'case'], ['Goma', 'PROPN', 2, 'obl'], ['.', 'PUNCT', 2, 'punct']],
  [['Police', 'NOUN', 2, 'nsubj'], ['arrested', 'VERB', 0, 'root'], ['three', 'NUM', 4, 'nummod'], ['men', 'NOUN', 2, 'obj'], ['.', 'PUNCT', 2, 'punct']],
  [['The', 'DET', 2, 'det'], ['minister', 'NOUN', 3, 'nsubj'], ['met', 'VERB', 0, 'root'], ['the', 'DET', 5, 'det'], ['envoy', 'NOUN', 3, 'obj'], ['in', 'ADP', 7, 'case'], ['Paris', 'PROPN', 3, 'obl'], ['.', 'PUNCT', 3, 'punct']],
  [['Troops', 'NOUN', 2, 'nsubj'], ['left', 'VERB', 0, 'root'], ['the', 'DET', 4, 'det'], ['town', 'NOUN', 2, 'obj'], ['.', 'PUNCT', 2, 'punct']],
  [['The', 'DET', 2, 'det'], ['government', 'NOUN', 3, 'nsubj'], ['condemned', 'VERB', 0, 'root'], ['the', 'DET', 5, 'det'], ['attack', 'NOUN', 3, 'obj'], ['.', 'PUNCT', 3, 'punct']],
];

function conllu(): string {
  return SENTENCES.map((words, s) => [
    `# sent_id = own-${s + 1}`,
    `# text = ${words.map((w) => w[0]).join(' ')}`,
    ...words.map(([form, upos, head, deprel], i) => [i + 1, form, form.toLowerCase(), upos, '_', '_', head, deprel, '_', '_'].join('\t')),
  ].join('\n')).join('\n\n') + '\n';
}

const TINY: Partial<TrainingOptions> = {
  epochs: 12, labelEpochs: 8, taggerEpochs: 8, minWordCount: 1, jackknifeFolds: 0,
  transitionBuckets: 1 << 12, labelBuckets: 1 << 10, taggerBuckets: 1 << 10,
};

function training(sentences: TreebankSentence[]) {
  return sentences.map((sentence) => ({ words: sentence.words, hints: sentence.words.map((w) => w.upos) }));
}

test('the CoNLL-U reader keeps the syntactic words and skips multiword tokens and empty nodes', () => {
  const text = ['# text = I don\'t.', '1\tI\tI\tPRON\t_\t_\t3\tnsubj\t_\t_', '2-3\tdon\'t\t_\t_\t_\t_\t_\t_\t_\t_',
    '2\tdo\tdo\tAUX\t_\t_\t3\taux\t_\t_', '3\tn\'t\tnot\tPART\t_\t_\t0\troot\t_\t_', '3.1\tx\tx\tX\t_\t_\t_\t_\t_\t_', '4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_', ''].join('\n');
  const [sentence] = readConllu(text);
  assert.equal(sentence!.text, "I don't.");
  assert.deepEqual(sentence!.words.map((w) => [w.form, w.head, w.deprel]), [['I', 2, 'nsubj'], ['do', 2, 'aux'], ["n't", -1, 'root'], ['.', 2, 'punct']]);
  assert.throws(() => readConllu('1\tI\tI\tPRON\n'), /line 1: 4 columns/);
  assert.throws(() => readConllu('1\tI\tI\tPRON\t_\t_\t7\tnsubj\t_\t_\n'), /past the last word/);
});

test('crossing arcs make a tree non-projective', () => {
  assert.equal(isProjective([1, -1, 1]), true);
  assert.equal(isProjective([2, 3, -1, 2]), false);
});

test('always taking a zero-cost move rebuilds the gold tree of every projective sentence', () => {
  for (const sentence of readConllu(conllu())) {
    const n = sentence.words.length;
    const gold = Int32Array.from(sentence.words, (w) => (w.head < 0 ? n : w.head));
    const state = initialState(new Int32Array(n + 1), new Int32Array(n + 1));
    while (!isTerminal(state)) {
      const move = [...Array(MOVE_COUNT).keys()].find((m) => isValid(state, m) && moveCost(state, gold, m) === 0);
      assert.notEqual(move, undefined, 'some valid move costs nothing');
      apply(state, move!);
    }
    assert.deepEqual([...state.heads], [...gold]);
  }
});

test('a model trained on a few sentences is written, read back and parses them; training twice gives the same weights', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-parser-'));
  try {
    const sentences = readConllu(conllu());
    const jackknifed = { ...TINY, jackknifeFolds: 2 };
    const hash = writeParserModel(join(dir, 'a'), trainParser(training(sentences), jackknifed).model);
    assert.equal(writeParserModel(join(dir, 'b'), trainParser(training(sentences), jackknifed).model), hash);
    assert.deepEqual(readFileSync(join(dir, 'a', WEIGHTS_FILE)), readFileSync(join(dir, 'b', WEIGHTS_FILE)));
    assert.notEqual(writeParserModel(join(dir, 'c'), trainParser(training(sentences), { ...jackknifed, seed: 7 }).model), hash);
    const trained = trainParser(training(sentences), TINY);
    assert.equal(trained.report.sentences, SENTENCES.length);
    writeParserModel(join(dir, 'gold-tags'), trained.model);
    const model = readParserModel(join(dir, 'gold-tags'));
    for (const sentence of sentences) {
      const parse = parseSentence(model, sentence.words);
      assert.deepEqual(parse.heads, sentence.words.map((w) => w.head), sentence.text);
      assert.deepEqual(parse.deprels, sentence.words.map((w) => w.deprel), sentence.text);
      assert.deepEqual(parseTaggedSentence(model, sentence.words).heads, sentence.words.map((w) => w.head));
    }
    const unseen = parseSentence(model, [{ form: 'Soldiers', upos: 'NOUN' }, { form: 'shelled', upos: 'VERB' }, { form: 'the', upos: 'DET' }, { form: 'convoy', upos: 'NOUN' }]);
    assert.deepEqual(unseen.heads, [1, -1, 3, 1]);
    assert.deepEqual(unseen.deprels, ['nsubj', 'root', 'det', 'obj']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged model is refused with the file and the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-parser-'));
  try {
    writeParserModel(dir, trainParser(training(readConllu(conllu())), TINY).model);
    writeFileSync(join(dir, WEIGHTS_FILE), Buffer.alloc(10));
    assert.throws(() => readParserModel(dir), /weights\.bin: 10 bytes/);
    const description = JSON.parse(readFileSync(join(dir, MODEL_FILE), 'utf8')) as { format: number };
    writeFileSync(join(dir, MODEL_FILE), JSON.stringify({ ...description, format: 99 }));
    assert.throws(() => readParserModel(dir), /model format 99/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
