import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { resolveActors } from '../actors/actors.js';
import { findEntities } from './entities.js';

const run = (text: string) => makeDoc(text, [splitSentences(), findEntities()]);
const find = (text: string, mention: string) => run(text).layers.entities?.find((entity) => entity.text === mention);

test('countries, aliases and demonyms link to the country', () => {
  const doc = run('Officials in Türkiye and Turkey met Armenians and an Azeri delegation from Burma and the U.S.');
  const byText = new Map(doc.layers.entities!.map((entity) => [entity.text, entity]));
  assert.equal(byText.get('Türkiye')?.kb?.id, 'country:TUR');
  assert.equal(byText.get('Turkey')?.kb?.id, 'country:TUR');
  assert.equal(byText.get('Armenians')?.type, 'NATIONALITY');
  assert.equal(byText.get('Armenians')?.kb?.country, 'ARM');
  assert.equal(byText.get('Azeri')?.kb?.country, 'AZE');
  assert.equal(byText.get('Burma')?.kb?.id, 'country:MMR');
  assert.equal(byText.get('U.S.')?.kb?.id, 'country:USA');
});

test('two-letter and acronym forms match only in upper case', () => {
  assert.equal(find('Let us go to the US embassy.', 'US')?.kb?.id, 'country:USA');
  assert.equal(run('Let us go now.').layers.entities!.length, 0);
  assert.equal(find('The WHO warned of a new wave.', 'WHO')?.kb?.id, 'igo:WHO');
  assert.equal(find('The WHO warned of a new wave.', 'WHO')?.kb?.sector, 'IGOHLH');
  assert.equal(run('Who warned of a new wave?').layers.entities!.some((entity) => entity.type === 'IGO'), false);
});

test('the longest gazetteer name wins', () => {
  const doc = run('The World Health Organization and the UN Security Council met.');
  assert.deepEqual(doc.layers.entities!.map((entity) => [entity.text, entity.kb?.id]), [
    ['World Health Organization', 'igo:WHO'], ['UN Security Council', 'igo:UNSC'],
  ]);
});

test('regions with hyphens and aliases', () => {
  assert.equal(find('Fighting resumed in Nagorno-Karabakh on Sunday.', 'Nagorno-Karabakh')?.kb?.id, 'region:nagorno-karabakh');
  assert.equal(find('Shelling hit villages in Karabakh overnight.', 'Karabakh')?.type, 'REGION');
});

test('proper-noun runs are typed by titles, head words, speech verbs and the city gazetteer', () => {
  const doc = run('Foreign Minister Maria Vandertolk met officials of the Ministry of Water Affairs in Lyon. Tomas Brelund said the talks went well.');
  const types = Object.fromEntries(doc.layers.entities!.map((entity) => [entity.text, entity.type]));
  assert.equal(types['Maria Vandertolk'], 'PERSON');
  assert.equal(types['Ministry of Water Affairs'], 'ORG');
  assert.equal(types['Lyon'], 'PLACE');
  assert.equal(types['Tomas Brelund'], 'PERSON');
});

test('known people link to the knowledge base, surnames too', () => {
  const doc = run('Prime Minister Nikol Pashinyan spoke first. Later Pashinyan left.');
  const ids = doc.layers.entities!.map((entity) => entity.kb?.id);
  assert.deepEqual(ids, ['person:nikol-pashinyan', 'person:nikol-pashinyan']);
});

test('names with particles stay one name', () => {
  assert.equal(find('A statement from Mohammed bin Salman was read.', 'Mohammed bin Salman') !== undefined, true);
  assert.equal(find('A statement from Hamza bin Laden was read.', 'Hamza bin Laden') !== undefined, true);
  assert.equal(find('Abu Bakr al-Baghdadi was killed in a raid.', 'Abu Bakr al-Baghdadi')?.type, 'PERSON');
  const rules = makeDoc('A statement from Osama bin Laden was read.', [splitSentences(), findEntities({ ner: false })]).layers.entities!;
  assert.equal(rules.find((entity) => entity.text === 'Osama bin Laden')?.type, 'PERSON');
});

test('months, weekdays and virus names are not entities; ids follow text order', () => {
  const doc = run('On Monday in March, COVID-19 cases rose in Germany and France.');
  assert.deepEqual(doc.layers.entities!.map((entity) => [entity.id, entity.text]), [['e1', 'Germany'], ['e2', 'France']]);
});

test('in all-caps headlines acronyms are names only where the model finds one; the rules find no runs there', () => {
  assert.deepEqual(run('US WARNS IRAN OVER TALKS').layers.entities!.map((entity) => [entity.text, entity.kb?.id]), [['US', 'country:USA'], ['IRAN', 'country:IRN']]);
  assert.deepEqual(run('LET US TALK NOW, SAYS IRAN').layers.entities!.map((entity) => entity.text), ['IRAN']);
  const rules = makeDoc('US WARNS IRAN OVER TALKS', [splitSentences(), findEntities({ ner: false })]).layers.entities!;
  assert.deepEqual(rules.map((entity) => entity.text), ['IRAN']);
});

test('empty and odd input does not crash', () => {
  assert.deepEqual(run('').layers.entities, []);
  assert.ok(Array.isArray(run('\u0000\uD800 ¿¿ — ').layers.entities));
});

test('head words, acronyms, teams and given names type runs without titles or verbs', () => {
  const doc = run('Fans of the Chicago Mudhawks gathered on Qorvel Street while the NBSQ reported that Peter Hallvik and Nadia met.');
  const types = Object.fromEntries(doc.layers.entities!.map((entity) => [entity.text, entity.type]));
  assert.equal(types['Chicago Mudhawks'], 'ORG');
  assert.equal(types['Qorvel Street'], 'PLACE');
  assert.equal(types['NBSQ'], 'ORG');
  assert.equal(types['Peter Hallvik'], 'PERSON');
  assert.equal(types['Nadia'], 'PERSON');
});

test('a bare surname repeats the person named in full elsewhere in the document', () => {
  const doc = run('Peter Dravnik arrived on Monday. Dravnik met the press.');
  assert.deepEqual(doc.layers.entities!.map((entity) => [entity.text, entity.type]), [['Peter Dravnik', 'PERSON'], ['Dravnik', 'PERSON']]);
});

test('a two-letter country code is not a city name', () => {
  const doc = run('It was late. IT staff left.');
  assert.equal(doc.layers.entities!.some((entity) => entity.type === 'PLACE'), false);
});

test('a capitalised word that only opens a sentence is not an entity', () => {
  const text = '“We will not leave,” the mayor said. Let them come. This is a test. Rebels shelled Goma.';
  const entities = makeDoc(text, [splitSentences(), findEntities()]).layers.entities!;
  const words = entities.map((e) => e.text);
  for (const word of ['We', 'Let', 'This']) assert.ok(!words.includes(word), `${word} in ${words.join(', ')}`);
  assert.ok(words.includes('Goma'));
});

test('a lower-cased text is coded with a warning, its gazetteer names found whatever their case', () => {
  const text = 'police arrested two men on monday after a clash near the pakistan border. the chief minister said india would ask the united nations for help. a turkey and a china plate were found at the house.';
  const doc = makeDoc(text, [splitSentences(), findEntities(), resolveActors()]);
  assert.deepEqual(doc.messages.filter((m) => m.ruleId === 'lowercase-text').map((m) => [m.stage, m.severity]), [['entities', 'warning']]);
  assert.deepEqual(doc.layers.entities!.map((e) => [e.text, e.kb?.id]), [['pakistan', 'country:PAK'], ['india', 'country:IND'], ['united nations', 'igo:UN']]);
  assert.deepEqual(doc.layers.actors!.map((a) => a.kbId).sort(), ['country:IND', 'country:PAK', 'igo:UN']);
  // Acronym forms stay case-sensitive: "us" and "who" in lower case are words.
  assert.equal(run('then the minister told us who had been arrested in the village near the border that night.').layers.entities!.length, 0);
});

test('ordinary text with few capitals is not taken for a lower-cased one', () => {
  const doc = run('The talks went on through the night and into the morning, but no agreement was reached before the delegations left for home.');
  assert.equal(doc.messages.filter((m) => m.ruleId === 'lowercase-text').length, 0);
  // Too short to tell: a few lower-case words are not a lower-cased text.
  assert.equal(run('turkey is on the menu.').messages.length, 0);
});

test('a model that cannot be loaded leaves the rules to find the names, with a warning', () => {
  const broken = () => {
    throw new Error('models/ner/weights.bin: 3 bytes');
  };
  const doc = makeDoc('Foreign Minister Maria Vandertolk met officials in Armenia.', [splitSentences(), findEntities({ ner: broken })]);
  assert.deepEqual(doc.messages.map((m) => [m.ruleId, m.severity]), [['ner-model-unavailable', 'warning']]);
  assert.deepEqual(doc.layers.entities!.map((e) => [e.text, e.type, e.source]), [['Maria Vandertolk', 'PERSON', 'proper-noun'], ['Armenia', 'COUNTRY', 'gazetteer']]);
});

test('a dateline in capitals is a place, not the organisation the model reads it as', () => {
  const doc = run('LAS VEGAS (AP) — Two men were shot dead outside a casino on Friday, police said.');
  const dateline = doc.layers.entities!.find((entity) => entity.start === 0);
  assert.equal(dateline?.text, 'LAS VEGAS');
  assert.equal(dateline?.type, 'PLACE');
  assert.equal(find('ST. LOUIS (KTVI) - A 15-year-old is now charged as an adult.', 'ST. LOUIS')?.type, 'PLACE');
});

test('"Town, State" is two places, whatever the model makes of the town', () => {
  const doc = run('Police said a man from Tyrone, Mo., shot his neighbours before he was shot in Shelton, Wash. on Friday.');
  const byText = new Map(doc.layers.entities!.map((entity) => [entity.text, entity.type]));
  assert.equal(byText.get('Tyrone'), 'PLACE');
  assert.equal(byText.get('Mo.'), 'PLACE');
  assert.equal(byText.get('Shelton'), 'PLACE');
  assert.equal(byText.get('Wash.'), 'PLACE');
  assert.equal(byText.has('Shelton, Wash.'), false);
  assert.equal(find('The teen from Felton, Minn., was shot.', 'Felton')?.type, 'PLACE');
});

test('a name before a comma that no state or country follows keeps the model\'s type', () => {
  assert.equal(find('Police said Tyrone, who is 19, shot his neighbour.', 'Tyrone')?.type, 'PERSON');
});
