import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc, Quote } from '../../doc/types.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { resolveActors } from '../actors/actors.js';
import { entitiesAt } from '../actors/test-entities.js';
import { splitSentences } from '../tokens/tokens.js';
import { checkSpeechVerbs, findQuotes } from './quotes.js';

type Specs = Parameters<typeof entitiesAt>[1];

function quotesOf(text: string, specs: Specs = []): { doc: Doc; quotes: Quote[] } {
  const doc = makeDoc(text, [splitSentences(), resolveActors(), findQuotes()], {}, { entities: entitiesAt(text, specs) });
  assert.deepEqual(doc.messages.filter((m) => m.severity === 'error'), []);
  return { doc, quotes: doc.layers.quotes! };
}

function actorName(doc: Doc, quote: Quote | undefined): string | undefined {
  return doc.layers.actors!.find((actor) => actor.id === quote?.speaker?.actor)?.name;
}

const direct = (quotes: Quote[]) => quotes.filter((q) => q.kind === 'direct');
const indirect = (quotes: Quote[]) => quotes.filter((q) => q.kind === 'indirect');

test('the speech-verb knowledge file is valid', () => {
  assert.deepEqual(checkSpeechVerbs(), []);
});

test('a multi-sentence curly quote with the cue after it', () => {
  const text = '“We will rebuild the bridge. It will take a year,” Jane Okafor said on Monday.';
  const { doc, quotes } = quotesOf(text, [['Jane Okafor', 'PERSON']]);
  assert.equal(quotes.length, 1);
  const [quote] = quotes;
  assert.equal(quote!.text, 'We will rebuild the bridge. It will take a year,');
  assert.equal(text.slice(quote!.start, quote!.end), quote!.text);
  assert.equal(quote!.cue?.text, 'said');
  assert.equal(quote!.speaker?.text, 'Jane Okafor');
  assert.equal(actorName(doc, quote), 'Jane Okafor');
  assert.ok(quote!.speaker?.entity);
  assert.equal(quote!.continued, false);
  assert.deepEqual(quote!.sentences.length >= 1, true);
  assert.equal(quote!.id, 'q1');
});

test('straight marks, the cue before the quote, and "said X, the title"', () => {
  const text = 'Tom Banda said: "The vote was free and fair, and we accept it."\n"Nobody should doubt the count," said Rose Kim, the election chief.';
  const { doc, quotes } = quotesOf(text, [['Tom Banda', 'PERSON'], ['Rose Kim', 'PERSON']]);
  const found = direct(quotes);
  assert.equal(found.length, 2);
  assert.equal(found[0]!.text, 'The vote was free and fair, and we accept it.');
  assert.equal(actorName(doc, found[0]), 'Tom Banda');
  assert.equal(found[1]!.speaker?.text, 'Rose Kim');
  assert.equal(actorName(doc, found[1]), 'Rose Kim');
});

test('"he added" resolves to the named person; a quote with no cue continues the previous speaker', () => {
  const text = [
    '“The border stays closed,” Omar Haddad told reporters in Amman.',
    '“We have no other choice,” he added.',
    '“Trade will suffer for months, but security comes first.”',
  ].join('\n');
  const { doc, quotes } = quotesOf(text, [['Omar Haddad', 'PERSON']]);
  const found = direct(quotes);
  assert.equal(found.length, 3);
  assert.equal(actorName(doc, found[0]), 'Omar Haddad');
  assert.equal(found[1]!.speaker?.text, 'he');
  assert.equal(actorName(doc, found[1]), 'Omar Haddad');
  assert.equal(found[2]!.continued, true);
  assert.equal(found[2]!.cue, undefined);
  assert.equal(actorName(doc, found[2]), 'Omar Haddad');
});

test('a quote running over two paragraphs is one quote', () => {
  const text = 'Lina Saab said: “The talks have failed.\n“We will go back to the court next week and ask again.”';
  const { doc, quotes } = quotesOf(text, [['Lina Saab', 'PERSON']]);
  const found = direct(quotes);
  assert.equal(found.length, 1);
  assert.ok(found[0]!.text.startsWith('The talks have failed.'));
  assert.ok(found[0]!.text.endsWith('ask again.'));
  assert.ok(!found[0]!.text.includes('“'));
  assert.equal(text.slice(found[0]!.end, found[0]!.end + 1), '”');
  assert.equal(actorName(doc, found[0]), 'Lina Saab');
  assert.deepEqual(found[0]!.sentences, [0, 1]);
});

test("NYT-style ''…'' marks and single marks only when they quote", () => {
  const text = "''This is not over,'' the senator said. The rebels’ camp was quiet. ‘We are leaving tonight for good,’ a soldier said.";
  const { quotes } = quotesOf(text);
  const found = direct(quotes);
  assert.deepEqual(found.map((q) => q.text), ['This is not over,', 'We are leaving tonight for good,']);
  assert.equal(found[0]!.speaker?.text, 'the senator');
});

test('scare quotes and quoted phrases inside reported speech are not quotes of their own', () => {
  const text = 'Critics called the plan a “disaster” on Monday. The mayor said the budget was “far too small for a city this size” and left.';
  const { quotes } = quotesOf(text);
  assert.deepEqual(direct(quotes), []);
});

test('reported speech: said that, told reporters, saying, according to, and a date starting the content', () => {
  const text = [
    'Amina Diallo said that the ceasefire would hold.',
    'The Malian government told reporters the army had withdrawn.',
    'On Monday, Amina Diallo called for calm, saying the violence must stop.',
    'According to the United Nations, ten thousand people have fled.',
    'The Malian government said Friday’s talks would focus on the border.',
  ].join('\n');
  const { doc, quotes } = quotesOf(text, [['Amina Diallo', 'PERSON'], ['Malian', 'NATIONALITY', { country: 'MLI' }], ['United Nations', 'IGO', { id: 'igo:UN', sector: 'IGO' }]]);
  const found = indirect(quotes);
  assert.deepEqual(found.map((q) => q.text), [
    'the ceasefire would hold',
    'the army had withdrawn',
    'the violence must stop',
    'ten thousand people have fled',
    'Friday’s talks would focus on the border',
  ]);
  assert.deepEqual(found.map((q) => actorName(doc, q)), ['Amina Diallo', 'Government of MLI', 'Amina Diallo', 'United Nations', 'Government of MLI']);
  assert.equal(found[2]!.cue?.text, 'saying');
  assert.equal(found[3]!.cue?.text, 'According to');
});

test('"X has called for …, saying …" gives the main subject as the speaker; a cue right before the mark', () => {
  const text = 'The head of the World Food Programme has called for a truce, saying aid convoys must be let through. Maria Lopez declared “The famine is here.”';
  const { doc, quotes } = quotesOf(text, [['World Food Programme', 'IGO', { id: 'igo:WFP', sector: 'IGO' }], ['Maria Lopez', 'PERSON']]);
  const [reported] = indirect(quotes);
  assert.equal(reported!.text, 'aid convoys must be let through');
  assert.equal(reported!.speaker?.text, 'The head of the World Food Programme');
  assert.equal(doc.layers.actors!.find((a) => a.id === reported!.speaker?.actor)?.role, 'head');
  const [quote] = direct(quotes);
  assert.equal(quote!.text, 'The famine is here.');
  assert.equal(actorName(doc, quote), 'Maria Lopez');
});

test('reported speech after its content: "…, a source said." and "…, said the minister."', () => {
  const text = 'The convoy was attacked near the border, a military source said. Three trucks were burned, said the minister.';
  const { quotes } = quotesOf(text);
  const found = indirect(quotes);
  assert.deepEqual(found.map((q) => [q.text, q.speaker?.text]), [
    ['The convoy was attacked near the border', 'a military source'],
    ['Three trucks were burned', 'the minister'],
  ]);
});

test('"according to X" at the start, middle or end: the content is the sentence without the attribution', () => {
  const text = [
    'Shelling last week destroyed two bridges near the port, according to regional authorities, and cut power to thousands of homes.',
    'According to the interior ministry, the curfew will be lifted on Sunday.',
    'Four aid workers were detained at the checkpoint according to the relief agency.',
  ].join(' ');
  const { quotes } = quotesOf(text);
  assert.deepEqual(indirect(quotes).map((q) => [q.text, q.speaker?.text]), [
    // The attribution splits the sentence; the larger part is the span.
    ['Shelling last week destroyed two bridges near the port', 'regional authorities'],
    ['the curfew will be lifted on Sunday', 'the interior ministry'],
    ['Four aid workers were detained at the checkpoint', 'the relief agency'],
  ]);
});

test('several attributions in one sentence: "X said A, while Y said B" and "…, adding …"', () => {
  const text = 'The foreign minister said the border would reopen next week, while the opposition leader said the crossing should stay closed. '
    + 'The governor said the floods had displaced 300 families, adding that more shelters would open soon.';
  const { quotes } = quotesOf(text);
  assert.deepEqual(indirect(quotes).map((q) => [q.text, q.speaker?.text]), [
    ['the border would reopen next week', 'The foreign minister'],
    ['the crossing should stay closed', 'the opposition leader'],
    ['the floods had displaced 300 families', 'The governor'],
    ['more shelters would open soon', 'The governor'],
  ]);
});

test('other cue forms: tenses, "told reporters on Tuesday that", "in a statement", a trailing "X said on Monday"', () => {
  const text = [
    'The commander told reporters on Tuesday that the convoy had been delayed.',
    'The mayor is saying the water supply is safe.',
    'In a statement, the ministry warned that further strikes would follow.',
    'The rebels had denied that their fighters shelled the market.',
    'The ceasefire will hold until Sunday, the spokesman said on Monday.',
    'The talks collapsed after midnight, the envoy said, leaving both delegations without a plan.',
  ].join(' ');
  const { quotes } = quotesOf(text);
  assert.deepEqual(indirect(quotes).map((q) => [q.cue?.text, q.text, q.speaker?.text]), [
    ['told', 'the convoy had been delayed', 'The commander'],
    ['saying', 'the water supply is safe', 'The mayor'],
    ['warned', 'further strikes would follow', 'the ministry'],
    ['denied', 'their fighters shelled the market', 'The rebels'],
    ['said', 'The ceasefire will hold until Sunday', 'the spokesman'],
    ['said', 'The talks collapsed after midnight', 'the envoy'],
  ]);
});

test('"states" in a name, a cue without a reported clause, and "I think" are not reported speech', () => {
  const text = 'The United States sent two envoys to the summit. The minister said nothing. I think the talks will fail.';
  assert.deepEqual(indirect(quotesOf(text).quotes), []);
});

test('a verb of thinking with a third-person subject is reported, as PolNeAR-style annotation counts it', () => {
  const text = 'Western diplomats believe that the blockade will be lifted before the harvest.';
  assert.deepEqual(indirect(quotesOf(text).quotes).map((q) => [q.cue?.text, q.text]), [['believe', 'the blockade will be lifted before the harvest']]);
});

test('"X\'s president" as the speaker resolves to the named president', () => {
  const text = 'Ghanaian President Kofi Mensah arrived in Accra. “We want peace with our neighbours,” Ghana’s president said.';
  const { doc, quotes } = quotesOf(text, [['Kofi Mensah', 'PERSON'], ['Ghanaian', 'NATIONALITY', { country: 'GHA' }], ['Ghana', 'COUNTRY', { country: 'GHA' }], ['Accra', 'PLACE', { country: 'GHA' }]]);
  assert.equal(quotes[0]!.speaker?.text, 'Ghana’s president');
  assert.equal(actorName(doc, quotes[0]), 'Kofi Mensah');
});

test('a group speaker of two countries', () => {
  const text = 'Peru and Chile met in Lima. The foreign ministers of both countries said they would reopen the border.';
  const { doc, quotes } = quotesOf(text, [['Peru', 'COUNTRY', { country: 'PER' }], ['Chile', 'COUNTRY', { country: 'CHL' }], ['Lima', 'PLACE', { country: 'PER' }]]);
  const [quote] = indirect(quotes);
  const group = doc.layers.actors!.find((a) => a.id === quote?.speaker?.actor);
  assert.equal(group?.type, 'GROUP');
  assert.equal(group?.members?.length, 2);
  assert.equal(quote!.text, 'they would reopen the border');
});

test('quote ids follow the text and reported speech inside a quote is not found twice', () => {
  const text = 'Sara Kim said the plan was ready. “He said that nothing would change,” Tom Lee said.';
  const { quotes } = quotesOf(text, [['Sara Kim', 'PERSON'], ['Tom Lee', 'PERSON']]);
  assert.deepEqual(quotes.map((q) => [q.id, q.kind]), [['q1', 'indirect'], ['q2', 'direct']]);
});

test('bad input does not crash', () => {
  assert.deepEqual(quotesOf('').quotes, []);
  quotesOf('“'.repeat(500) + '”'.repeat(500) + ' said ' + '"'.repeat(301));
  quotesOf('said said said, according to according to, saying that that.');
  const long = `“${'word '.repeat(5000)}`;
  assert.equal(direct(quotesOf(long).quotes).length, 1);
});
