import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDoc } from '../../test-support/make-doc.js';
import { resolveActors } from '../actors/actors.js';
import { findEntities } from '../entities/entities.js';
import { splitSentences } from '../tokens/tokens.js';
import { findQuotes } from './quotes.js';

// The same stages as in production, entities included, on a text written for this test.
const text = [
  'Kenyan President William Ruto met Tanzania’s foreign minister in Nairobi on Monday.',
  '“We have waited too long. Trade must resume,” Ruto told reporters.',
  '“Our farmers are suffering.”',
  'The Ugandan government said Friday’s meeting will be about refugees, and the foreign ministers of both countries signed a deal.',
  'Ethnic Somali forces clashed with Kenyan troops, and thousands of Kenyans fled.',
].join('\n');

test('actors and quotes on the entities stage’s output', () => {
  const doc = makeDoc(text, [splitSentences(), findEntities(), resolveActors(), findQuotes()], { published: '2024-05-01' });
  assert.deepEqual(doc.messages.filter((m) => m.severity === 'error'), []);
  const actors = doc.layers.actors!;
  const byName = (name: string) => actors.find((a) => a.name === name);
  const ruto = byName('William Ruto')!;
  assert.deepEqual([ruto.type, ruto.country, ruto.sector, ruto.role], ['PERSON', 'KEN', 'GOV', 'president']);
  assert.ok(ruto.mentions.some((m) => m.text === 'Ruto'));
  assert.equal(actors.find((a) => a.role === 'foreign minister')?.country, 'TZA');
  const government = actors.find((a) => a.type === 'GOVERNMENT');
  assert.deepEqual([government?.country, government?.name], ['UGA', 'Government of Uganda']);
  const group = actors.find((a) => a.type === 'GROUP');
  assert.deepEqual(group?.members?.map((id) => actors.find((a) => a.id === id)?.country).sort(), ['TZA', 'UGA']);
  assert.equal(actors.find((a) => a.type === 'ARMED_GROUP' && a.sector === 'REB')?.country, 'SOM');
  assert.equal(actors.find((a) => a.type === 'PEOPLE')?.country, 'KEN');

  const quotes = doc.layers.quotes!;
  const direct = quotes.filter((q) => q.kind === 'direct');
  assert.equal(direct.length, 2);
  assert.equal(direct[0]!.speaker?.actor, ruto.id);
  assert.ok(direct[0]!.speaker?.entity);
  assert.equal(direct[1]!.continued, true);
  assert.equal(direct[1]!.speaker?.actor, ruto.id);
  const reported = quotes.find((q) => q.kind === 'indirect');
  assert.equal(reported?.speaker?.actor, government?.id);
  assert.ok(reported?.text.startsWith('Friday’s meeting will be about refugees'));
});
