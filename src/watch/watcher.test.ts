import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEngine } from '../engine/engine.js';
import { defaultPipeline } from '../pipeline/default.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { MAX_ITEM_ATTEMPTS } from '../store/watch-state.js';
import { createFetcher } from '../fetch/index.js';
import { fetcherResource } from './fetcher.js';
import { articlePage, reply, rss, startServer, type TestServer } from '../test-support/http-server.js';
import { Watcher, type WatcherOptions } from './watcher.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-watch-'));
const engine = createEngine({ timeBudgetMs: Infinity });
let server: TestServer;
/** The real fetcher, allowed to reach the test server, without the pause between requests to one host. */
const localFetcher = createFetcher({ allowHosts: ['127.0.0.1'], minIntervalMs: 0 });
let counter = 0;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.close();
  await localFetcher.close();
  rmSync(dir, { recursive: true, force: true });
});

function newStore(): Store {
  return openSqliteStore(join(dir, `watch-${++counter}.db`));
}

function watcher(store: Store, options: Partial<WatcherOptions> = {}): Watcher {
  return new Watcher({ store, engine, fetchResource: fetcherResource(localFetcher), intervalMs: 600_000, ...options });
}

/** Routes an article page at each path and returns their URLs. */
function pages(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const path = `/${prefix}/${i + 1}`;
    server.routes.set(path, articlePage(`${prefix}-${i + 1}`));
    return `${server.base}${path}`;
  });
}

const XML = { 'content-type': 'application/xml' };

describe('Watcher against a local server', () => {
  test('feeds of every format, and a sitemap index leading to a news sitemap: each item fetched, coded and stored once', async () => {
    const [r, a, d, j, s] = [pages('rss', 2), pages('atom', 1), pages('rdf', 1), pages('json', 1), pages('news', 2)];
    server.routes.set('/f/rss', { headers: XML, body: rss(r!.map((url) => ({ url }))) });
    server.routes.set('/f/atom', { headers: XML, body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:a1</id><title>A1</title><link href="${a![0]}"/><updated>2026-12-01T00:00:00Z</updated></entry></feed>` });
    server.routes.set('/f/rdf', { headers: XML, body: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="${server.base}/"><title>R</title><link>${server.base}/</link></channel><item rdf:about="${d![0]}"><title>R1</title><link>${d![0]}</link></item></rdf:RDF>` });
    server.routes.set('/f/json', { headers: { 'content-type': 'application/feed+json' }, body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: 'j1', url: j![0] }] }) });
    server.routes.set('/f/index.xml', { headers: XML, body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${server.base}/f/news.xml</loc></sitemap></sitemapindex>` });
    server.routes.set('/f/news.xml', { headers: XML, body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${s!.map((url) =>
      `<url><loc>${url}</loc><news:news><news:publication_date>2026-12-01T10:00:00Z</news:publication_date><news:title>N</news:title></news:news></url>`).join('')}</urlset>` });
    const store = newStore();
    try {
      const w = watcher(store);
      await w.follow(['rss', 'atom', 'rdf', 'json', 'index.xml'].map((name) => ({ url: `${server.base}/f/${name}` })));
      const results = await w.pollAll();
      assert.deepEqual(Object.fromEntries(results.map((result) => [result.source.replace(/.*\//, ''), [result.ok, result.newItems]])),
        { rss: [true, 2], atom: [true, 1], rdf: [true, 1], json: [true, 1], 'index.xml': [true, 2] });
      const stored = await store.listWatchItems({ status: 'stored' });
      assert.deepEqual(stored.map((i) => i.url).sort(), [...r!, ...a!, ...d!, ...j!, ...s!].sort());
      for (const item of stored) assert.equal((await store.getDoc(item.docId!))?.source.url, item.url);
      assert.equal(w.counts.new, 7);
      assert.ok(w.counts.events >= 7, `each page codes its attack (${w.counts.events} events)`);
      const newsDoc = await store.getDoc(stored.find((i) => i.url === s![0])!.docId!);
      assert.equal(newsDoc?.source.published?.slice(0, 10), '2026-12-01', 'the sitemap date dates a page that carries none');
      assert.equal((await w.pollAll()).reduce((n, result) => n + result.newItems, 0), 0, 'a second poll finds nothing new');
      for (const url of [...r!, ...s!]) assert.equal(server.hits(new URL(url).pathname), 1, `${url} fetched once`);
    } finally {
      await store.close();
    }
  });

  test('conditional GET: validators sent back, a 304 fetches nothing, a changed feed gives only its new item', async () => {
    const urls = pages('cond', 3);
    let version = 1;
    server.routes.set('/c/feed', (request, response) => {
      const etag = `"v${version}"`;
      if (request.headers['if-none-match'] === etag) reply(response, { status: 304, headers: { etag } });
      else reply(response, { headers: { ...XML, etag, 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT' }, body: rss(urls.slice(0, version + 1).map((url) => ({ url }))) });
    });
    const store = newStore();
    try {
      const w = watcher(store);
      await w.follow([{ url: `${server.base}/c/feed` }]);
      assert.equal((await w.pollAll())[0]?.newItems, 2);
      const second = await w.pollAll();
      assert.equal(second[0]?.notModified, true);
      const conditional = server.headers[server.requests.lastIndexOf('/c/feed')]!;
      assert.equal(conditional['if-none-match'], '"v1"');
      assert.equal(conditional['if-modified-since'], 'Tue, 01 Dec 2026 10:00:00 GMT');
      version = 2;
      const third = await w.pollAll();
      assert.deepEqual([third[0]?.items, third[0]?.newItems], [3, 1]);
      assert.deepEqual(urls.map((url) => server.hits(new URL(url).pathname)), [1, 1, 1]);
      const [source] = await store.listWatchSources();
      assert.equal(source?.etag, '"v2"');
      assert.equal(source?.failures, 0);
    } finally {
      await store.close();
    }
  });

  test('Retry-After and max-age set the next poll; errors back off exponentially; bad feeds are errors with reasons, not crashes', async () => {
    let clock = Date.parse('2026-12-01T12:00:00Z');
    const now = () => clock;
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    server.routes.set('/e/busy', { status: 503, headers: { 'retry-after': '7200' } });
    server.routes.set('/e/cached', { headers: { ...XML, 'cache-control': 'public, max-age=5400' }, body: rss([]) });
    server.routes.set('/e/broken', { status: 500 });
    server.routes.set('/e/truncated', { headers: XML, body: rss([{ url: `${server.base}/x/1` }, { url: `${server.base}/x/2` }]).slice(0, 150) });
    server.routes.set('/e/bomb', { headers: XML, body: `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${entities}]><rss version="2.0"><channel><title>&l10;</title></channel></rss>` });
    server.routes.set('/e/malformed', { headers: XML, body: '<rss version="2.0"><channel><item><title>x</titl></item></channel></rss>' });
    const store = newStore();
    try {
      const w = watcher(store, { now });
      await w.follow(['busy', 'cached', 'broken', 'truncated', 'bomb', 'malformed'].map((name) => ({ url: `${server.base}/e/${name}` })));
      await w.pollAll();
      const sources = new Map((await store.listWatchSources()).map((s) => [s.url.replace(/.*\//, ''), s]));
      const after = (name: string) => (Date.parse(sources.get(name)!.nextPollAt) - clock) / 60_000;
      assert.equal(after('busy'), 120, 'Retry-After 7200 s is longer than the back-off, so it wins');
      assert.equal(after('cached'), 90, 'max-age 5400 s is longer than the adapted interval (15 min)');
      assert.equal(after('broken'), 20, 'first failure: twice the 10 min interval');
      assert.match(sources.get('busy')!.lastError!, /HTTP 503/);
      assert.match(sources.get('truncated')!.lastError!, /truncated or malformed/);
      assert.match(sources.get('bomb')!.lastError!, /declares XML entities/);
      assert.match(sources.get('malformed')!.lastError!, /malformed or truncated/);
      assert.deepEqual(w.counts.failed, { 'http-503': 1, 'http-500': 1, feed: 3 });
      clock += 20 * 60_000;
      await w.pollAll({ dueOnly: true });
      const broken = (await store.listWatchSources()).find((s) => s.url.endsWith('/broken'))!;
      assert.equal(broken.failures, 2);
      assert.equal((Date.parse(broken.nextPollAt) - clock) / 60_000, 40, 'second failure in a row: four times the interval');
      assert.equal(server.hits('/e/busy'), 1, 'a source asked to wait is not polled before its time');
    } finally {
      await store.close();
    }
  });

  test('an item whose page fails is recorded with its reason and tried again a bounded number of times', async () => {
    const [good] = pages('flaky', 1);
    server.routes.set('/flaky/missing', { status: 404 });
    server.routes.set('/flaky/pdf', { headers: { 'content-type': 'application/pdf' }, body: '%PDF' });
    server.routes.set('/flaky/feed', { headers: XML, body: rss([{ url: good! }, { url: `${server.base}/flaky/missing` }, { url: `${server.base}/flaky/pdf` }]) });
    const store = newStore();
    try {
      const w = watcher(store);
      await w.follow([{ url: `${server.base}/flaky/feed` }]);
      for (let poll = 0; poll < MAX_ITEM_ATTEMPTS + 2; poll++) await w.pollAll();
      assert.equal(server.hits('/flaky/missing'), MAX_ITEM_ATTEMPTS);
      assert.equal(server.hits('/flaky/1'), 1);
      const failed = await store.listWatchItems({ status: 'failed' });
      assert.deepEqual(failed.map((i) => [i.url.replace(/.*\//, ''), i.attempts]).sort(), [['missing', MAX_ITEM_ATTEMPTS], ['pdf', MAX_ITEM_ATTEMPTS]]);
      assert.match(failed.find((i) => i.url.endsWith('/missing'))!.reason!, /HTTP 404/);
      assert.match(failed.find((i) => i.url.endsWith('/pdf'))!.reason!, /application\/pdf, not text\/html/);
      assert.equal(w.counts.failed['http-404'], MAX_ITEM_ATTEMPTS);
    } finally {
      await store.close();
    }
  });

  test('an OPML source adds the feeds it lists, polled in the same round; the same article in two feeds is stored once', async () => {
    const [shared] = pages('opml', 1);
    server.routes.set('/o/a.xml', { headers: XML, body: rss([{ url: shared! }]) });
    server.routes.set('/o/b.xml', { headers: XML, body: rss([{ url: shared! }]) });
    server.routes.set('/o/list.opml', { headers: { 'content-type': 'text/x-opml' }, body: `<opml version="2.0"><head><title>L</title></head><body><outline text="A" xmlUrl="${server.base}/o/a.xml"/><outline text="B" xmlUrl="${server.base}/o/b.xml"/></body></opml>` });
    const store = newStore();
    try {
      const w = watcher(store);
      await w.follow([{ url: `${server.base}/o/list.opml` }]);
      const results = await w.pollAll();
      assert.equal(results.length, 3);
      assert.deepEqual((await store.listWatchSources()).map((s) => s.title).sort(), ['A', 'B', undefined]);
      assert.equal(await store.countDocs(), 1);
      assert.equal(server.hits('/opml/1'), 1);
    } finally {
      await store.close();
    }
  });

  test('a page already stored with the same coding is not coded again; a near-duplicate copy still is, and is linked', async () => {
    const pipeline = defaultPipeline();
    let codings = 0;
    const counting = createEngine({ timeBudgetMs: Infinity, pipeline: { ...pipeline, run: (doc, budget) => (codings++, pipeline.run(doc, budget)) } });
    server.routes.set('/dup/page', articlePage('dup'));
    server.routes.set('/dup/copy', articlePage('dup'));
    // Two feed links (tracking parameters) that redirect to one canonical page: two items, one document.
    for (const campaign of ['a', 'b']) server.routes.set(`/dup/page?utm=${campaign}`, { status: 301, headers: { location: `${server.base}/dup/page` } });
    server.routes.set('/dup/feed', { headers: XML, body: rss(['page?utm=a', 'page?utm=b', 'copy'].map((path) => ({ url: `${server.base}/dup/${path}` }))) });
    const store = newStore();
    try {
      const w = watcher(store, { engine: counting });
      await w.follow([{ url: `${server.base}/dup/feed` }]);
      assert.equal((await w.pollAll())[0]?.newItems, 3);
      assert.equal(server.hits('/dup/page'), 2, 'both links fetched the page');
      assert.equal(codings, 2, 'the page and its copy at another URL coded once each; the second fetch of the page not at all');
      assert.deepEqual([w.counts.new, w.counts.duplicates, w.counts.nearDuplicates], [2, 1, 1]);
      assert.equal(await store.countDocs(), 2);
      const items = await store.listWatchItems({});
      const docOf = (path: string) => items.find((i) => i.url.endsWith(path))!.docId!;
      assert.equal(docOf('utm=a'), docOf('utm=b'));
      assert.deepEqual(await store.nearDuplicatesOf(docOf('/copy')), [docOf('utm=a')], 'the copy is linked to the page it copies');
    } finally {
      await store.close();
    }
  });

  test('a page stored with another coding (other stage versions) is coded again and replaces it', async () => {
    const pipeline = defaultPipeline();
    let codings = 0;
    const older = createPipeline(pipeline.stages.map((stage) => ({ ...stage, version: stage.version - 1 })), pipeline.knowledgeVersion ? { knowledgeVersion: pipeline.knowledgeVersion } : {});
    const counting = (base: typeof pipeline) => createEngine({ timeBudgetMs: Infinity, pipeline: { ...base, run: (doc, budget) => (codings++, base.run(doc, budget)) } });
    server.routes.set('/recode/page', articlePage('recode'));
    const store = newStore();
    try {
      const url = `${server.base}/recode/page`;
      server.routes.set('/recode/a', { headers: XML, body: rss([{ url }]) });
      server.routes.set('/recode/b', { headers: XML, body: rss([{ url: `${url}?again` }]) });
      server.routes.set('/recode/page?again', { status: 301, headers: { location: url } });
      await watcher(store, { engine: counting(older) }).follow([{ url: `${server.base}/recode/a` }]);
      await watcher(store, { engine: counting(older) }).pollAll();
      await watcher(store, { engine: counting(pipeline) }).follow([{ url: `${server.base}/recode/b` }]);
      const current = watcher(store, { engine: counting(pipeline) });
      await current.pollAll();
      assert.equal(codings, 2, 'coded by the older stages, then again by the current ones');
      assert.equal(await store.countDocs(), 1);
      const [item] = await store.listWatchItems({ status: 'stored' });
      const stored = await store.getDoc(item!.docId!);
      assert.deepEqual(stored?.provenance.filter((run) => run.stage !== 'ingest').map((run) => run.version), pipeline.stages.map((stage) => stage.version));
    } finally {
      await store.close();
    }
  });

  test('without the allowlist a local address is refused, with the rule named', async () => {
    const store = newStore();
    const guarded = createFetcher({ minIntervalMs: 0 });
    try {
      const w = new Watcher({ store, engine, fetchResource: fetcherResource(guarded), intervalMs: 600_000 });
      await w.follow([{ url: `${server.base}/c/feed` }, { url: 'http://2130706433/feed' }, { url: 'http://[::1]/feed' }, { url: 'http://169.254.169.254/latest' }]);
      await w.pollAll();
      const errors = (await store.listWatchSources()).map((s) => s.lastError);
      assert.equal(errors.length, 4);
      for (const error of errors) assert.match(error!, /^refusing .*(loopback|link-local|metadata).*SSRF guard/);
      assert.deepEqual(w.counts.failed, { refused: 4 });
    } finally {
      await guarded.close();
      await store.close();
    }
  });
});
