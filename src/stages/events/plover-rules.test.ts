import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event } from '../../doc/types.js';
import { createEngine } from '../../engine/engine.js';

const engine = createEngine();
const events = (text: string): Event[] => engine.extract({ content: text, published: '2021-01-01' }).layers.events ?? [];
const coding = (text: string) => events(text).map((e) => `${e.plover} ${e.cameo}`);

test('PLOVER: a future cooperative act is an intention (AGREE)', () => {
  assert.deepEqual(coding('Russia and Turkey will hold talks in Moscow next week.'), ['AGREE 036']);
});

test('PLOVER: a conflict party calling for a ceasefire states its intent (AGREE to the other side); a third party requests', () => {
  const fighting = 'Armenian and Azerbaijani forces clashed near the border on Sunday.';
  const own = events(`${fighting} Armenia called for a ceasefire on Monday.`).find((e) => e.actors.some((a) => a.country === 'ARM') && e.plover !== 'ASSAULT');
  assert.equal(`${own?.plover} ${own?.cameo}`, 'AGREE 0356');
  assert.deepEqual(own?.recipients.map((r) => r.country), ['AZE']);
  const third = events(`${fighting} France called for a ceasefire on Monday.`).find((e) => e.actors.some((a) => a.country === 'FRA'));
  assert.equal(`${third?.plover} ${third?.cameo}`, 'REQUEST 0256');
});

test('PLOVER: summoning an ambassador is a complaint (ACCUSE), not a meeting', () => {
  assert.deepEqual(coding('Turkey summoned the French ambassador on Tuesday.').map((c) => c.split(' ')[0]), ['ACCUSE']);
});

test('PLOVER: a pardon is a concession, the release itself a retreat', () => {
  assert.deepEqual(coding('The president of Egypt pardoned the jailed journalists.'), ['CONCEDE 081']);
  assert.deepEqual(coding('The rebels released the hostages on Friday.'), ['RETREAT 0841']);
});

test('CAMEO: urging and calling on are appeals (02), demanding is a demand (10)', () => {
  assert.deepEqual(coding('Kenya urged Ethiopia to withdraw its troops.'), ['REQUEST 0256']);
  assert.deepEqual(coding('Kenya called on Ethiopia to release the prisoners.').map((c) => c.slice(0, 10)), ['REQUEST 02']);
  assert.deepEqual(coding('Kenya demanded that Ethiopia withdraw its troops.'), ['REQUEST 1056']);
});

test('PLOVER: court sentences and verdicts coerce (COERCE arrest), the court acting on the convicted', () => {
  const [sentence] = events('A court in Cairo sentenced the activist to five years in prison.');
  assert.deepEqual([sentence?.plover, sentence?.cameo, sentence?.mode], ['COERCE', '173', 'arrest']);
  const [verdict] = events('The former minister was found guilty of corruption by a court in Nairobi.');
  assert.deepEqual([verdict?.plover, verdict?.actors.map((a) => a.text), verdict?.recipients.map((r) => r.text)], ['COERCE', ['a court in Nairobi'], ['The former minister']]);
});

test('asking a question is no request; asking someone to do something, or for something, is', () => {
  assert.deepEqual(coding('Asked whether he had heard from Kenya, the envoy said he had not.'), []);
  assert.deepEqual(coding('Reporters asked the minister about the talks with Kenya.').filter((c) => c.startsWith('REQUEST')), []);
  assert.deepEqual(coding('Kenya asked the United Nations to intervene.'), ['REQUEST 020']);
  assert.deepEqual(coding('Kenya asked Ethiopia for help.'), ['REQUEST 020']);
});
