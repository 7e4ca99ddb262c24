import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event } from '../doc/types.js';
import { candidateKnowledge } from './candidates.js';
import type { EventOverride } from './overrides.js';

function machine(trigger: string, fields: Partial<Event> = {}): Event {
  return {
    id: 'ev1', plover: 'ASSAULT', cameo: '190', quadClass: 4, goldstein: -10, negated: false, future: false, hypothetical: false, historical: false,
    actors: [{ text: 'the regional forces', start: 0, end: 19 }], recipients: [], confidence: 0.5,
    trigger: { start: 20, end: 20 + trigger.length, text: trigger }, evidence: { sentences: [{ start: 0, end: 40, index: 0 }] }, pattern: 'p', ...fields,
  };
}

const override = (docId: string, fields: Partial<EventOverride>, event: Event): EventOverride => ({
  docId, anchor: { start: event.trigger.start, end: event.trigger.end }, verdict: 'correct', analyst: 'ana', at: '2031-01-01T00:00:00Z', machine: event,
  eventId: `${docId}:ev1`, ...fields,
});

test('corrections become candidate aliases, actors and patterns, the most supported first; verdicts without a change suggest nothing', () => {
  const actor = { text: 'Northland army', code: 'NLDMIL', country: 'NLD' };
  const candidates = candidateKnowledge([
    override('d1', { correction: { actor } }, machine('stormed')),
    override('d2', { correction: { actor } }, machine('stormed')),
    override('d3', { correction: { plover: 'PROTEST' } }, machine('Marched')),
    override('d4', { verdict: 'reject' }, machine('shot')),
    override('d5', { verdict: 'accept' }, machine('shot')),
    override('d6', { correction: { casualties: { killed: 2 } } }, machine('shot')),
    { ...override('d7', { verdict: 'reject' }, machine('shot')), machine: undefined },
  ]);
  assert.deepEqual(candidates.map((c) => [c.kind, c.support]), [['actor', 2], ['alias', 2], ['pattern', 1], ['pattern', 1]]);
  assert.deepEqual(candidates[1], { kind: 'alias', alias: 'the regional forces', name: 'Northland army', code: 'NLDMIL', country: 'NLD', support: 2, examples: ['d1:ev1', 'd2:ev1'] });
  assert.deepEqual(candidates.filter((c) => c.kind === 'pattern').map((c) => c.kind === 'pattern' && [c.trigger, c.from, c.to]), [['marched', 'ASSAULT', 'PROTEST'], ['shot', 'ASSAULT', 'none']]);
});
