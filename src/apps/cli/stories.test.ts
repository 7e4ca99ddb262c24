import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { storyDocs } from '../../store/stories.contract.js';
import { openStore } from '../../store/store.js';
import type { Story, StoryWithMentions } from '../../fuse/types.js';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'dyad-cli-stories-'));
const db = join(dir, 'dyad.db');
after(() => rmSync(dir, { recursive: true, force: true }));

function dyad(args: string[]) {
  const result = spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DYAD_DEBUG: '' }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const docs = storyDocs();
before(async () => {
  const store = await openStore(db);
  await store.putDocs(Object.values(docs));
  await store.close();
});

test('dyad stories lists stories as a table and as JSON Lines, with filters', () => {
  const table = dyad(['stories', '--db', db]);
  assert.equal(table.status, 0, table.stderr);
  const lines = table.stdout.trim().split('\n');
  assert.match(lines[0]!, /^date +type +place +docs +sources +killed +injured +actors +id$/);
  assert.equal(lines.length, 4);
  assert.ok(lines.some((line) => /2031-03-10 +ASSAULT +Vell +4 +2 +4 \(4–6\) +9 /.test(line)), table.stdout);
  const json = dyad(['stories', '--db', db, '--json', '--min-documents', '2']);
  assert.equal(json.status, 0, json.stderr);
  const stories = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Story);
  assert.equal(stories.length, 1);
  assert.equal(stories[0]!.documents, 4);
  assert.equal(dyad(['stories', '--db', db, '--json', '--type', 'consult']).stdout.trim().split('\n').length, 1);
  const none = dyad(['stories', '--db', db, '--country', 'FRA']);
  assert.equal(none.status, 0);
  assert.match(none.stderr, /no stories match/);
});

test('dyad stories --id shows one story with its mentions; bad options fail with one clear line', () => {
  const list = JSON.parse(dyad(['stories', '--db', db, '--json', '--min-documents', '2']).stdout.trim()) as Story;
  const one = dyad(['stories', '--db', db, '--id', list.id, '--json']);
  assert.equal(one.status, 0, one.stderr);
  assert.equal((JSON.parse(one.stdout) as StoryWithMentions).mentionKeys.length, 4);
  assert.match(dyad(['stories', '--db', db, '--id', list.id]).stdout, /mentions:\n {2}\S+:e1\n/);
  const missing = dyad(['stories', '--db', db, '--id', 'nothing']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no story nothing/);
  assert.equal(dyad(['stories', '--db', db, '--country', 'France']).status, 2);
  assert.equal(dyad(['stories', '--db', db, '--from', '2031-04-01', '--to', '2031-03-01']).status, 2);
  assert.match(dyad(['stories', '--db', join(dir, 'none.db')]).stderr, /no database at/);
});
