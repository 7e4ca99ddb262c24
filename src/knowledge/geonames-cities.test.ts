import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admin1Of, decodeCities } from './geonames-cities.js';
import { getCityIndex } from './places.js';

const varint = (value: number): number[] => {
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  bytes.push(value);
  return bytes;
};
const zigzag = (value: number): number => (value < 0 ? -2 * value - 1 : 2 * value);
const text = (field: number, value: string): number[] => {
  const bytes = [...Buffer.from(value, 'utf8')];
  return [...varint(field * 8 + 2), ...varint(bytes.length), ...bytes];
};
const number = (field: number, value: number): number[] => [...varint(field * 8), ...varint(value)];
const message = (fields: number[][]): number[] => {
  const body = fields.flat();
  return [...varint(body.length), ...body];
};

test('decodes names, codes, population and delta-coded coordinates', () => {
  const buffer = Buffer.from([
    ...message([number(1, zigzag(101)), text(2, 'Qarvel'), text(3, 'AM'), text(8, '02'), text(7, 'PPLA'), number(9, 25_000), number(10, zigzag(4_450_000)), number(11, zigzag(4_010_000))]),
    ...message([number(1, zigzag(102)), text(2, 'Zürnau'), text(3, 'DE'), text(7, 'PPL'), number(10, zigzag(-100)), number(11, zigzag(250))]),
  ]);
  const table = decodeCities(buffer);
  assert.equal(table.size, 2);
  assert.deepEqual([table.name[0], table.country[0], table.featureCode[0], table.population[0], table.geonamesId[0]], ['Qarvel', 'AM', 'PPLA', 25_000, 101]);
  assert.deepEqual([table.lon[0], table.lat[0]], [44.5, 40.1]);
  assert.deepEqual([table.lon[1], table.lat[1]], [44.499, 40.1025]);
  assert.equal(table.name[1], 'Zürnau');
  assert.equal(table.asciiName[1], 0);
  assert.equal(table.population[1], 0);
  assert.deepEqual([admin1Of(table, 0), admin1Of(table, 1)], ['02', '']);
});

test('a truncated file is an error, not a hang', () => {
  assert.throws(() => decodeCities(Buffer.from([0x05, 0x08])));
});

test('the city index makes links once and lists the most populous first', () => {
  const index = getCityIndex();
  const paris = index.get('paris');
  assert.equal(paris?.[0]?.country, 'FRA');
  assert.equal(paris?.[0]?.kb.id, paris?.[0]?.id);
  assert.equal(index.get('paris'), paris);
  assert.equal(index.get('gb'), undefined);
});
