import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../../doc/doc.js';
import { contractDocs } from '../../store/store.contract.js';
import fc from 'fast-check';
import { eventLine, figureBounds, formatDocPretty, readableJson } from './format-doc.js';
import { csvField, formatEventCsvRow, formatEventsTable } from './format-events.js';

test('pretty output groups entities, shows dates, figures, quotes, events with evidence and warnings', () => {
  const text = 'Northland artillery shelled Vell on Monday, killing at least four, the mayor said.';
  const { shelling } = contractDocs();
  const doc = createDoc(text, { published: '2031-03-12', publishedFrom: 'user', language: 'eng', format: 'text' }, {
    entities: [
      { id: 't1', start: 0, end: 9, text: 'Northland', type: 'COUNTRY', source: 'gazetteer', confidence: 1, kb: { id: 'country:NLD', name: 'Northland', country: 'NLD' } },
      { id: 't2', start: 28, end: 32, text: 'Vell', type: 'PLACE', source: 'gazetteer', confidence: 1, kb: { id: 'place:x:1', name: 'Vell', country: 'SLD', lat: 41.5, lon: 22.25 } },
      { id: 't3', start: 28, end: 32, text: 'Vell', type: 'PLACE', source: 'gazetteer', confidence: 1, kb: { id: 'place:x:1', name: 'Vell', country: 'SLD', lat: 41.5, lon: 22.25 } },
    ],
    dates: [{ id: 'd1', start: 36, end: 42, text: 'Monday', value: '2031-03-10', granularity: 'day', relative: true, resolved: true }],
    quantities: [{ id: 'n1', start: 44, end: 65, text: 'killing at least four', category: 'killed', min: 4, exact: false, qualifier: 'at least' }],
    quotes: [{ id: 'u1', start: 0, end: 64, kind: 'indirect', text: 'Northland artillery shelled Vell', continued: false, sentences: [0], speaker: { text: 'the mayor', start: 67, end: 76 } }],
    events: [{ ...shelling.layers.events![0]!, evidence: { sentences: [{ start: 0, end: text.length, index: 0 }] }, casualties: { killed: { min: 4, exact: false, text: 'at least four', quantity: 'n1' } } }],
  });
  doc.messages.push({ stage: 'geocode', ruleId: 'ambiguous', severity: 'warning', reason: 'two places named Vell' });
  doc.messages.push({ stage: 'ingest', ruleId: 'furniture-removed', severity: 'info', reason: 'hidden' });
  const out = formatDocPretty(doc);
  assert.match(out, /published 2031-03-12 \(user\) · language eng/);
  assert.match(out, /COUNTRY\n {4}Northland → country:NLD \[NLD\]/);
  assert.match(out, /Vell ×2 → place:x:1 \[SLD\] \(41\.50, 22\.25\)/);
  assert.match(out, /"Monday" → 2031-03-10 \(day, relative\)/);
  assert.match(out, /killed {4}at least 4/);
  assert.match(out, /the mayor, indirect: "Northland artillery shelled Vell"/);
  assert.match(out, /Northland artillery \(NLDMIL\) → ASSAULT \(195\) → Vell \(SLDCVL\) @ Vell \[SLD\], 2031-03-10 {2}\[0\.90\]/);
  assert.match(out, /casualties: killed ≥4/);
  assert.match(out, /“Northland artillery shelled Vell on Monday/);
  assert.match(out, /warning geocode\/ambiguous: two places named Vell/);
  assert.doesNotMatch(out, /hidden/);
});

test('pretty output of an empty, skipped document still says what happened', () => {
  const doc = createDoc('', { format: 'text' });
  doc.skip = { stage: 'ingest', ruleId: 'empty', reason: 'no text left after cleaning' };
  const out = formatDocPretty(doc);
  assert.match(out, /^\(no text\)/);
  assert.match(out, /SKIPPED \(empty\): no text left/);
});

test('a group participant standing for several actors is shown once with all its codes', () => {
  const { talks } = contractDocs();
  const group = { text: 'both ministers', start: 0, end: 14 };
  const event = { ...talks.layers.events![0]!, actors: [{ ...group, code: 'NLDGOV' }, { ...group, code: 'SLDGOV' }], recipients: [] };
  assert.match(eventLine(event), /^both ministers \(NLDGOV, SLDGOV\) → CONSULT \(043\) → — @ Geneva \[CHE\], 2031-04-01 {2}\[0\.80\]$/);
});

test('a mediator is named after the parties', () => {
  const { talks } = contractDocs();
  const event = { ...talks.layers.events![0]!, mediators: [{ text: 'Norway', start: 0, end: 6, code: 'NOR' }] };
  assert.match(eventLine(event), /→ .* \(mediated by Norway \(NOR\)\) @ Geneva/);
});

test('CSV fields are quoted only when needed, with quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a, b'), '"a, b"');
  assert.equal(csvField('say "no"'), '"say ""no"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(-2.5), '-2.5');
  const { talks } = contractDocs();
  const event = { ...talks.layers.events![0]!, actors: [{ text: 'Envoy, "senior"', start: 0, end: 5, code: 'SLDGOV' }] };
  const row = formatEventCsvRow({ id: 'd:e1', docId: 'd', event });
  assert.match(row, /^d:e1,d,,2031-04-01,event,CONSULT,,043,1,2.8,"Envoy, ""senior""",SLDGOV,Northland,NLDGOV,Geneva,CHE,/);
  assert.ok(row.endsWith('\r\n'));
});

test('the event table aligns its columns', () => {
  const docs = contractDocs();
  const rows = docs.shelling.layers.events!.map((event) => ({ id: `x:${event.id}`, docId: docs.shelling.id, event }));
  const lines = formatEventsTable(rows).trimEnd().split('\n');
  const column = lines[0]!.indexOf('cameo');
  assert.equal(lines[1]!.slice(column, column + 3), '195');
  assert.equal(lines[2]!.slice(column, column + 3), '190');
});

// eslint-disable-next-line no-control-regex -- control characters are what the listings must not contain
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

test('listings for the terminal carry no control characters from the page or the text', () => {
  const docs = contractDocs();
  const [event] = docs.shelling.layers.events!;
  const escape = '\u001b]0;owned\u0007\u001b[2J';
  const rows = [{ id: 'x:e1', docId: docs.shelling.id, event: { ...event!, actors: [{ ...event!.actors[0]!, code: `NLD${escape}` }] } }];
  assert.doesNotMatch(formatEventsTable(rows), CONTROL);
  const doc = createDoc('Text.', { title: `Title${escape}`, url: `https://example.test/${escape}`, format: 'html' });
  doc.skip = { stage: 'ingest', ruleId: 'empty', reason: `no text${escape}` };
  const pretty = formatDocPretty(doc);
  assert.doesNotMatch(pretty, CONTROL);
  assert.match(pretty, /^Title\]0;owned\[2J\n/);
});

test('readable JSON keeps arrays of numbers on one line and changes nothing but layout', () => {
  const doc = createDoc('Envoys met.\nTalks resume.', { format: 'text', offsetMap: [[0, 2], [11, -3.5e-7]] });
  const text = readableJson({ ...doc, note: 'a [\n 1,\n 2\n] string', empty: [], nested: [[1, [2, 3]]] });
  assert.match(text, /"offsetMap": \[\n {6}\[0, 2\],\n {6}\[11, -3\.5e-7\]\n {4}\]/);
  assert.match(text, /"note": "a \[\\n 1,\\n 2\\n\] string"/);
  fc.assert(fc.property(fc.jsonValue(), (value) => {
    assert.deepEqual(JSON.parse(readableJson(value)), JSON.parse(JSON.stringify(value)));
  }), { numRuns: 500, seed: 3 });
});

test('a figure whose bounds are one number prints that number once; a range and an open bound print as such', () => {
  assert.equal(figureBounds(40, 40), '40');
  assert.equal(figureBounds(20, 30), '20–30');
  assert.equal(figureBounds(40, undefined), '≥40');
  const docs = contractDocs();
  const event = docs.shelling.layers.events![0]!;
  const doc = {
    ...docs.shelling,
    layers: {
      ...docs.shelling.layers,
      quantities: [{ id: 'n1', text: '40', category: 'injured' as const, min: 40, max: 40, exact: true, cue: { start: 0, end: 1 }, start: 0, end: 1 }],
      events: [{ ...event, casualties: { injured: { min: 40, max: 40, exact: true, text: '40', quantity: 'n1' }, killed: { min: 12, max: 12, exact: false, text: 'about 12', quantity: 'n2' } } }],
    },
  };
  const pretty = formatDocPretty(doc);
  assert.doesNotMatch(pretty, /40–40|12–12/);
  assert.match(pretty, /casualties: injured 40, killed ~12/);
  assert.match(pretty, /injured +40 +"40"/);
});
