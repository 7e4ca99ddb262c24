import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event } from '../../doc/types.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { codeEvents } from './events.js';
import { LayerBuilder } from './test-layers.js';

const PUBLISHED = { published: '2021-03-12' };

/** The pattern coder's own rules on hand-built layers; the trained classifier has its tests in classify.test.ts. */
function run(builder: LayerBuilder, source: Record<string, string> = PUBLISHED): Event[] {
  const doc = makeDoc(builder.text, [splitSentences(), codeEvents({ classifier: false })], source, builder.layers());
  assert.deepEqual(doc.messages.filter((m) => m.severity === 'error'), []);
  return doc.layers.events ?? [];
}

const codes = (participants: Event['actors'] | undefined) => (participants ?? []).map((p) => p.code).sort();

/** Every whole-word occurrence of a name, as needles for the layer builder. */
function occurrences(text: string, name: string): Array<[string, number]> {
  const needles: Array<[string, number]> = [];
  let at = text.indexOf(name);
  for (let n = 0; at >= 0; n += 1, at = text.indexOf(name, at + 1)) {
    if (!/\w/.test(text[at + name.length] ?? '')) needles.push([name, n]);
  }
  return needles;
}

/** A text about two neighbours, Peru and Ecuador, with their country actors. */
function neighbours(text: string): LayerBuilder {
  const builder = new LayerBuilder(text);
  builder.country('PER', 'Peru', occurrences(text, 'Peru'));
  builder.country('ECU', 'Ecuador', occurrences(text, 'Ecuador'));
  return builder;
}

test('subject-object: the actor before the trigger acts on the first actor after it', () => {
  const events = run(neighbours('Peru accused Ecuador of shelling border villages.'));
  assert.equal(events.length, 1);
  const [accuse] = events;
  assert.equal(accuse?.plover, 'ACCUSE');
  assert.equal(accuse?.cameo, '1123');
  assert.deepEqual(codes(accuse?.actors), ['PER']);
  assert.deepEqual(codes(accuse?.recipients), ['ECU']);
  assert.deepEqual(accuse?.evidence.sentences.map((s) => s.index), [0]);
});

test('"fighting between A and B" is a reciprocal event, each side once and facing the other, with place, date and casualties', () => {
  const builder = neighbours('Fighting between Peru and Ecuador killed 12 soldiers near Tumbes on Monday.');
  builder.place('Tumbes', { name: 'Tumbes', placeId: 'place:geonames:3691148', lat: -3.57, lon: -80.45, resolution: 'city', country: 'PER' });
  builder.date('Monday', '2021-03-08', 'day', true);
  builder.quantity('12 soldiers', 'killed', 12);
  const events = run(builder);
  assert.equal(events.length, 1, 'the verb "killed" is the same fighting, not a second event');
  const [fighting] = events;
  assert.equal(fighting?.plover, 'ASSAULT');
  assert.deepEqual(codes(fighting?.actors), ['PER'], 'the side named first acts');
  assert.deepEqual(codes(fighting?.recipients), ['ECU']);
  assert.equal(fighting?.reciprocal, true);
  assert.equal(fighting?.location?.name, 'Tumbes');
  assert.deepEqual(fighting?.date, { value: '2021-03-08', granularity: 'day', basis: 'event', date: 'date-1' });
  assert.equal(fighting?.casualties?.killed?.min, 12);
  assert.equal(fighting?.quadClass, 4);
  assert.equal(fighting?.goldstein, -10);
});

test('passive "X was attacked by Y": Y is the source', () => {
  const [attack] = run(neighbours('An Ecuador outpost was attacked by Peru.'));
  assert.deepEqual(codes(attack?.actors), ['PER']);
  assert.deepEqual(codes(attack?.recipients), ['ECU']);
});

test('an agentless passive names the target only', () => {
  const [attack] = run(neighbours('Border posts in Ecuador were attacked on Monday. Ecuador was attacked again.'));
  assert.deepEqual(attack?.actors, []);
  assert.deepEqual(codes(attack?.recipients), ['ECU']);
});

test('a place after "in" is the location, not a party', () => {
  const builder = neighbours('Peru deployed troops in Ecuador.');
  const [deploy] = run(builder);
  assert.equal(deploy?.plover, 'MOBILIZE');
  assert.deepEqual(codes(deploy?.actors), ['PER']);
  assert.deepEqual(deploy?.recipients, []);
});

test('"mediated by X" makes X the mediator of the talks between the parties', () => {
  const text = 'Talks between the two states’ top diplomats were mediated by a Brazilian envoy in Brasilia.';
  const builder = new LayerBuilder(text);
  const per = builder.actor({ id: 'per-gov', name: 'Peru', type: 'GOVERNMENT', country: 'PER', sector: 'GOV' }, []);
  const ecu = builder.actor({ id: 'ecu-gov', name: 'Ecuador', type: 'GOVERNMENT', country: 'ECU', sector: 'GOV' }, []);
  builder.actor({ id: 'ministers', name: 'foreign ministers', type: 'GROUP', members: [per.id, ecu.id] }, ['the two states’ top diplomats']);
  builder.actor({ id: 'bra-gov', name: 'Brazilian envoy', type: 'PERSON', country: 'BRA', sector: 'GOV' }, ['a Brazilian envoy']);
  builder.place('Brasilia', { name: 'Brasilia', placeId: 'place:geonames:3469058', lat: -15.78, lon: -47.93, resolution: 'city', country: 'BRA' });
  const events = run(builder);
  assert.equal(events.length, 1);
  const [talks] = events;
  assert.equal(talks?.plover, 'CONSULT');
  assert.equal(talks?.mode, 'third-party');
  assert.deepEqual(codes(talks?.actors), ['PERGOV'], 'each party once, facing the other');
  assert.deepEqual(codes(talks?.recipients), ['ECUGOV']);
  assert.equal(talks?.reciprocal, true);
  assert.deepEqual(codes(talks?.mediators), ['BRAGOV']);
  assert.equal(talks?.location?.name, 'Brasilia');
  assert.deepEqual(talks?.date, { value: '2021-03-12', granularity: 'day', basis: 'report' });
});

test('in a direct quote "we" is the speaker and the addressee comes from the quote', () => {
  const text = '“We will take back our land by any means. We give Ecuador one last chance,” Rios said.';
  const builder = neighbours(text);
  const rios = builder.actor({ id: 'rios', name: 'Ana Rios', type: 'PERSON', country: 'PER', sector: 'GOV' }, ['Rios']);
  const quote = builder.quote('direct', 'We will take back our land by any means. We give Ecuador one last chance,', { needle: 'Rios', actor: rios });
  const events = run(builder);
  const territory = events.find((e) => e.cameo === '1382');
  const ultimatum = events.find((e) => e.cameo === '139');
  assert.ok(territory && ultimatum, JSON.stringify(events.map((e) => e.cameo)));
  assert.deepEqual(territory.actors.map((a) => a.actor), ['rios']);
  assert.deepEqual(codes(territory.recipients), ['ECU']);
  assert.equal(territory.evidence.quote, quote.id);
  assert.equal(territory.future, false, 'a threat speaks of the future by nature');
  assert.deepEqual(ultimatum.actors.map((a) => a.actor), ['rios']);
  assert.deepEqual(codes(ultimatum.recipients), ['ECU']);
});

test('flags: negation, future and hypothetical framing within the clause', () => {
  const events = run(neighbours('Peru will not attack Ecuador. Ecuador plans to deploy troops. If Peru shells the border, Ecuador could retaliate.'));
  const byTrigger = new Map(events.map((e) => [e.trigger.text, e]));
  assert.equal(byTrigger.get('attack')?.negated, true);
  assert.equal(byTrigger.get('attack')?.future, true);
  assert.equal(byTrigger.get('deploy')?.future, true);
  assert.equal(byTrigger.get('deploy')?.negated, false);
  assert.equal(byTrigger.get('shells')?.hypothetical, true);
});

test('a negated concession is a refusal to yield', () => {
  const [refusal] = run(neighbours('Peru will not make any concessions to Ecuador.'));
  assert.equal(refusal?.plover, 'REJECT');
  assert.equal(refusal?.cameo, '124');
  assert.equal(refusal?.negated, false);
  assert.deepEqual(codes(refusal?.recipients), ['ECU']);
});

test('"refuse to" negates a trigger that is not itself a refusal', () => {
  const [meeting] = run(neighbours('Peru refused to meet Ecuador.'));
  assert.equal(meeting?.plover, 'REJECT');
  const [release] = run(neighbours('Peru declined to release prisoners held by Ecuador.'));
  assert.equal(release?.plover, 'REJECT');
  assert.equal(release?.cameo, '124');
});

test('future cooperation is an intent (AGREE), a future conflictual action is a threat', () => {
  const [visit] = run(neighbours('Peru will visit Ecuador next month.'));
  assert.equal(visit?.plover, 'AGREE');
  assert.equal(visit?.cameo, '036');
  const [boycott] = run(neighbours('Peru said it would boycott Ecuador.'));
  assert.equal(boycott?.plover, 'THREATEN');
  const [attack] = run(neighbours('Peru will not attack Ecuador.'));
  assert.equal(attack?.plover, 'ASSAULT');
  assert.equal(attack?.negated, true);
});

test('a demand after a protest is its purpose', () => {
  const events = run(neighbours('Thousands protested in Peru, calling for the release of prisoners.'));
  assert.deepEqual(events.map((e) => e.plover), ['PROTEST']);
});

test('one real-world event is one record, with every evidence sentence and the most specific code', () => {
  const text = 'Peru attacked Ecuador on Monday. Peru shelled Ecuador again overnight. The clashes continued.';
  const events = run(neighbours(text));
  assert.equal(events.length, 1, JSON.stringify(events.map((e) => [e.cameo, e.trigger.text])));
  const [assault] = events;
  assert.deepEqual(assault?.evidence.sentences.map((s) => s.index), [0, 1, 2]);
  assert.equal(assault?.cameo, '194');
});

test('reciprocal events merge whatever the order of the parties', () => {
  const events = run(neighbours('Clashes between Peru and Ecuador erupted. Fighting between Ecuador and Peru went on.'));
  assert.equal(events.length, 1);
});

test('different threats to the same party stay apart when their codes do not refine each other', () => {
  const events = run(neighbours('Peru threatened to invade Ecuador. Peru threatened to impose sanctions on Ecuador.'));
  assert.deepEqual(events.map((e) => e.cameo), ['1382', '1312']);
});

test('two mentions of one side (the country, its government) make one event, not two', () => {
  const text = 'Peru rejected any concessions to Ecuador. Its president ruled out concessions to those in charge of Ecuador.';
  const builder = neighbours(text);
  builder.actor({ id: 'ecugov', name: 'Government of Ecuador', type: 'GOVERNMENT', country: 'ECU', sector: 'GOV' }, ['those in charge of Ecuador'], 'nominal');
  builder.actor({ id: 'pergov', name: 'President of Peru', type: 'PERSON', country: 'PER', sector: 'GOV' }, ['Its president'], 'nominal');
  const rejections = run(builder).filter((e) => e.plover === 'REJECT');
  assert.equal(rejections.length, 1, JSON.stringify(rejections.map((e) => [codes(e.actors), codes(e.recipients)])));
  assert.deepEqual(rejections[0]?.evidence.sentences.map((s) => s.index), [0, 1]);
  assert.deepEqual(codes(rejections[0]?.recipients), ['ECU', 'ECUGOV']);
});

test('a call for a ceasefire without an addressee goes to the parties of the fighting', () => {
  const text = 'Fighting between Peru and Ecuador continued. The head of the Organization of American States urged a truce in the continuing war.';
  const builder = neighbours(text);
  builder.actor({ id: 'oas', name: 'OAS', type: 'IGO', kbId: 'igo:OAS' }, ['The head of the Organization of American States']);
  const request = run(builder).find((e) => e.plover === 'REQUEST');
  assert.equal(request?.cameo, '0256');
  assert.deepEqual(codes(request?.actors), ['IGOOAS']);
  assert.deepEqual(codes(request?.recipients), ['ECU', 'PER']);
});

test('a statement made in a quote happens where it was said; fighting it mentions does not', () => {
  const text = 'Peru attacked Ecuador. “We urge Peru to stop the attacks on Ecuador at once,” the envoy said at a briefing in Lima.';
  const builder = neighbours(text);
  const envoy = builder.actor({ id: 'envoy', name: 'envoy', type: 'PERSON', country: 'CHL', sector: 'GOV' }, ['the envoy'], 'nominal');
  builder.quote('direct', 'We urge Peru to stop the attacks on Ecuador at once', { needle: 'the envoy', actor: envoy });
  builder.place('Lima', { name: 'Lima', placeId: 'place:geonames:3936456', lat: -12.04, lon: -77.03, resolution: 'city', country: 'PER' });
  const events = run(builder);
  const appeal = events.find((e) => e.plover === 'REQUEST');
  assert.equal(appeal?.location?.name, 'Lima');
  assert.equal(events.find((e) => e.plover === 'ASSAULT')?.location, undefined);
});

test('stances, fears and background relations are not events', () => {
  const text = 'Peruvians regard the valley as part of their homeland. The quarrel has stoked worries of a regional war. Chile, a close ally of Peru, has a defence pact with Ecuador. Militias backed by Chile hold the pass.';
  const builder = neighbours(text);
  builder.country('CHL', 'Chile', ['Chile', ['Chile', 1]]);
  assert.deepEqual(run(builder).map((e) => e.pattern), []);
});

test('a dated event more than a year before publication is historical', () => {
  const builder = neighbours('Peru and Ecuador signed a peace agreement in 1998.');
  builder.date('1998', '1998', 'year');
  const [agreement] = run(builder);
  assert.equal(agreement?.historical, true);
  assert.equal(agreement?.date?.basis, 'event');
});

test('negated or hypothetical mentions without parties are dropped, others join the event of their type', () => {
  const events = run(neighbours('Peru attacked Ecuador. Civilians should never be attacked. The attack drew wide criticism.'));
  const assault = events.filter((e) => e.plover === 'ASSAULT');
  assert.equal(assault.length, 1);
  assert.deepEqual(assault[0]?.evidence.sentences.map((s) => s.index), [0, 2]);
});

test('bad input does not crash', () => {
  assert.deepEqual(run(new LayerBuilder('')), []);
  const odd = run(new LayerBuilder('\u0000\uFFFD talks \uD800 between'));
  assert.ok(odd.length <= 1 && odd.every((e) => e.actors.length === 0));
  const long = 'Peru attacked Ecuador near the border. '.repeat(2000);
  assert.equal(run(neighbours(long)).length, 1);
});

const TUMBES = { name: 'Tumbes', placeId: 'place:geonames:3691148', lat: -3.57, lon: -80.45, resolution: 'city', country: 'PER' } as const;
const LIMA = { name: 'Lima', placeId: 'place:geonames:3936456', lat: -12.04, lon: -77.03, resolution: 'city', country: 'PER' } as const;

test('a date two events of one clause share reaches both, unless it modifies the other event\'s noun', () => {
  const builder = neighbours('Ecuador shelled border posts on Sunday and detained dozens of fishermen.');
  builder.date('Sunday', '2021-03-07', 'day', true);
  const events = run(builder);
  assert.deepEqual(events.map((e) => [e.plover, e.date?.value, e.date?.basis]), [['ASSAULT', '2021-03-07', 'event'], ['COERCE', '2021-03-07', 'event']]);
  const trial = neighbours('Ecuador detained two officers for the August 3 shelling of Peru.');
  trial.date('August 3', '2020-08-03', 'day');
  const dated = Object.fromEntries(run(trial).map((e) => [e.plover, [e.date?.value, e.date?.basis]]));
  assert.deepEqual(dated, { COERCE: ['2021-03-12', 'report'], ASSAULT: ['2020-08-03', 'event'] }, 'the detention is not dated by the shelling it is for');
});

test('a place a material act names in its own clause is its location; a place where a report of it was made is not', () => {
  const builder = neighbours('Ecuador shelled the outskirts of Tumbes, the army said in Lima.');
  builder.place('Tumbes', TUMBES);
  builder.place('Lima', LIMA);
  builder.quote('indirect', 'Ecuador shelled the outskirts of Tumbes');
  const [shelling] = run(builder);
  assert.equal(shelling?.plover, 'ASSAULT');
  assert.deepEqual([shelling?.location?.name, shelling?.location?.from], ['Tumbes', 'sentence']);
  const statement = neighbours('Peru accused the outskirts of Tumbes of hiding rebels.');
  statement.place('Tumbes', TUMBES);
  assert.equal(run(statement)[0]?.location, undefined, 'a verbal act is placed only by a locative preposition');
  const address = neighbours('Ecuador shelled a depot on 40 Tumbes Road.');
  address.place('Tumbes', TUMBES);
  assert.notEqual(run(address)[0]?.location?.from, 'sentence', 'a place name inside an address is not the place the sentence gives');
});

test('people shot less the killed are the injured of the event; a sentence with its own injured figure keeps it', () => {
  const shot = neighbours('Peru shelled a market in Ecuador, and seven people were shot, two of them fatally.');
  shot.quantity('seven', 'other', 7);
  shot.quantity('two', 'killed', 2);
  const [shelling] = run(shot);
  assert.equal(shelling?.casualties?.killed?.min, 2);
  assert.deepEqual(shelling?.casualties?.injured, { min: 5, exact: true, text: 'seven', quantity: 'qty-1' });
  assert.equal(shelling?.casualties?.other, undefined);

  const own = neighbours('Peru shelled a market in Ecuador; seven people were shot and three were wounded.');
  own.quantity('seven', 'other', 7);
  own.quantity('three', 'injured', 3);
  assert.equal(run(own)[0]?.casualties?.injured?.min, 3);

  const allKilled = neighbours('Peru shelled a market in Ecuador, and two people were shot and killed.');
  allKilled.quantity('two', 'other', 2);
  allKilled.quantity('two', 'killed', 2);
  assert.equal(run(allKilled)[0]?.casualties?.injured, undefined);
});

test('an article\'s toll told apart from its attack goes to the lead attack, marked as carried from the document', () => {
  const apart = neighbours('Peru shelled a market in Ecuador on Monday. Officials later said four people died.');
  apart.quantity('four people', 'killed', 4);
  const [shelling] = run(apart);
  assert.equal(shelling?.plover, 'ASSAULT');
  assert.deepEqual(shelling?.casualties?.killed, { min: 4, exact: true, text: 'four people', quantity: 'qty-1', from: 'document' });

  const own = neighbours('Peru shelled a market in Ecuador, and two people were killed. Officials later said four people were hurt.');
  own.quantity('two people', 'killed', 2);
  own.quantity('four people', 'injured', 4);
  const [attack] = run(own);
  assert.equal(attack?.casualties?.killed?.from, undefined);
  assert.equal(attack?.casualties?.killed?.min, 2);
  assert.equal(attack?.casualties?.injured?.from, 'document');
});
