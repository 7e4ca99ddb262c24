import { readFileSync } from 'node:fs';
import { getActorsKnowledge } from './actors.js';
import { defineKnowledge, knowledgePath, type KnowledgeIssue } from './files.js';
import { foldName } from './places.js';

/** A decimal number, as the generated tables write coordinates and counts. */
const NUMBER = /^-?\d+(\.\d+)?$/;
const ADMIN1_COLUMNS = {
  country: /^[A-Z]{2}$/, admin1: /^[A-Za-z0-9]{1,20}$/, geonamesId: /^\d+$/, name: /^\S.*$/, aliases: /^.*$/, code: /^([A-Z0-9]{1,3})?$/,
  lat: NUMBER, lon: NUMBER, population: /^\d+$/,
};
const ADMIN2_COLUMNS = {
  country: /^[A-Z]{2}$/, admin1: /^[A-Za-z0-9]{1,20}$/, admin2: /^[A-Za-z0-9]{1,20}$/, name: /^\S.*$/, keys: /^\S.*$/, lat: NUMBER, lon: NUMBER,
  population: /^\d+$/,
};
const ABBREVIATION_COLUMNS = { country: /^[A-Z]{2}$/, admin1: /^[A-Za-z0-9]{1,20}$/, abbreviations: /^\S.*$/ };

/**
 * Reads a generated tab-separated table whose first non-comment line is exactly these columns. The linter
 * (`strict`) checks every cell with its column's pattern; at run time, where 18,000 rows are read at
 * start-up, only the row shape, empty cells and the coordinates' range are checked.
 */
function readTable<C extends Record<string, RegExp>>(file: string, columns: C, issues: KnowledgeIssue[], strict: boolean): Array<Record<keyof C, string>> {
  const names = Object.keys(columns) as Array<keyof C & string>;
  const shown = `knowledge/${file}`;
  const rows: Array<Record<keyof C, string>> = [];
  let header = true;
  readFileSync(knowledgePath(file), 'utf8').split('\n').forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split('\t');
    if (header) {
      header = false;
      if (cells.join('\t') !== names.join('\t')) issues.push({ file: shown, line: index + 1, message: `columns must be ${names.join(', ')}` });
      return;
    }
    if (cells.length !== names.length) {
      issues.push({ file: shown, line: index + 1, message: `${cells.length} cells but ${names.length} columns` });
      return;
    }
    const row = {} as Record<keyof C, string>;
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i]!;
      const cell = cells[i]!;
      if ((strict || cell === '') && !columns[name]!.test(cell)) {
        issues.push({ file: shown, line: index + 1, message: `${name}: "${cell}" is not valid` });
        return;
      }
      row[name] = cell;
    }
    if ('lat' in row && Math.abs(Number(row.lat)) > 90) issues.push({ file: shown, line: index + 1, message: 'lat: out of range' });
    else if ('lon' in row && Math.abs(Number(row.lon)) > 180) issues.push({ file: shown, line: index + 1, message: 'lon: out of range' });
    else rows.push(row);
  });
  return rows;
}

const pipeList = (cell: string): string[] => (cell ? cell.split('|').map((name) => name.trim()).filter(Boolean) : []);

/** A second-level subdivision: a US county, an English county, an Indian district, a Philippine province … */
export interface Admin2 {
  /** `region:admin2-<country>-<admin1>-<admin2>` (GeoNames codes, lower case). */
  id: string;
  name: string;
  /** ISO3 of the country (alpha-2 when the country is not in countries.jsonl). */
  country: string;
  /** `ISO3.admin1`: the first-level subdivision it lies in. */
  admin1: string;
  /** `ISO3.admin1.admin2`. */
  key: string;
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
  /** Second-level subdivisions by folded name ("kent", "cuyahoga county"), most populous first. */
  admin2ByName: Map<string, Admin2[]>;
}

/** Words that name the kind of subdivision around its proper name: "Benue State", "Province of Laguna". */
const KIND_SUFFIX = / (state|province|region|oblast|governorate|prefecture|department|district|territory|voivodeship|krai|kray)$/i;
const KIND_PREFIX = /^(state|province|region|department|governorate|republic) of (the )?/i;

const MAX_MEMO = 50_000;
const keysMemo = new Map<string, string[]>();

/** The folded keys a full name is found by: itself, and without a kind word when something is left. */
export function admin1NameKeys(name: string): string[] {
  let keys = keysMemo.get(name);
  if (keys) return keys;
  const folded = foldName(name);
  keys = [folded];
  const bare = folded.replace(KIND_SUFFIX, '').replace(KIND_PREFIX, '');
  if (bare !== folded && bare.length >= 3) keys.push(bare);
  if (keysMemo.size >= MAX_MEMO) keysMemo.clear();
  keysMemo.set(name, keys);
  return keys;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function load(issues: KnowledgeIssue[], strict = false): Admin1Knowledge {
  const rows = readTable('places/admin1.tsv', ADMIN1_COLUMNS, issues, strict);
  const abbreviationRows = readTable('places/admin1-abbreviations.tsv', ABBREVIATION_COLUMNS, issues, true);
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
      id: `place:geonames:${row.geonamesId}`, name: row.name, country, admin1: row.admin1, key, names: [row.name, ...pipeList(row.aliases)],
      abbreviations: [], lat: Number(row.lat), lon: Number(row.lon), population: Number(row.population), ...(row.code ? { code: row.code } : {}),
    };
    all.push(record);
    byKey.set(key, record);
  }
  for (const row of abbreviationRows) {
    const record = byKey.get(`${countryByIso2.get(row.country)?.iso3 ?? row.country}.${row.admin1}`);
    if (!record) issues.push({ file: 'knowledge/places/admin1-abbreviations.tsv', line: 0, message: `no subdivision ${row.country} ${row.admin1} in admin1.tsv` });
    else record.abbreviations.push(...pipeList(row.abbreviations));
  }
  const byName = new Map<string, Admin1[]>();
  const byCode = new Map<string, Admin1[]>();
  for (const record of all) {
    for (const name of record.names) for (const key of admin1NameKeys(name)) push(byName, key, record);
    for (const abbreviation of record.abbreviations) push(byName, foldName(abbreviation), record);
    if (record.code) push(byCode, record.code, record);
  }
  const admin2ByName = new Map<string, Admin2[]>();
  for (const row of readTable('places/admin2.tsv', ADMIN2_COLUMNS, issues, strict)) {
    const country = countryByIso2.get(row.country)?.iso3 ?? row.country;
    const admin2: Admin2 = {
      id: `region:admin2-${row.country}-${row.admin1}-${row.admin2}`.toLowerCase(), name: row.name, country, admin1: `${country}.${row.admin1}`,
      key: `${country}.${row.admin1}.${row.admin2}`, lat: Number(row.lat), lon: Number(row.lon), population: Number(row.population),
    };
    // The keys are written by the build (folding 14,000 names at every start would cost more than reading them).
    const keys = row.keys.split('|');
    if (strict && keys.join('|') !== admin1NameKeys(row.name).join('|')) issues.push({ file: 'knowledge/places/admin2.tsv', line: 0, message: `${row.name}: keys ${row.keys} are not its lookup keys` });
    for (const key of keys) push(admin2ByName, key, admin2);
  }
  for (const list of admin2ByName.values()) list.sort((a, b) => b.population - a.population);
  return { all, byKey, byName, byCode, admin2ByName };
}

const admin1 = defineKnowledge<Admin1Knowledge, boolean>((issues, strict) => load(issues, strict));

/** Validates admin1.tsv, admin1-abbreviations.tsv (each abbreviation names a listed subdivision) and admin2.tsv. */
export const checkAdmin1 = (): KnowledgeIssue[] => admin1.check(true);

/** First-level subdivisions of every country, loaded once per process. */
export const getAdmin1 = admin1.get;

const NAMES_FILE = 'knowledge/places/place-names.tsv';
const NAMES_ROW = /^([a-z][ -~]*)\t(\d+(?:\|\d+)*)$/;

/**
 * GeoNames ids of populated places by lower-case alternate name ("st. petersburg" → Saint Petersburg),
 * the ids left as text until a name is looked up. A generated file of 74,000 rows: at run time each row
 * is only split at its tab; `strict` (the linter) checks every row with a RegExp.
 */
export function readPlaceNames(issues: KnowledgeIssue[], strict = false): Map<string, string> {
  const names = new Map<string, string>();
  let header = true;
  readFileSync(knowledgePath('places/place-names.tsv'), 'utf8').split('\n').forEach((line, index) => {
    if (line === '' || line.charCodeAt(0) === 35) return;
    if (header) {
      header = false;
      if (line !== 'name\tgeonamesIds') issues.push({ file: NAMES_FILE, line: index + 1, message: 'header must be name<TAB>geonamesIds' });
      return;
    }
    const tab = line.indexOf('\t');
    if (strict || tab < 0) {
      const match = NAMES_ROW.exec(line);
      if (!match) {
        issues.push({ file: NAMES_FILE, line: index + 1, message: 'expected <lower-case ASCII name><TAB><GeoNames id>|<id>…' });
        return;
      }
      if (names.has(match[1]!)) issues.push({ file: NAMES_FILE, line: index + 1, message: `duplicate name ${match[1]}` });
    }
    names.set(line.slice(0, tab), line.slice(tab + 1));
  });
  return names;
}

/** Lints place-names.tsv. */
export function checkPlaceNames(): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  readPlaceNames(issues, true);
  return issues;
}
