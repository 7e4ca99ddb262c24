import type { Place } from '../../doc/types.js';
import { admin1NameKeys, getAdmin1, type Admin1, type Admin2 } from '../../knowledge/admin1.js';
import { foldName, getCityIndex, getPlaces, type City } from '../../knowledge/places.js';
import { getGazetteer, type GazetteerEntry } from '../entities/gazetteer.js';

/** What a toponym resolves to, before it is tied to a mention. */
export interface Resolved {
  name: string;
  placeId: string;
  country?: string;
  /** `ISO3.admin1` of the subdivision the place is in (or is). */
  admin1?: string;
  lat: number;
  lon: number;
  resolution: Place['resolution'];
  confidence: number;
  /** ISO3 of the state whose government the name stands for ("Washington said"). */
  government?: string;
}

/** A country, and optionally one of its subdivisions, that the text puts a place in ("Paris, Texas"). */
export interface Container {
  country: string;
  admin1?: string;
}

export interface ToponymContext {
  /** ISO3 codes of countries the document's other places and mentions put it in. */
  countries: ReadonlySet<string>;
  /** The mention follows "in", "near", "at" … or says "X city": a small town is then plausible. */
  locative: boolean;
  /** `ISO3.admin1` keys of subdivisions the document's other places put it in. */
  admin1s?: ReadonlySet<string>;
  /** What the text right after the name says contains it ("Lucknow, Uttar Pradesh"): any one of these. */
  within?: readonly Container[];
  /** The name stands after "Town, " and a subdivision of that name holds such a town: it names the subdivision. */
  containerSlot?: boolean;
  /** The name is the subject of a speech or act verb ("Washington said"): a seat of government. */
  actor?: boolean;
}

/** Below this population a city needs the document's own support (its country named, or a locative cue). */
export const MIN_UNSUPPORTED_POPULATION = 15_000;

/** A city this large (or a capital) is what its same-named subdivision's name means ("New York"). */
const NAMESAKE_CITY_POPULATION = 1_000_000;

const SEAT_WEIGHT: Record<string, number> = { PPLC: 20, PPLA: 4, PPLG: 4, PPLA2: 1.5 };
/** How much a place in a country the document's context names outweighs one that is not. */
const IN_CONTEXT = 50;
/** And in a state or province it names, on top of that. */
const IN_ADMIN1 = 20;
/** Alternate names (GeoNames' other spellings) count for less than a place's own name. */
export const ALTERNATE_WEIGHT = 0.1;
/** A subdivision's summed population against a city's own: subdivisions are named less often per head. */
export const ADMIN1_WEIGHT = 0.5;

/** "the Hague" → "Hague": drops a leading article without a RegExp. */
export function withoutArticle(name: string): string {
  if (name.length < 5 || (name.charCodeAt(0) | 32) !== 116 || (name.charCodeAt(1) | 32) !== 104 || (name.charCodeAt(2) | 32) !== 101) return name;
  let i = 3;
  while (i < name.length && /\s/.test(name[i]!)) i += 1;
  return i > 3 ? name.slice(i) : name;
}

export function cityScore(city: City, index: number, headBoost: number, context: ToponymContext, alternate = false): number {
  // A seat's weight is the prior of its own name ("Paris" is mostly the capital); a capital's other names
  // are history and spelling ("Philadelphia" for Amman), with no such prior over the places they are the name of.
  const seat = alternate ? 1 : SEAT_WEIGHT[city.featureCode] ?? 1;
  let score = city.population * seat * (index === 0 ? headBoost : 1);
  if (context.countries.has(city.country)) score *= IN_CONTEXT;
  if (context.admin1s?.has(`${city.country}.${city.admin1}`)) score *= IN_ADMIN1;
  if (context.actor) score *= city.featureCode === 'PPLC' ? 5 : 0.2;
  return score;
}

/** Best populated place among candidates, with its score. */
function bestCity(candidates: readonly City[], context: ToponymContext, weight: number): { city: City; score: number } | undefined {
  if (candidates.length === 0) return undefined;
  // The head of the list may be a curated exonym target (Geneva → Genève), which gets a curated boost.
  const headBoost = weight === 1 && candidates[0]!.name !== candidates[1]?.name ? 5 : 1;
  let best: City | undefined;
  let bestScore = -1;
  for (let index = 0; index < candidates.length; index += 1) {
    const city = candidates[index]!;
    const score = cityScore(city, index, headBoost, context, weight !== 1) * weight;
    if (score > bestScore) {
      best = city;
      bestScore = score;
    }
  }
  return { city: best!, score: bestScore };
}

/**
 * Whether the document names subdivisions of the city's country but not the city's own: news about a place
 * names its state ("Tyrone, Mo.", "Texas County"), so a small namesake town in another state of that country
 * is a street, a neighbourhood or a facility named after it ("the Lockwood facility", "the Austin
 * neighborhood"), not a place the story is in.
 */
export function outsideNamedSubdivisions(city: Pick<City, 'country' | 'admin1'>, context: Pick<ToponymContext, 'admin1s'>): boolean {
  if (!context.admin1s || context.admin1s.size === 0 || context.admin1s.has(`${city.country}.${city.admin1}`)) return false;
  const prefix = `${city.country}.`;
  for (const key of context.admin1s) if (key.startsWith(prefix)) return true;
  return false;
}

const isSupported = (city: City, context: ToponymContext): boolean => {
  if (city.featureCode === 'PPLC' || (context.within?.length ?? 0) > 0) return true;
  if (outsideNamedSubdivisions(city, context)) return false;
  return context.countries.has(city.country) || context.locative;
};

/** Best populated place for a name by its own GeoNames name, or undefined when none is plausible here. */
export function resolveCity(name: string, context: ToponymContext): City | undefined {
  const found = bestCity(getCityIndex().get(foldName(withoutArticle(name))) ?? [], context, 1);
  if (!found || (!isSupported(found.city, context) && found.city.population < MIN_UNSUPPORTED_POPULATION)) return undefined;
  return found.city;
}

/** The country-like and region gazetteer entries a toponym key names, looked up once per key. */
interface ToponymEntries {
  country: GazetteerEntry | undefined;
  region: GazetteerEntry | undefined;
}

export const MAX_MEMO = 50_000;
const entriesMemo = new Map<string, ToponymEntries | null>();

export function toponymEntries(lowerKey: string): ToponymEntries | undefined {
  let found = entriesMemo.get(lowerKey);
  if (found === undefined) {
    const entries = (getGazetteer().byPhrase.get(lowerKey) ?? []).filter(
      (entry) => (entry.type === 'COUNTRY' || entry.type === 'REGION' || entry.type === 'NATIONALITY') && entry.kb.lat !== undefined,
    );
    let region = entries.find((entry) => entry.type === 'REGION');
    if (!region) {
      const referred = regionsReferredBy().get(lowerKey);
      if (referred) region = { phrase: lowerKey, type: 'REGION', kb: { id: referred.id, name: referred.name, lat: referred.lat, lon: referred.lon }, caseSensitive: false };
    }
    found = entries.length === 0 && !region ? null : { country: entries.find((entry) => entry.type !== 'REGION'), region };
    if (entriesMemo.size >= MAX_MEMO) entriesMemo.clear();
    entriesMemo.set(lowerKey, found);
  }
  return found ?? undefined;
}

let referredBy: Map<string, { id: string; name: string; lat: number; lon: number }> | undefined;

/** Regions by the adjectives and bodies that point at them ("European", "EU" → Europe). */
function regionsReferredBy(): Map<string, { id: string; name: string; lat: number; lon: number }> {
  if (referredBy) return referredBy;
  referredBy = new Map();
  for (const region of getPlaces().regions) for (const name of region.referredBy ?? []) referredBy.set(name.toLowerCase(), region);
  return referredBy;
}

/** The toponym key: trimmed, without a leading "the" or a trailing possessive. */
export function toponymKey(text: string): string {
  let key = withoutArticle(text.trim());
  const last = key.charCodeAt(key.length - 1);
  const apostrophe = key.charCodeAt(key.length - 2);
  if (last === 115 && (apostrophe === 39 || apostrophe === 0x2019)) key = key.slice(0, -2);
  return key;
}

export const isCode = (key: string): boolean => /^[A-Z]{2,3}$/.test(key);

/**
 * Subdivisions a key names: by full name or written abbreviation anywhere; by ISO 3166-2 code ("UP",
 * "BC") only in upper case and when the document or the containing phrase already names its country.
 */
export function admin1Candidates(key: string, context: Pick<ToponymContext, 'countries' | 'within'>): Admin1[] {
  const knowledge = getAdmin1();
  const keys = admin1NameKeys(key);
  const inContext = (record: Admin1): boolean =>
    context.countries.has(record.country) || (context.within?.some((container) => container.country === record.country) ?? false);
  // "Western", "Central", "West Coast": a name of only generic words is a subdivision only where its country is in view.
  let byName = (knowledge.byName.get(keys[0]!) ?? knowledge.byName.get(keys[1] ?? '') ?? []);
  if (isGenericName(keys[0]!)) byName = byName.filter(inContext);
  if (!isCode(key)) return byName;
  const coded = knowledge.byCode.get(key) ?? [];
  const byCode = coded.filter((record) => inContext(record) || (coded.length === 1 && !CODE_WORDS.has(key)));
  return byName.length === 0 ? byCode : [...byName, ...byCode.filter((record) => !byName.includes(record))];
}

/** Codes that are also English words or common abbreviations: never read as a subdivision without its country in view. */
const CODE_WORDS = new Set(['AM', 'AN', 'AS', 'AT', 'BE', 'BY', 'DO', 'GO', 'HE', 'HI', 'IF', 'IN', 'IS', 'IT', 'ME', 'MY', 'NO', 'OF', 'OH', 'OK', 'ON', 'OR', 'SO', 'TO', 'UP', 'US', 'WE', 'TV', 'PM', 'PR', 'ID', 'AI', 'EU', 'UN', 'UK', 'CEO', 'ALL', 'AND', 'ARE', 'BUT', 'CAN', 'FOR', 'HIS', 'NOT', 'NEW', 'ONE', 'OUR', 'OUT', 'THE', 'WAR', 'WHO', 'BBC', 'CNN', 'CIA', 'FBI', 'NFL', 'NBA']);

const GENERIC_WORDS = new Set([
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'north-east', 'north-west', 'south-east',
  'south-west', 'northeast', 'northwest', 'southeast', 'southwest', 'upper', 'lower', 'middle', 'greater', 'capital', 'coast', 'coastal',
  'gulf', 'islands', 'island', 'lakes', 'lake', 'river', 'mountain', 'mountains', 'highlands', 'lowlands', 'federal', 'national',
  'metropolitan', 'city', 'district', 'region', 'province', 'state', 'territory', 'the', 'of', 'and', 'valley', 'plateau', 'littoral',
  'world', 'university', 'college', 'school', 'hospital', 'church', 'street', 'road', 'avenue', 'hall', 'park', 'summit', 'new', 'old',
  'town', 'village', 'downtown', 'uptown',
]);

/** A name made only of direction and kind words ("Western", "West Coast", "Gulf"): a place only in context. */
export function isGenericName(folded: string): boolean {
  return folded.split(/\s+/).every((word) => GENERIC_WORDS.has(word));
}

/** The reading of a first-level subdivision by its `ISO3.admin1` key, or undefined for an unknown key. */
export function subdivisionReading(key: string, confidence: number): Resolved | undefined {
  const record = getAdmin1().byKey.get(key);
  return record ? fromAdmin1(record, confidence) : undefined;
}

/** A subdivision's point: the hand-written one of regions.jsonl when it has one (US states), else the estimated centre. */
function fromAdmin1(record: Admin1, confidence: number): Resolved {
  const written = toponymEntries(record.name.toLowerCase())?.region;
  const point = written && written.kb.country === record.country && getPlaces().regionById.get(written.kb.id)?.kind === 'admin1' ? written.kb : record;
  return { name: record.name, placeId: record.id, country: record.country, admin1: record.key, lat: point.lat!, lon: point.lon!, resolution: 'admin', confidence };
}

function fromCity(city: City, context: ToponymContext, confidence?: number): Resolved {
  const resolved: Resolved = {
    name: city.name, placeId: city.id, country: city.country, lat: city.lat, lon: city.lon, resolution: 'city',
    confidence: confidence ?? (context.countries.has(city.country) ? 0.85 : city.population > 100_000 ? 0.7 : 0.5),
  };
  if (city.admin1) resolved.admin1 = `${city.country}.${city.admin1}`;
  if (context.actor && city.featureCode === 'PPLC') resolved.government = city.country;
  return resolved;
}

const entryMemo = new Map<string, Resolved>();

/** A country, region or demonym's reading; the same entry always reads the same, so each is made once. */
function fromEntry(chosen: GazetteerEntry, context: ToponymContext): Resolved {
  const memoKey = `${context.actor ? 1 : 0}${chosen.type}${chosen.kb.id}`;
  let resolved = entryMemo.get(memoKey);
  if (!resolved) {
    resolved = readEntry(chosen, context);
    if (entryMemo.size >= MAX_MEMO) entryMemo.clear();
    entryMemo.set(memoKey, resolved);
  }
  return { ...resolved };
}

function readEntry(chosen: GazetteerEntry, context: ToponymContext): Resolved {
  const kind = chosen.type === 'REGION' ? getPlaces().regionById.get(chosen.kb.id)?.kind : undefined;
  const resolved: Resolved = {
    name: chosen.kb.name,
    placeId: chosen.kb.id,
    ...(chosen.kb.country ? { country: chosen.kb.country } : {}),
    lat: chosen.kb.lat!,
    lon: chosen.kb.lon!,
    resolution: kind === undefined ? 'country' : kind === 'continent' ? 'continent' : kind === 'admin1' ? 'admin' : 'region',
    confidence: chosen.type === 'NATIONALITY' ? 0.6 : 0.9,
  };
  if (context.actor && kind === undefined && chosen.kb.country) resolved.government = chosen.kb.country;
  if (kind === 'admin1') {
    const record = getAdmin1().byName.get(foldName(chosen.kb.name))?.find((candidate) => candidate.country === chosen.kb.country);
    if (record) resolved.admin1 = record.key;
  }
  return resolved;
}

const inContainer = (country: string, admin1: string | undefined, within: readonly Container[]): boolean =>
  within.some((container) => container.country === country && (container.admin1 === undefined || container.admin1 === admin1));

/** "Springfield, Ill.": only places inside the named container, best by population. */
function resolveWithin(key: string, context: ToponymContext, within: readonly Container[]): Resolved | undefined {
  const folded = foldName(key);
  const index = getCityIndex();
  const cities = [...(index.get(folded) ?? []), ...(index.alternates(folded) ?? [])]
    .filter((city) => inContainer(city.country, `${city.country}.${city.admin1}`, within));
  const found = bestCity(cities, { ...context, actor: false }, 1);
  const admin1 = admin1Candidates(key, context).filter((record) => inContainer(record.country, record.key, within))[0];
  if (admin1 && (!found || admin1.population * ADMIN1_WEIGHT > found.score)) return fromAdmin1(admin1, 0.9);
  return found ? fromCity(found.city, context, 0.9) : undefined;
}

/**
 * The second-level subdivision a name most likely means ("Kent", "Cuyahoga County"), scored like a
 * first-level one: population, and the document's countries and states (a containing state most).
 */
function bestAdmin2(folded: string, context: ToponymContext): { record: Admin2; score: number } | undefined {
  let candidates = getAdmin1().admin2ByName.get(folded);
  if (!candidates) return undefined;
  if (isGenericName(folded)) candidates = candidates.filter((record) => context.countries.has(record.country));
  let best: { record: Admin2; score: number } | undefined;
  for (const record of candidates) {
    let score = record.population * ADMIN1_WEIGHT;
    if (context.countries.has(record.country)) score *= IN_CONTEXT;
    // Counties and districts are named in news about their own state: its context counts twice.
    if (context.admin1s?.has(record.admin1)) score *= IN_ADMIN1 * IN_ADMIN1;
    if (context.within?.some((container) => container.admin1 === record.admin1)) score *= IN_ADMIN1 * IN_ADMIN1;
    if (!best || score > best.score) best = { record, score };
  }
  return best;
}

function fromAdmin2(record: Admin2, context: ToponymContext): Resolved {
  return {
    name: record.name, placeId: record.id, country: record.country, admin1: record.admin1, lat: record.lat, lon: record.lon, resolution: 'admin',
    confidence: context.countries.has(record.country) ? 0.8 : 0.6,
  };
}

/** Readings within this factor of the best one count as plausible (a town of a subdivision's name, a name's readings). */
export const PLAUSIBLE_FACTOR = 10;

/** A town of the subdivision's name in its state, and not much smaller than it, is what the name means ("Birmingham"). */
function townOfAdmin2(record: Admin2, cities: readonly City[]): City | undefined {
  return cities.find((city) => `${city.country}.${city.admin1}` === record.admin1 && city.population * PLAUSIBLE_FACTOR >= record.population);
}

/** A same-named big city inside the subdivision is what the name usually means ("New York"). */
function namesakeCity(record: Admin1, cities: readonly City[]): City | undefined {
  return cities.find((city) => city.country === record.country && city.admin1 === record.admin1
    && (city.population >= NAMESAKE_CITY_POPULATION || city.featureCode === 'PPLC'));
}

/**
 * Resolves a toponym (a country, region, subdivision, demonym or city name) with the document's context:
 * a containing place named right after it ("Paris, Texas") decides first; a country or region name beats
 * a same-named town; a subdivision beats a same-named country only when the document is about the
 * subdivision's country and not about that country ("Georgia" in news about the US); otherwise
 * population, weighted by the countries and subdivisions the rest of the document is about, decides.
 */
export function resolveToponym(text: string, context: ToponymContext): Resolved | undefined {
  const key = toponymKey(text);
  if (!key) return undefined;
  if (context.within && context.within.length > 0) {
    const contained = resolveWithin(key, context, context.within);
    if (contained) return contained;
  }
  const entries = toponymEntries(key.toLowerCase());
  const subdivisions = admin1Candidates(key, context);
  const folded = foldName(key);
  if (entries) {
    const { country, region } = entries;
    const stateLike = region && region.kb.country && getPlaces().regionById.get(region.kb.id)?.kind === 'admin1' ? region.kb.country : undefined;
    const namedCountry = country?.kb.country ?? '';
    const admin1InContext = subdivisions.find((record) => record.country !== namedCountry && context.countries.has(record.country));
    const preferRegion = region && (!country || (stateLike !== undefined && context.countries.has(stateLike) && !context.countries.has(namedCountry)));
    if (!preferRegion && country && admin1InContext && !context.countries.has(namedCountry)) return fromAdmin1(admin1InContext, 0.8);
    return fromEntry(preferRegion ? region! : (country ?? region)!, context);
  }
  const index = getCityIndex();
  const own = index.get(foldName(withoutArticle(key))) ?? [];
  const byOwnName = bestCity(own, context, 1);
  const byAlternate = bestCity(index.alternates(folded) ?? [], context, ALTERNATE_WEIGHT);
  const second = bestAdmin2(folded, context);
  const city = byAlternate && (!byOwnName || byAlternate.score > byOwnName.score) ? byAlternate : byOwnName;
  let subdivision: { record: Admin1; score: number } | undefined;
  for (const record of subdivisions) {
    let score = record.population * ADMIN1_WEIGHT;
    if (context.countries.has(record.country)) score *= IN_CONTEXT;
    if (context.admin1s?.has(record.key)) score *= IN_ADMIN1;
    if (context.containerSlot) score *= IN_CONTEXT;
    if (!subdivision || score > subdivision.score) subdivision = { record, score };
  }
  if (subdivision && (context.containerSlot || ((!city || subdivision.score >= city.score) && (!second || subdivision.score >= second.score)))) {
    const namesake = context.containerSlot ? undefined : namesakeCity(subdivision.record, [...own, ...(index.alternates(folded) ?? [])]);
    return namesake ? fromCity(namesake, context) : fromAdmin1(subdivision.record, context.countries.has(subdivision.record.country) ? 0.85 : 0.7);
  }
  if (second && (!city || second.score >= city.score)) {
    const town = townOfAdmin2(second.record, own);
    return town ? fromCity(town, context) : fromAdmin2(second.record, context);
  }
  if (!city || (!isSupported(city.city, context) && city.city.population < MIN_UNSUPPORTED_POPULATION)) return undefined;
  return fromCity(city.city, context);
}

/** Whether a subdivision (or a whole country when `admin1` is absent) holds a populated place of this name. */
export function holdsPlaceNamed(container: Container, name: string): boolean {
  const folded = foldName(toponymKey(name));
  const index = getCityIndex();
  const holds = (city: City): boolean => city.country === container.country && (container.admin1 === undefined || `${city.country}.${city.admin1}` === container.admin1);
  return (index.get(folded) ?? []).some(holds) || (index.alternates(folded) ?? []).some(holds);
}
