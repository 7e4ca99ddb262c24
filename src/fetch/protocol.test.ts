import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../test-support/http-server.js';
import { FetchError } from './errors.js';
import { createFetcher, type Fetcher, type FetcherSettings, parseRetryAfter } from './fetcher.js';
import { RobotsCache } from './robots.js';
import { decodeFetched } from './text.js';

const ETAG = '"v42"';
const LAST_MODIFIED = 'Tue, 01 Dec 2026 10:00:00 GMT';
/** “Café” – déjà vu, in Windows-1252: curly quotes and the en dash live in 0x80–0x9F, where Latin-1 has controls. */
const CP1252_TEXT = Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x64, 0xe9, 0x6a, 0xe0, 0x20, 0x76, 0x75]);
const CP1252_EXPECTED = '“Café” – déjà vu';
const LATIN_PROSE = 'Le président a déclaré que les négociations reprendraient à Genève après une trêve fragile. '
  + 'Les délégués ont évoqué la sécurité des civils, l\'accès humanitaire et le retrait des forces étrangères. ';

let server: TestServer;
const fetchers: Fetcher[] = [];

function fetcherFor(settings: FetcherSettings = {}): Fetcher {
  const fetcher = createFetcher({ allowHosts: [server.hostPort], minIntervalMs: 0, ...settings });
  fetchers.push(fetcher);
  return fetcher;
}

before(async () => {
  server = await startServer({
    '/robots.txt': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('User-agent: *\nDisallow: /private/\n\nUser-agent: Dyad\nDisallow: /no-dyad\nDisallow: /private/\nCrawl-delay: 0.01\n');
    },
    '/private/report': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<p>secret</p>');
    },
    '/public': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<p>open</p>');
    },
    '/feed': (request, response) => {
      if (request.headers['if-none-match'] === ETAG || request.headers['if-modified-since'] === LAST_MODIFIED) {
        response.writeHead(304, { etag: ETAG, 'cache-control': 'max-age=300' });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG, 'last-modified': LAST_MODIFIED, 'cache-control': 'max-age=300' });
      response.end('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>');
    },
    '/busy': (_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '120' });
      response.end('later');
    },
    '/cp1252-declared': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
      response.end(Buffer.concat([Buffer.from('<p>'), CP1252_TEXT, Buffer.from('</p>')]));
    },
    '/latin1-declared': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' });
      response.end(CP1252_TEXT);
    },
    '/cp1252-meta': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><p>'), CP1252_TEXT, Buffer.from('</p></body></html>')]));
    },
    '/latin1-undeclared': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(Buffer.from(`<html><body><p>${LATIN_PROSE.repeat(3)}</p></body></html>`, 'latin1'));
    },
    '/utf16-file': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Talks in Genève', 'utf16le')]));
    },
    '/bom-over-header': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
      response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>Genève</p>')]));
    },
    '/slow': (_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<p>slow</p>');
      }, 20);
    },
  });
});

after(async () => {
  await Promise.all(fetchers.map((fetcher) => fetcher.close()));
  await server.close();
});

test('robots.txt is honoured: a disallowed path is not fetched, robots.txt is read once per origin', async () => {
  const fetcher = fetcherFor();
  const before = server.requests.length;
  await assert.rejects(fetcher.fetch(`${server.base}/private/report`), (error: unknown) => {
    assert.ok(error instanceof FetchError && error.kind === 'robots');
    assert.equal(error.message, `not fetching ${server.base}/private/report: ${server.base}/robots.txt disallows /private/report for Dyad`);
    return true;
  });
  await assert.rejects(fetcher.fetch(`${server.base}/no-dyad`), /disallows \/no-dyad for Dyad/);
  assert.equal((await fetcher.fetch(`${server.base}/public`)).status, 200);
  assert.deepEqual(server.requests.slice(before), ['/robots.txt', '/public']);
  const ignoring = fetcherFor({ robots: false });
  assert.equal((await ignoring.fetch(`${server.base}/private/report`)).status, 200);
});

test('robots.txt: crawl-delay is read and capped; 4xx allows all; an unreachable one disallows the site', async () => {
  const settings = { agent: 'Dyad', ttlMs: 60_000, maxCrawlDelayMs: 5000 };
  const delayed = new RobotsCache(async () => ({ status: 200, text: 'User-agent: *\nCrawl-delay: 2\n' }), settings);
  assert.deepEqual(await delayed.check(new URL('https://news.example/a')), { allowed: true, crawlDelayMs: 2000 });
  const hostile = new RobotsCache(async () => ({ status: 200, text: 'User-agent: *\nCrawl-delay: 86400\n' }), settings);
  assert.equal((await hostile.check(new URL('https://news.example/a'))).crawlDelayMs, 5000);
  const missing = new RobotsCache(async () => {
    throw new FetchError('http', 'https://news.example/robots.txt', 'answered HTTP 404', { status: 404 });
  }, settings);
  assert.equal((await missing.check(new URL('https://news.example/a'))).allowed, true);
  let loads = 0;
  const down = new RobotsCache(async () => {
    loads++;
    throw new FetchError('http', 'https://news.example/robots.txt', 'answered HTTP 503', { status: 503 });
  }, settings);
  const verdict = await down.check(new URL('https://news.example/a'));
  assert.equal(verdict.allowed, false);
  assert.match(verdict.reason ?? '', /robots\.txt could not be read \(answered HTTP 503\), so the site is treated as disallowed/);
  await down.check(new URL('https://news.example/b'));
  assert.equal(loads, 1);
  let attempts = 0;
  const flaky = new RobotsCache(async () => {
    if (++attempts === 1) throw new FetchError('network', 'https://news.example/robots.txt', 'cannot fetch https://news.example/robots.txt: ECONNRESET');
    return { status: 200, text: 'User-agent: *\nDisallow: /x\n' };
  }, settings);
  await assert.rejects(flaky.check(new URL('https://news.example/a')), /cannot fetch https:\/\/news\.example\/robots\.txt: ECONNRESET/);
  assert.equal((await flaky.check(new URL('https://news.example/x'))).allowed, false);
  assert.equal(attempts, 2);
});

test('conditional GET: validators go out, 304 comes back as not modified with the caching headers', async () => {
  const fetcher = fetcherFor();
  const first = await fetcher.fetch(`${server.base}/feed`, { accept: ['application/rss+xml'] });
  assert.equal(first.etag, ETAG);
  assert.equal(first.lastModified, LAST_MODIFIED);
  assert.equal(first.cacheControl, 'max-age=300');
  assert.equal(first.notModified, false);
  const byTag = await fetcher.fetch(`${server.base}/feed`, { accept: ['application/rss+xml'], ifNoneMatch: first.etag! });
  assert.equal(byTag.status, 304);
  assert.equal(byTag.notModified, true);
  assert.equal(byTag.body.length, 0);
  assert.equal(server.headers.at(-1)?.['if-none-match'], ETAG);
  const byDate = await fetcher.fetch(`${server.base}/feed`, { accept: ['application/rss+xml'], ifModifiedSince: LAST_MODIFIED });
  assert.equal(byDate.notModified, true);
});

test('Retry-After comes back on an HTTP error, in seconds or as a date', async () => {
  await assert.rejects(fetcherFor().fetch(`${server.base}/busy`), (error: unknown) => {
    assert.ok(error instanceof FetchError && error.kind === 'http');
    assert.equal(error.status, 503);
    assert.equal(error.retryAfterMs, 120_000);
    return true;
  });
  assert.equal(parseRetryAfter('Wed, 02 Dec 2026 06:01:00 GMT', Date.parse('Wed, 02 Dec 2026 06:00:00 GMT')), 60_000);
  assert.equal(parseRetryAfter('soon'), undefined);
});

test('characters: Windows-1252 and Latin-1 by header, by <meta>, by detection; UTF-16 and a BOM', async () => {
  const fetcher = fetcherFor();
  const text = async (path: string): Promise<{ text: string; encoding: string }> => {
    const { text: decoded, encoding } = decodeFetched(await fetcher.fetch(`${server.base}${path}`));
    return { text: decoded, encoding };
  };
  assert.equal((await text('/cp1252-declared')).text, `<p>${CP1252_EXPECTED}</p>`);
  // WHATWG: a page labelled ISO-8859-1 is read as Windows-1252, as browsers read it.
  assert.deepEqual(await text('/latin1-declared'), { text: CP1252_EXPECTED, encoding: 'windows-1252' });
  assert.ok((await text('/cp1252-meta')).text.includes(CP1252_EXPECTED));
  const detected = await text('/latin1-undeclared');
  assert.ok(detected.text.includes('Le président a déclaré que les négociations reprendraient à Genève'), detected.text.slice(0, 120));
  assert.equal(detected.encoding, 'windows-1252');
  assert.deepEqual(await text('/utf16-file'), { text: 'Talks in Genève', encoding: 'utf-16le' });
  assert.equal((await text('/bom-over-header')).text, '<p>Genève</p>');
});

test('politeness: requests to one host never overlap', async () => {
  const fetcher = fetcherFor();
  server.maxInFlight = 0;
  const results = await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch(`${server.base}/slow`)));
  assert.equal(results.length, 6);
  assert.equal(server.maxInFlight, 1);
});

test('politeness: different hosts do not wait for each other', async () => {
  // Each server answers only once the other has been asked (or after 5 s): a gate that made one host
  // wait for another would get "alone" back.
  let waiting: Array<() => void> = [];
  const meet = (_request: unknown, response: import('node:http').ServerResponse): void => {
    let answered = false;
    const answer = (body: string): void => {
      if (answered) return;
      answered = true;
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(body);
    };
    if (waiting.length > 0) {
      for (const release of waiting) release();
      waiting = [];
      answer('together');
      return;
    }
    waiting.push(() => answer('together'));
    setTimeout(() => answer('alone'), 5000).unref();
  };
  const first = await startServer({ '/meet': meet });
  const second = await startServer({ '/meet': meet });
  // Two names for this machine, so that the two servers are two hosts.
  const resolve = async (): Promise<string[]> => ['127.0.0.1'];
  const fetcher = fetcherFor({ allowHosts: [first.hostPort, second.hostPort], resolve, robots: false });
  try {
    const bodies = await Promise.all([
      fetcher.fetch(`http://first.test:${first.hostPort.split(':')[1]}/meet`),
      fetcher.fetch(`http://second.test:${second.hostPort.split(':')[1]}/meet`),
    ]);
    assert.deepEqual(bodies.map((result) => Buffer.from(result.body).toString()), ['together', 'together']);
  } finally {
    await first.close();
    await second.close();
  }
});
