import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Doc } from '../../doc/types.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { findEntities } from '../entities/entities.js';
import { splitSentences } from '../tokens/tokens.js';
import { checkActorRoles, resolveActors } from './actors.js';
import { entitiesAt } from './test-entities.js';

type Specs = Parameters<typeof entitiesAt>[1];

function actorsOf(text: string, specs: Specs): { doc: Doc; actors: Actor[] } {
  const doc = makeDoc(text, [splitSentences(), resolveActors()], {}, { entities: entitiesAt(text, specs) });
  assert.deepEqual(doc.messages.filter((m) => m.severity === 'error'), []);
  return { doc, actors: doc.layers.actors! };
}

function actorAt(doc: Doc, phrase: string, occurrence = 0): Actor | undefined {
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) at = doc.text.indexOf(phrase, at + 1);
  assert.ok(at >= 0, `"${phrase}" is in the text`);
  return doc.layers.actors!.find((actor) => actor.mentions.some((m) => m.start === at && m.end === at + phrase.length));
}

test('the role knowledge file is valid', () => {
  assert.deepEqual(checkActorRoles(), []);
});

test('a person is one actor across full name, title, honorific and surname', () => {
  const text = 'President Jane Okafor arrived in Lagos on Monday. Okafor met students.\nMs Okafor later left.';
  const { doc, actors } = actorsOf(text, [['President Jane Okafor', 'PERSON'], ['Ms Okafor', 'PERSON'], ['Okafor', 'PERSON']]);
  const okafor = actorAt(doc, 'President Jane Okafor')!;
  assert.equal(okafor.name, 'Jane Okafor');
  assert.equal(okafor.role, 'president');
  assert.equal(okafor.sector, 'GOV');
  assert.equal(actorAt(doc, 'Okafor', 1), okafor);
  assert.equal(actorAt(doc, 'Ms Okafor'), okafor);
  assert.equal(actors.filter((a) => a.type === 'PERSON').length, 1);
  assert.equal(okafor.id, 'a1');
});

test('different first names with one surname stay apart', () => {
  const text = 'Tom Banda and Rose Banda spoke.';
  const { actors } = actorsOf(text, [['Tom Banda', 'PERSON'], ['Rose Banda', 'PERSON']]);
  assert.equal(actors.length, 2);
});

test('nationality or country before a title gives the person a country and a sector', () => {
  const text = 'Kenyan President Jane Okafor met Tanzania’s foreign minister, Ali Musa, and their Ugandan counterpart, Peter Obi.';
  const { doc } = actorsOf(text, [
    ['Jane Okafor', 'PERSON'], ['Ali Musa', 'PERSON'], ['Peter Obi', 'PERSON'],
    ['Kenyan', 'NATIONALITY', { country: 'KEN' }], ['Tanzania', 'COUNTRY', { country: 'TZA' }], ['Ugandan', 'NATIONALITY', { country: 'UGA' }],
  ]);
  const okafor = actorAt(doc, 'Jane Okafor')!;
  assert.deepEqual([okafor.role, okafor.country, okafor.sector], ['president', 'KEN', 'GOV']);
  assert.equal(actorAt(doc, 'Kenyan President'), okafor);
  const musa = actorAt(doc, 'Ali Musa')!;
  assert.deepEqual([musa.role, musa.country, musa.sector], ['foreign minister', 'TZA', 'GOV']);
  assert.equal(actorAt(doc, 'Tanzania’s foreign minister'), musa);
  const obi = actorAt(doc, 'Peter Obi')!;
  assert.deepEqual([obi.country, obi.sector], ['UGA', 'GOV']);
  assert.equal(actorAt(doc, 'Tanzania')?.type, 'COUNTRY');
});

test('"X\'s president" before the name becomes an office actor that the named president takes over', () => {
  const text = 'Ghana’s president warned of unrest. Later, Ghanaian President Kofi Mensah said talks would go on. The president left.';
  const { doc, actors } = actorsOf(text, [['Kofi Mensah', 'PERSON'], ['Ghana', 'COUNTRY', { country: 'GHA', name: 'Ghana' }], ['Ghanaian', 'NATIONALITY', { country: 'GHA' }]]);
  const mensah = actorAt(doc, 'Kofi Mensah')!;
  assert.equal(actorAt(doc, 'Ghana’s president'), mensah);
  assert.equal(actorAt(doc, 'The president'), mensah);
  assert.equal(mensah.name, 'Kofi Mensah');
  assert.equal(actors.filter((a) => a.type === 'PERSON').length, 1);
});

test('an office named once without its holder gets a made-up name and the country', () => {
  const text = 'The Malian president met Senegal’s prime minister.';
  const { doc } = actorsOf(text, [['Malian', 'NATIONALITY', { country: 'MLI' }], ['Senegal', 'COUNTRY', { country: 'SEN', name: 'Senegal' }]]);
  const president = actorAt(doc, 'The Malian president')!;
  assert.deepEqual([president.type, president.country, president.sector, president.kbId], ['PERSON', 'MLI', 'GOV', 'country:MLI']);
  assert.equal(actorAt(doc, 'Senegal’s prime minister')?.name, 'Prime Minister of Senegal');
});

test('a named person with a known country takes "X\'s president" later in the text', () => {
  const text = 'Amina Diallo spoke on Tuesday. Mali’s president said the border was closed.';
  const { doc } = actorsOf(text, [['Amina Diallo', 'PERSON', { id: 'person:amina-diallo', country: 'MLI', sector: 'GOV' }], ['Mali', 'COUNTRY', { country: 'MLI' }]]);
  assert.equal(actorAt(doc, 'Mali’s president'), actorAt(doc, 'Amina Diallo'));
  assert.equal(actorAt(doc, 'Amina Diallo')?.role, 'president');
});

test('governments, those in charge, authorities and places of government', () => {
  const text = 'The Chadian government rejected the plan. Those in charge of Chad said no. Chadian authorities closed roads, and the government in Ndjamena stayed silent.';
  const { doc, actors } = actorsOf(text, [['Chadian', 'NATIONALITY', { country: 'TCD' }], ['Chad', 'COUNTRY', { country: 'TCD', name: 'Chad' }], ['Ndjamena', 'PLACE', { id: 'place:1', country: 'TCD' }]]);
  const government = actorAt(doc, 'The Chadian government')!;
  assert.deepEqual([government.type, government.country, government.sector, government.name], ['GOVERNMENT', 'TCD', 'GOV', 'Government of Chad']);
  assert.equal(actorAt(doc, 'Those in charge of Chad'), government);
  assert.equal(actorAt(doc, 'Chadian authorities'), government);
  assert.equal(actorAt(doc, 'the government in Ndjamena'), government);
  assert.equal(actors.filter((a) => a.type === 'GOVERNMENT').length, 1);
});

test('armed groups: ethnic and backed forces are rebels, plain forces are the military', () => {
  const text = 'Ethnic Somali forces clashed with Ethiopian troops. Eritrean-backed rebels joined.';
  const { doc } = actorsOf(text, [['Somali', 'NATIONALITY', { country: 'SOM' }], ['Ethiopian', 'NATIONALITY', { country: 'ETH' }], ['Eritrean', 'NATIONALITY', { country: 'ERI' }]]);
  const ethnic = actorAt(doc, 'Ethnic Somali forces')!;
  assert.deepEqual([ethnic.type, ethnic.country, ethnic.sector], ['ARMED_GROUP', 'SOM', 'REB']);
  const troops = actorAt(doc, 'Ethiopian troops')!;
  assert.deepEqual([troops.country, troops.sector], ['ETH', 'MIL']);
  const rebels = actorAt(doc, 'Eritrean-backed rebels')!;
  assert.deepEqual([rebels.country, rebels.sector], ['ERI', 'REB']);
});

test('the head of an IGO is a person of that IGO, taken over by the named head', () => {
  const text = 'The head of the World Food Programme visited. Maria Lopez, the head of the World Food Programme, said aid was coming.';
  const { doc } = actorsOf(text, [['World Food Programme', 'IGO', { id: 'igo:WFP', sector: 'IGO' }], ['Maria Lopez', 'PERSON']]);
  const first = actorAt(doc, 'The head of the World Food Programme')!;
  assert.equal(first, actorAt(doc, 'Maria Lopez'));
  assert.deepEqual([first.type, first.sector, first.name, first.role], ['PERSON', 'IGO', 'Maria Lopez', 'head']);
  assert.equal(first.organisation, 'igo:WFP', 'the head acts for the organisation');
  assert.equal(actorAt(doc, 'World Food Programme')?.type, 'IGO');
});

test('the knowledge base can say a named person is the IGO head', () => {
  const text = 'The director-general of the World Food Programme called for calm. Maria Lopez flew to Rome.';
  const { doc } = actorsOf(text, [['World Food Programme', 'IGO', { id: 'igo:WFP', sector: 'IGO' }], ['Maria Lopez', 'PERSON', { id: 'person:maria-lopez', sector: 'IGO' }]]);
  assert.equal(actorAt(doc, 'The director-general of the World Food Programme'), actorAt(doc, 'Maria Lopez'));
});

test('people.jsonl (through the entity kb id) says who holds an office on the publication date', () => {
  const text = 'The head of the World Health Organization urged calm. Later, Tedros Adhanom Ghebreyesus spoke in Geneva.';
  const { doc } = actorsOf(text, [['World Health Organization', 'IGO', { id: 'igo:WHO', sector: 'IGOHLH' }], ['Tedros Adhanom Ghebreyesus', 'PERSON', { id: 'person:tedros-adhanom-ghebreyesus' }]]);
  const tedros = actorAt(doc, 'Tedros Adhanom Ghebreyesus')!;
  assert.equal(actorAt(doc, 'The head of the World Health Organization'), tedros);
  assert.equal(tedros.kbId, 'person:tedros-adhanom-ghebreyesus');
  assert.equal(tedros.organisation, 'igo:WHO');
});

test('"both countries" makes a group of the two countries last mentioned', () => {
  const text = 'Peru accused Chile of spying, and Bolivia watched. The foreign ministers of both countries met. The two countries’ leaders spoke later.';
  const { doc, actors } = actorsOf(text, [['Peru', 'COUNTRY', { country: 'PER' }], ['Chile', 'COUNTRY', { country: 'CHL' }], ['Bolivia', 'COUNTRY', { country: 'BOL' }]]);
  const group = actorAt(doc, 'The foreign ministers of both countries')!;
  assert.equal(group.type, 'GROUP');
  assert.equal(group.sector, 'GOV');
  const members = group.members!.map((id) => actors.find((a) => a.id === id)?.country).sort();
  assert.deepEqual(members, ['BOL', 'CHL']);
  assert.equal(actorAt(doc, 'The two countries’ leaders'), group);
});

test('"both countries" counts only the countries named before it', () => {
  const text = 'Peru and Chile are at odds. The foreign ministers of both countries met their Bolivian counterpart.';
  const { doc, actors } = actorsOf(text, [['Peru', 'COUNTRY', { country: 'PER' }], ['Chile', 'COUNTRY', { country: 'CHL' }], ['Bolivian', 'NATIONALITY', { country: 'BOL' }]]);
  const group = actorAt(doc, 'The foreign ministers of both countries')!;
  assert.deepEqual(group.members!.map((id) => actors.find((a) => a.id === id)?.country).sort(), ['CHL', 'PER']);
});

test('demonym plurals are a people; countries are one actor each', () => {
  const text = 'Nepal and India signed. Nepalis celebrated in the streets of Nepal.';
  const { doc } = actorsOf(text, [['Nepal', 'COUNTRY', { country: 'NPL' }], ['India', 'COUNTRY', { country: 'IND' }], ['Nepalis', 'NATIONALITY', { country: 'NPL' }]]);
  const people = actorAt(doc, 'Nepalis')!;
  assert.deepEqual([people.type, people.country], ['PEOPLE', 'NPL']);
  assert.equal(actorAt(doc, 'Nepal'), actorAt(doc, 'Nepal', 2));
  assert.equal(actorAt(doc, 'Nepal')?.kbId, 'country:NPL');
});

test('he and his go to the subject of the previous sentence; they only when clear', () => {
  const text = 'Sara Kim met Tom Lee in Paris. He said the meeting went well, and his aides agreed. The Peruvian government and Bolivian rebels argued. They left.\nThe Peruvian government met again. They said nothing.';
  const { doc } = actorsOf(text, [['Sara Kim', 'PERSON'], ['Tom Lee', 'PERSON'], ['Peruvian', 'NATIONALITY', { country: 'PER' }], ['Bolivian', 'NATIONALITY', { country: 'BOL' }]]);
  const kim = actorAt(doc, 'Sara Kim')!;
  assert.equal(actorAt(doc, 'He'), kim);
  assert.equal(actorAt(doc, 'his'), kim);
  assert.equal(actorAt(doc, 'They'), undefined);
  assert.equal(actorAt(doc, 'They', 1), actorAt(doc, 'The Peruvian government'));
});

test('a pronoun after a closing quotation mark skips people named inside the quotation', () => {
  const text = 'Omar Haddad spoke first. “We trust Lina Saab,” he said.';
  const { doc } = actorsOf(text, [['Omar Haddad', 'PERSON'], ['Lina Saab', 'PERSON']]);
  assert.equal(actorAt(doc, 'he'), actorAt(doc, 'Omar Haddad'));
});

test('empty and odd input', () => {
  assert.deepEqual(actorsOf('', []).actors, []);
  assert.deepEqual(actorsOf('\u{1F600} ‘’ "" \u0000 ,,,', []).actors, []);
  assert.ok(actorsOf('the president '.repeat(2000), []).actors.length <= 1);
});

test('an office plural owned by two coordinated countries is a group of both', () => {
  const text = 'The defence ministers of Chile and Peru met on Friday. Later, Bolivia and Chile’s leaders spoke.';
  const { doc, actors } = actorsOf(text, [['Chile', 'COUNTRY', { country: 'CHL' }], ['Peru', 'COUNTRY', { country: 'PER' }], ['Bolivia', 'COUNTRY', { country: 'BOL' }]]);
  const ministers = actorAt(doc, 'The defence ministers of Chile and Peru')!;
  assert.deepEqual([ministers.type, ministers.sector], ['GROUP', 'GOV']);
  assert.deepEqual(ministers.members!.map((id) => actors.find((a) => a.id === id)?.country).sort(), ['CHL', 'PER']);
  const leaders = actorAt(doc, 'Bolivia and Chile’s leaders')!;
  assert.deepEqual(leaders.members!.map((id) => actors.find((a) => a.id === id)?.country).sort(), ['BOL', 'CHL']);
});

test('"their" with no collective in reach is the pair of countries just named', () => {
  const text = 'Chad accused Niger of bombing a market. Fighting along their border went on.';
  const { doc, actors } = actorsOf(text, [['Chad', 'COUNTRY', { country: 'TCD' }], ['Niger', 'COUNTRY', { country: 'NER' }]]);
  const pair = actorAt(doc, 'their')!;
  assert.equal(pair.type, 'GROUP');
  assert.deepEqual(pair.members!.map((id) => actors.find((a) => a.id === id)?.country).sort(), ['NER', 'TCD']);
  const three = actorsOf('Chad, Niger and Mali met. Their talks ended.', [['Chad', 'COUNTRY', { country: 'TCD' }], ['Niger', 'COUNTRY', { country: 'NER' }], ['Mali', 'COUNTRY', { country: 'MLI' }]]);
  assert.equal(actorAt(three.doc, 'Their'), undefined, 'three countries are no pair');
});

test('unowned police take the country of the place they are in; "the army" is the army named before', () => {
  const text = 'Police in Quito detained students. Ecuador’s army stayed in barracks, and the army later left.';
  const { doc } = actorsOf(text, [['Police', 'ORG'], ['Quito', 'PLACE', { id: 'place:1', country: 'ECU' }], ['Ecuador', 'COUNTRY', { country: 'ECU' }]]);
  const police = actorAt(doc, 'Police in Quito')!;
  assert.deepEqual([police.type, police.country, police.sector], ['ARMED_GROUP', 'ECU', 'COP']);
  const army = actorAt(doc, 'Ecuador’s army')!;
  assert.deepEqual([army.country, army.sector], ['ECU', 'MIL']);
  assert.equal(actorAt(doc, 'the army'), army);
});

test('protesters, opposition leaders and unowned troops belong to the document\'s clearly dominant country', () => {
  const text = 'Protesters filled the streets of Lima. Peruvian opposition figures met. Opposition leaders condemned Peru’s president, and troops were deployed.';
  const { doc } = actorsOf(text, [['Lima', 'PLACE', { id: 'place:2', country: 'PER' }], ['Peruvian', 'NATIONALITY', { country: 'PER' }], ['Peru', 'COUNTRY', { country: 'PER' }]]);
  const protesters = actorAt(doc, 'Protesters')!;
  assert.deepEqual([protesters.type, protesters.country, protesters.sector], ['PEOPLE', 'PER', 'CVL']);
  const opposition = actorAt(doc, 'Opposition leaders')!;
  assert.deepEqual([opposition.type, opposition.country, opposition.sector], ['GROUP', 'PER', 'OPP']);
  assert.deepEqual([actorAt(doc, 'troops')?.country, actorAt(doc, 'troops')?.sector], ['PER', 'MIL']);
  const mixed = actorsOf('Troops from Chile entered Peru. Troops were deployed.', [['Chile', 'COUNTRY', { country: 'CHL' }], ['Peru', 'COUNTRY', { country: 'PER' }]]);
  assert.equal(actorAt(mixed.doc, 'Troops', 1), undefined, 'no dominant country, no owner');
});

test('a sector modifier without an owner still marks the side: separatist rebels', () => {
  const text = 'A truce between the army and separatist rebels held, and the rebels kept it.';
  const { doc } = actorsOf(text, []);
  const rebels = actorAt(doc, 'separatist rebels')!;
  assert.equal(rebels.sector, 'REB');
  assert.equal(actorAt(doc, 'the rebels'), rebels);
});

test('merged actors carry no keys without a value, so the layer is plain JSON', () => {
  const doc = makeDoc('U.S. president . Trump’s', [splitSentences(), findEntities(), resolveActors()], { published: '2030-01-01' });
  const actors = doc.layers.actors ?? [];
  assert.ok(actors.length > 0);
  assert.deepEqual(JSON.parse(JSON.stringify(actors)), actors);
});

test('an office holder made without an organisation carries no organisation key', () => {
  const doc = makeDoc('ai+EW president NaN was 1 NaN Kenya thousands ’ last week', [splitSentences(), findEntities(), resolveActors()], { published: '1999-12-31' });
  const actors = doc.layers.actors ?? [];
  assert.ok(actors.length > 0);
  assert.deepEqual(JSON.parse(JSON.stringify(actors)), actors);
});

test('a seat of government stands for the government that sits there, the same actor as that government by name', () => {
  const text = 'The Elysee summoned the ambassador of Chad. Later the French government said the Pentagon had been told.';
  const doc = makeDoc(text, [splitSentences(), findEntities(), resolveActors()], { published: '2030-01-01' });
  const seat = actorAt(doc, 'The Elysee') ?? actorAt(doc, 'Elysee');
  assert.ok(seat, 'the Elysee is an actor');
  assert.equal(seat.type, 'GOVERNMENT');
  assert.equal(seat.country, 'FRA');
  assert.equal(seat.sector, 'GOV');
  assert.equal(actorAt(doc, 'the French government'), seat, 'one actor for the seat and the government');
  const defence = actorAt(doc, 'the Pentagon') ?? actorAt(doc, 'Pentagon');
  assert.equal(defence?.country, 'USA');
  assert.equal(defence?.sector, 'MIL');
});

test('a pair phrase standing alone ("both sides agreed") is the group of the two countries last mentioned', () => {
  const text = 'Chad and Niger held talks in Abuja. Both sides agreed to reopen the border.';
  const { doc } = actorsOf(text, [['Chad', 'COUNTRY', { country: 'TCD' }], ['Niger', 'COUNTRY', { country: 'NER' }]]);
  const sides = actorAt(doc, 'Both sides');
  assert.equal(sides?.type, 'GROUP');
  const members = (sides?.members ?? []).map((id) => doc.layers.actors!.find((actor) => actor.id === id)?.country).sort();
  assert.deepEqual(members, ['NER', 'TCD']);
});
