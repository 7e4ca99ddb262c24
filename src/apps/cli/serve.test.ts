import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ARTICLES, LATE_ARTICLE } from '../../test-support/api-articles.js';

const here = dirname(fileURLToPath(import.meta.url));
const COMPILED = join(here, 'main.js');
const COMMAND = existsSync(COMPILED) ? [COMPILED] : ['--import', import.meta.resolve('tsx'), join(here, 'main.ts')];
const dir = mkdtempSync(join(tmpdir(), 'dyad-serve-'));
const children: ChildProcessWithoutNullStreams[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function dyad(args: string[]) {
  return spawnSync(process.execPath, [...COMMAND, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DYAD_DEBUG: '', DYAD_TOKEN: '' } });
}

/** Starts `dyad serve` and resolves with its URL and token once it prints them. */
function startServer(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; token: string; out: string }> {
  const child = spawn(process.execPath, [...COMMAND, 'serve', ...args], { cwd: dir, env: { ...process.env, DYAD_DEBUG: '', DYAD_TOKEN: '' } });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /Dyad API on (http:\/\/\S+\/)/.exec(out)?.[1];
      const token = /write token: (\S+)/.exec(out)?.[1];
      if (url && token) resolve({ child, url, token, out });
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('exit', (code) => reject(new Error(`dyad serve exited with ${code}: ${err}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('dyad serve over a real socket', () => {
  test('answers /healthz and streams a story that another process ingests into the same database', async () => {
    const first = ARTICLES[0]!;
    writeFileSync(join(dir, 'first.txt'), first.content);
    writeFileSync(join(dir, 'late.txt'), LATE_ARTICLE.content);
    const db = join(dir, 'served.db');
    const ingested = dyad(['ingest', 'first.txt', '--db', db, '--published', first.published]);
    assert.equal(ingested.status, 0, ingested.stderr);
    const { child, url, token } = await startServer(['--db', db, '--port', '0']);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(token.length >= 20, 'a random token when none is configured');

    const health = await fetch(new URL('/healthz', url));
    assert.equal(health.status, 200);
    assert.equal(health.headers.get('X-Content-Type-Options'), 'nosniff');
    const body = (await health.json()) as { status: string; documents: number; version: string };
    assert.equal(body.status, 'ok');
    assert.equal(body.documents, 1);
    assert.equal(body.version, dyad(['--version']).stdout.trim());

    const controller = new AbortController();
    const stream = await fetch(new URL('/api/stream/stories', url), { signal: controller.signal });
    assert.equal(stream.status, 200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      for (let chunks = 0; !pattern.test(text) && chunks < 1000; chunks++) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event: ready/);
    const late = dyad(['ingest', 'late.txt', '--db', db, '--published', LATE_ARTICLE.published]);
    assert.equal(late.status, 0, late.stderr);
    await readUntil(/event: story\ndata: .*\n/);
    controller.abort();
    const story = JSON.parse(/event: story\ndata: (.*)\n/.exec(text)![1]!) as { place?: { name: string }; documents: number };
    assert.equal(story.place?.name, 'Kabul');
    assert.equal(story.documents, 1);

    const write = await fetch(new URL('/api/alerts/evaluate', url), {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ rules: [{ kind: 'event', id: 'kabul', title: 'Kabul', types: ['ASSAULT'] }] }),
    });
    assert.equal(write.status, 200, 'the printed token is the write token');
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0, 'stops cleanly on SIGTERM, open streams and all');
  });

  test('refuses to bind beyond the loopback without a token, and takes one that is given', async () => {
    const refused = dyad(['serve', '--host', '0.0.0.0', '--db', join(dir, 'refused.db'), '--port', '0']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /refusing to serve on 0\.0\.0\.0 without a token/);
    assert.equal(existsSync(join(dir, 'refused.db')), false, 'nothing opened');
    const { child, out } = await startServer(['--token', 'a-configured-token-123', '--db', join(dir, 'configured.db'), '--port', '0']);
    assert.match(out, /write token: the one configured/);
    assert.ok(!out.includes('a-configured-token-123'), 'a configured token is not printed');
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
    assert.equal(dyad(['serve', '--token', 'short']).status, 2);
  });
});
