/**
 * Pages per second fetched, decoded, coded and stored: ≥ 1,000 generated news pages served gzip-compressed
 * by a local HTTP server in a child process (so the measured process has its core to itself), fetched
 * one at a time through the guarded, polite fetcher (robots.txt checked, interval 0), coded by the default
 * pipeline and stored in a temporary SQLite database. Run: npm run build && node dist/bench/fetch.js [pages]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createEngine } from '../src/engine/engine.js';
import type { BatchInput } from '../src/engine/engine.js';
import { createFetcher } from '../src/fetch/fetcher.js';
import { readSource } from '../src/ingest/source.js';
import { openStore } from '../src/store/store.js';
import { syntheticArticles } from './synthetic.js';

const count = Number(process.argv[2] ?? 1200);
const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-fetch-'));

function page(article: { id: string; text: string; published: string }): string {
  const paragraphs = article.text.split('\n').map((line) => `<p>${line}</p>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${article.id}</title>`
    + `<meta property="article:published_time" content="${article.published}"></head><body>`
    + '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>'
    + `<article><h1>Report ${article.id}</h1>${paragraphs}</article><footer>© The Daily Bench</footer></body></html>`;
}

const SERVER = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const pages = JSON.parse(readFileSync(process.argv[1], 'utf8')).map((html) => gzipSync(html));
const server = createServer((request, response) => {
  const match = /^\\/a\\/(\\d+)$/.exec(request.url ?? '');
  const body = match ? pages[Number(match[1])] : undefined;
  if (!body) { response.writeHead(404, { 'content-type': 'text/plain' }); response.end('no'); return; }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'content-length': body.length });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function main(): Promise<void> {
  const articles = syntheticArticles(count);
  const pagesFile = join(dir, 'pages.json');
  writeFileSync(pagesFile, JSON.stringify(articles.map(page)));
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER, pagesFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const base = `http://127.0.0.1:${port}`;
  const fetcher = createFetcher({ allowHosts: [`127.0.0.1:${port}`], minIntervalMs: 0 });
  const store = await openStore(join(dir, 'bench.db'));
  try {
    const fetchStarted = performance.now();
    let bytes = 0;
    for (let n = 0; n < Math.min(200, count); n++) bytes += (await readSource(`${base}/a/${n}`, { fetcher })).content.length;
    const fetchOnly = (performance.now() - fetchStarted) / Math.min(200, count);
    const engine = createEngine({ store });
    async function* inputs(): AsyncGenerator<BatchInput> {
      for (let n = 0; n < count; n++) {
        try {
          const source = await readSource(`${base}/a/${n}`, { fetcher });
          yield { content: source.content, kind: source.kind, url: source.url! };
        } catch (error) {
          yield { failed: `${base}/a/${n}`, error: (error as Error).message };
        }
      }
    }
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await engine.ingestBatch(inputs());
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    console.log(`fetch + decode only: ${fetchOnly.toFixed(2)} ms/page (${Math.round(1000 / fetchOnly)} pages/s; ${bytes} characters over 200 pages)`);
    console.log(`fetch + code + store: ${count} pages in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(1)} pages/s; `
      + `stored ${summary.stored}, duplicates ${summary.duplicates}, skipped ${summary.skipped}, failed ${summary.failed}, events ${summary.events}; `
      + `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)}% of one core)`);
  } finally {
    await fetcher.close();
    await store.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
