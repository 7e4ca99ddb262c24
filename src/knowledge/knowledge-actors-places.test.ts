import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkActorsKnowledge, getActorsKnowledge, rolesOn } from './actors.js';
import { checkPlaces, getCityIndex, getPlaces } from './places.js';
import { checkEntityCues } from '../stages/entities/cues.js';

test('the actor, place and cue files are valid', () => {
  assert.deepEqual(checkActorsKnowledge(), []);
  assert.deepEqual(checkPlaces(), []);
  assert.deepEqual(checkEntityCues(), []);
});

test('countries cover the sovereign states and the listed special cases', () => {
  const { countryByIso3 } = getActorsKnowledge();
  assert.ok(countryByIso3.size >= 197);
  for (const code of ['PSE', 'XKX', 'TWN', 'ESH', 'TUR', 'USA']) assert.ok(countryByIso3.has(code), code);
  assert.ok(countryByIso3.get('TUR')!.aliases.includes('Türkiye'));
  assert.equal(countryByIso3.get('RUS')!.capital, 'Moscow');
});

test('people carry dated roles', () => {
  const putin = getActorsKnowledge().personById.get('person:vladimir-putin')!;
  assert.equal(rolesOn(putin, '2010-06-01')[0]?.title, 'Prime Minister');
  assert.equal(rolesOn(putin, '2020-06-01')[0]?.title, 'President');
});

test('regions and the city index load', () => {
  assert.ok(getPlaces().regionById.has('region:crimea'));
  assert.equal(getCityIndex().get('geneva')?.[0]?.country, 'CHE');
});
