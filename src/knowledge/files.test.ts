import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { assertNoIssues, KnowledgeError, knowledgeDir, readJsonl, readTsv, type KnowledgeIssue } from './files.js';

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
