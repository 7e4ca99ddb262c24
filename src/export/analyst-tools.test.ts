import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../store/store.js';
import { fillStore, Sink } from '../test-support/export-fixtures.js';
import { exportEvents } from './export.js';

/**
 * The CSV export read by the tools analysts use, with no options: pandas' read_csv and R's read.csv.
 * Each test runs where the tool is installed and is skipped, saying so, where it is not.
 */
const dir = mkdtempSync(join(tmpdir(), 'dyad-export-tools-'));
const csv = join(dir, 'events.csv');
let events = 0;
after(() => rmSync(dir, { recursive: true, force: true }));

before(async () => {
  const store = await openStore(join(dir, 'tools.db'));
  await fillStore(store);
  const sink = new Sink();
  events = (await exportEvents(store, sink, { format: 'csv' })).events;
  writeFileSync(csv, sink.bytes());
  await store.close();
});

function run(command: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? (result.error ? String(result.error) : '') };
}

const python = ['python3', '/usr/bin/python3'].find((candidate) => run(candidate, ['-c', 'import pandas']).ok);
const rscript = run('Rscript', ['--version']).ok ? 'Rscript' : undefined;

test('pandas read_csv loads the CSV export without options, numbers and booleans typed', { skip: python ? false : 'pandas is not installed' }, () => {
  const script = [
    'import json, sys, pandas as pd',
    'd = pd.read_csv(sys.argv[1])',
    'print(json.dumps({"rows": len(d), "goldstein": str(d["goldstein"].dtype), "negated": str(d["negated"].dtype),',
    '  "min_goldstein": float(d["goldstein"].min()), "actors": d["actor"].fillna("").tolist(), "first": d.columns[0]}))',
  ].join('\n');
  const result = run(python!, ['-c', script, csv]);
  assert.ok(result.ok, result.stderr);
  const out = JSON.parse(result.stdout) as { rows: number; goldstein: string; negated: string; min_goldstein: number; actors: string[]; first: string };
  assert.equal(out.rows, events);
  assert.equal(out.first, 'id', 'no byte-order mark in the first column name');
  assert.equal(out.goldstein, 'float64');
  assert.equal(out.negated, 'bool');
  assert.equal(out.min_goldstein, -10);
  assert.ok(out.actors.includes(`'=HYPERLINK("http://evil.test","click")`));
});

test('R read.csv loads the CSV export without options, numbers and booleans typed', { skip: rscript ? false : 'R is not installed' }, () => {
  const script = 'd <- read.csv(commandArgs(TRUE)[1]); cat(nrow(d), class(d$goldstein), class(d$negated), min(d$goldstein, na.rm = TRUE), names(d)[1], sep = "\\n")';
  const result = run(rscript!, ['-e', script, csv]);
  assert.ok(result.ok, result.stderr);
  assert.doesNotMatch(result.stderr, /warning/i, 'no warning (an incomplete last line, a BOM)');
  assert.deepEqual(result.stdout.trim().split('\n'), [String(events), 'numeric', 'logical', '-10', 'id']);
});
