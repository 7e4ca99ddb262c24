import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { openStore, type EvidencedEvent, type Store } from '../store/store.js';
import { fillStore, Sink, trickyDoc, TRICKY_TEXT, withStoryLookup } from '../test-support/export-fixtures.js';
import { EXPORT_COLUMNS } from './columns.js';
import { csvCell } from './csv.js';
import { exportEvents, type ExportFormat } from './export.js';
import { GDELT_HEADER } from './gdelt.js';

/** The GDELT 2.0 Event Codebook's columns, written out here independently of the exporter's list. */
const GDELT_CODEBOOK = `GlobalEventID Day MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL`.split(/\s+/);

const dir = mkdtempSync(join(tmpdir(), 'dyad-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('exports of a real store', () => {
  let store: Store;
  let stored: EvidencedEvent[];
  const tricky = trickyDoc();
  const trickyId = `${tricky.id}:ev1`;

  before(async () => {
    store = await openStore(join(dir, 'formats.db'));
    await fillStore(store);
    stored = [];
    for await (const page of store.streamEvents({}, { pageSize: 3 })) stored.push(...page);
  });
  after(() => store.close());

  const run = async (format: ExportFormat, source: Parameters<typeof exportEvents>[0] = store, pageSize = 2) => {
    const sink = new Sink();
    const summary = await exportEvents(source, sink, { format, pageSize, rowGroupSize: 3 });
    return { sink, summary };
  };

  test('the coded articles give events, among them an attack with a negative Goldstein score', () => {
    assert.ok(stored.some((e) => e.event.plover === 'ASSAULT' && (e.event.goldstein ?? 0) < 0 && e.docId !== tricky.id), JSON.stringify(stored.map((e) => e.event.plover)));
    assert.ok(stored.length >= 3);
  });

  test('CSV reads back with a real CSV parser: header, one row per event, numbers as numbers, formulas guarded', async () => {
    const { sink, summary } = await run('csv');
    const text = sink.text();
    assert.equal(summary.events, stored.length);
    assert.notEqual(text.charCodeAt(0), 0xfeff, 'no byte-order mark');
    assert.ok(text.endsWith('\n') && !text.includes('\r'), '\\n line ends, a complete last line');
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(Object.keys(rows[0]!), EXPORT_COLUMNS.map((c) => c.name));
    assert.deepEqual(rows.map((r) => r.id).sort(), stored.map((e) => e.id).sort());
    const row = rows.find((r) => r.id === trickyId)!;
    assert.equal(row.actor, `'=HYPERLINK("http://evil.test","click")`, 'a formula in a text cell gets a leading quote');
    assert.equal(row.recipient, `'@SUM`);
    assert.equal(row.recipient_code, `'+SLD`);
    assert.equal(row.title, `'-Breaking, "quoted"`);
    assert.equal(row.sentence, `'${TRICKY_TEXT}`);
    assert.equal(row.url, 'https://example.test/a,b?"q"');
    assert.equal(row.goldstein, '-10', 'a negative number stays a number');
    assert.equal(row.lat, '-41.5');
    assert.equal(row.killed, '2');
    assert.equal(row.negated, 'FALSE');
    assert.equal(row.quote_id, 'q1');
    assert.equal(row.story_id, (await store.storiesOfEvents([trickyId])).get(trickyId) ?? '', 'the story the store filed it in');
    assert.deepEqual([row.date, row.date_start, row.date_end], ['2031-05', '2031-05-01', '2031-05-31']);
    for (const r of rows) assert.match(r.date_start ?? '', /^(\d{4}-\d{2}-\d{2})?$/);
    const attack = rows.find((r) => r.plover === 'ASSAULT' && r.id !== trickyId)!;
    assert.ok(Number(attack.goldstein) < 0 && !attack.goldstein!.startsWith("'"));
    assert.ok(attack.sentence!.length > 0 && attack.doc_id!.length > 0);
  });

  test('the formula guard applies to text cells only', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.ok(csvCell('text', `${start}x`).replace(/^"/, '').startsWith(`'${start}`), JSON.stringify(start));
    assert.equal(csvCell('text', '-10'), `'-10`, 'in a text column even a number-like cell is guarded');
    assert.equal(csvCell('number', -10), '-10');
    assert.equal(csvCell('number', -0.5), '-0.5');
    assert.equal(csvCell('number', Number.NaN), '');
    assert.equal(csvCell('text', 'plain, with comma'), '"plain, with comma"');
    assert.equal(csvCell('text', undefined), '');
  });

  test('JSON Lines: one record per event with its evidence text and, from a store with stories, its story id', async () => {
    const plain = (await run('jsonl')).sink.text().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(plain.length, stored.length);
    const record = plain.find((r) => r.id === trickyId)! as { sentences: string[]; quoteId: string; storyId: string | null; docId: string; url: string };
    assert.deepEqual(record.sentences, [TRICKY_TEXT]);
    assert.equal(record.quoteId, 'q1');
    assert.equal(record.storyId, (await store.storiesOfEvents([trickyId])).get(trickyId) ?? null);
    assert.equal(record.url, 'https://example.test/a,b?"q"');
    const source = withStoryLookup(store);
    const { sink, summary } = await run('jsonl', source);
    const withStories = sink.text().trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; storyId: string });
    assert.ok(summary.stories);
    assert.equal(source.lookups, summary.pages, 'one story lookup per page');
    for (const r of withStories) assert.equal(r.storyId, `story-${r.id.slice(-6)}`);
  });

  test('PLOVER JSON: the manual\'s fields, one object per line, the story id as link', async () => {
    const { sink } = await run('plover', withStoryLookup(store));
    const records = sink.text().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(records.length, stored.length);
    for (const r of records) {
      assert.equal(typeof r.id, 'string');
      assert.ok(Array.isArray(r.actor) && Array.isArray(r.event) && Array.isArray(r.event_text));
      if (r.date !== undefined) assert.match(r.date as string, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(r.link as string, /^story-/);
    }
    interface PloverRecord {
      date: string; enddate: string; event: string[]; quad_code: number; event_scale: number; actor: unknown[]; event_loc: unknown;
      size: unknown; event_text: string[]; story_id: string; dyad: { quote_id: string }; cite_info: { url: string };
    }
    const record = records.find((r) => r.id === trickyId)! as unknown as PloverRecord;
    assert.deepEqual([record.date, record.enddate], ['2031-05-01', '2031-05-31']);
    assert.deepEqual(record.event, ['ASSAULT']);
    assert.equal(record.quad_code, 4);
    assert.equal(record.event_scale, -10);
    assert.deepEqual(record.actor[0], { code: 'NLD', sector: 'MIL', entity_text: '=HYPERLINK("http://evil.test","click")', dyad_code: 'NLDMIL' });
    assert.deepEqual(record.event_loc, { extracted_place: 'Vell', resolved_place: 'Vell', geonameid: 123, lat: -41.5, lon: -22.25, country_code: 'SLD', resolution: 4, dyad_place_id: 'place:geonames:123' });
    assert.deepEqual(record.size, { dead: 2 });
    assert.deepEqual(record.event_text, [TRICKY_TEXT]);
    assert.equal(record.story_id, tricky.id, 'NGEC\'s story_id is the source article');
    assert.equal(record.dyad.quote_id, 'q1');
    assert.equal(record.cite_info.url, 'https://example.test/a,b?"q"');
  });

  test('GDELT TSV: the codebook\'s columns in order, then the evidence; every line as wide as the header', async () => {
    const { sink } = await run('gdelt');
    const lines = sink.text().split('\n');
    assert.equal(lines.pop(), '', 'ends with a line break');
    const header = lines[0]!.split('\t');
    assert.deepEqual(header.slice(0, 61), GDELT_CODEBOOK);
    assert.equal(GDELT_CODEBOOK.length, 61);
    assert.deepEqual(header, GDELT_HEADER);
    const rows = lines.slice(1).map((line) => line.split('\t'));
    assert.equal(rows.length, stored.length);
    for (const row of rows) assert.equal(row.length, header.length);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    const row = rows.find((r) => r[0] === trickyId)!;
    assert.equal(cell(row, 'Day'), '', 'a month date has no day');
    assert.equal(cell(row, 'MonthYear'), '203105');
    assert.equal(cell(row, 'Year'), '2031');
    assert.equal(cell(row, 'Actor1Code'), 'NLDMIL');
    assert.equal(cell(row, 'Actor1Name'), `'=HYPERLINK("http://evil.test","click")`);
    assert.equal(cell(row, 'Actor1Type1Code'), 'MIL');
    assert.equal(cell(row, 'EventCode'), '190');
    assert.equal(cell(row, 'EventRootCode'), '19');
    assert.equal(cell(row, 'GoldsteinScale'), '-10');
    assert.equal(cell(row, 'IsRootEvent'), '1');
    assert.equal(cell(row, 'ActionGeo_Type'), '4');
    assert.equal(cell(row, 'ActionGeo_Lat'), '-41.5');
    assert.match(cell(row, 'DATEADDED')!, /^20\d{12}$/);
    assert.equal(cell(row, 'DyadSentence'), `'${TRICKY_TEXT.replace('\t', ' ')}`, 'a tab inside a text becomes a space');
    assert.equal(cell(row, 'DyadDocID'), tricky.id);
    const dated = rows.find((r) => /^\d{8}$/.test(cell(r, 'Day')!));
    assert.ok(dated, 'a coded article dated to the day has its Day');
    assert.match(cell(dated, 'FractionDate')!, /^\d{4}\.\d{1,4}$/);
    const bare = new Sink();
    await exportEvents(store, bare, { format: 'gdelt', header: false });
    assert.equal(bare.text().split('\n').length - 1, stored.length, 'without the header, one line per event');
  });

  test('Parquet reads back with hyparquet: typed columns, row groups of the size asked', async () => {
    const { sink } = await run('parquet', withStoryLookup(store));
    const bytes = sink.bytes();
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const metadata = parquetMetadata(buffer);
    assert.equal(Number(metadata.num_rows), stored.length);
    assert.equal(metadata.row_groups.length, Math.ceil(stored.length / 3));
    const rows = await parquetReadObjects({ file: buffer }) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(rows[0]!), EXPORT_COLUMNS.map((c) => c.name));
    const row = rows.find((r) => r.id === trickyId)!;
    assert.equal(row.goldstein, -10);
    assert.equal(row.lat, -41.5);
    assert.equal(row.negated, false);
    assert.equal(row.killed, 2);
    assert.equal(row.actor, '=HYPERLINK("http://evil.test","click")', 'Parquet is not a spreadsheet: text as coded');
    assert.equal(row.sentence, TRICKY_TEXT);
    assert.match(row.story_id as string, /^story-/);
    assert.equal(row.mediator, null);
  });

  test('filters apply to every format', async () => {
    const sink = new Sink();
    const summary = await exportEvents(store, sink, { format: 'csv', filter: { plover: 'ASSAULT', country: 'SLD' } });
    assert.equal(summary.events, 1);
    const rows = parse(sink.text(), { columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(rows.map((r) => r.id), [trickyId]);
  });
});
