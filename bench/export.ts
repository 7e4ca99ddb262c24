/**
 * Export throughput (events/s) of each `dyad export` format over a store of synthetic events, and how
 * much live memory an export holds (it should not grow with the number of events).
 * Part of `npm run bench`; alone: node dist/bench/export.js [events]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

/** The garbage collector, so that the memory an export holds can be told from garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Counts bytes, keeping nothing; when given a collector, samples the live heap every `every` writes. */
class MeasuringSink extends Writable {
  bytes = 0;
  writes = 0;
  peakHeap = 0;
  constructor(private readonly gc?: () => void, private readonly every = 25) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.writes += 1;
    if (this.gc && this.writes % this.every === 0) {
      this.gc();
      this.peakHeap = Math.max(this.peakHeap, process.memoryUsage().heapUsed);
    }
    done();
  }
}

interface FormatResult {
  format: ExportFormat;
  eventsPerSecond: number;
  mbPerSecond: number;
  heapGrowthMb: number;
}

async function fill(store: Store, events: number): Promise<void> {
  const docs = Math.ceil(events / EVENTS_PER_DOC);
  for (let at = 0; at < docs; at += 1000) {
    await store.putDocs(Array.from({ length: Math.min(1000, docs - at) }, (_, i) => syntheticDoc(at + i)));
  }
}

/** Throughput from a pass without sampling; then a second pass samples the live heap (after collection). */
async function measureFormat(store: Store, format: ExportFormat, gc: () => void): Promise<FormatResult> {
  const sink = new MeasuringSink();
  const started = performance.now();
  const summary = await exportEvents(store, sink, { format });
  const seconds = (performance.now() - started) / 1000;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // Parquet writes once per row group of 10,000 events, the others once per page of 1,000.
  const sampling = new MeasuringSink(gc, format === 'parquet' ? 1 : 10);
  await exportEvents(store, sampling, { format });
  return {
    format, eventsPerSecond: summary.events / seconds, mbPerSecond: sink.bytes / 1e6 / seconds,
    heapGrowthMb: Math.max(0, sampling.peakHeap - heapBefore) / 1e6,
  };
}

export async function exportBench(events = 100_000): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-export-'));
  try {
    const store = await openStore(join(dir, 'export.db'));
    await fill(store, events);
    const results: FormatResult[] = [];
    const gc = collector();
    for (const format of EXPORT_FORMATS) results.push(await measureFormat(store, format, gc));
    await store.close();
    const table = markdownTable(
      ['format', 'events/s', 'MB/s written', 'live heap growth while exporting'],
      results.map((r) => [r.format, Math.round(r.eventsPerSecond), r.mbPerSecond.toFixed(1), `${r.heapGrowthMb.toFixed(1)} MB`]),
    );
    return [
      `${events.toLocaleString('en')} synthetic stored events (10 per document), exported from a SQLite file to a sink that`,
      'keeps nothing, pages of 1,000, one process. "Live heap growth" is the largest heap in use after a garbage',
      'collection during a second export (sampled every 10 pages; every row group for Parquet) less the heap before',
      'it: what the export holds, which does not grow with the number of events.',
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
