import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AnyStage } from '../pipeline/stage.js';
import { evaluateParse, installedParser, isConlluFile, readConllu, scoreParse, type DependencyParser } from './parse.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-parse-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const row = (id: string, form: string, upos: string, head: string, deprel: string) => [id, form, form.toLowerCase(), upos, '_', '_', head, deprel, '_', '_'].join('\t');
const file = join(dir, 'tiny.conllu');
writeFileSync(file, [
  '# sent_id = first', '# text = Talks resumed.',
  row('1', 'Talks', 'NOUN', '2', 'nsubj'), row('2', 'resumed', 'VERB', '0', 'root'), row('3', '.', 'PUNCT', '2', 'punct'),
  '',
  '# sent_id = second',
  row('1-2', "Don't", '_', '_', '_'), row('1', 'Do', 'AUX', '3', 'aux'), row('2', "n't", 'PART', '3', 'advmod'), row('3', 'go', 'VERB', '0', 'root'),
  row('3.1', 'went', 'VERB', '_', '_'), row('4', 'there', 'ADV', '3', 'advmod:loc'),
  '', '',
].join('\n'));

test('CoNLL-U: comments give the sentence id; multi-word tokens and empty nodes are not words', () => {
  assert.ok(isConlluFile(file));
  const sentences = readConllu(file);
  assert.deepEqual(sentences.map((s) => s.id), ['first', 'second']);
  assert.deepEqual(sentences[1], { id: 'second', forms: ['Do', "n't", 'go', 'there'], heads: [3, 3, 0, 3], deprels: ['aux', 'advmod', 'root', 'advmod:loc'], upos: ['AUX', 'PART', 'VERB', 'ADV'] });
  const broken = join(dir, 'broken.conllu');
  writeFileSync(broken, `${row('1', 'Talks', 'NOUN', 'x', 'nsubj')}\n`);
  assert.throws(() => readConllu(broken), /broken\.conllu:1: HEAD must be a number/);
});

test('UAS, LAS (universal relation, subtype ignored) and UPOS per word', () => {
  // A parser for the test only: every word attached to the first, as "dep", tagged NOUN, except a right root.
  const parser: DependencyParser = ({ forms }) => ({
    heads: forms.map((_, i) => (i === forms.length - 2 ? 0 : 1)),
    deprels: forms.map((_, i) => (i === forms.length - 2 ? 'root' : i === 3 ? 'advmod' : 'dep')),
    upos: forms.map(() => 'NOUN'),
  });
  const result = scoreParse(file, readConllu(file), parser);
  // first: heads 1,0,1 vs 2,0,2 → 1 right (root), labelled 1; second: heads 1,1,0,1 vs 3,3,0,3 → 1 right (root).
  assert.equal(result.items, 2);
  assert.equal(result.metrics.words, 7);
  assert.equal(result.metrics.uas, 2 / 7);
  assert.equal(result.metrics.las, 2 / 7);
  assert.equal(result.metrics.upos, 1 / 7);
  assert.equal(result.misses.length, 5);
  assert.match(result.misses[0]!.text, /^"Talks" \(word 1\) gold 2\/nsubj, got 1\/dep in: Talks resumed \.$/);
  // A parser that returns too few words scores them wrong instead of failing.
  const empty = scoreParse(file, readConllu(file), () => ({ heads: [], deprels: [], upos: [] }));
  assert.deepEqual([empty.metrics.uas, empty.metrics.las, empty.metrics.upos, empty.misses.length], [0, 0, 0, 7]);
});

test('the shipped parser is what dyad eval parse scores', () => {
  const [result] = evaluateParse(file);
  assert.equal(result?.metrics.words, 7);
  for (const metric of ['uas', 'las', 'upos'] as const) {
    const value = Number(result?.metrics[metric] ?? -1);
    assert.ok(value >= 0 && value <= 1, `${metric} ${value}`);
  }
  // Heads come back CoNLL-U style: 1-based, 0 for the root.
  const parse = installedParser()({ forms: ['The', 'rebels', 'shelled', 'the', 'capital', '.'] });
  assert.deepEqual([parse.heads[1], parse.deprels[1], parse.heads[2], parse.deprels[2], parse.heads[4], parse.deprels[4]], [3, 'nsubj', 0, 'root', 3, 'obj']);
});

test('a stage that provides dependencies is evaluated through its parseForms', () => {
  const parseForms: DependencyParser = ({ forms }) => ({ heads: forms.map((_, i) => (i === 0 ? 0 : 1)), deprels: forms.map(() => 'dep'), upos: forms.map(() => 'X') });
  const stage = { name: 'parse', version: 1, requires: ['tokens'], provides: ['dependencies'], run: () => ({}), parseForms } as unknown as AnyStage;
  assert.equal(installedParser([stage]), parseForms);
  const { parseForms: _, ...withoutHook } = stage as AnyStage & { parseForms: DependencyParser };
  assert.throws(() => installedParser([withoutHook as AnyStage]), /the parse stage provides dependencies but no parseForms/);
  assert.throws(() => installedParser([]), /no parser is installed/);
});
