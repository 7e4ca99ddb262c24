import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { evaluate } from './evaluate.js';
import { canonicalType, goldSpans, isNerFile, readConll } from './ner.js';
import type { TypeScore } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-ner-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const conll = (sentences: string[][]) => `-DOCSTART-\tO\n\n${sentences.map((s) => `${s.join('\n')}\n`).join('\n')}`;

test('IOB2 tags become spans; an I- that continues nothing opens an entity; file tag names map to PER/ORG/LOC/MISC', () => {
  assert.deepEqual(goldSpans(['B-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC', 'I-ORG']), [
    { type: 'PER', first: 0, last: 1 }, { type: 'LOC', first: 3, last: 3 }, { type: 'LOC', first: 4, last: 4 }, { type: 'ORG', first: 5, last: 5 },
  ]);
  assert.deepEqual(['Person', 'Organisation', 'Organization', 'Location', 'NORP', 'Nationality', 'Date'].map(canonicalType), ['PER', 'ORG', 'ORG', 'LOC', 'MISC', 'MISC', 'Date']);
});

test('a CoNLL file is recognised by its two tab-separated columns, and a broken line is named', () => {
  const file = join(dir, 'ok.conll');
  writeFileSync(file, conll([['Paris\tB-LOC', 'is\tO', 'big\tO']]));
  assert.ok(isNerFile(file));
  assert.deepEqual(readConll(file), [{ id: 's1', words: ['Paris', 'is', 'big'], tags: ['B-LOC', 'O', 'O'] }]);
  const conllu = join(dir, 'tree.conllu');
  writeFileSync(conllu, '1\tParis\tParis\tPROPN\tNNP\t_\t0\troot\t_\t_\n');
  assert.ok(!isNerFile(conllu));
  const broken = join(dir, 'broken.conll');
  writeFileSync(broken, 'Paris\tB-LOC\nis\tSOMETHING\n');
  assert.throws(() => readConll(broken), new RegExp(`${broken}:2: expected TOKEN<TAB>TAG`));
});

test('ner scores Dyad on the file: micro F1 over PER/ORG/LOC, f1_all over every type the file has', () => {
  writeFileSync(join(dir, 'set.conll'), conll([
    ['France\tB-Location', 'and\tO', 'Germany\tB-Location', 'signed\tO', 'a\tO', 'treaty\tO', '.\tO'],
    ['The\tO', 'French\tB-NORP', 'delegation\tO', 'left\tO', 'on\tO', 'Monday\tB-Date', '.\tO'],
    ['Angela\tB-Person', 'Merkel\tI-Person', 'met\tO', 'the\tO', 'United\tB-Organization', 'Nations\tI-Organization', '.\tO'],
  ]));
  const report = evaluate('ner', join(dir, 'set.conll'), { misses: 5 });
  assert.equal(report.task, 'ner');
  const [set] = report.sets;
  assert.equal(set!.items, 3);
  assert.equal(set!.metrics.f1, 1);
  // Five of six gold entities found (Dyad has no Date type), none spurious: P 1, R 5/6.
  assert.equal(set!.metrics.f1_all, Math.round(10_000 * (2 * (5 / 6)) / (1 + 5 / 6)) / 10_000);
  const perType = set!.metrics.per_type as Record<string, TypeScore>;
  assert.deepEqual(Object.keys(perType), ['Date', 'LOC', 'MISC', 'ORG', 'PER']);
  assert.deepEqual({ gold: perType.LOC!.gold, predicted: perType.LOC!.predicted, f1: perType.LOC!.f1 }, { gold: 2, predicted: 2, f1: 1 });
  assert.deepEqual(set!.misses, [{ id: 's2', text: 'missed Date "Monday" in: The French delegation left on Monday .' }]);
});
