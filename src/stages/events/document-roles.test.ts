import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event } from '../../doc/types.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { codeEvents } from './events.js';
import { LayerBuilder } from './test-layers.js';

function run(builder: LayerBuilder): Event[] {
  const doc = makeDoc(builder.text, [splitSentences(), codeEvents()], { published: '2022-05-02' }, builder.layers());
  assert.deepEqual(doc.messages.filter((m) => m.severity === 'error'), []);
  return doc.layers.events ?? [];
}

const codes = (participants: Event['actors'] | undefined) => (participants ?? []).map((p) => p.code ?? p.text).sort();
/** The sides of a reciprocal event: each once, the first named acting and the others receiving. */
function sidesOf(event: Event): string[] {
  assert.equal(event.reciprocal, true, 'reciprocal');
  const [actors, recipients] = [codes(event.actors), codes(event.recipients)];
  assert.equal(actors.length, 1, `one side acts: ${actors.join('+')}`);
  assert.ok(recipients.length >= 1 && !recipients.some((code) => actors.includes(code)), `the others receive: ${actors.join('+')} → ${recipients.join('+')}`);
  return [...actors, ...recipients].sort();
}

const only = (events: Event[], plover: string) => {
  const found = events.filter((e) => e.plover === plover);
  assert.equal(found.length, 1, `one ${plover} in ${JSON.stringify(events.map((e) => e.plover))}`);
  return found[0]!;
};

/** Envoys of Chad and Niger as one group actor whose members are the two governments. */
function envoys(text: string, phrase: string): LayerBuilder {
  const builder = new LayerBuilder(text);
  const chad = builder.actor({ id: 'tcd', name: 'Chad', type: 'COUNTRY', kbId: 'country:TCD', country: 'TCD' }, []);
  const niger = builder.actor({ id: 'ner', name: 'Niger', type: 'COUNTRY', kbId: 'country:NER', country: 'NER' }, []);
  builder.actor({ id: 'envoys', name: phrase, type: 'GROUP', sector: 'GOV', members: [chad.id, niger.id] }, [phrase], 'nominal');
  return builder;
}

test('a mediator is only a mediator; the parties of the talks meet each other', () => {
  const text = 'Envoys of Chad and Niger met in Abuja for talks mediated by Togo.';
  const builder = envoys(text, 'Envoys of Chad and Niger');
  builder.country('TGO', 'Togo', ['Togo']);
  const talks = only(run(builder), 'CONSULT');
  assert.deepEqual(sidesOf(talks), ['NERGOV', 'TCDGOV']);
  assert.deepEqual(codes(talks.mediators), ['TGO']);
  assert.equal(talks.mode, 'third-party');
});

test('talks brokered by a third party take the sides of the sentence\'s reciprocal event', () => {
  const text = 'A truce between Chad and Niger held, after talks in Lome brokered by Togo.';
  const builder = new LayerBuilder(text);
  builder.country('TCD', 'Chad', ['Chad']);
  builder.country('NER', 'Niger', ['Niger']);
  builder.country('TGO', 'Togo', ['Togo']);
  const talks = only(run(builder), 'CONSULT');
  assert.deepEqual(sidesOf(talks), ['NER', 'TCD']);
  assert.deepEqual(codes(talks.mediators), ['TGO']);
});

test('a reciprocal event with one side found is that side\'s act, not one on itself', () => {
  const text = 'A truce between Chad’s army and bandits held on Monday.';
  const builder = new LayerBuilder(text);
  builder.actor({ id: 'army', name: 'Chad’s army', type: 'ARMED_GROUP', country: 'TCD', sector: 'MIL' }, ['Chad’s army'], 'nominal');
  const truce = only(run(builder), 'RETREAT');
  assert.deepEqual(codes(truce.actors), ['TCDMIL']);
  assert.deepEqual(truce.recipients, []);
  assert.equal(truce.reciprocal, undefined);
});

test('fighting with no named parties is between the dyad the document opens with, at country level', () => {
  const text = 'Envoys of Chad and Niger met in Abuja on Monday. Clashes last week killed at least 20 people.';
  const builder = envoys(text, 'Envoys of Chad and Niger');
  builder.quantity('at least 20', 'killed', 20, false);
  const events = run(builder);
  assert.deepEqual(sidesOf(only(events, 'CONSULT')), ['NERGOV', 'TCDGOV'], 'the meeting is reciprocal');
  const clashes = only(events, 'ASSAULT');
  assert.deepEqual(sidesOf(clashes), ['NER', 'TCD']);
  assert.equal(clashes.casualties?.killed?.min, 20);
});

test('a protest with no named subject is by the protesters of its sentence; condemning "the arrests" targets the arresters', () => {
  const text = 'Police in Quito arrested dozens of students as thousands marched against a new tax. Opposition leaders condemned the arrests.';
  const builder = new LayerBuilder(text);
  builder.actor({ id: 'police', name: 'Police in Quito', type: 'ARMED_GROUP', country: 'ECU', sector: 'COP' }, ['Police in Quito'], 'nominal');
  builder.actor({ id: 'students', name: 'students', type: 'PEOPLE', country: 'ECU', sector: 'CVL' }, ['students'], 'nominal');
  builder.actor({ id: 'opposition', name: 'Opposition leaders', type: 'GROUP', country: 'ECU', sector: 'OPP' }, ['Opposition leaders'], 'nominal');
  const events = run(builder);
  assert.deepEqual(codes(only(events, 'COERCE').actors), ['ECUCOP']);
  assert.deepEqual(codes(only(events, 'PROTEST').actors), ['ECUCVL']);
  const condemnation = only(events, 'ACCUSE');
  assert.deepEqual(codes(condemnation.actors), ['ECUOPP']);
  assert.deepEqual(codes(condemnation.recipients), ['ECUCOP']);
});

test('an agreement whose subjects are two sides is between them, each side once', () => {
  const text = 'After a long night, the two delegations agreed to reopen the border.';
  const builder = envoys(text, 'the two delegations');
  const deal = only(run(builder), 'AGREE');
  assert.deepEqual(sidesOf(deal), ['NERGOV', 'TCDGOV']);
});

test('an agreement that names no party is between the two sides the document opens with; without them it stays without parties', () => {
  const text = 'Envoys of Chad and Niger met in Abuja on Monday. A deal was agreed late in the evening.';
  const deal = only(run(envoys(text, 'Envoys of Chad and Niger')), 'AGREE');
  assert.deepEqual(sidesOf(deal), ['NERGOV', 'TCDGOV']);
  const alone = only(run(new LayerBuilder('A deal was agreed late in the evening.')), 'AGREE');
  assert.deepEqual([alone.actors.filter((p) => p.code), alone.recipients.filter((p) => p.code)], [[], []]);
  assert.equal(alone.reciprocal, undefined);
});

test('an offer to mediate is made to the sides of the conflict, not to the official who heard it', () => {
  const text = 'Fighting between Chad and Niger went on. Togo offered to mediate in a call with Benin’s foreign minister.';
  const builder = new LayerBuilder(text);
  builder.country('TCD', 'Chad', ['Chad']);
  builder.country('NER', 'Niger', ['Niger']);
  builder.country('TGO', 'Togo', ['Togo']);
  builder.actor({ id: 'ben-fm', name: 'Foreign minister of Benin', type: 'PERSON', country: 'BEN', sector: 'GOV', role: 'foreign minister' }, ['Benin’s foreign minister'], 'nominal');
  const offer = only(run(builder), 'AGREE');
  assert.equal(offer.cameo, '039');
  assert.deepEqual(codes(offer.actors), ['TGO']);
  assert.deepEqual(codes(offer.recipients), ['NER', 'TCD']);
});
