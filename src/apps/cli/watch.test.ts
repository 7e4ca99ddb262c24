import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { articlePage, rss, startServer, type TestServer } from '../../test-support/http-server.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'dyad-watch-cli-'));
let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs dyad as a child process, asynchronously so this process's test server keeps answering it. */
function start(args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: dir, env: { ...process.env, DYAD_DEBUG: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, done };
}

const dyad = (args: string[]) => start(args).done;

function storedUrls(db: string): string[] {
  try {
    const raw = new Database(join(dir, db), { readonly: true, fileMustExist: true });
    try {
      return raw.prepare("SELECT url FROM watch_items WHERE status = 'stored'").pluck().all() as string[];
    } finally {
      raw.close();
    }
  } catch {
    return [];
  }
}

function setFeed(path: string, count: number, delayMs = 0): string[] {
  const urls = Array.from({ length: count }, (_, i) => {
    const page = `${path}-page/${i + 1}`;
    server.routes.set(page, { ...articlePage(`${path}-${i + 1}`), delayMs });
    return `${server.base}${page}`;
  });
  server.routes.set(path, { headers: { 'content-type': 'application/rss+xml' }, body: rss(urls.map((url) => ({ url }))) });
  return urls;
}

describe('dyad watch and dyad sources', () => {
  test('watch --once stores every item, --json summarises; sources shows health and round-trips through OPML', async () => {
    const urls = setFeed('/cli/feed', 3);
    const first = await dyad(['watch', `${server.base}/cli/feed`, '--once', '--db', 'a.db', '--allow-host', '127.0.0.1', '--host-delay', '0', '--json']);
    assert.equal(first.status, 0, first.stderr);
    const lines = first.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = lines.at(-1)!.summary as Record<string, unknown>;
    // The test articles differ only in their id, so the second and third are near-duplicates of the first.
    assert.deepEqual({ ...summary, events: undefined }, { fetched: 3, new: 3, duplicates: 0, nearDuplicates: 2, skipped: {}, failed: {}, events: undefined });
    assert.ok(lines.some((line) => line.level === 'info' && /3 items, 3 new/.test(String(line.message))));
    assert.deepEqual(storedUrls('a.db').sort(), urls.sort());

    const again = await dyad(['watch', '--once', '--db', 'a.db', '--allow-host', '127.0.0.1']);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^fetched 0, new 0, duplicates 0, near-duplicates 0, skipped 0, failed 0; 0 events coded into a\.db/);

    const sources = await dyad(['sources', '--db', 'a.db', '--json']);
    const [health] = sources.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(health?.url, `${server.base}/cli/feed`);
    assert.equal(health?.items, 3);
    assert.equal(health?.itemsPerDay, 3);
    assert.equal(health?.title, 'Test wire');
    assert.ok(typeof health?.lastSuccessAt === 'string');
    const table = await dyad(['sources', '--db', 'a.db']);
    assert.match(table.stdout, /^source\s+last success\s+last error\s+items\/day/);

    const opml = await dyad(['sources', '--db', 'a.db', '--export-opml']);
    writeFileSync(join(dir, 'exported.opml'), opml.stdout);
    const imported = await dyad(['watch', 'exported.opml', '--once', '--db', 'b.db', '--allow-host', '127.0.0.1']);
    assert.equal(imported.status, 0, imported.stderr);
    const copy = (await dyad(['sources', '--db', 'b.db', '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line) as { url: string; title: string });
    assert.deepEqual(copy.map((s) => [s.url, s.title]), [[`${server.base}/cli/feed`, 'Test wire']]);
  });

  test('usage mistakes and local addresses without --allow-host', async () => {
    const none = await dyad(['watch', '--once', '--db', 'empty.db']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /watch needs a feed URL, sitemap URL or OPML file/);
    const interval = await dyad(['watch', 'http://example.test/feed', '--interval', 'soon']);
    assert.equal(interval.status, 2);
    assert.match(interval.stderr, /--interval must be a duration/);
    for (const delay of ['fast', '61s', '2m']) {
      const hostDelay = await dyad(['watch', 'http://example.test/feed', '--host-delay', delay]);
      assert.equal(hostDelay.status, 2, delay);
      assert.match(hostDelay.stderr, /--host-delay must be a duration from 0 to 1m/);
    }
    const refused = await dyad(['watch', `${server.base}/cli/feed`, '--once', '--db', 'refused.db']);
    assert.equal(refused.status, 0, refused.stderr);
    assert.match(refused.stdout, /failed 1 \(refused 1\)/);
    assert.match(refused.stderr, /refusing http:\/\/127\.0\.0\.1:\d+\/cli\/feed: 127\.0\.0\.1 is a loopback address \(SSRF guard; --allow-host to allow\)/);
  });

  test('kill -9 in the middle of a poll, then a restart: every item is stored exactly once', async () => {
    const count = 12;
    const urls = setFeed('/kill/feed', count, 250);
    const args = ['watch', '--once', '--db', 'kill.db', '--allow-host', '127.0.0.1'];
    const { child, done } = start([args[0]!, `${server.base}/kill/feed`, ...args.slice(1)]);
    for (let wait = 0; storedUrls('kill.db').length < 4; wait++) {
      assert.ok(wait < 600, 'the watcher stores its first items');
      await sleep(100);
    }
    child.kill('SIGKILL');
    const killed = await done;
    assert.equal(killed.signal, 'SIGKILL');
    const before = storedUrls('kill.db');
    assert.ok(before.length >= 4 && before.length < count, `killed mid-poll (${before.length} of ${count} stored)`);

    const restart = await dyad(args);
    assert.equal(restart.status, 0, restart.stderr);
    assert.match(restart.stdout, new RegExp(`^fetched \\d+, new ${count - before.length}, duplicates 0,`));
    const raw = new Database(join(dir, 'kill.db'), { readonly: true });
    try {
      assert.equal(raw.prepare('SELECT COUNT(*) FROM documents').pluck().get(), count);
      assert.equal(raw.prepare('SELECT COUNT(DISTINCT doc_id) FROM watch_items WHERE status = \'stored\'').pluck().get(), count);
    } finally {
      raw.close();
    }
    assert.deepEqual(storedUrls('kill.db').sort(), [...urls].sort());
    for (const url of before) assert.equal(server.hits(new URL(url).pathname), 1, `${url}, stored before the kill, is not fetched again`);
    for (const url of urls) assert.ok(server.hits(new URL(url).pathname) <= 2, `${url} fetched at most twice (once more only if the kill cut its fetch)`);
  });
});
