import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { storyDocs } from '../../store/stories.contract.js';
import { openStore } from '../../store/store.js';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'dyad-cli-trends-'));
const db = join(dir, 'dyad.db');
after(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI as a child process, awaited without blocking this process (the webhook server runs here). */
function dyad(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DYAD_DEBUG: '' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

before(async () => {
  const store = await openStore(db);
  await store.putDocs(Object.values(storyDocs()));
  await store.close();
});

test('dyad series counts stories per period, not mentions, unless asked; by dyad either way round; as CSV', async () => {
  const stories = await dyad(['series', '--db', db, '--by', 'day']);
  assert.equal(stories.status, 0, stories.stderr);
  assert.match(stories.stdout, /^period +stories +Q1 +Q2 +Q3 +Q4 +goldstein +types$/m);
  assert.match(stories.stdout, /^2031-03-10 +3 /m, 'three real-world events: two shellings and the talks');
  assert.match(stories.stdout, /[▁-█] +3 stories over 1 days/);
  const mentions = await dyad(['series', '--db', db, '--by', 'day', '--mentions', '--format', 'csv']);
  assert.equal(mentions.status, 0, mentions.stderr);
  const [header, row] = mentions.stdout.trim().split('\n');
  assert.equal(header, 'period,count,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein,assault,consult');
  assert.match(row!, /^2031-03-10,6,/, 'six reports, the denial left out');
  const dyadBack = await dyad(['series', '--db', db, '--by', 'month', '--dyad', 'SLD:NLD', '--type', 'ASSAULT']);
  assert.match(dyadBack.stdout, /^2031-03-01 +2 /m);
  const bad = await dyad(['series', '--db', db, '--dyad', 'Northland']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--dyad takes two ISO 3166 alpha-3 codes/);
});

test('dyad alerts: a rule fires once, is posted to a webhook, listed and written to an Atom feed', async () => {
  const rules = join(dir, 'rules.jsonl');
  writeFileSync(rules, `${JSON.stringify({ id: 'deadly-shelling', title: 'Shelling of Southland with 2 or more killed', kind: 'event', types: ['ASSAULT'], countries: ['SLD'], minKilled: 2 })}\n`);
  const posted: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      posted.push(JSON.parse(body));
      response.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    const feed = join(dir, 'alerts.xml');
    const first = await dyad(['alerts', '--db', db, '--rules', rules, '--webhook', url, '--atom', feed, '--story-base', 'http://127.0.0.1:7777/stories/']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /^2 new alerts$/m);
    assert.equal(first.stdout.trim().split('\n').length, 2);
    assert.match(first.stdout, /2031-03-10 {2}deadly-shelling {2}ASSAULT on 2031-03-10, \d killed: ASSAULT in Vell/);
    assert.equal(posted.length, 1);
    assert.equal((posted[0] as { alerts: unknown[] }).alerts.length, 2);
    const { document } = parseHTML('<html></html>');
    const atom = new document.defaultView!.DOMParser().parseFromString(readFileSync(feed, 'utf8'), 'text/xml');
    assert.equal(atom.querySelectorAll('entry').length, 2);
    assert.ok([...atom.querySelectorAll('entry > title')].every((t) => t.textContent === 'Shelling of Southland with 2 or more killed'));
    assert.match(atom.querySelector('entry > link')!.getAttribute('href')!, /^http:\/\/127\.0\.0\.1:7777\/stories\//);
    const again = await dyad(['alerts', '--db', db, '--rules', rules, '--webhook', url]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /^0 new alerts$/m);
    assert.equal(posted.length, 1, 'nothing new, nothing posted');
  } finally {
    server.close();
  }
  const broken = join(dir, 'broken.jsonl');
  writeFileSync(broken, '{"id": "x", "kind": "event"}\n');
  const refused = await dyad(['alerts', '--db', db, '--rules', broken]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /broken\.jsonl:1: title/);
});

test('dyad ingest --alerts evaluates the rules once the documents are stored', async () => {
  const fresh = join(dir, 'ingest.db');
  const example = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'border-talks.txt');
  const rules = join(dir, 'talks.jsonl');
  writeFileSync(rules, `${JSON.stringify({ id: 'kenya-talks', title: 'Talks involving Kenya', kind: 'event', types: ['CONSULT', 'AGREE'], countries: ['KEN'] })}\n`);
  const run = await dyad(['ingest', example, '--db', fresh, '--published', '2021-03-01', '--alerts', rules]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^alert \d{4}-\d\d-\d\d {2}kenya-talks {2}(CONSULT|AGREE) on /m);
});
