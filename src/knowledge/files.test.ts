import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { assertNoIssues, defineKnowledge, KnowledgeError, knowledgeDir, readJsonl, readTsv, type KnowledgeIssue } from './files.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-knowledge-'));
const schema = z.object({ code: z.string().length(3), name: z.string() });

test('JSON Lines records are validated and every problem names its file and line', () => {
  const path = join(dir, 'countries.jsonl');
  writeFileSync(path, '# comment\n{"code":"ARM","name":"Armenia"}\n\n{"code":"AZ","name":"Azerbaijan"}\n{oops\n');
  const issues: KnowledgeIssue[] = [];
  const records = readJsonl(path, schema, issues);
  assert.deepEqual(records, [{ code: 'ARM', name: 'Armenia' }]);
  assert.deepEqual(issues.map((i) => i.line), [4, 5]);
  assert.match(issues[0]!.message, /code/);
  assert.match(issues[1]!.message, /not JSON/);
  assert.throws(() => assertNoIssues(issues), (error: unknown) => error instanceof KnowledgeError && /countries\.jsonl:4:/.test(error.message));
});

test('TSV rows become objects of their header columns; empty cells are absent', () => {
  const path = join(dir, 'codes.tsv');
  writeFileSync(path, '# source: test\ncode\tname\textra\nARM\tArmenia\t\nTOOLONG\tX\n');
  const issues: KnowledgeIssue[] = [];
  const rows = readTsv(path, schema.extend({ extra: z.string().optional() }), issues);
  assert.deepEqual(rows, [{ code: 'ARM', name: 'Armenia' }]);
  assert.equal(issues[0]!.line, 4);
});

test('the shipped knowledge folder is found from the module', () => {
  assert.match(knowledgeDir(), /knowledge$/);
});

test('defineKnowledge: check reports every issue afresh; get loads once and throws until the issues are gone', () => {
  let loads = 0;
  let broken = true;
  const knowledge = defineKnowledge((issues: KnowledgeIssue[], source?: string) => {
    loads += 1;
    if (broken) issues.push({ file: source ?? 'words.txt', line: 2, message: 'bad word' });
    return { words: ['peace'] };
  });
  assert.deepEqual(knowledge.check().map((i) => i.file), ['words.txt']);
  assert.deepEqual(knowledge.check('other.txt').map((i) => i.file), ['other.txt']);
  assert.throws(() => knowledge.get(), KnowledgeError);
  broken = false;
  const first = knowledge.get();
  assert.equal(knowledge.get(), first);
  assert.equal(loads, 4);
  assert.deepEqual(knowledge.check(), []);
});

test('defineKnowledge: a thrown loader error is an issue only where a file is named; extra checks run in check only', () => {
  const failing = (): never => {
    throw new Error('unreadable');
  };
  assert.throws(() => defineKnowledge(failing).check(), /unreadable/);
  assert.deepEqual(defineKnowledge(failing, { reportThrownIn: 'codes.tsv' }).check(), [{ file: 'codes.tsv', line: 0, message: 'unreadable' }]);
  const strict = defineKnowledge(() => ['ARM', 'ARM'], {
    extraChecks: (codes, issues) => {
      if (new Set(codes).size < codes.length) issues.push({ file: 'codes.tsv', line: 0, message: 'duplicate code' });
    },
  });
  assert.equal(strict.check().length, 1);
  assert.deepEqual(strict.get(), ['ARM', 'ARM']);
});
