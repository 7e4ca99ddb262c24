import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore, type Store } from '../../index.js';
import { storyDocs } from '../../store/stories.contract.js';
import { createApi } from './app.js';

const TOKEN = 'override-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'dyad-api-overrides-'));
let store: Store;
let app: ReturnType<typeof createApi>;
const docs = storyDocs();
const eventId = `${docs.second.id}:e1`;
const path = `/api/events/${encodeURIComponent(eventId)}/override`;

before(async () => {
  store = await openStore(join(dir, 'overrides.db'));
  await store.putDocs(Object.values(docs));
  app = createApi({ store, token: TOKEN, rateLimit: false });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = (method: string, body?: unknown, token: string | null = TOKEN) => app.request(path, {
  method,
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

test('a verdict needs the token: none is 401, a wrong one 403, and nothing is stored', async () => {
  const body = { verdict: 'reject', analyst: 'ana' };
  assert.equal((await send('POST', body, null)).status, 401);
  assert.equal((await send('POST', body, 'wrong-token-0123456789')).status, 403);
  assert.equal((await send('DELETE', undefined, null)).status, 401);
  assert.deepEqual(await store.listOverrides(), []);
});

test('POST corrects the event: the events endpoint, the story and the export read the correction; DELETE withdraws it', async () => {
  const response = await send('POST', { verdict: 'correct', analyst: 'ana', reason: 'the hospital count', correction: { casualties: { killed: 5 } } });
  assert.equal(response.status, 200);
  const saved = await response.json() as { eventId: string; analyst: string; reason: string };
  assert.deepEqual([saved.eventId, saved.analyst, saved.reason], [eventId, 'ana', 'the hospital count']);
  const events = await (await app.request(`/api/events?limit=100`)).json() as { items: Array<{ id: string; event: { casualties?: { killed?: { min: number } }; review?: { verdict: string } } }> };
  const corrected = events.items.find((e) => e.id === eventId)!;
  assert.deepEqual([corrected.event.casualties?.killed?.min, corrected.event.review?.verdict], [5, 'correct']);
  const story = await (await app.request(`/api/stories/${encodeURIComponent(eventId)}`)).json() as { story: { casualties: { killed: { reports: Array<{ docId: string; min: number }> } } } };
  assert.equal(story.story.casualties.killed.reports.find((r) => r.docId === docs.second.id)?.min, 5);
  const csv = await (await app.request('/api/export?format=csv')).text();
  assert.ok(csv.split('\n').some((line) => line.startsWith(`${eventId},`) && line.includes(',corrected,ana,')), 'the export marks it verified');
  const listed = await (await app.request('/api/overrides')).json() as Array<{ eventId: string }>;
  assert.deepEqual(listed.map((o) => o.eventId), [eventId]);

  const removed = await send('DELETE');
  assert.deepEqual([removed.status, await removed.json()], [200, { deleted: true }]);
  assert.deepEqual(await (await send('DELETE')).json(), { deleted: false });
  assert.deepEqual(await store.listOverrides(), []);
});

test('bad verdicts are problem details: 400 for an invalid body, 404 for an unknown event', async () => {
  const invalid = await send('POST', { verdict: 'correct', analyst: 'ana' });
  assert.equal(invalid.status, 400);
  assert.match(((await invalid.json()) as { detail: string }).detail, /at least one corrected field/);
  assert.equal((await send('POST', { verdict: 'maybe', analyst: 'ana' })).status, 400);
  const unknown = await app.request(`/api/events/${encodeURIComponent(`${docs.first.id}:e9`)}/override`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ verdict: 'accept', analyst: 'ana' }),
  });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('Content-Type'), 'application/problem+json');
});

test('a correction made through the API shows in the next series, though no mention was stored since', async () => {
  const total = async () => {
    const series = await (await app.request('/api/series?by=month&of=mentions')).json() as { rows: Array<{ count: number }>; unplaced: number };
    return series.rows.reduce((sum, row) => sum + row.count, 0) + series.unplaced;
  };
  const before = await total();
  assert.equal((await send('POST', { verdict: 'reject', analyst: 'ana', reason: 'not an attack' })).status, 200);
  assert.equal(await total(), before - 1);
  assert.equal((await send('DELETE')).status, 200);
  assert.equal(await total(), before);
});

test('a correction written by another process shows in the next series: the cache is keyed by the store\'s change token', async () => {
  const other = await openStore(join(dir, 'overrides.db'));
  try {
    const count = async (of: string) => {
      const series = await (await app.request(`/api/series?by=month&of=${of}`)).json() as { rows: Array<{ count: number }>; unplaced: number };
      return series.rows.reduce((sum, row) => sum + row.count, 0) + series.unplaced;
    };
    const mentions = await count('mentions');
    const token = await store.changeToken();
    assert.equal(await store.changeToken(), token, 'no write, no change');
    await other.putOverride(eventId, { verdict: 'reject', analyst: 'ana', reason: 'not an attack' });
    assert.notEqual(await store.changeToken(), token);
    assert.equal(await count('mentions'), mentions - 1, 'the other connection\'s correction is seen');
    await other.deleteOverride(eventId);
    assert.equal(await count('mentions'), mentions);
  } finally {
    await other.close();
  }
});
