import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { createFetcher, type Fetcher } from '../fetch/fetcher.js';
import { decodeBytes, readSource, SourceError, type SourceOptions } from './source.js';

const pageHtml = '<!doctype html><html><head><meta charset="utf-8"><title>T</title></head><body><p>Talks resumed — “quietly”.</p></body></html>';

let server: Server;
let base = '';
let fetcher: Fetcher;

/** readSource through a fetcher that allows only this test's server. */
function readServed(path: string, options: SourceOptions = {}): ReturnType<typeof readSource> {
  return readSource(`${base}${path}`, { fetcher, ...options });
}

before(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/page') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(pageHtml);
    } else if (path === '/latin1') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' });
      response.end(Buffer.from([0x43, 0x61, 0x66, 0xe9]));
    } else if (path === '/meta-charset') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>'), Buffer.from([0x93, 0x51, 0x94]), Buffer.from('</p></body></html>')]));
    } else if (path === '/hop') {
      response.writeHead(302, { location: '/page' });
      response.end();
    } else if (path.startsWith('/loop')) {
      response.writeHead(301, { location: `/loop${path.length}` });
      response.end();
    } else if (path === '/to-file') {
      response.writeHead(302, { location: 'file:///etc/passwd' });
      response.end();
    } else if (path === '/big') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < 200 && response.write(chunk)) sent++;
        if (sent < 200) response.once('drain', pump);
        else response.end();
      };
      pump();
    } else if (path === '/slow') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('start');
      setTimeout(() => response.end(' end'), 2000).unref();
    } else if (path === '/image') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('missing');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fetcher = createFetcher({ allowHosts: [base.slice('http://'.length)], minIntervalMs: 0 });
});

after(async () => {
  await fetcher.close();
  server.closeAllConnections();
  server.close();
});

async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SourceError, String(error));
    assert.match(error.message, pattern);
    assert.ok(!error.message.includes('\n'));
    return true;
  });
}

test('a good page is fetched with its content type, charset and final URL', async () => {
  const result = await readServed('/hop');
  assert.equal(result.kind, 'html');
  assert.equal(result.url, `${base}/page`);
  assert.match(result.contentType ?? '', /text\/html/);
  assert.ok(result.content.includes('Talks resumed — “quietly”.'));
});

test('charset comes from the header, else from the page meta', async () => {
  const latin = await readServed('/latin1');
  assert.equal(latin.kind, 'text');
  assert.equal(latin.content, 'Café');
  const meta = await readServed('/meta-charset');
  assert.ok(meta.content.includes('“Q”'));
});

test('a redirect loop stops after the redirect limit', async () => {
  await rejectsWith(readServed('/loop', { maxRedirects: 3 }), /redirects more than 3 times/);
});

test('a redirect to another scheme is refused', async () => {
  await rejectsWith(readServed('/to-file'), /only http and https/);
});

test('an oversize body is cut off with an error', async () => {
  await rejectsWith(readServed('/big', { maxBytes: 1024 * 1024 }), /larger than the 1\.0 MB limit/);
});

test('a slow server times out', async () => {
  await rejectsWith(readServed('/slow', { timeoutMs: 300 }), /did not arrive within the 0\.3 s deadline/);
});

test('a wrong content type and an HTTP error are refused clearly', async () => {
  await rejectsWith(readServed('/image'), /is image\/png, not text\/html/);
  await rejectsWith(readServed('/nowhere'), /HTTP 404/);
});

test('a refused connection is a SourceError', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const local = createFetcher({ allowHosts: ['127.0.0.1'], minIntervalMs: 0 });
  await rejectsWith(readSource(`http://127.0.0.1:${port}/`, { fetcher: local }), /cannot fetch/);
  await local.close();
});

test('without an allowlist the SSRF guard refuses the local server', async () => {
  await rejectsWith(readSource(`${base}/page`), /127\.0\.0\.1 is a loopback address \(SSRF guard; --allow-host to allow\)/);
});

test('schemes other than http and https are refused before any I/O', async () => {
  for (const target of ['file:///etc/passwd', 'data:text/plain,hello', 'javascript:alert(1)', 'ftp://127.0.0.1/x']) {
    await rejectsWith(readSource(target), /only http and https/);
  }
});

test('files: UTF-8, UTF-16 with BOM, windows-1252 detected, HTML by extension', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-source-'));
  const utf8 = join(dir, 'a.txt');
  writeFileSync(utf8, 'Ceasefire “holds” — for now.');
  assert.deepEqual(await readSource(utf8), { content: 'Ceasefire “holds” — for now.', kind: 'text', encoding: 'utf-8' });
  const utf16 = join(dir, 'b.txt');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Talks in Genève', 'utf16le')]));
  assert.equal((await readSource(utf16)).content, 'Talks in Genève');
  const legacy = join(dir, 'c.txt');
  writeFileSync(legacy, Buffer.from('The envoy said \x93we will meet again\x94 after the talks at the caf\xe9.', 'latin1'));
  const detected = await readSource(legacy);
  assert.equal(detected.content, 'The envoy said “we will meet again” after the talks at the café.');
  assert.equal(detected.encoding, 'windows-1252');
  assert.match(detected.messages?.[0]?.reason ?? '', /not UTF-8; decoded as windows-1252/);
  const damaged = join(dir, 'e.txt');
  writeFileSync(damaged, Buffer.concat([Buffer.from('He said “yes” — twice. '), Buffer.from([0x9d]), Buffer.from(' Then “no”.')]));
  const mostlyUtf8 = await readSource(damaged);
  assert.equal(mostlyUtf8.content, 'He said “yes” — twice. \ufffd Then “no”.');
  assert.equal(mostlyUtf8.messages?.[0]?.ruleId, 'invalid-utf8');
  const bomless = join(dir, 'f.txt');
  writeFileSync(bomless, Buffer.from('Talks resumed on Friday.', 'utf16le'));
  assert.deepEqual(await readSource(bomless).then((s) => [s.content, s.encoding]), ['Talks resumed on Friday.', 'utf-16le']);
  const page = join(dir, 'd.html');
  writeFileSync(page, '<p>fragment only</p>');
  assert.equal((await readSource(page)).kind, 'html');
});

test('files: missing, too large, or a folder give clear errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-source-'));
  await rejectsWith(readSource(join(dir, 'missing.txt')), /no such file/);
  const big = join(dir, 'big.txt');
  writeFileSync(big, 'x'.repeat(5000));
  await rejectsWith(readSource(big, { maxBytes: 1000 }), /over the .* limit/);
  await rejectsWith(readSource(dir), /is not a file/);
});

test('- reads standard input', async () => {
  const stdin = Readable.from([Buffer.from('Line one.\n'), Buffer.from('Line two.')]);
  assert.deepEqual(await readSource('-', { stdin }), { content: 'Line one.\nLine two.', kind: 'text', encoding: 'utf-8' });
  await rejectsWith(readSource('-', { stdin: Readable.from([Buffer.alloc(2000)]), maxBytes: 1000 }), /standard input is larger/);
});

test('decodeBytes: UTF-8 BOM, UTF-16 BE, declared charset', () => {
  assert.equal(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x41])), 'A');
  assert.equal(decodeBytes(Buffer.from([0xfe, 0xff, 0x00, 0x41])), 'A');
  assert.equal(decodeBytes(Buffer.from([0xe9]), 'iso-8859-1'), 'é');
  assert.equal(decodeBytes(Buffer.from('Café', 'utf8'), 'no-such-charset'), 'Café');
});
