import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { contractDocs } from '../../store/store.contract.js';
import { openStore } from '../../store/store.js';

const here = dirname(fileURLToPath(import.meta.url));
const COMPILED = join(here, 'main.js');
const COMMAND = existsSync(COMPILED) ? [COMPILED] : ['--import', import.meta.resolve('tsx'), join(here, 'main.ts')];
const dir = mkdtempSync(join(tmpdir(), 'dyad-cli-export-'));
const db = join(dir, 'dyad.db');
after(() => rmSync(dir, { recursive: true, force: true }));

before(async () => {
  const store = await openStore(db);
  const docs = contractDocs();
  await store.putDocs([docs.shelling, docs.talks, docs.protest, docs.skipped]);
  await store.close();
});

function dyad(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...COMMAND, 'export', '--db', db, ...args], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, DYAD_DEBUG: '' }, timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('dyad export writes a CSV file a CSV parser reads, and says how many events', () => {
  const out = join(dir, 'events.csv');
  const run = dyad(['--format', 'csv', '-o', out]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^exported 4 events \(csv\) to .*events\.csv$/m);
  const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, 4);
  assert.ok(rows.every((row) => /\S/.test(row.story_id ?? '')), 'every event is a mention of a story');
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.partial-')), [], 'no temporary file left');
});

test('dyad export to stdout applies the filters (GDELT TSV, JSON Lines)', () => {
  const gdelt = dyad(['--format', 'gdelt', '--type', 'ASSAULT']);
  assert.equal(gdelt.status, 0, gdelt.stderr);
  const lines = gdelt.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, 'header and two attacks');
  assert.equal(lines[0]!.split('\t')[0], 'GlobalEventID');
  const jsonl = dyad(['--format', 'jsonl', '--actor', 'SLD', '--limit', '2']);
  assert.equal(jsonl.status, 0, jsonl.stderr);
  assert.equal(jsonl.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown).length, 2);
  const bare = dyad(['--format', 'gdelt', '--no-header', '--country', 'CHE']);
  assert.equal(bare.stdout.trimEnd().split('\n').length, 1);
});

test('dyad export writes Parquet to a file that hyparquet reads', async () => {
  const out = join(dir, 'events.parquet');
  const run = dyad(['--format', 'parquet', '-o', out]);
  assert.equal(run.status, 0, run.stderr);
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(out) });
  assert.equal(rows.length, 4);
});

test('dyad export --stories writes one row per story as CSV a parser reads, or JSON Lines', () => {
  const run = dyad(['--stories', '--format', 'csv']);
  assert.equal(run.status, 0, run.stderr);
  const stories = parse(run.stdout, { columns: true }) as Array<Record<string, string>>;
  const events = parse(dyad(['--format', 'csv']).stdout, { columns: true }) as Array<Record<string, string>>;
  assert.equal(stories.length, new Set(events.map((e) => e.story_id)).size, 'one row per distinct story of the events');
  assert.ok(stories.every((s) => Number(s.mentions) >= 1 && /^\d{4}(-\d\d){0,2}$|^$/.test(s.date ?? '')), JSON.stringify(stories));
  const jsonl = dyad(['--stories', '--format', 'jsonl', '--type', 'ASSAULT']);
  assert.ok(jsonl.stdout.trimEnd().split('\n').every((line) => (JSON.parse(line) as { plover: string }).plover === 'ASSAULT'));
});

test('dyad export fails cleanly: stories in an event format, unknown format, misplaced option, unwritable output', () => {
  const clean = (run: ReturnType<typeof dyad>, code: number, pattern: RegExp) => {
    assert.equal(run.status, code, run.stderr);
    assert.match(run.stderr, pattern);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  };
  clean(dyad(['--stories', '--format', 'gdelt']), 2, /--stories writes csv or jsonl/);
  clean(dyad(['--format', 'xml']), 2, /--format must be one of csv, jsonl, plover, gdelt, parquet/);
  clean(dyad(['--format', 'csv', '--no-header']), 2, /--no-header is for --format gdelt/);
  clean(dyad(['--country', 'Armenia']), 2, /ISO 3166 alpha-3/);
  clean(dyad(['-o', join(dir, 'missing', 'dir', 'x.csv')]), 1, /cannot write .*x\.csv/);
  assert.equal(existsSync(join(dir, 'missing')), false);
});
