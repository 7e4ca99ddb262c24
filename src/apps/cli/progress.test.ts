import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { emptyCounts } from '../../index.js';
import { batchCounts } from './ingest.js';
import { countsSummary, logMode, Progress } from './progress.js';

function sink(): Writable & { text: string } {
  const stream = new Writable({ write(chunk, _encoding, done) { stream.text += String(chunk); done(); } }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

test('the summary names fetched, new, duplicates, near-duplicates, skipped and failed by reason, events', () => {
  const counts = { ...emptyCounts(), fetched: 9, new: 4, duplicates: 2, skipped: { 'not-english': 1, empty: 1 }, failed: { 'http-404': 1 }, events: 7 };
  assert.equal(countsSummary(counts), 'fetched 9, new 4, duplicates 2, near-duplicates 0, skipped 2 (empty 1, not-english 1), failed 1 (http-404 1); 7 events coded');
  assert.deepEqual(batchCounts({ stored: 2, skipped: 1, duplicates: 1, nearDuplicates: 0, failed: 3, events: 5, skipReasons: { empty: 1 }, failures: [{ input: 'a', error: 'cannot fetch http://x/: ECONNREFUSED' }, { input: 'b', error: 'line 2: not JSON' }] }),
    { fetched: 7, new: 2, duplicates: 1, nearDuplicates: 0, skipped: { empty: 1 }, failed: { unreachable: 1, error: 1, other: 1 }, events: 5 });
});

// eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence is what is tested
const ERASE = /\r\x1b\[K/.source;

test('a terminal gets a redrawn line with rate, ETA and errors; log lines print above it', () => {
  const err = sink();
  const out = sink();
  const progress = new Progress('tty', err, out, performance.now() - 10_000);
  progress.update({ ...emptyCounts(), new: 18, duplicates: 2, failed: { timeout: 1 }, pending: 21 });
  assert.match(err.text, new RegExp(`^${ERASE}21 items \\(18 new, 2 duplicates\\), 2\\.1/s, ETA 10 s, 1 errors$`));
  progress.log('error', 'HTTP 500', { source: 'http://a.test/feed' });
  assert.match(err.text, new RegExp(`${ERASE}\\S+ http://a\\.test/feed: HTTP 500\n$`));
  assert.match(progress.finish(emptyCounts(), { db: 'x.db', seconds: 1 }), /^fetched 0, new 0, .* into x\.db in 1\.0 s\n$/);
  assert.equal(out.text, '');
});

test('--json: log lines and the summary are JSON objects on stdout; not a TTY: plain lines, no progress line', () => {
  const out = sink();
  const json = new Progress(logMode(true, { isTTY: true }), sink(), out);
  json.log('info', 'not modified', { source: 'http://a.test/feed' });
  json.update(emptyCounts());
  const logged = JSON.parse(out.text) as Record<string, unknown>;
  assert.deepEqual([logged.level, logged.message, logged.source], ['info', 'not modified', 'http://a.test/feed']);
  assert.deepEqual(JSON.parse(json.finish({ ...emptyCounts(), pending: 3 }, { db: 'x.db', seconds: 2 })), { summary: emptyCounts(), db: 'x.db', seconds: 2 });
  const err = sink();
  const plain = new Progress(logMode(false, { isTTY: false }), err, sink());
  plain.update({ ...emptyCounts(), new: 5 });
  assert.equal(err.text, '');
  plain.log('info', 'batch stored');
  assert.match(err.text, /^\d{4}-\d\d-\d\dT\S+ batch stored\n$/);
});
