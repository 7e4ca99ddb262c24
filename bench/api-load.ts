/**
 * `npm run bench:api`: requests/s and latency of `dyad serve` under autocannon, for event queries and
 * series queries, on a store of ≥ 100,000 synthetic events. Each uncached query takes the next of many
 * paths (types × countries, cursors, periods) per request, so no cache can answer it; a cached series
 * repeats one path and is reported apart. The store is built through the real store API
 * (putDocs, fusion included) and cached in the temp folder, keyed by the generator's version and the
 * schema, so later runs start at once. The server is the real CLI, a child process (one Node thread);
 * the load comes from this process. Target (issue 10): ≥ 1,000 req/s at p99 < 100 ms.
 * Alone: node dist/bench/api-load.js [seconds per query]; writes a section of BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDoc } from '../src/doc/doc.js';
import type { Doc, Event } from '../src/doc/types.js';
import { openStore } from '../src/store/store.js';
import { SCHEMA_VERSION } from '../src/store/sqlite/schema.js';
import { seededRandom } from '../src/util/random.js';
import { cliPath, repoRoot } from '../test/paths.js';
import { markdownTable, replaceSection } from './report.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  duration: number;
}
interface AutocannonRequest { method: string; path: string }
type Autocannon = (options: {
  url: string; connections: number; duration: number;
  requests?: Array<{ method: string; setupRequest: (request: AutocannonRequest) => AutocannonRequest }>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const GENERATOR_VERSION = 1;
const DOCS = 10_000;
const EVENTS_PER_DOC = 10;
const COUNTRIES = Array.from({ length: 40 }, (_, i) => `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}X`);
const TYPES = ['ASSAULT', 'COERCE', 'CONSULT', 'PROTEST', 'THREATEN', 'REQUEST', 'ACCUSE', 'AID'];
const QUADS: Record<string, 1 | 2 | 3 | 4> = { ASSAULT: 4, COERCE: 4, CONSULT: 1, PROTEST: 3, THREATEN: 3, REQUEST: 1, ACCUSE: 3, AID: 2 };

/** A document of ten events over different countries, types and days of three years: few events share a fusion block. */
function syntheticDoc(n: number, next: () => number): Doc {
  const text = `Report ${n}: forces clashed near town ${n % 97} while envoys met, officials said on day ${n % 28 + 1}.`;
  const doc = createDoc(text, { published: '2032-01-01', url: `https://source${n % 13}.test/${n}`, title: `Report ${n}` });
  doc.layers.events = Array.from({ length: EVENTS_PER_DOC }, (_, k): Event => {
    const country = COUNTRIES[Math.floor(next() * COUNTRIES.length)]!;
    const plover = TYPES[Math.floor(next() * TYPES.length)]!;
    const day = new Date(Date.UTC(2029, 0, 1 + Math.floor(next() * 3 * 365))).toISOString().slice(0, 10);
    const party = (name: string, sector: string) => ({ text: name, start: 0, end: 6, code: `${country}${sector}`, country, sector });
    return {
      id: `ev${k}`, plover, cameo: '190', quadClass: QUADS[plover]!, goldstein: -5,
      actors: [party(`${country} forces`, 'MIL')], recipients: [party(`${country} residents`, 'CVL')],
      location: { name: `Town ${n % 97}`, country, lat: -40 + next() * 80, lon: -150 + next() * 300, resolution: 'city', from: 'sentence' },
      date: { value: day, granularity: 'day', basis: 'event' },
      negated: false, future: false, hypothetical: false, historical: false, confidence: Math.round(next() * 100) / 100,
      trigger: { start: 0, end: 6, text: text.slice(0, 6) }, evidence: { sentences: [{ start: 0, end: text.length, index: 0 }] }, pattern: 'bench',
    };
  });
  return doc;
}

/** The cached store, built (through putDocs, with fusion) when absent; written under a temporary name and renamed when complete. */
async function benchStore(): Promise<{ path: string; builtMs?: number }> {
  const dir = join(tmpdir(), 'dyad-bench-api');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `events-${DOCS * EVENTS_PER_DOC}-g${GENERATOR_VERSION}-s${SCHEMA_VERSION}.db`);
  if (existsSync(path)) return { path };
  const building = `${path}.building`;
  rmSync(building, { force: true });
  rmSync(`${building}-wal`, { force: true });
  rmSync(`${building}-shm`, { force: true });
  const started = performance.now();
  const store = await openStore(building);
  const next = seededRandom(20_310);
  for (let i = 0; i < DOCS; i += 500) {
    await store.putDocs(Array.from({ length: Math.min(500, DOCS - i) }, (_, j) => syntheticDoc(i + j, next)));
  }
  await store.close();
  renameSync(building, path);
  return { path, builtMs: performance.now() - started };
}

function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cliPath(), 'serve', '--db', db, '--port', '0', '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /Dyad API on (http:\/\/\S+\/)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`dyad serve exited with ${code}`)));
  });
}

interface LoadRow { query: string; paths: string[]; firstMs: number; result: AutocannonResult }

/** The paths a query cycles through, one per request, in order (deterministic). */
function cycling(paths: readonly string[]): () => string {
  let next = 0;
  return () => paths[next++ % paths.length]!;
}

/** The cursors of the first `pages` pages of all events, walked as a client would. */
async function eventCursors(url: string, pages: number): Promise<string[]> {
  const cursors: string[] = [];
  let after: string | undefined;
  while (cursors.length < pages) {
    const page = (await (await fetch(new URL(`api/events?limit=50${after ? `&after=${encodeURIComponent(after)}` : ''}`, url))).json()) as { next?: string };
    if (!page.next) break;
    cursors.push(page.next);
    after = page.next;
  }
  return cursors;
}

export async function apiLoadBench(seconds = 10): Promise<string> {
  const { path, builtMs } = await benchStore();
  const store = await openStore(path, { readOnly: true });
  const events = await store.countEvents();
  const stories = await store.countStories();
  await store.close();
  const load = loadavg()[0]!.toFixed(1);
  const { child, url } = await startServer(path);
  try {
    const typeCountry = TYPES.flatMap((type) => COUNTRIES.map((country) => `api/events?type=${type}&country=${country}&limit=50`));
    const cursors = (await eventCursors(url, 200)).map((after) => `api/events?limit=50&after=${encodeURIComponent(after)}`);
    // 3 periods × 40 countries × 9 type choices = 1,080 series, cycled: the 64 the server caches are never asked again in time.
    const series = ['week', 'month', 'day'].flatMap((by) => COUNTRIES.flatMap((country) => ['', ...TYPES.map((type) => `&type=${type}`)]
      .map((type) => `api/series?by=${by}&country=${country}${type}`)));
    const queries: Array<[string, string[]]> = [
      [`events: one type in one country, a page of 50 (${typeCountry.length} pairs in turn)`, typeCountry],
      ['events: newest 50 of all', ['api/events?limit=50']],
      [`events: a page after a cursor (the first ${cursors.length} cursors in turn)`, cursors],
      [`series: stories of one country, by week, month or day, all or one type (${series.length} in turn, uncached)`, series],
      ['series: stories by week, one country, the same each time (cached)', [`api/series?by=week&country=${COUNTRIES[3]}`]],
    ];
    const rows: LoadRow[] = [];
    for (const [query, paths] of queries) {
      const started = performance.now();
      const response = await fetch(new URL(paths[0]!, url));
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${paths[0]}: HTTP ${response.status}`);
      const firstMs = performance.now() - started;
      const next = cycling(paths);
      const result = await autocannon({
        url, connections: 10, duration: seconds,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, method: 'GET', path: `/${next()}` }) }],
      });
      rows.push({ query, paths, firstMs, result });
    }
    const table = markdownTable(['query', 'first request ms', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx'],
      rows.map(({ query, firstMs, result }) => [query, firstMs.toFixed(1), Math.round(result.requests.average), result.latency.p50, result.latency.p99, result.non2xx + result.errors]));
    return [
      `${events.toLocaleString('en')} synthetic events (${stories.toLocaleString('en')} stories) stored through Store.putDocs`
        + `${builtMs === undefined ? ' (cached store)' : ` in ${(builtMs / 1000).toFixed(0)} s`}; \`dyad serve --rate-limit 0\` as a child process,`
        + ` autocannon in the bench process, 10 connections, ${seconds} s per query, on a machine of ${cpus().length} cores with load average ${load} at the start (other processes share them).`,
      'Each query but the last two asks the next of its paths with every request; the server caches series only (64, keyed by the store\'s change token),',
      'so the uncached series row cycles through more series than it keeps. "first request" is the first path, cold.',
      '',
      table,
      '',
      'Paths, first of each: ' + rows.map((row) => `\`/${row.paths[0]!.replace(/after=[^&]+/, 'after=…')}\``).join(', ') + '.',
    ].join('\n');
  } finally {
    child.kill('SIGTERM');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seconds = Number(process.argv[2] ?? 10);
  const body = await apiLoadBench(seconds);
  console.log(body);
  replaceSection(join(repoRoot(), 'BENCHMARKS.md'), 'HTTP API load (`npm run bench:api`)', body);
}
