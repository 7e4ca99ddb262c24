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
  assert.deepEqual(roles('Azerbaijani forces launched an attack on the Armenian town of Martuni.'), [{ type: 'ASSAULT', actors: ['Azerbaijani forces'], recipients: ['Armenian'] }]);
  assert.deepEqual(roles('Police made an arrest after the shooting.'), [{ type: 'COERCE', actors: ['Police'], recipients: [] }]);
  assert.deepEqual(roles('Police made an arrest after the shooting.', unparsed)[0]?.actors, [], 'word order alone finds no actor');
});
