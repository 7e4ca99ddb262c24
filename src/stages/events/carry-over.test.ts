import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event } from '../../doc/types.js';
import { createEngine } from '../../engine/engine.js';
import { checkImpliedActors } from './carry-over.js';

const engine = createEngine();

function events(text: string): Event[] {
  return (engine.extract({ content: text, published: '2021-03-08' }).layers.events ?? []).filter((e) => !e.negated && !e.hypothetical);
}

function triggered(list: readonly Event[], trigger: string): Event {
  const found = list.find((e) => e.trigger.text === trigger);
  assert.ok(found, `no event on "${trigger}": ${JSON.stringify(list.map((e) => e.trigger.text))}`);
  return found;
}

test('an attack whose sentence names no attacker takes the actor of the story\'s other attack, a real mention of the text', () => {
  const text = 'A masked gunman opened fire outside a bakery in Dayton on Saturday night. A woman was shot in the leg.';
  const shot = triggered(events(text), 'shot');
  assert.deepEqual(shot.actors.map((a) => [a.text, a.from]), [['A masked gunman', 'document']]);
  assert.equal(text.slice(shot.actors[0]!.start, shot.actors[0]!.end), 'A masked gunman');
  assert.deepEqual(shot.recipients.map((r) => r.text), ['A woman']);
});

test('else the shooter or suspect the document names; never one of the event\'s own recipients', () => {
  const shot = triggered(events('Two men were shot outside a bar in Dayton late Friday. Detectives are still looking for the shooter.'), 'shot');
  assert.deepEqual(shot.actors.map((a) => a.text), ['the shooter']);
  const wounded = triggered(events('The suspect was shot in the arm during the chase.'), 'shot');
  assert.deepEqual(wounded.actors, [], 'the suspect is the one shot');
});

test('the one charged for an attack is its actor where its sentence names none', () => {
  const shot = triggered(events('Police charged a teenager with murder on Monday. His friend was shot in the back.'), 'shot');
  assert.deepEqual(shot.actors.map((a) => a.text), ['a teenager']);
});

test('an arrest or a charge is the police\'s only where the document names them', () => {
  assert.deepEqual(triggered(events('The driver was arrested on Sunday.'), 'arrested').actors, []);
  const arrested = triggered(events('Deputies said the driver was arrested on Sunday.'), 'arrested');
  assert.deepEqual(arrested.actors.map((a) => a.text), ['Deputies']);
  const named = events('The Dayton Police Department said a teenager was arrested on Sunday and charged with assault.');
  for (const event of named.filter((e) => e.plover === 'COERCE')) assert.deepEqual(event.actors.map((a) => a.text), ['Dayton Police Department']);
});

test('an accusation or an appeal with no one named is the police\'s where the document names them', () => {
  const list = events('Deputies arrested a man on Friday. The man is accused of shooting his neighbour. Anyone with information is asked to call the sheriff.');
  assert.deepEqual(triggered(list, 'accused').actors.map((a) => [a.text, a.from]), [['Deputies', 'document']]);
  assert.deepEqual(triggered(list, 'asked').actors.map((a) => a.text), ['Deputies']);
});

test('a later undated mention of the attack takes the lead attack\'s own date, and says it was carried', () => {
  const list = events('A man was shot in Dayton on Saturday night. Hours later, gunmen attacked a second house.');
  const lead = triggered(list, 'shot');
  assert.equal(lead.date?.basis, 'event');
  const later = triggered(list, 'attacked');
  assert.deepEqual(later.date && [later.date.value, later.date.basis], [lead.date!.value, 'document']);
});

test('else the day the lead gives relative to publication ("Saturday night"), never a page stamp', () => {
  const shot = triggered(events('Police in Dayton are looking for a gunman after a brawl outside a bar on Saturday night. Two men were shot.'), 'shot');
  assert.deepEqual(shot.date && [shot.date.value, shot.date.basis], ['2021-03-06TNI', 'document']);
  const stamped = triggered(events('Posted: Friday, March 5, 2021 8:18 PM EST. Two men were shot.'), 'shot');
  assert.equal(stamped.date?.basis, 'report');
});

test('a story with no dateline and no place named most is set where its first placed act happened', () => {
  const list = events('A man was shot in Dayton on Friday. The victim was taken to a hospital in Springfield. Police later arrested a neighbour.');
  const arrest = triggered(list, 'arrested');
  assert.equal(arrest.location?.name, 'Dayton');
  assert.equal(arrest.location?.from, 'document');
});

test('else the first place of the story\'s lead sets it', () => {
  const shot = triggered(events('In Dayton, neighbours gathered on Friday evening. A woman from Springfield was shot.'), 'shot');
  assert.deepEqual([shot.location?.name, shot.location?.from], ['Dayton', 'document']);
});

test('an investigation happens where the story is set', () => {
  const list = events('Two men were wounded near a school in Dayton. A third man was taken to a hospital in Springfield. The shooting remains under investigation.');
  const investigation = triggered(list, 'investigation');
  assert.deepEqual([investigation.location?.name, investigation.location?.from], ['Dayton', 'document']);
});

test('the implied-actor lexicon lints clean', () => {
  assert.deepEqual(checkImpliedActors(), []);
});
