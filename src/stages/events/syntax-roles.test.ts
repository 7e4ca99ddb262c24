import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../engine/engine.js';
import { defaultPipeline } from '../../pipeline/default.js';

const parsed = createEngine();
const unparsed = createEngine({ pipeline: defaultPipeline({ parse: false }) });

function roles(text: string, engine = parsed): Array<{ type: string; actors: string[]; recipients: string[] }> {
  return (engine.extract({ content: text, published: '2021-01-01' }).layers.events ?? []).map((event) => ({
    type: event.plover,
    actors: event.actors.map((a) => a.text),
    recipients: event.recipients.map((r) => r.text),
  }));
}

test('a passive: the by-agent acts on the subject, and a noun phrase no entity covers is a participant', () => {
  assert.deepEqual(roles('The village was shelled by Azerbaijani forces on Monday.'), [{ type: 'ASSAULT', actors: ['Azerbaijani forces'], recipients: ['The village'] }]);
});

test('coordinated subjects act together; the object of a directed preposition after the object noun is the recipient', () => {
  assert.deepEqual(roles('Armenia and Azerbaijan accused Turkey of sending fighters.'), [{ type: 'ACCUSE', actors: ['Armenia', 'Azerbaijan'], recipients: ['Turkey'] }]);
  assert.deepEqual(roles('The United States imposed sanctions on Iran.')[0]?.recipients, ['Iran']);
});

test('a relative clause takes its subject from the noun it modifies; an apposition does not replace the subject', () => {
  assert.deepEqual(roles('The rebels who attacked the convoy fled into the hills.'), [{ type: 'ASSAULT', actors: ['The rebels'], recipients: ['the convoy'] }]);
  assert.deepEqual(roles('Russia, the main mediator, criticised Armenia.'), [{ type: 'ACCUSE', actors: ['Russia'], recipients: ['Armenia'] }]);
});

test('the parse finds roles word order misses, and never makes a party of an act ("a ceasefire")', () => {
  const text = 'Government troops attacked the rebels near the border.';
  assert.deepEqual(roles(text), [{ type: 'ASSAULT', actors: ['Government troops'], recipients: ['the rebels'] }]);
  assert.deepEqual(roles(text, unparsed), [{ type: 'ASSAULT', actors: [], recipients: ['the rebels'] }]);
  for (const event of roles('Kenya and Ethiopia agreed to a ceasefire on Sunday.')) assert.ok(!event.recipients.includes('a ceasefire'), JSON.stringify(event));
});

test('an act named by a noun: the subject of the verb it is the object of acts, its own directed oblique receives', () => {
  assert.deepEqual(roles('Azerbaijani forces launched an attack on the Armenian town of Martuni.'), [{ type: 'ASSAULT', actors: ['Azerbaijani forces'], recipients: ['the Armenian town'] }]);
  assert.deepEqual(roles('Police made an arrest after the shooting.'), [{ type: 'COERCE', actors: ['Police'], recipients: [] }]);
  // Word order alone finds no actor in the clause; only the document's mention of the police stands in.
  const fromDocument = (engine: typeof parsed) => engine.extract({ content: 'Police made an arrest after the shooting.', published: '2021-01-01' }).layers.events?.[0]?.actors[0]?.from;
  assert.equal(fromDocument(unparsed), 'document');
  assert.equal(fromDocument(parsed), undefined);
});

test('a subject beside a passive auxiliary is acted on, and so is the subject a coordinated predicate shares with it', () => {
  assert.deepEqual(roles('A man was shot on Saturday night.'), [{ type: 'ASSAULT', actors: [], recipients: ['A man'] }]);
  for (const event of roles('Another customer was shot and wounded outside the store.')) {
    assert.ok(!event.actors.includes('Another customer'), JSON.stringify(event));
  }
});

test('a participant spans its whole noun phrase: titles, names, determiners and compounds', () => {
  assert.deepEqual(roles('Iranian Foreign Minister Mohammad Javad Zarif criticised a U.S. Supreme Court decision.'),
    [{ type: 'ACCUSE', actors: ['Iranian Foreign Minister Mohammad Javad Zarif'], recipients: ['a U.S. Supreme Court decision'] }]);
});

test('several events in one sentence each get their own roles', () => {
  assert.deepEqual(roles('Government forces attacked the rebels and the rebels ambushed a convoy.'), [
    { type: 'ASSAULT', actors: ['Government forces'], recipients: ['the rebels'] },
    { type: 'ASSAULT', actors: ['the rebels'], recipients: ['a convoy'] },
  ]);
  assert.deepEqual(roles('After troops shelled the town, the ministers met in Geneva.'), [
    { type: 'ASSAULT', actors: ['troops'], recipients: ['the town'] },
    { type: 'CONSULT', actors: ['the ministers'], recipients: [] },
  ]);
});

test('what a speech act says is its content, not an event; a subordinate clause keeps its own modality', () => {
  assert.deepEqual(roles('The minister denied that troops had attacked the village.').map((e) => e.type), ['REJECT']);
  assert.deepEqual(roles('The ministry declined to comment on the air strikes.').filter((e) => e.type === 'ASSAULT'), []);
  const engine = parsed;
  const events = engine.extract({ content: 'The general said the army would withdraw after the militia shelled the airport.', published: '2021-01-01' }).layers.events ?? [];
  const shelling = events.find((e) => e.trigger.text === 'shelled');
  assert.equal(shelling?.plover, 'ASSAULT', JSON.stringify(events.map((e) => [e.plover, e.trigger.text])));
  assert.equal(shelling?.future, false);
});

test('a statement verb that modifies a noun describes it: no one threatens or recognises anyone', () => {
  assert.deepEqual(roles('Three bystanders suffered life-threatening injuries.').filter((e) => e.type === 'THREATEN'), []);
  assert.deepEqual(roles('The council is a federally recognized body with nine members.').filter((e) => e.type === 'SUPPORT'), []);
  assert.deepEqual(roles('The rebels threatened the villagers.').map((e) => e.type), ['THREATEN']);
});

test('a trigger word inside a date is the date\'s word, not an act', () => {
  assert.deepEqual(roles('Updated: Wednesday, March 12, 2014 8:04 AM').filter((e) => e.type === 'PROTEST'), []);
  assert.deepEqual(roles('Thousands of students march through the capital.').map((e) => e.type), ['PROTEST']);
});

test('a progressive stays active beside what the parser calls a passive auxiliary; a modifier with its own subject is a predicate', () => {
  assert.deepEqual(roles('A Kenyan trader is suing the United Nations for damages, his lawyer said.'),
    [{ type: 'ACCUSE', actors: ['A Kenyan trader'], recipients: ['the United Nations'] }]);
  assert.deepEqual(roles('Union Workers Federation (UWF) officials demanded support from the Kenyan parliament.').map((e) => e.type), ['REQUEST']);
});

test('an act named by a noun is done by its "by" phrase or by the party modifying it; a role word alone gives its sector', () => {
  const extract = (text: string) => parsed.extract({ content: text, published: '2021-01-01' }).layers.events ?? [];
  const [firing] = extract('Three people were injured in police firing on Monday.');
  assert.deepEqual(firing?.actors.map((a) => [a.text, a.code]), [['police', 'COP']]);
  const [byPolice] = extract('The firing by the police left two people dead.');
  assert.deepEqual(byPolice?.actors.map((a) => [a.text, a.sector]), [['the police', 'COP']]);
  assert.deepEqual(roles('Israeli air strikes hit Gaza on Sunday.')[0]?.actors, ['Israeli']);
});

test('crowd control is violent repression: tear gas, baton and lathi charges, warning shots', () => {
  const codes = (text: string) => (parsed.extract({ content: text, published: '2021-01-01' }).layers.events ?? []).map((e) => `${e.plover} ${e.cameo}`);
  assert.deepEqual(codes('Police fired tear gas at the protesters.').filter((c) => c.endsWith('175')), ['ASSAULT 175']);
  assert.deepEqual(codes('The police resorted to a lathi charge to disperse the crowd.'), ['ASSAULT 175']);
  assert.ok(codes('Officers fired in the air to disperse the mob.').includes('ASSAULT 175'));
});

test('a pronoun subject of reported speech is the reporter when they agree: "Syria says it is willing to withdraw"', () => {
  const [willing] = roles('Syria says it is willing to withdraw its troops from Lebanon.');
  assert.deepEqual(willing?.actors, ['Syria']);
  const [attack] = roles('Russia said it had attacked the convoy.');
  assert.deepEqual(attack, { type: 'ASSAULT', actors: ['Russia'], recipients: ['the convoy'] });
});
