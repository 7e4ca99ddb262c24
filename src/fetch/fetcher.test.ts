import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { constants, deflateRawSync, gzipSync, brotliCompressSync, deflateSync } from 'node:zlib';
import { startServer, type TestServer, writeForever } from '../test-support/http-server.js';
import { FetchError, type FetchErrorKind } from './errors.js';
import { createFetcher, type Fetcher, type FetcherSettings, MIN_HOST_DELAY_MS } from './fetcher.js';

const MB = 1024 * 1024;
const page = '<!doctype html><html><body><p>Talks resumed.</p></body></html>';

/** Gzip that never ends: a header, then the same fully flushed deflate block of 1 MB of zeros, forever. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
const ZEROS_BLOCK = deflateRawSync(Buffer.alloc(MB), { finishFlush: constants.Z_FULL_FLUSH });

let server: TestServer;
const fetchers: Fetcher[] = [];

/** A fetcher that allows only this test's server (its host:port), with no pause between requests. */
function fetcherFor(settings: FetcherSettings = {}): Fetcher {
  const fetcher = createFetcher({ allowHosts: [server.hostPort], minIntervalMs: 0, contactUrl: 'https://contact.example/dyad', ...settings });
  fetchers.push(fetcher);
  return fetcher;
}

before(async () => {
  server = await startServer({
    '/page': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    },
    '/stall': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('start');
    },
    '/trickle': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => response.write('.'), 20);
      response.on('close', () => clearInterval(timer));
    },
    '/endless': (_request, response, state) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      writeForever(response, Buffer.alloc(64 * 1024, 0x61), state);
    },
    '/bomb': (_request, response, state) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      response.write(GZIP_HEADER);
      writeForever(response, ZEROS_BLOCK, state);
    },
    '/gzip': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      response.end(gzipSync(page));
    },
    '/br': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
      response.end(brotliCompressSync(page));
    },
    '/deflate': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
      response.end(deflateSync(page));
    },
    '/corrupt-gzip': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      response.end(Buffer.concat([GZIP_HEADER, Buffer.from('not deflate at all')]));
    },
    '/declared-huge': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * MB) });
      response.write('<p>');
    },
    '/image': (_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    },
    '/hop': (_request, response) => {
      response.writeHead(302, { location: '/page' });
      response.end();
    },
    '/loop': (_request, response) => {
      response.writeHead(301, { location: '/loop' });
      response.end();
    },
    '/to-127.0.0.2': (_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.2:${server.hostPort.split(':')[1]}/page` });
      response.end();
    },
    '/to-metadata': (_request, response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      response.end();
    },
    '/to-ipv6-loopback': (_request, response) => {
      response.writeHead(307, { location: `http://[::1]:${server.hostPort.split(':')[1]}/page` });
      response.end();
    },
    '/to-file': (_request, response) => {
      response.writeHead(302, { location: 'file:///etc/passwd' });
      response.end();
    },
    '/to-rebound-name': (_request, response) => {
      response.writeHead(302, { location: `http://rebound.test:${server.hostPort.split(':')[1]}/page` });
      response.end();
    },
  });
});

after(async () => {
  await Promise.all(fetchers.map((fetcher) => fetcher.close()));
  await server.close();
});

async function failsWith(promise: Promise<unknown>, kind: FetchErrorKind, pattern: RegExp): Promise<FetchError> {
  let caught: unknown;
  await promise.catch((error: unknown) => { caught = error; });
  assert.ok(caught instanceof FetchError, `expected a FetchError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  assert.match(caught.message, pattern);
  assert.ok(!caught.message.includes('\n'));
  return caught;
}

test('a page is fetched with a descriptive user agent, following a redirect', async () => {
  const fetcher = fetcherFor();
  const result = await fetcher.fetch(`${server.base}/hop`);
  assert.equal(result.url, `${server.base}/page`);
  assert.equal(result.status, 200);
  assert.equal(Buffer.from(result.body).toString(), page);
  assert.equal(result.mediaType, 'text/html');
  assert.equal(result.charset, 'utf-8');
  assert.match(fetcher.userAgent, /^Dyad\/\d+\.\d+\.\d+ \(\+https:\/\/contact\.example\/dyad\)$/);
  assert.equal(server.headers.at(-1)?.['user-agent'], fetcher.userAgent);
  assert.throws(() => createFetcher({ contactUrl: 'me' }), /contact URL "me" is not/);
});

test('gzip, brotli and deflate bodies are decompressed; a corrupt one is a clear error', async () => {
  const fetcher = fetcherFor();
  for (const path of ['/gzip', '/br', '/deflate']) {
    assert.equal(Buffer.from((await fetcher.fetch(`${server.base}${path}`)).body).toString(), page, path);
  }
  await failsWith(fetcher.fetch(`${server.base}/corrupt-gzip`), 'network', /does not decompress/);
});

test('a server that stops sending hits the read timeout', async () => {
  await failsWith(fetcherFor({ readTimeoutMs: 200 }).fetch(`${server.base}/stall`), 'timeout', /sent nothing for 0\.2 s/);
});

test('a server that trickles bytes forever hits the page deadline', async () => {
  await failsWith(fetcherFor({ readTimeoutMs: 5000, deadlineMs: 300 }).fetch(`${server.base}/trickle`), 'timeout', /within the 0\.3 s deadline/);
});

test('an endless body is cut at the size cap', async () => {
  const error = await failsWith(fetcherFor({ maxBytes: MB }).fetch(`${server.base}/endless`), 'too-large', /larger than the 1\.0 MB limit; stopped reading/);
  assert.ok(error.bytesReceived !== undefined && error.bytesReceived <= 2 * MB, `read ${error.bytesReceived} bytes`);
});

test('a gzip bomb is cut at the cap on decompressed bytes, reading little of it', async () => {
  const before = server.bytesWritten;
  const error = await failsWith(fetcherFor({ maxBytes: MB }).fetch(`${server.base}/bomb`), 'too-large', /1\.0 MB limit once decompressed/);
  // Each 1 MB of output costs ~1 KB on the wire: an inflated bomb would have read far more than this.
  assert.ok(error.bytesReceived !== undefined && error.bytesReceived < 256 * 1024, `read ${error.bytesReceived} compressed bytes`);
  assert.ok(server.bytesWritten - before < 64 * MB, `server sent ${server.bytesWritten - before} bytes`);
});

test('a declared Content-Length over the cap is refused unread; a wrong type too', async () => {
  const fetcher = fetcherFor({ maxBytes: MB });
  await failsWith(fetcher.fetch(`${server.base}/declared-huge`), 'too-large', /is 50\.0 MB, over the 1\.0 MB limit/);
  await failsWith(fetcher.fetch(`${server.base}/image`), 'content-type', /is image\/png, not text\/html/);
  assert.equal((await fetcher.fetch(`${server.base}/image`, { accept: ['image/*'] })).body.length, 4);
  await failsWith(fetcher.fetch(`${server.base}/nowhere`), 'http', /answered HTTP 404/);
});

test('a redirect loop stops at the redirect limit', async () => {
  const requestsBefore = server.requests.length;
  await failsWith(fetcherFor({ maxRedirects: 3 }).fetch(`${server.base}/loop`), 'redirects', /redirects more than 3 times/);
  assert.equal(server.requests.slice(requestsBefore).filter((path) => path === '/loop').length, 4);
});

test('redirects to other local addresses and schemes are refused, although the test server is allowed', async () => {
  const fetcher = fetcherFor();
  const port = server.hostPort.split(':')[1];
  await failsWith(fetcher.fetch(`${server.base}/to-127.0.0.2`), 'refused', new RegExp(`^refusing http://127\\.0\\.0\\.2:${port}/page: 127\\.0\\.0\\.2 is a loopback address \\(SSRF guard; --allow-host to allow\\)$`));
  await failsWith(fetcher.fetch(`${server.base}/to-metadata`), 'refused', /169\.254\.169\.254 is a cloud metadata address/);
  await failsWith(fetcher.fetch(`${server.base}/to-ipv6-loopback`), 'refused', /::1 is a loopback address/);
  await failsWith(fetcher.fetch(`${server.base}/to-file`), 'refused', /refusing file:\/\/\/etc\/passwd: only http and https/);
});

test('without an allowlist the local server itself is refused before any connection', async () => {
  const requestsBefore = server.requests.length;
  const fetcher = createFetcher({ minIntervalMs: 0 });
  fetchers.push(fetcher);
  for (const spelling of [server.base, server.base.replace('127.0.0.1', '2130706433'), server.base.replace('127.0.0.1', '0x7f000001'), server.base.replace('127.0.0.1', '127.1')]) {
    await failsWith(fetcher.fetch(`${spelling}/page`), 'refused', /127\.0\.0\.1 is a loopback address/);
  }
  assert.equal(server.requests.length, requestsBefore);
});

test('names are resolved once, checked, and the socket goes to the checked address', async () => {
  const asked: string[] = [];
  // The test resolver plays a name server: "news.test" and "rebound.test" both point at this machine.
  const resolve = async (name: string): Promise<string[]> => {
    asked.push(name);
    return ['127.0.0.1'];
  };
  const port = server.hostPort.split(':')[1];
  const allowed = fetcherFor({ allowHosts: [`news.test:${port}`], resolve });
  const result = await allowed.fetch(`http://news.test:${port}/page`);
  assert.equal(Buffer.from(result.body).toString(), page);
  assert.equal(server.headers.at(-1)?.host, `news.test:${port}`);
  // Resolved by the fetcher's connector, once per connection (robots.txt and the page), never by the system.
  assert.ok(asked.length >= 1 && asked.every((name) => name === 'news.test'), asked.join());
  const guarded = fetcherFor({ allowHosts: [`news.test:${port}`], resolve });
  await failsWith(guarded.fetch(`http://rebound.test:${port}/page`), 'refused', /rebound\.test resolves to 127\.0\.0\.1, a loopback address/);
  await failsWith(guarded.fetch(`http://news.test:${port}/to-rebound-name`), 'refused', /rebound\.test resolves to 127\.0\.0\.1, a loopback address/);
  // An allowed address lets through the names that resolve to it (an intranet site by its name), at that port only.
  const byAddress = fetcherFor({ allowHosts: [server.hostPort], resolve });
  assert.equal((await byAddress.fetch(`http://rebound.test:${port}/page`)).status, 200);
  await failsWith(byAddress.fetch(`http://rebound.test:1/page`), 'refused', /rebound\.test resolves to 127\.0\.0\.1/);
});

/** Milliseconds from the end of one fetch of the URL to the end of the next (the pause the gate made, and the request). */
async function gapBetweenFetches(fetcher: Fetcher, url: string): Promise<number> {
  await fetcher.fetch(url);
  const firstDone = performance.now();
  await fetcher.fetch(url);
  return performance.now() - firstDone;
}

test('the pause between requests to a host: 0 only for an allowed host, at least MIN_HOST_DELAY_MS for others, lengthened by Crawl-delay', async () => {
  const port = server.hostPort.split(':')[1];
  const resolve = async (): Promise<string[]> => ['127.0.0.1'];
  // The address is allowed, the name is not: "public.test" is fetched as a public site would be.
  const fetcher = fetcherFor({ allowHosts: [server.hostPort], resolve, robots: false, minIntervalMs: 0 });
  const publicGap = await gapBetweenFetches(fetcher, `http://public.test:${port}/page`);
  assert.ok(publicGap >= MIN_HOST_DELAY_MS - 5, `a host not on the allowlist waits at least ${MIN_HOST_DELAY_MS} ms (${publicGap.toFixed(0)} ms)`);
  const longer = fetcherFor({ allowHosts: [server.hostPort], robots: false, minIntervalMs: 400 });
  const longGap = await gapBetweenFetches(longer, `${server.base}/page`);
  assert.ok(longGap >= 395, `a longer pause asked for is kept (${longGap.toFixed(0)} ms)`);
  assert.throws(() => createFetcher({ minIntervalMs: -1 }), /0 ms or more/);

  const polite = await startServer({
    '/robots.txt': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('User-agent: *\nCrawl-delay: 0.3\n');
    },
    '/page': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(page);
    },
  });
  try {
    const crawlDelayed = fetcherFor({ allowHosts: [polite.hostPort], minIntervalMs: 0 });
    const gap = await gapBetweenFetches(crawlDelayed, `${polite.base}/page`);
    assert.ok(gap >= 295, `robots.txt Crawl-delay 0.3 s overrides a pause of 0 (${gap.toFixed(0)} ms)`);
  } finally {
    await polite.close();
  }
});
