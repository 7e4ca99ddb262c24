import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { collectSeries, createEngine, openStore, type Store } from '../../index.js';
import { createApi } from './app.js';
import { ARTICLES, LATE_ARTICLE } from '../../test-support/api-articles.js';
import { CONTENT_SECURITY_POLICY } from './security.js';
import * as S from './schemas.js';

const TOKEN = 'test-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'dyad-api-'));
let store: Store;
let app: ReturnType<typeof createApi>;

before(async () => {
  store = await openStore(join(dir, 'api.db'));
  await createEngine({ store }).ingestBatch(ARTICLES.map(({ id, content, published, url }) => ({ inputId: id, content, published, url })));
  app = createApi({ store, token: TOKEN, rateLimit: false, stream: { pollMs: 10 } });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await app.request(path, init);
  const type = response.headers.get('Content-Type') ?? '';
  const body = (type.includes('json') ? await response.json() : await response.text()) as T;
  return { status: response.status, body, headers: response.headers };
}

interface Page<T> {
  items: T[];
  next?: string;
}

async function walk<T>(path: string): Promise<T[][]> {
  const pages: T[][] = [];
  let after: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const { status, body } = await get<Page<T>>(after ? `${path}${separator}after=${encodeURIComponent(after)}` : path);
    assert.equal(status, 200);
    pages.push(body.items);
    after = body.next;
  } while (after !== undefined && pages.length < 100);
  return pages;
}

function assertProblem(result: { status: number; body: unknown; headers: Headers }, status: number): void {
  assert.equal(result.status, status);
  assert.equal(result.headers.get('Content-Type'), 'application/problem+json');
  const body = result.body as Record<string, unknown>;
  assert.equal(body.status, status);
  assert.equal(typeof body.title, 'string');
  assert.equal(body.type, 'about:blank');
  assert.ok(!JSON.stringify(body).includes('    at '), 'no stack trace');
}

describe('API over a real store', () => {
  test('healthz answers with the version and document count', async () => {
    const { status, body } = await get<{ status: string; documents: number }>('/healthz');
    assert.equal(status, 200);
    assert.equal(body.status, 'ok');
    assert.equal(body.documents, ARTICLES.length);
  });

  test('documents: a list newest first, one with its layers, a missing one a 404 problem', async () => {
    const pages = await walk<{ id: string; url: string; events: number }>('/api/documents?limit=3');
    const listed = pages.flat();
    assert.equal(listed.length, ARTICLES.length);
    assert.deepEqual(listed.map((d) => d.url), ARTICLES.map((a) => a.url).reverse());
    const one = await get<{ id: string; text: string; layers: Record<string, unknown> }>(`/api/documents/${listed[0]!.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.text, ARTICLES[ARTICLES.length - 1]!.content);
    for (const layer of ['sentences', 'entities', 'places', 'dates', 'events']) assert.ok(one.body.layers[layer], layer);
    assertProblem(await get('/api/documents/no-such-doc'), 404);
  });

  test('events: walking pages returns every event once, in the store\'s order', async () => {
    const all = (await store.queryEvents({ limit: 1000 })).map((e) => e.id);
    assert.ok(all.length >= 5);
    for (const limit of [1, 2, 4]) {
      const pages = await walk<{ id: string }>(`/api/events?limit=${limit}`);
      assert.deepEqual(pages.flat().map((e) => e.id), all, `pages of ${limit}`);
      assert.ok(pages.every((page) => page.length <= limit));
    }
  });

  test('an events page is the store\'s page, valid against its documented schema', async () => {
    let after: string | undefined;
    do {
      const path = `/api/events?limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const response = await app.request(path);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Content-Type'), 'application/json');
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff');
      const body = (await response.json()) as Page<unknown>;
      const parsed = S.EventPage.safeParse(body);
      assert.ok(parsed.success, parsed.error?.message);
      assert.deepEqual(body, await store.pageEvents({ limit: 2 }, after));
      after = body.next;
    } while (after !== undefined);
  });

  test('events filter by actor, type, country, radius, time range, confidence and text', async () => {
    const total = await store.countEvents();
    const cases: Array<[string, Parameters<Store['countEvents']>[0]]> = [
      ['actor=RUS', { actor: 'RUS' }],
      ['type=assault', { plover: 'ASSAULT' }],
      ['country=KEN', { country: 'KEN' }],
      ['near=50.0,36.2,25', { near: { lat: 50, lon: 36.2, km: 25 } }],
      ['from=2031-05-06&to=2031-05-06', { from: '2031-05-06', to: '2031-05-06' }],
      ['minConfidence=0.9', { minConfidence: 0.9 }],
      ['text=Nairobi', { text: 'Nairobi' }],
      ['type=ASSAULT&country=UKR&actor=RUS', { plover: 'ASSAULT', country: 'UKR', actor: 'RUS' }],
    ];
    for (const [query, filter] of cases) {
      const { status, body } = await get<Page<{ id: string; event: { plover: string } }>>(`/api/events?${query}&limit=500`);
      assert.equal(status, 200, query);
      const expected = (await store.queryEvents({ ...filter, limit: 500 })).map((e) => e.id);
      assert.ok(expected.length > 0 && expected.length < total, `${query} keeps some events, not all`);
      assert.deepEqual(body.items.map((e) => e.id), expected, query);
    }
    const kharkiv = await get<Page<{ event: { location?: { name: string } } }>>('/api/events?near=50.0,36.2,25');
    assert.ok(kharkiv.body.items.every((e) => e.event.location?.name === 'Kharkiv'));
  });

  test('bad parameters and cursors are 400 problems', async () => {
    for (const path of ['/api/events?limit=0', '/api/events?limit=501', '/api/events?near=1,2', '/api/events?from=May',
      '/api/events?minConfidence=2', '/api/events?after=bogus', '/api/stories?after=bogus', '/api/facets?field=nope',
      '/api/events?near=95,0,10', '/api/series?by=year', '/api/search']) {
      assertProblem(await get(path), 400);
    }
  });

  test('stories: pages, filters, and one story with its mentions and sources', async () => {
    const all = (await store.queryStories({ limit: 1000 })).map((s) => s.id);
    const pages = await walk<{ id: string }>('/api/stories?limit=1');
    assert.deepEqual(pages.flat().map((s) => s.id), all);
    const kharkiv = await get<Page<{ id: string; documents: number }>>('/api/stories?country=UKR&type=ASSAULT');
    const shelling = kharkiv.body.items.find((s) => s.documents === 2);
    assert.ok(shelling, 'the two Kharkiv reports are one story');
    assert.deepEqual((await get<Page<{ id: string }>>('/api/stories?near=50,36.2,30')).body.items.map((s) => s.id).sort(),
      (await store.queryStories({ near: { lat: 50, lon: 36.2, km: 30 } })).map((s) => s.id).sort());
    assert.equal((await get<Page<unknown>>('/api/stories?text=Nairobi')).body.items.length, (await store.queryStories({ text: 'Nairobi' })).length);
    const detail = await get<{ story: { id: string }; mentions: Array<{ id: string; docId: string }>; sources: Array<{ docId: string; url: string }> }>(
      `/api/stories/${encodeURIComponent(shelling.id)}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.story.id, shelling.id);
    const keys = (await store.getStory(shelling.id))!.mentionKeys;
    assert.deepEqual(detail.body.mentions.map((m) => m.id).sort(), [...keys].sort());
    assert.deepEqual(detail.body.sources.map((s) => s.url).sort(), ['https://alpha.test/kharkiv', 'https://beta.test/news/kharkiv']);
    assertProblem(await get('/api/stories/none:e1'), 404);
  });

  test('actors, places, facets and search', async () => {
    const actors = await get<Array<{ key: string; asActor: number }>>('/api/actors?type=ASSAULT');
    assert.equal(actors.status, 200);
    assert.deepEqual(actors.body, await store.actors({ plover: 'ASSAULT' }));
    assert.ok(actors.body.length > 0);
    const places = await get<Array<{ name: string; count: number }>>('/api/places');
    assert.ok(places.body.some((p) => p.name === 'Kharkiv' && p.count >= 2));
    assert.deepEqual(places.body, await store.places());
    const facets = await get<Array<{ value: string; count: number }>>('/api/facets?field=country');
    assert.deepEqual(facets.body, await store.facets('country'));
    assert.equal(facets.body.reduce((sum, f) => sum + f.count, 0), await store.countEvents());
    const search = await get<Page<{ url: string }>>('/api/search?q=peace%20agreement');
    assert.deepEqual(search.body.items.map((d) => d.url), ['https://gamma.test/talks']);
  });

  test('series by day, week and month, by type and dyad, as dyad series counts them', async () => {
    const weekly = await get<{ by: string; rows: Array<{ period: string; count: number; byType: Record<string, number>; byQuadClass: number[] }> }>('/api/series?by=day');
    assert.equal(weekly.status, 200);
    assert.equal(weekly.body.by, 'day');
    const stories = await store.countStories();
    assert.equal(weekly.body.rows.reduce((sum, row) => sum + row.count, 0), stories);
    const mentions = await get<{ rows: Array<{ count: number }> }>('/api/series?by=month&of=mentions');
    assert.equal(mentions.body.rows.reduce((sum, row) => sum + row.count, 0), await store.countEvents({ from: '0000-01-01' }));
    const dyad = await get<{ rows: Array<{ count: number; byType: Record<string, number> }> }>('/api/series?by=week&dyad=ARM:AZE');
    assert.deepEqual(dyad.body.rows.map((row) => Object.keys(row.byType)).flat(), ['CONSULT']);
    const assaults = await get<{ rows: Array<{ byType: Record<string, number> }> }>('/api/series?type=ASSAULT');
    assert.ok(assaults.body.rows.every((row) => Object.keys(row.byType).every((t) => t === 'ASSAULT')));
  });

  test('a series is sent as written, valid against its documented schema, the series collectSeries builds', async () => {
    for (const [path, selection, by] of [
      ['/api/series?by=day', {}, 'day'], ['/api/series?by=week&of=mentions', { mentions: true }, 'week'],
      ['/api/series?by=month&type=assault', { plover: 'ASSAULT' }, 'month'], ['/api/series?by=week&dyad=ARM:AZE', { dyad: ['ARM', 'AZE'] }, 'week'],
    ] as const) {
      for (const round of ['computed', 'cached']) {
        const response = await app.request(path);
        assert.equal(response.status, 200, `${path} ${round}`);
        assert.equal(response.headers.get('Content-Type'), 'application/json');
        assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff');
        const body: unknown = await response.json();
        const parsed = S.Series.safeParse(body);
        assert.ok(parsed.success, parsed.error?.message);
        assert.deepEqual(body, JSON.parse(JSON.stringify(await collectSeries(store, selection, by))), `${path} ${round}`);
      }
    }
  });

  test('exports stream the formats of dyad export', async () => {
    const count = await store.countEvents();
    const jsonl = await app.request('/api/export?format=jsonl');
    assert.equal(jsonl.status, 200);
    assert.match(jsonl.headers.get('Content-Type') ?? '', /ndjson/);
    const lines = (await jsonl.text()).trim().split('\n').map((line) => JSON.parse(line) as { id: string; sentences: string[] });
    assert.equal(lines.length, count);
    assert.ok(lines.every((line) => line.sentences.length > 0));
    const csv = await (await app.request('/api/export?format=csv&country=KEN')).text();
    assert.equal(csv.trim().split('\n').length, 1 + (await store.countEvents({ country: 'KEN' })));
    const parquet = new Uint8Array(await (await app.request('/api/export?format=parquet')).arrayBuffer());
    assert.equal(Buffer.from(parquet.subarray(0, 4)).toString(), 'PAR1');
    const stories = await (await app.request('/api/export?format=jsonl&stories=true')).text();
    assert.equal(stories.trim().split('\n').length, await store.countStories());
    assertProblem(await get('/api/export?format=gdelt&stories=true'), 400);
    assert.match((await app.request('/api/export?format=gdelt')).headers.get('Content-Disposition') ?? '', /dyad-events\.tsv/);
  });

  test('writes need the token: none is 401, a wrong one 403, the right one evaluates alert rules', async () => {
    const rules = { rules: [{ kind: 'event', id: 'deadly', title: 'Deadly assault', types: ['ASSAULT'], minKilled: 1 }] };
    const post = (headers: Record<string, string>, body: unknown = rules) =>
      get<{ fired: Array<{ rule: string }> }>('/api/alerts/evaluate', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    assertProblem(await post({}), 401);
    assertProblem(await post({ Authorization: 'Bearer wrong-token-0123456789' }), 403);
    assertProblem(await post({ Authorization: `Basic ${TOKEN}` }), 401);
    const fired = await post({ Authorization: `Bearer ${TOKEN}` });
    assert.equal(fired.status, 200);
    assert.ok(fired.body.fired.length > 0);
    assert.ok(fired.body.fired.every((alert) => alert.rule === 'deadly'));
    assert.deepEqual((await post({ Authorization: `Bearer ${TOKEN}` })).body.fired, [], 'an alert fires once');
    const listed = await get<Array<{ rule: string }>>('/api/alerts?rule=deadly');
    assert.equal(listed.body.length, fired.body.fired.length);
    assertProblem(await post({ Authorization: `Bearer ${TOKEN}` }, { rules: [{ kind: 'event', id: 'Bad Id', title: 'x' }] }), 400);
    assertProblem(await post({ Authorization: `Bearer ${TOKEN}` }, { rules: 'none' }), 400);
  });

  test('every response has the security headers; unknown paths and methods are problems', async () => {
    for (const [path, init, status] of [
      ['/healthz', undefined, 200], ['/api/nothing', undefined, 404], ['/api/events?limit=0', undefined, 400],
      ['/api/events', { method: 'DELETE', headers: { Authorization: `Bearer ${TOKEN}` } }, 405], ['/docs', undefined, 200],
    ] as const) {
      const result = await get(path, init);
      assert.equal(result.status, status, path);
      assert.equal(result.headers.get('Content-Security-Policy'), CONTENT_SECURITY_POLICY, path);
      assert.equal(result.headers.get('X-Content-Type-Options'), 'nosniff');
      assert.equal(result.headers.get('X-Frame-Options'), 'DENY');
      assert.equal(result.headers.get('Referrer-Policy'), 'no-referrer');
      if (status >= 400) assertProblem(result, status);
    }
    const wrongMethod = await get('/api/events', { method: 'DELETE', headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(wrongMethod.headers.get('Allow'), 'GET, HEAD');
  });

  test('an unexpected failure is a 500 problem that says nothing of its cause', async () => {
    const seen: unknown[] = [];
    const broken = { ...store, countDocs: async () => { throw new Error('disk on fire at /secret/path'); } } as Store;
    const failing = createApi({ store: broken, token: TOKEN, rateLimit: false, onError: (error) => seen.push(error) });
    const response = await failing.request('/healthz');
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.ok(!text.includes('secret') && !text.includes('fire'), text);
    assert.equal(seen.length, 1);
  });

  test('the OpenAPI document names every route, and its references resolve', async () => {
    const { status, body } = await get<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } }>('/openapi.json');
    assert.equal(status, 200);
    assert.equal(body.openapi, '3.1.0');
    const routes = app.routes.filter((r) => r.path.startsWith('/api/') || r.path === '/healthz').filter((r) => r.method !== 'ALL');
    assert.ok(routes.length >= 15);
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = body.paths[path]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${path} is documented`);
      assert.ok(Object.keys(operation.responses).length > 0);
    }
    const refs = [...JSON.stringify(body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.ok(body.components.schemas[ref], `#/components/schemas/${ref}`);
    const docs = await get<string>('/docs');
    assert.match(docs.headers.get('Content-Type') ?? '', /text\/html/);
    for (const path of Object.keys(body.paths)) assert.ok(docs.body.includes(path.replace(/[{}]/g, (ch) => ch)), path);
    assert.ok(!/<script/i.test(docs.body), 'the reference runs no script');
    assert.ok(!/https?:\/\/(?!localhost)/.test(docs.body.replace(/https?:\/\/[a-z.]*\.test/g, '')), 'nothing fetched from elsewhere');
    assert.equal((await app.request('/docs.css')).status, 200);
  });

  test('the story stream sends the stories stored after a client connected', async () => {
    const response = await app.request('/api/stream/stories');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type') ?? '', /text\/event-stream/);
    const reader = response.body!.getReader();
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
    assert.match(text, /event: ready/);
    const { id, content, published, url } = LATE_ARTICLE;
    await createEngine({ store }).ingestBatch([{ inputId: id, content, published, url }]);
    await readUntil(/event: story\ndata: .*\n/);
    await reader.cancel();
    const story = JSON.parse(/event: story\ndata: (.*)\n/.exec(text)![1]!) as { place?: { name: string } };
    assert.equal(story.place?.name, 'Kabul');
    const resumed = await app.request('/api/stream/stories', { headers: { 'Last-Event-ID': 'x' } });
    assert.equal(resumed.status, 400);
  });
});

describe('API limits', () => {
  test('a client past its token bucket gets 429 with Retry-After; other clients are not held back', async () => {
    let client = 'a';
    const limited = createApi({ store, token: TOKEN, rateLimit: { burst: 3, perSecond: 0.001 }, clientOf: () => client });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.request('/healthz')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const refused = await limited.request('/healthz');
    assert.ok(Number(refused.headers.get('Retry-After')) >= 1);
    assert.equal(refused.headers.get('Content-Type'), 'application/problem+json');
    client = 'b';
    assert.equal((await limited.request('/healthz')).status, 200);
  });

  test('a body over the limit is refused with 413 before it is read', async () => {
    const small = createApi({ store, token: TOKEN, rateLimit: false, maxBodyBytes: 100 });
    const body = JSON.stringify({ rules: [{ kind: 'event', id: 'x', title: 'y'.repeat(200) }] });
    const response = await small.request('/api/alerts/evaluate', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body,
    });
    assert.equal(response.status, 413);
    assert.equal(response.headers.get('Content-Type'), 'application/problem+json');
  });

  test('the dashboard folder is served at /, and no path leaves it', async () => {
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    const served = createApi({ store, token: TOKEN, rateLimit: false, staticDir: web });
    const index = await served.request('/');
    assert.equal(index.status, 200);
    assert.match(await index.text(), /dashboard/);
    assert.match((await served.request('/assets/app.js')).headers.get('Content-Type') ?? '', /javascript/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/assets/%5c..%5csecret.txt', '/nothing.js']) {
      const response = await served.request(path);
      assert.equal(response.status, 404, path);
      assert.ok(!(await response.text()).includes('outside'), path);
    }
    assert.equal((await served.request('/healthz')).status, 200, 'the API is still the API');
  });
});
