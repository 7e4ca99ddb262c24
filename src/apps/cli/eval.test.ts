import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../../test/paths.js';

const here = dirname(fileURLToPath(import.meta.url));
const COMPILED = join(here, 'main.js');
const COMMAND = existsSync(COMPILED) ? [COMPILED] : ['--import', import.meta.resolve('tsx'), join(here, 'main.ts')];
const dir = mkdtempSync(join(tmpdir(), 'dyad-cli-eval-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function dyad(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...COMMAND, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DYAD_DEBUG: '' }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sentences = [
  ['France\tB-LOC', 'and\tO', 'Germany\tB-LOC', 'signed\tO', '.\tO'],
  ['Angela\tB-PER', 'Merkel\tI-PER', 'met\tO', 'Xavier\tB-PER', 'Quuxley\tI-PER', 'in\tO', 'Zorbia\tB-LOC', '.\tO'],
  ['The\tO', 'Blorf\tB-ORG', 'Group\tI-ORG', 'and\tO', 'the\tO', 'Snarkish\tB-MISC', 'people\tO', '.\tO'],
  // A name written in lower case, which no tagger that goes by capitals finds: a second miss.
  ['Talks\tO', 'with\tO', 'the\tO', 'zorbian\tB-ORG', 'council\tI-ORG', 'ended\tO', '.\tO'],
];
mkdirSync(join(dir, 'gold', 'ner'), { recursive: true });
writeFileSync(join(dir, 'gold', 'ner', 'small.conll'), `${sentences.map((s) => `${s.join('\n')}\n`).join('\n')}`);
writeFileSync(join(dir, 'gold', 'ner', 'notes.txt'), 'not a gold file\n');

test('dyad eval ner --json prints one object with the task, the version and one set per file', () => {
  const run = dyad(['eval', 'ner', '--gold', join(dir, 'gold'), '--json']);
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { task: string; dyad: string; sets: Array<{ file: string; items: number; metrics: Record<string, unknown>; misses?: unknown }> };
  const version = (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(report.task, 'ner');
  assert.equal(report.dyad, version);
  assert.equal(report.sets.length, 1);
  assert.equal(report.sets[0]!.file, join(dir, 'gold', 'ner', 'small.conll'));
  assert.equal(report.sets[0]!.items, 4);
  for (const name of ['f1', 'precision', 'recall', 'f1_all', 'per_type']) assert.ok(name in report.sets[0]!.metrics, name);
  assert.equal(report.sets[0]!.misses, undefined);
});

test('dyad eval prints a table, and --misses gives the same errors on every run', () => {
  const first = dyad(['eval', 'ner', '--gold', join(dir, 'gold', 'ner', 'small.conll'), '--misses', '2']);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^ner {2}.*small\.conll {2}\(4 items\)\n {2}f1 +\d\.\d{3}\n/);
  assert.match(first.stdout, /misses \(2, sampled by a hash of the item id\):\n {4}\[s\d\] .+\n {4}\[s\d\] .+/);
  assert.equal(dyad(['eval', 'ner', '--gold', join(dir, 'gold', 'ner', 'small.conll'), '--misses', '2']).stdout, first.stdout);
});

test('dyad eval: wrong format, no gold file of the task, unknown task and missing --gold fail with one clear line', () => {
  const wrong = dyad(['eval', 'geo', '--gold', join(dir, 'gold')]);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /^dyad: .*gold: no geo gold files in this folder \(expected JSON Lines with "text" and "toponyms"/);
  const parse = dyad(['eval', 'parse', '--gold', join(dir, 'gold')]);
  assert.equal(parse.status, 1);
  assert.match(parse.stderr, /no parse gold files in this folder/);
  const unknown = dyad(['eval', 'alerts', '--gold', dir]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown task "alerts" \(tasks: ner, parse, geo, dates, quotes, casualties, extraction, events, stories\)/);
  assert.equal(dyad(['eval', 'ner']).status, 2);
  assert.equal(dyad(['eval', 'ner', '--gold', dir, '--misses', 'some']).status, 2);
  for (const run of [wrong, parse, unknown]) assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
});
