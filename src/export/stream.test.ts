import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { parquetMetadata } from 'hyparquet';
import { createDoc } from '../doc/doc.js';
import type { Doc, Event } from '../doc/types.js';
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { countingSource, Sink } from '../test-support/export-fixtures.js';
import { exportEvents } from './export.js';

const DOCS = 2000;
const EVENTS_PER_DOC = 10;
const TOTAL = DOCS * EVENTS_PER_DOC;
const PAGE = 500;

/** Synthetic stored documents: one sentence each, coded with ten events over types, sides and days. */
function syntheticDocs(): Doc[] {
  const types = [['ASSAULT', '190', 4, -10], ['PROTEST', '141', 3, -6.5], ['CONSULT', '043', 1, 2.8]] as const;
  return Array.from({ length: DOCS }, (_, n) => {
    const text = `Report ${n}: forces of Northland and Southland clashed near Vell on day ${n % 28 + 1}.`;
    const doc = createDoc(text, { published: '2031-03-01', url: `https://example.test/${n}` });
    doc.layers.events = Array.from({ length: EVENTS_PER_DOC }, (_, k): Event => {
      const [plover, cameo, quadClass, goldstein] = types[(n + k) % types.length]!;
      return {
        id: `ev${k}`, plover, cameo, quadClass, goldstein, negated: false, future: false, hypothetical: false, historical: false,
        actors: [{ text: 'Northland', start: 0, end: 9, code: k % 2 ? 'NLDMIL' : 'NLD', country: 'NLD' }],
        recipients: [{ text: 'Southland', start: 0, end: 9, code: 'SLD', country: 'SLD' }],
        date: { value: `2031-02-${String(n % 28 + 1).padStart(2, '0')}`, granularity: 'day', basis: 'event' },
        confidence: 0.5, trigger: { start: 0, end: 6, text: 'Report' }, evidence: { sentences: [{ start: 0, end: text.length, index: 0 }] },
        pattern: 'synthetic',
      };
    });
    return doc;
  });
}

const dir = mkdtempSync(join(tmpdir(), 'dyad-export-stream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe(`streaming an export of ${TOTAL} stored events`, () => {
  let store: Store;

  before(async () => {
    // Twenty thousand events of one dyad, place and month make one dense fusion block, whose cost is
    // measured apart (bench/fusion.ts); what this test measures is the export's paging.
    store = openSqliteStore(join(dir, 'many.db'), { fuse: false });
    const docs = syntheticDocs();
    for (let at = 0; at < docs.length; at += 500) await store.putDocs(docs.slice(at, at + 500));
  });
  after(() => store.close());

  test('CSV: the store is read in pages, and each page is written before the next is read', async () => {
    const source = countingSource(store);
    const sink = new Sink(() => source.pages);
    const summary = await exportEvents(source, sink, { format: 'csv', pageSize: PAGE });
    assert.equal(summary.events, TOTAL);
    assert.equal(source.pages, TOTAL / PAGE);
    assert.equal(source.largestPage, PAGE);
    // The header, then one write per page made right after that page was read and before the next one.
    assert.deepEqual(sink.pagesAtWrite, Array.from({ length: TOTAL / PAGE + 1 }, (_, n) => n));
    const rows = parse(sink.text(), { columns: true }) as Array<{ id: string; goldstein: string }>;
    assert.equal(rows.length, TOTAL);
    assert.equal(new Set(rows.map((row) => row.id)).size, TOTAL, 'every event once');
  });

  test('a filtered export is paged the same way and holds only matching events', async () => {
    const source = countingSource(store);
    const sink = new Sink(() => source.pages);
    const expected = await store.countEvents({ plover: 'ASSAULT', actor: 'NLDMIL' });
    const summary = await exportEvents(source, sink, { format: 'jsonl', pageSize: PAGE, filter: { plover: 'ASSAULT', actor: 'NLDMIL' } });
    assert.equal(summary.events, expected);
    assert.ok(expected > PAGE * 2, `enough matches to span pages (${expected})`);
    assert.equal(source.pages, Math.ceil(expected / PAGE));
    assert.deepEqual(sink.pagesAtWrite, Array.from({ length: source.pages }, (_, n) => n + 1));
  });

  test('Parquet: one row group written out as soon as it is full, never the whole file held', async () => {
    const source = countingSource(store);
    const sink = new Sink(() => source.pages);
    const rowGroup = 2000;
    await exportEvents(source, sink, { format: 'parquet', pageSize: PAGE, rowGroupSize: rowGroup });
    const groups = TOTAL / rowGroup;
    const pagesPerGroup = rowGroup / PAGE;
    // One write per row group, made when the pages filling it have been read; then the footer.
    assert.deepEqual(sink.pagesAtWrite, [...Array.from({ length: groups }, (_, g) => (g + 1) * pagesPerGroup), TOTAL / PAGE]);
    const bytes = sink.bytes();
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    assert.equal(Number(metadata.num_rows), TOTAL);
    assert.equal(metadata.row_groups.length, groups);
  });
});
