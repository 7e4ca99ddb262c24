/**
 * Export throughput (events/s) of each `dyad export` format over a store of synthetic events, and how
 * much the process's memory grows while exporting (it should not grow with the number of events).
 * Part of `npm run bench`; alone: node dist/bench/export.js [events]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createDoc } from '../src/doc/doc.js';
import type { Doc, Event } from '../src/doc/types.js';
import { EXPORT_FORMATS, exportEvents, type ExportFormat } from '../src/export/export.js';
import { openStore, type Store } from '../src/store/store.js';
import { repoRoot } from '../test/paths.js';
import { markdownTable, replaceSection } from './report.js';

const EVENTS_PER_DOC = 10;

function syntheticDoc(n: number): Doc {
  const text = `Report ${n}: Northland artillery shelled positions near Vell on day ${n % 28 + 1}, the ministry said, "killing ${n % 9} soldiers".`;
  const doc = createDoc(text, { published: '2031-03-01', url: `https://example.test/${n}`, title: `Report ${n}` });
  doc.layers.events = Array.from({ length: EVENTS_PER_DOC }, (_, k): Event => ({
    id: `ev${k}`, plover: k % 3 ? 'ASSAULT' : 'CONSULT', cameo: k % 3 ? '190' : '043', quadClass: k % 3 ? 4 : 1, goldstein: k % 3 ? -10 : 2.8,
    actors: [{ text: 'Northland artillery', start: 10, end: 29, code: 'NLDMIL', country: 'NLD', sector: 'MIL', kbId: 'country:NLD' }],
    recipients: [{ text: 'Southland', start: 0, end: 6, code: 'SLD', country: 'SLD' }],
    location: { name: 'Vell', country: 'SLD', lat: 41.5, lon: 22.25, resolution: 'city', from: 'sentence', placeId: 'place:geonames:1' },
    date: { value: `2031-02-${String(n % 28 + 1).padStart(2, '0')}`, granularity: 'day', basis: 'event' },
    casualties: { killed: { min: n % 9, exact: true, text: String(n % 9), quantity: 'n1' } },
    negated: false, future: false, hypothetical: false, historical: false, confidence: 0.8,
    trigger: { start: 30, end: 37, text: 'shelled' }, evidence: { sentences: [{ start: 0, end: text.length, index: 0 }] }, pattern: 'bench',
  }));
  return doc;
}

/** Counts bytes and samples memory at each write, keeping nothing. */
class MeasuringSink extends Writable {
  bytes = 0;
  peakRss = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.peakRss = Math.max(this.peakRss, process.memoryUsage().rss);
    done();
  }
}

interface FormatResult {
  format: ExportFormat;
  eventsPerSecond: number;
  mbPerSecond: number;
  rssGrowthMb: number;
}

async function fill(store: Store, events: number): Promise<void> {
  const docs = Math.ceil(events / EVENTS_PER_DOC);
  for (let at = 0; at < docs; at += 1000) {
    await store.putDocs(Array.from({ length: Math.min(1000, docs - at) }, (_, i) => syntheticDoc(at + i)));
  }
}

async function measureFormat(store: Store, format: ExportFormat): Promise<FormatResult> {
  globalThis.gc?.();
  const sink = new MeasuringSink();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const summary = await exportEvents(store, sink, { format });
  const seconds = (performance.now() - started) / 1000;
  return {
    format, eventsPerSecond: summary.events / seconds, mbPerSecond: sink.bytes / 1e6 / seconds,
    rssGrowthMb: Math.max(0, sink.peakRss - rssBefore) / 1e6,
  };
}

export async function exportBench(events = 100_000): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-export-'));
  try {
    const store = await openStore(join(dir, 'export.db'));
    await fill(store, events);
    const results: FormatResult[] = [];
    for (const format of EXPORT_FORMATS) results.push(await measureFormat(store, format));
    await store.close();
    const table = markdownTable(
      ['format', 'events/s', 'MB/s written', 'resident memory growth while exporting'],
      results.map((r) => [r.format, Math.round(r.eventsPerSecond), r.mbPerSecond.toFixed(1), `${Math.round(r.rssGrowthMb)} MB`]),
    );
    return [
      `${events.toLocaleString('en')} synthetic stored events (10 per document), exported from a SQLite file to a sink that`,
      'keeps nothing, pages of 1,000, one process; "memory growth" is the peak resident memory during the export',
      'less that before it, so it stays flat however many events are exported.',
      '',
      table,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const events = Number(process.argv[2] ?? 100_000);
  const body = await exportBench(events);
  console.log(body);
  replaceSection(join(repoRoot(), 'BENCHMARKS.md'), 'Exports (`npm run bench`)', body);
}
