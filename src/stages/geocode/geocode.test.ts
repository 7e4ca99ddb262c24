import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDoc } from '../../test-support/make-doc.js';
import { findEntities } from '../entities/entities.js';
import { splitSentences } from '../tokens/tokens.js';
import { geocode, jurisdictionOf } from './geocode.js';
import { resolveToponym } from './resolve.js';

const places = (text: string) => makeDoc(text, [splitSentences(), findEntities(), geocode()]).layers.places!;
const near = (actual: number, expected: number, tolerance = 0.1) => assert.ok(Math.abs(actual - expected) < tolerance, `${actual} ≉ ${expected}`);

test('a capital resolves to the city', () => {
  const [moscow] = places('Talks were held in Moscow on Friday.');
  assert.equal(moscow?.placeId, 'place:geonames:524901');
  near(moscow!.lat, 55.75);
  near(moscow!.lon, 37.62);
  assert.equal(moscow?.resolution, 'city');
});

test('Geneva without US context is the Swiss city', () => {
  const [geneva] = places('Diplomats gathered in Geneva for a second round.');
  assert.equal(geneva?.country, 'CHE');
  near(geneva!.lat, 46.2);
  near(geneva!.lon, 6.14);
});

test('a region resolves from regions.jsonl and a country to its country point', () => {
  const found = places('Armenia said fighting in Nagorno-Karabakh had stopped.');
  assert.deepEqual(found.map((place) => place.placeId), ['country:ARM', 'region:nagorno-karabakh']);
  near(found[1]!.lat, 39.8, 0.2);
  near(found[1]!.lon, 46.7, 0.2);
  assert.equal(found[1]!.resolution, 'region');
});

test('the document\'s countries pick among same-named places', () => {
  const us = resolveToponym('Georgia', { countries: new Set(['USA']), locative: true });
  assert.equal(us?.placeId, 'region:us-georgia');
  const caucasus = resolveToponym('Georgia', { countries: new Set(['USA', 'GEO']), locative: true });
  assert.equal(caucasus?.placeId, 'country:GEO');
  const paris = resolveToponym('Paris', { countries: new Set(), locative: false });
  assert.equal(paris?.country, 'FRA');
});

test('a small unknown town needs support from the document', () => {
  assert.equal(resolveToponym('Geneva', { countries: new Set(), locative: false })?.country, 'CHE');
  const tiny = resolveToponym('El Tarter', { countries: new Set(), locative: false });
  assert.equal(tiny, undefined);
  assert.equal(resolveToponym('El Tarter', { countries: new Set(['AND']), locative: false })?.country, 'AND');
});

test('nationalities are not places', () => {
  assert.deepEqual(places('Armenian officials spoke.'), []);
});

test('a capital that speaks is marked as its government; a town is placed in its state', () => {
  const [washington] = places('Washington said on Monday it would impose new sanctions.');
  assert.equal(washington?.placeId, 'place:geonames:4140963');
  assert.equal(washington?.government, 'USA');
  const found = places('Flooding closed schools in Springfield, Ill., and across Ohio.');
  const springfield = found.find((place) => place.name === 'Springfield');
  assert.equal(springfield?.admin1, 'USA.IL');
  near(springfield!.lat, 39.8, 0.3);
  assert.equal(found.find((place) => place.placeId === 'region:us-ohio')?.resolution, 'admin');
});

test('demonyms inform the context but are not places', () => {
  assert.deepEqual(places('Police searched a house in Richmond.').map((place) => place.country), ['USA']);
  assert.deepEqual(places('Canadian police searched a house in Richmond.').map((place) => place.country), ['CAN']);
});

test('a police or sheriff named after its town places a story that names no place of its own', () => {
  const doc = makeDoc('A boy was injured Saturday night, the Gresham Police Department said. Officers found a gun.', [splitSentences(), findEntities(), geocode()]);
  const [gresham] = doc.layers.places!;
  assert.equal(gresham?.name, 'Gresham');
  assert.equal(gresham?.admin1, 'USA.OR');
  assert.equal(doc.text.slice(gresham!.start, gresham!.end), 'Gresham', 'the place is the name, not the agency');
  const org = (text: string) => ({ id: 'e1', text, start: 0, end: text.length, type: 'ORG' as const, source: 'model' as const, confidence: 1 });
  assert.deepEqual(jurisdictionOf('Avoyelles Parish Sheriff’s Office said', org('Avoyelles Parish Sheriff’s Office')), { text: 'Avoyelles Parish', start: 0, end: 16 });
  assert.deepEqual(jurisdictionOf('Milwaukee police said', org('Milwaukee')), { text: 'Milwaukee', start: 0, end: 9 });
  assert.equal(jurisdictionOf('State Police said', org('State Police')), undefined, 'a kind of agency, not a town');
  assert.equal(jurisdictionOf('Milwaukee Bucks won', org('Milwaukee Bucks')), undefined);
  // A story that names its town keeps its own places: the agency only helps read them.
  const named = places('A man was shot in Dayton, Ohio, on Friday, Milwaukee police said.');
  assert.deepEqual(named.map((place) => place.name), ['Dayton', 'Ohio']);
});
