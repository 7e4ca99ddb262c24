import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Event } from '../doc/types.js';
import { chooseEvent, labelsOf, pentaclassOf, reliability } from './event-judging.js';
import { evaluate } from './evaluate.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-events-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, items: unknown[]) => writeFileSync(join(dir, name), items.map((item) => JSON.stringify(item)).join('\n'));

function event(overrides: Partial<Event>): Event {
  return {
    id: 'e', plover: 'ASSAULT', cameo: '190', quadClass: 4, goldstein: -10, actors: [], recipients: [], negated: false, future: false,
    hypothetical: false, historical: false, confidence: 0.5, trigger: { start: 0, end: 1, text: 'x' }, evidence: { sentences: [] }, pattern: 'p', ...overrides,
  };
}

test('PentaClass of CAMEO roots: statements 0, verbal and material cooperation 1–2, verbal conflict 3 (16 too), material conflict 4', () => {
  assert.deepEqual(['010', '0211', '036', '057', '061', '0841', '093', '112', '130', '160', '141', '173', '190', '204'].map(pentaclassOf), [0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
  assert.equal(pentaclassOf('x'), undefined);
});

test('labels of label-only sets come from CAMEO codes and killed figures', () => {
  const killed = event({ cameo: '190', casualties: { killed: { min: 2, exact: true, text: 'two', quantity: 'q' } } });
  assert.deepEqual([...labelsOf([killed])].sort(), ['FORCE', 'KILL']);
  assert.deepEqual([...labelsOf([event({ plover: 'COERCE', cameo: '173' })])], ['ARREST']);
  assert.deepEqual([...labelsOf([event({ plover: 'AGREE', cameo: '030' })])], []);
});

test('police labels: violence by a named other actor is not the police\'s; by the police or by no one named it may be', () => {
  const mob = { text: 'a mob', start: 0, end: 5 };
  const police = { text: 'the police', start: 0, end: 10, sector: 'COP', code: 'COP' };
  assert.deepEqual([...labelsOf([event({ cameo: '190', actors: [mob] })])], []);
  assert.deepEqual([...labelsOf([event({ cameo: '175', actors: [police] })])], ['FORCE']);
  assert.deepEqual([...labelsOf([event({ cameo: '193' })])], ['FORCE']);
  assert.deepEqual([...labelsOf([event({ plover: 'COERCE', cameo: '173', actors: [{ text: 'the state government', start: 0, end: 20, sector: 'GOV' }] })])], ['ARREST'], 'only authorities arrest');
});

test('the event chosen for a marked pair is the one whose roles touch it, not merely the most confident', () => {
  const them = { text: 'B', start: 20, end: 21 };
  const confident = event({ id: 'confident', confidence: 0.9, actors: [{ text: 'C', start: 40, end: 41 }] });
  const matching = event({ id: 'matching', confidence: 0.4, actors: [{ text: 'A', start: 0, end: 1 }], recipients: [them] });
  const negated = event({ id: 'negated', confidence: 1, negated: true, actors: [{ text: 'A', start: 0, end: 1 }], recipients: [them] });
  assert.equal(chooseEvent([confident, matching, negated], [{ start: 0, end: 1 }], [{ start: 20, end: 21 }])?.id, 'matching');
  assert.equal(chooseEvent([confident, matching], [], [])?.id, 'confident');
  assert.equal(chooseEvent([negated], [], []), undefined);
});

test('a reciprocal event is read the way round that fits the gold pair; a directed one never is', () => {
  const a = { text: 'A', start: 0, end: 1, code: 'AAA' };
  const b = { text: 'B', start: 10, end: 11, code: 'BBB' };
  const goldBtoA = [[{ start: 10, end: 11 }], [{ start: 0, end: 1 }]] as const;
  const meeting = chooseEvent([event({ id: 'meeting', plover: 'CONSULT', actors: [a], recipients: [b], reciprocal: true })], ...goldBtoA);
  assert.deepEqual([meeting?.actors, meeting?.recipients], [[b], [a]]);
  const attack = chooseEvent([event({ id: 'attack', actors: [a], recipients: [b] })], ...goldBtoA);
  assert.deepEqual([attack?.actors, attack?.recipients], [[a], [b]]);
});

test('reliability: ten bins and the count-weighted gap between confidence and accuracy', () => {
  const judged = [
    ...Array.from({ length: 8 }, (_, i) => ({ confidence: 0.85, correct: i < 4 })),
    ...Array.from({ length: 2 }, () => ({ confidence: 0.15, correct: false })),
  ];
  const { bins, ece } = reliability(judged);
  assert.equal(bins.length, 10);
  assert.deepEqual({ ...bins[8]!, confidence: Number(bins[8]!.confidence.toFixed(9)) }, { from: 0.8, to: 0.9, count: 8, confidence: 0.85, accuracy: 0.5 });
  assert.ok(Math.abs(ece - (0.8 * 0.35 + 0.2 * 0.15)) < 1e-9);
});

test('events: type, roles, no-event items and a confusion matrix on a set of our own', () => {
  const text = 'Azerbaijani forces attacked Armenian positions near the border on Monday.';
  write('typed.jsonl', [
    { id: 't1', text, date: '2021-03-02', events: [{ plover: 'ASSAULT', cameo: null, source: { text: 'Azerbaijani forces', code: 'AZEMIL', start: 0, end: 18 }, target: { text: 'Armenian positions', code: 'ARM', start: 28, end: 46 } }], labels: null },
    { id: 't2', text: 'Protesters marched through the capital on Sunday.', date: null, events: [{ plover: 'AGREE', cameo: null, source: null, target: null }], labels: null },
    { id: 't3', text: 'The weather was mild and the markets were quiet.', date: null, events: [], labels: null },
  ]);
  const [set] = evaluate('events', join(dir, 'typed.jsonl'), { misses: 5 }).sets;
  assert.equal(set!.items, 3);
  assert.equal(set!.metrics.type_acc, 0.5, 'the attack is right, the march is not an agreement');
  assert.equal(set!.metrics.no_event_acc, 1);
  assert.equal(set!.metrics.source_f1, 1);
  assert.equal(set!.metrics.target_f1, 1);
  assert.equal(set!.metrics.source_country, 1);
  assert.equal(set!.metrics.target_country, 1);
  assert.ok(typeof set!.metrics.ece === 'number');
  const confusion = set!.tables!.find((table) => table.title.startsWith('confusion'))!;
  assert.deepEqual(confusion.rows.map((row) => row[0]), ['AGREE', 'ASSAULT']);
  assert.ok(set!.misses!.some((miss) => miss.id === 't2' && /type AGREE, got PROTEST/.test(miss.text)));
});

test('events: label-only sets score the labels Dyad maps and list the others as not scored', () => {
  write('labels.jsonl', [
    { id: 'l1', text: 'police arrested three men on friday.', date: null, events: null, labels: ['ARREST'] },
    { id: 'l2', text: 'the festival ended peacefully.', date: null, events: null, labels: ['PARADE'] },
  ]);
  const [set] = evaluate('events', join(dir, 'labels.jsonl')).sets;
  assert.deepEqual(Object.keys(set!.metrics.label_f1 as object), ['ARREST']);
  assert.equal((set!.metrics.label_f1 as Record<string, { f1: number }>).ARREST!.f1, 1);
  assert.deepEqual(set!.tables!.at(-1)!.rows, [['PARADE', 1]]);
});

test('events: an item without labels or events lists is an error naming the line', () => {
  write('bad.jsonl', [{ text: 'x', events: 'none', labels: null }]);
  assert.throws(() => evaluate('events', join(dir, 'bad.jsonl')), /bad\.jsonl:1: not a gold item of this task/);
});
