import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { codePointsToUtf16, firstLine, goldFiles, GoldFormatError, jsonlKeys, readJsonl } from './gold-files.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-gold-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const isText = (item: Record<string, unknown>) => typeof item.text === 'string';
const hasTopos = (file: string) => file.endsWith('.jsonl') && (jsonlKeys(file)?.has('toponyms') ?? false);

test('a folder is searched recursively for the files of the task, in a stable order', () => {
  mkdirSync(join(dir, 'tree', 'b', 'deeper'), { recursive: true });
  mkdirSync(join(dir, 'tree', 'a'), { recursive: true });
  writeFileSync(join(dir, 'tree', 'b', 'deeper', 'two.jsonl'), '{"text":"x","toponyms":[]}\n');
  writeFileSync(join(dir, 'tree', 'a', 'one.jsonl'), '{"text":"y","toponyms":[]}\n');
  writeFileSync(join(dir, 'tree', 'a', 'other.jsonl'), '{"text":"z","timex":[]}\n');
  writeFileSync(join(dir, 'tree', 'README.md'), '# not data\n');
  assert.deepEqual(goldFiles(join(dir, 'tree'), 'geo', 'geo lines', hasTopos), [join(dir, 'tree', 'a', 'one.jsonl'), join(dir, 'tree', 'b', 'deeper', 'two.jsonl')]);
  assert.deepEqual(goldFiles(join(dir, 'tree', 'a', 'one.jsonl'), 'geo', 'geo lines', hasTopos), [join(dir, 'tree', 'a', 'one.jsonl')]);
});

test('a file or folder of another format, or no file at all, is a clear error', () => {
  assert.throws(() => goldFiles(join(dir, 'tree', 'a', 'other.jsonl'), 'geo', 'geo lines', hasTopos), (error: Error) => error instanceof GoldFormatError && /not a geo gold file \(expected geo lines\)/.test(error.message));
  mkdirSync(join(dir, 'empty'));
  assert.throws(() => goldFiles(join(dir, 'empty'), 'geo', 'geo lines', hasTopos), /no geo gold files in this folder/);
  assert.throws(() => goldFiles(join(dir, 'missing'), 'geo', 'geo lines', hasTopos), /no such file or folder/);
});

test('JSON Lines: a broken line or an item without what the task reads names file and line', () => {
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"text":"fine"}\n\n{"text": oops}\n');
  assert.throws(() => readJsonl(bad, isText, 'items with text'), new RegExp(`${bad}:3: not JSON`));
  writeFileSync(bad, '{"text":"fine"}\n{"title":"no text"}\n');
  assert.throws(() => readJsonl(bad, isText, 'items with text'), new RegExp(`${bad}:2: not a gold item of this task \\(expected items with text\\)`));
  writeFileSync(bad, '{"text":"fine"}\r\n{"text":"also"}');
  assert.equal(readJsonl(bad, isText, 'items with text').length, 2);
});

test('the first line of a long file is read without the rest', () => {
  const long = join(dir, 'long.jsonl');
  writeFileSync(long, `{"text":"${'a'.repeat(200_000)}"}\n{"text":"b"}\n`);
  assert.equal(firstLine(long).length, 200_011);
  assert.deepEqual([...jsonlKeys(long)!], ['text']);
});

test('code-point offsets become UTF-16 offsets past characters outside the BMP', () => {
  const text = 'a😀b😀c';
  const at = codePointsToUtf16(text);
  assert.equal(text.slice(at(2), at(3)), 'b');
  assert.equal(text.slice(at(4), at(5)), 'c');
  assert.equal(at(5), text.length);
  const plain = codePointsToUtf16('plain text');
  assert.equal(plain(3), 3);
});
