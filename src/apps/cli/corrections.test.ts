import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../index.js';
import { storyDocs } from '../../store/stories.contract.js';

const here = dirname(fileURLToPath(import.meta.url));
const COMPILED = join(here, 'main.js');
const COMMAND = existsSync(COMPILED) ? [COMPILED] : ['--import', import.meta.resolve('tsx'), join(here, 'main.ts')];
const dir = mkdtempSync(join(tmpdir(), 'dyad-corrections-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const dyad = (args: string[]) => spawnSync(process.execPath, [...COMMAND, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DYAD_TOKEN: '' } });

test('dyad corrections lists verdicts with who, when and why, as a table or JSON, and their candidate knowledge', async () => {
  const db = join(dir, 'c.db');
  const docs = storyDocs();
  const store = await openStore(db);
  await store.putDocs(Object.values(docs));
  await store.putOverride(`${docs.first.id}:e1`, {
    verdict: 'correct', analyst: 'ana', reason: 'army, not artillery', correction: { actor: { text: 'Northland army', code: 'NLDARM' } },
  });
  await store.putOverride(`${docs.talks.id}:e1`, { verdict: 'reject', analyst: 'bo' });
  await store.close();

  const table = dyad(['corrections', '--db', db]);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /ana {2}correct actor {2}\S+:e1 {2}army, not artillery/);
  assert.match(table.stdout, /bo {2}reject {2}\S+:e1/);
  const json = dyad(['corrections', '--db', db, '--json']).stdout.trim().split('\n').map((line) => JSON.parse(line) as { analyst: string; verdict: string });
  assert.deepEqual(json.map((o) => o.analyst).sort(), ['ana', 'bo']);
  const candidates = dyad(['corrections', '--db', db, '--knowledge']).stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string });
  assert.deepEqual(candidates.map((c) => c.kind).sort(), ['alias', 'pattern']);
  const missing = dyad(['corrections', '--db', join(dir, 'none.db')]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /no database/);
});

test('dyad demo ingests the sample articles and serves them', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [...COMMAND, 'demo', '--db', join(dir, 'demo.db'), '--port', '0'], { cwd: dir, env: { ...process.env, DYAD_TOKEN: '' } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /on (http:\/\/\S+?)\/ /.exec(out)?.[1];
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
    });
    const stories = await (await fetch(`${url}/api/stories?limit=100`)).json() as { items: Array<{ documents: number }> };
    assert.ok(stories.items.length >= 10, `${stories.items.length} stories`);
    assert.ok(stories.items.some((s) => s.documents >= 2), 'a story reported by two articles');
  } finally {
    child.kill('SIGTERM');
  }
});
