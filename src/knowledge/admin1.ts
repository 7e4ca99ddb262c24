import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { getActorsKnowledge } from './actors.js';
import { defineKnowledge, knowledgePath, readTsv, type KnowledgeIssue } from './files.js';
import { foldName } from './places.js';

const pipeList = z.string().optional().transform((cell) => (cell ? cell.split('|').map((name) => name.trim()).filter(Boolean) : []));

const admin1Row = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2'),
  admin1: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'GeoNames admin1 code'),
  geonamesId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1),
  aliases: pipeList,
  code: z.string().regex(/^[A-Z0-9]{1,3}$/).optional(),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  population: z.coerce.number().int().min(0),
}).strict();

const abbreviationRow = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2'),
  admin1: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'GeoNames admin1 code'),
  abbreviations: pipeList,
}).strict();

const countyRow = z.object({
  state: z.string().regex(/^[A-Z]{2}$/, 'US postal code'),
  fips: z.string().regex(/^\d{5}$/, '5-digit FIPS code'),
  name: z.string().trim().min(1),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  population: z.coerce.number().int().min(0),
}).strict();

/** A US county (parish, borough): the second-level subdivision US local news names constantly. */
export interface County {
  /** `region:us-county-<FIPS>`. */
  id: string;
  name: string;
  country: 'USA';
  /** `USA.<state>`: the state it lies in, as an admin1 key. */
  admin1: string;
  lat: number;
  lon: number;
  population: number;
}

/** A first-level subdivision: a US state, an Indian state, a Canadian province, an English country … */
export interface Admin1 {
  /** `place:geonames:<id>` of the subdivision itself. */
  id: string;
  name: string;
  /** ISO3 of the country (alpha-2 when the country is not in countries.jsonl). */
  country: string;
  /** GeoNames admin1 code, the one populated places carry. */
  admin1: string;
  /** `ISO3.admin1`: the key a populated place's subdivision is found by. */
  key: string;
  /** Full names it is known by (its name first), abbreviations excluded. */
  names: string[];
  /** Written abbreviations ("Calif.", "W.Va."): unambiguous as whole toponyms. */
  abbreviations: string[];
  /** ISO 3166-2 code without the country ("UP", "BC", "CA"): a word too, so trusted only in context. */
  code?: string;
  lat: number;
  lon: number;
  /** Summed population of its GeoNames places: how prominent it is against same-named places. */
  population: number;
}

export interface Admin1Knowledge {
  all: Admin1[];
  byKey: Map<string, Admin1>;
  /** By folded full name or abbreviation (including the name without "State", "Province" …). */
  byName: Map<string, Admin1[]>;
  /** By ISO 3166-2 code, upper case. */
  byCode: Map<string, Admin1[]>;
  /** US counties by folded full name ("cuyahoga county"), most populous first. */
  countiesByName: Map<string, County[]>;
}

/** Words that name the kind of subdivision around its proper name: "Benue State", "Province of Laguna". */
const KIND_SUFFIX = / (state|province|region|oblast|governorate|prefecture|department|district|territory|voivodeship|krai|kray)$/i;
const KIND_PREFIX = /^(state|province|region|department|governorate|republic) of (the )?/i;

/** The folded keys a full name is found by: itself, and without a kind word when something is left. */
export function admin1NameKeys(name: string): string[] {
  const folded = foldName(name);
  const keys = [folded];
  const bare = folded.replace(KIND_SUFFIX, '').replace(KIND_PREFIX, '');
  if (bare !== folded && bare.length >= 3) keys.push(bare);
  return keys;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function load(issues: KnowledgeIssue[]): Admin1Knowledge {
  const rows = readTsv(knowledgePath('places/admin1.tsv'), admin1Row, issues);
  const abbreviationRows = readTsv(knowledgePath('places/admin1-abbreviations.tsv'), abbreviationRow, issues);
  const { countryByIso2 } = getActorsKnowledge();
  const all: Admin1[] = [];
  const byKey = new Map<string, Admin1>();
  for (const row of rows) {
    const country = countryByIso2.get(row.country)?.iso3 ?? row.country;
    const key = `${country}.${row.admin1}`;
    if (byKey.has(key)) {
      issues.push({ file: 'knowledge/places/admin1.tsv', line: 0, message: `duplicate subdivision ${row.country} ${row.admin1}` });
      continue;
    }
    const record: Admin1 = {
      id: `place:geonames:${row.geonamesId}`, name: row.name, country, admin1: row.admin1, key, names: [row.name, ...row.aliases],
      abbreviations: [], lat: row.lat, lon: row.lon, population: row.population, ...(row.code ? { code: row.code } : {}),
    };
    all.push(record);
    byKey.set(key, record);
  }
  for (const row of abbreviationRows) {
    const record = byKey.get(`${countryByIso2.get(row.country)?.iso3 ?? row.country}.${row.admin1}`);
    if (!record) issues.push({ file: 'knowledge/places/admin1-abbreviations.tsv', line: 0, message: `no subdivision ${row.country} ${row.admin1} in admin1.tsv` });
    else record.abbreviations.push(...row.abbreviations);
  }
  const byName = new Map<string, Admin1[]>();
  const byCode = new Map<string, Admin1[]>();
  for (const record of all) {
    for (const name of record.names) for (const key of admin1NameKeys(name)) push(byName, key, record);
    for (const abbreviation of record.abbreviations) push(byName, foldName(abbreviation), record);
    if (record.code) push(byCode, record.code, record);
  }
  const countiesByName = new Map<string, County[]>();
  for (const row of readTsv(knowledgePath('places/us-counties.tsv'), countyRow, issues)) {
    const admin1Key = `USA.${row.state}`;
    if (!byKey.has(admin1Key)) issues.push({ file: 'knowledge/places/us-counties.tsv', line: 0, message: `${row.name}: no state ${row.state} in admin1.tsv` });
    const county: County = { id: `region:us-county-${row.fips}`, name: row.name, country: 'USA', admin1: admin1Key, lat: row.lat, lon: row.lon, population: row.population };
    push(countiesByName, foldName(row.name), county);
  }
  for (const list of countiesByName.values()) list.sort((a, b) => b.population - a.population);
  return { all, byKey, byName, byCode, countiesByName };
}

const admin1 = defineKnowledge(load);

/** Validates admin1.tsv, admin1-abbreviations.tsv and us-counties.tsv (each abbreviation and county names a listed subdivision). */
export const checkAdmin1 = admin1.check;

/** First-level subdivisions of every country, loaded once per process. */
export const getAdmin1 = admin1.get;

const NAMES_FILE = 'knowledge/places/place-names.tsv';
const NAMES_ROW = /^(\d+)\t(.+)$/;

/**
 * Alternate names of populated places by GeoNames id ("St. Petersburg" for Saint Petersburg). Read
 * without zod: 19,000 rows of two columns, each checked by one RegExp, so loading stays cheap.
 */
export function readPlaceNames(issues: KnowledgeIssue[]): Map<number, string[]> {
  const names = new Map<number, string[]>();
  let header = true;
  readFileSync(knowledgePath('places/place-names.tsv'), 'utf8').split('\n').forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;
    if (header) {
      header = false;
      if (line !== 'geonamesId\tnames') issues.push({ file: NAMES_FILE, line: index + 1, message: 'header must be geonamesId<TAB>names' });
      return;
    }
    const match = NAMES_ROW.exec(line);
    if (!match) {
      issues.push({ file: NAMES_FILE, line: index + 1, message: 'expected <GeoNames id><TAB>name|name…' });
      return;
    }
    const id = Number(match[1]);
    if (names.has(id)) issues.push({ file: NAMES_FILE, line: index + 1, message: `duplicate id ${id}` });
    names.set(id, match[2]!.split('|'));
  });
  return names;
}

/** Lints place-names.tsv. */
export function checkPlaceNames(): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  readPlaceNames(issues);
  return issues;
}
