/**
 * What fusing events into stories adds to storing an article, and how it grows with the stories already
 * stored. The stored stories are synthetic (coded documents of our own, one event each, spread over 20
 * countries × 8 event types × one year: about a dozen per block of country × type × week, busier than
 * most real blocks); the measured articles are coded documents of five events each, half of which report
 * an event already stored. Each measured batch is stored twice into copies of the same database, once
 * with fusion and once without (openSqliteStore's `fuse: false`), and the difference is fusion's cost.
 * Two orders: 'random' (the stored stories arrive in any order of their days and the measured reports
 * pick any of them: every look-up and write lands anywhere in the indexes, the worst case) and 'feed' (as
 * a feed is ingested: stories stored in the order of their days, each published the day after, and the
 * measured articles about the last week, half of their events reports of that week's stories).
 * Run on its own with `node dist/bench/fusion.js [documents…] [--feed]`; `npm run bench` runs both orders at 10,000
 * documents (~9,800 stories) and FUSION_DOCUMENTS_FOR_100K_STORIES.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoc } from '../src/doc/doc.js';
import type { Doc, Event } from '../src/doc/types.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { seededRandom as random } from '../src/util/random.js';
import { markdownTable } from './report.js';

const COUNTRIES = Array.from({ length: 20 }, (_, i) => `C${String.fromCharCode(65 + i)}X`);
const TYPES = ['ASSAULT', 'COERCE', 'CONSULT', 'PROTEST', 'THREATEN', 'REQUEST', 'ACCUSE', 'AID'];
const WORDS = 'army police rebels village town market border bridge convoy station district capital clinic school'.split(' ');

/**
 * Publication days: the stored documents came out before the measured ones, as a feed's new articles come
 * after what it stored (a story keeps the id of its earliest-published report, so this decides renames).
 */
const STORED_PUBLISHED = '2031-01-01';
const MEASURED_PUBLISHED = '2031-01-02';

interface Spec { country: number; type: number; day: number; place: number; killed: number; words: string[] }

export function specOf(next: () => number): Spec {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return {
    country: Math.floor(next() * COUNTRIES.length), type: Math.floor(next() * TYPES.length), day: Math.floor(next() * 365),
    place: Math.floor(next() * 40), killed: Math.floor(next() * 6), words: [pick(WORDS), pick(WORDS), pick(WORDS), pick(WORDS)],
  };
}

function eventOf(spec: Spec, id: string, text: string, start: number): Event {
  const country = COUNTRIES[spec.country]!;
  const day = new Date(Date.UTC(2030, 0, 1 + spec.day)).toISOString().slice(0, 10);
  const party = (name: string, sector: string) => ({ text: name, start, end: start + name.length, code: `${country}${sector}`, country, sector });
  return {
    id, plover: TYPES[spec.type]!, cameo: '190', quadClass: 4, goldstein: -10,
    actors: [party(`${spec.words[0]} forces`, 'MIL')], recipients: [party(`${spec.words[1]} residents`, 'CVL')],
    location: { name: `Town ${spec.place}`, country, lat: 10 + spec.country + (spec.place % 8) * 0.5, lon: 20 + Math.floor(spec.place / 8) * 0.5, from: 'sentence', resolution: 'city' },
    date: { value: day, granularity: 'day', basis: 'event' },
    ...(spec.killed > 0 ? { casualties: { killed: { min: spec.killed, exact: true, text: String(spec.killed), quantity: 'n1' } } } : {}),
    negated: false, future: false, hypothetical: false, historical: false, confidence: 0.6,
    trigger: { start, end: start + 4, text: text.slice(start, start + 4) }, evidence: { sentences: [{ start, end: start + text.length, index: 0 }] },
    pattern: 'bench',
  };
}

function sentence(spec: Spec): string {
  return `${spec.words.join(' ')} ${TYPES[spec.type]!.toLowerCase()} in town ${spec.place} of ${COUNTRIES[spec.country]} killing ${spec.killed}.`;
}

/** A document of one event per spec; the sentences follow each other in its text. */
export function docOf(specs: readonly Spec[], serial: string, published = STORED_PUBLISHED): Doc {
  const sentences = specs.map(sentence);
  const text = sentences.join(' ');
  const doc = createDoc(`${text} (${serial})`, { url: `https://source${serial.length % 7}.test/${serial}`, published });
  let offset = 0;
  doc.layers.events = specs.map((spec, i) => {
    const event = eventOf(spec, `e${i + 1}`, text, offset);
    event.evidence.sentences = [{ start: offset, end: offset + sentences[i]!.length, index: i }];
    offset += sentences[i]!.length + 1;
    return event;
  });
  return doc;
}

/**
 * The stored documents that fuse into about 100,000 stories (the budget's size; about a quarter of the
 * synthetic documents report a story stored before them): 100,000 documents make 80,478 stories, 135,000 make 100,758.
 */
export const FUSION_DOCUMENTS_FOR_100K_STORIES = 135_000;

/** Wall-clock and CPU (user + system) milliseconds; CPU time is what a busy shared machine disturbs least. */
export interface FusionResult {
  order: FusionOrder; stories: number; articles: number; events: number; withMs: number; withoutMs: number; withCpuMs: number;
  withoutCpuMs: number;
}

export type FusionOrder = 'random' | 'feed';

/** The last week of the stored year: what a feed's new articles are about. */
const FEED_WEEK = 7;

function feedPublished(day: number): string {
  return new Date(Date.UTC(2030, 0, 2 + day)).toISOString().slice(0, 10);
}

/** Fills a database with `stories` synthetic stories, then stores the same articles with and without fusion. */
export async function measureFusion(stories: number, articles = 1000, order: FusionOrder = 'random'): Promise<FusionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-fusion-'));
  try {
    const base = join(dir, 'base.db');
    const next = random(stories);
    const background = Array.from({ length: stories }, () => specOf(next));
    // A feed stores each day's stories after the day before's (the sort is stable: ties keep their order).
    if (order === 'feed') background.sort((a, b) => a.day - b.day);
    const store = openSqliteStore(base);
    for (let i = 0; i < stories; i += 1000) {
      await store.putDocs(background.slice(i, i + 1000).map((spec, k) => docOf([spec], `b${i + k}`,
        order === 'feed' ? feedPublished(spec.day) : STORED_PUBLISHED)));
    }
    const stored = await store.countStories();
    await store.close();
    const lastWeek = background.filter((spec) => spec.day >= 365 - FEED_WEEK);
    const reported = order === 'feed' ? lastWeek : background;
    const fresh = (): Spec => {
      const spec = specOf(next);
      return order === 'feed' ? { ...spec, day: 365 - FEED_WEEK + (spec.day % FEED_WEEK) } : spec;
    };
    const measured: Doc[] = [];
    for (let i = 0; i < articles; i++) {
      const specs = Array.from({ length: 5 }, (_, k) => (k % 2 === 0 ? reported[Math.floor(next() * reported.length)]! : fresh()));
      measured.push(docOf(specs, `m${i}`, order === 'feed' ? feedPublished(365) : MEASURED_PUBLISHED));
    }
    const timed = async (path: string, fuse: boolean) => {
      copyFileSync(base, path);
      const target = openSqliteStore(path, { fuse });
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      for (let i = 0; i < measured.length; i += 200) await target.putDocs(measured.slice(i, i + 200));
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuStarted);
      await target.close();
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
    };
    // Twice each, the faster of each kept: the machine is shared.
    const without = [await timed(join(dir, 'a.db'), false), await timed(join(dir, 'c.db'), false)];
    const withFusion = [await timed(join(dir, 'b.db'), true), await timed(join(dir, 'd.db'), true)];
    const least = (runs: Array<{ ms: number; cpuMs: number }>, field: 'ms' | 'cpuMs') => Math.min(...runs.map((run) => run[field]));
    return {
      order, stories: stored, articles, events: articles * 5, withMs: least(withFusion, 'ms'), withoutMs: least(without, 'ms'),
      withCpuMs: least(withFusion, 'cpuMs'), withoutCpuMs: least(without, 'cpuMs'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function fusionTable(results: readonly FusionResult[]): string {
  return markdownTable(
    ['order', 'stories stored', 'articles (5 events each)', 'store ms/article, no fusion', 'store ms/article, with fusion', 'fusion adds ms/article',
      'fusion adds CPU ms/article'],
    results.map((r) => [r.order, r.stories, r.articles, (r.withoutMs / r.articles).toFixed(3), (r.withMs / r.articles).toFixed(3),
      ((r.withMs - r.withoutMs) / r.articles).toFixed(3), ((r.withCpuMs - r.withoutCpuMs) / r.articles).toFixed(3)]),
  );
}

if (process.argv[1]?.endsWith('fusion.js')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const order: FusionOrder = process.argv.includes('--feed') ? 'feed' : 'random';
  const results: FusionResult[] = [];
  for (const size of sizes.length > 0 ? sizes : [10_000, FUSION_DOCUMENTS_FOR_100K_STORIES]) results.push(await measureFusion(size, 1000, order));
  console.log(fusionTable(results));
}
