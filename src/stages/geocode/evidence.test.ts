import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidenceOf, readingCountriesOf } from './evidence.js';

test('a name is evidence of a country (and state) only when its plausible readings agree', () => {
  assert.deepEqual(evidenceOf('Lucknow'), { country: 'IND', admin1: 'IND.36' });
  assert.deepEqual(evidenceOf('Castlegar'), { country: 'CAN', admin1: 'CAN.02' });
  assert.deepEqual(evidenceOf('Florida'), { country: 'USA', admin1: 'USA.FL' });
  assert.deepEqual(evidenceOf('Russian'), { country: 'RUS' });
  assert.deepEqual(evidenceOf('Georgia'), {});
  assert.deepEqual(evidenceOf('Europe'), {});
  assert.deepEqual(evidenceOf('Springfield'), { country: 'USA' });
});

test('the countries a name can be read in count its subdivisions, codes and towns of some size', () => {
  const victoria = readingCountriesOf('Victoria');
  for (const country of ['AUS', 'CAN', 'SYC']) assert.ok(victoria.has(country), country);
  assert.ok(readingCountriesOf('BC').has('CAN'));
  assert.equal(readingCountriesOf('Qqqzzx').size, 0);
});

test('a generic word that is also some town\'s name ("Street", in Somerset) is no evidence and no vote', () => {
  assert.deepEqual(evidenceOf('Street'), {});
  assert.equal(readingCountriesOf('Street').size, 0);
  assert.equal(readingCountriesOf('Park').size, 0);
});
