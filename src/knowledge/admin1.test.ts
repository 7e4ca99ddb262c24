import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admin1NameKeys, checkAdmin1, checkPlaceNames, getAdmin1 } from './admin1.js';
import { getCityIndex } from './places.js';

test('the subdivision and alternate-name files are valid', () => {
  assert.deepEqual(checkAdmin1(), []);
  assert.deepEqual(checkPlaceNames(), []);
});

test('subdivisions of every country carry names, codes, abbreviations and a centre', () => {
  const { all, byKey, byName, byCode, admin2ByName } = getAdmin1();
  assert.ok(all.length > 3_000);
  assert.ok(new Set(all.map((record) => record.country)).size > 200);
  const california = byKey.get('USA.CA')!;
  assert.equal(california.id, 'place:geonames:5332921');
  assert.ok(california.abbreviations.includes('Calif.'));
  assert.equal(california.code, 'CA');
  assert.ok(Math.abs(california.lat - 37.2) < 1.5 && Math.abs(california.lon + 119.5) < 1.5);
  assert.deepEqual(byName.get('uttar pradesh')?.map((record) => record.key), ['IND.36']);
  assert.ok(byCode.get('UP')?.some((record) => record.key === 'IND.36'));
  assert.ok(byName.get('w.va.')?.some((record) => record.key === 'USA.WV'));
  const montgomery = admin2ByName.get('montgomery county')!;
  assert.ok(montgomery.length > 10);
  assert.ok(montgomery.every((county, i) => i === 0 || montgomery[i - 1]!.population >= county.population));
  const kent = admin2ByName.get('kent')?.find((record) => record.country === 'GBR');
  assert.equal(kent?.admin1, 'GBR.ENG');
  assert.ok(admin2ByName.get('cuyahoga county')?.every((record) => record.key === 'USA.OH.035'));
});

test('a subdivision is found with and without its kind word', () => {
  assert.deepEqual(admin1NameKeys('Benue State'), ['benue state', 'benue']);
  assert.deepEqual(admin1NameKeys('Province of Laguna'), ['province of laguna', 'laguna']);
  assert.deepEqual(admin1NameKeys('Texas'), ['texas']);
});

test('populated places know their subdivision and their GeoNames alternate names', () => {
  const index = getCityIndex();
  const lucknow = index.get('lucknow')![0]!;
  assert.equal(lucknow.country, 'IND');
  assert.equal(lucknow.admin1, '36');
  assert.equal(index.alternates('leningrad')?.[0]?.country, 'RUS');
  assert.equal(index.alternates('lucknow'), undefined);
});
