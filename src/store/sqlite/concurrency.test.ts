import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { openStore } from '../store.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-concurrency-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const storeModule = import.meta.resolve('../store.js');
const docModule = import.meta.resolve('../../doc/doc.js');

/**
 * One writer process: waits for "go" on stdin, then opens the database and stores documents first..last
 * in batches of `batch`, and prints its totals as JSON. Every batch reads (duplicate check) before it
 * writes, which is where a deferred transaction meets the other writer's commits.
 */
const WRITER = `
import { createInterface } from 'node:readline';
const { openStore } = await import(${JSON.stringify(storeModule)});
const { createDoc } = await import(${JSON.stringify(docModule)});
const [path, first, last, batch] = process.argv.slice(1);
process.stdout.write('ready\\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
const store = await openStore(path);
const totals = { inserted: 0, duplicates: 0 };
for (let start = Number(first); start <= Number(last); start += Number(batch)) {
  const docs = [];
  for (let n = start; n < Math.min(start + Number(batch), Number(last) + 1); n++) {
    docs.push(createDoc('Report number ' + n + ' on talks between the two delegations.'));
  }
  const result = await store.putDocs(docs);
  totals.inserted += result.inserted;
  totals.duplicates += result.duplicates;
}
await store.close();
process.stdout.write(JSON.stringify(totals) + '\\n');
`;

interface Writer {
  ready: Promise<void>;
  go(): void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startWriter(path: string, first: number, last: number, batch: number): Writer {
  const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, path, String(first), String(last), String(batch)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      if (line === 'ready') resolve();
      else stdout += `${line}\n`;
    });
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { ready, go: () => child.stdin.end('go\n'), done };
}

test('two processes writing one new database at once both finish, storing every document once', async () => {
  const path = join(dir, 'shared.db');
  // Overlapping ranges: 0-599 and 300-899, in small batches, so the two writers' transactions interleave
  // hundreds of times and each finds some of the other's documents already stored.
  const writers = [startWriter(path, 0, 599, 3), startWriter(path, 300, 899, 3)];
  await Promise.all(writers.map((w) => w.ready));
  for (const writer of writers) writer.go();
  const results = await Promise.all(writers.map((w) => w.done));
  for (const result of results) assert.equal(result.code, 0, result.stderr);
  const totals = results.map((r) => JSON.parse(r.stdout) as { inserted: number; duplicates: number });
  assert.equal(totals.reduce((sum, t) => sum + t.inserted, 0), 900);
  assert.equal(totals.reduce((sum, t) => sum + t.duplicates, 0), 300);
  const store = await openStore(path, { readOnly: true });
  try {
    assert.equal(await store.countDocs(), 900);
  } finally {
    await store.close();
  }
});
