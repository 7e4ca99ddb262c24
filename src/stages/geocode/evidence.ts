import { getAdmin1 } from '../../knowledge/admin1.js';
import { foldName, getCityIndex } from '../../knowledge/places.js';
import {
  ADMIN1_WEIGHT, ALTERNATE_WEIGHT, MAX_MEMO, MIN_UNSUPPORTED_POPULATION, PLAUSIBLE_FACTOR, cityScore, isCode, isGenericName, resolveToponym,
  toponymEntries, toponymKey, withoutArticle, type ToponymContext,
} from './resolve.js';

/** What a name alone says about where a document is: the country and subdivision all its plausible readings share. */
export interface Evidence {
  country?: string;
  admin1?: string;
}

/** A subdivision of this many people is a reading of its name as plausible as a country's. */
const PROMINENT_SUBDIVISION = 1_000_000;

/**
 * The country (and subdivision) a name puts its document in, when it does so whatever else the document
 * says: a country or demonym that is not also a subdivision elsewhere, a subdivision name found in one
 * country only, a city whose plausible namesakes all lie in one country ("Lucknow", not "Paris").
 */
export function evidenceOf(text: string): Evidence {
  return nameFacts(text).evidence;
}

/** What a name alone says, worked out once per process for each name: names recur across documents. */
interface NameFacts {
  evidence: Evidence;
  /** Every country a name could be read in (see readingCountriesOf). */
  countries: ReadonlySet<string>;
  /** The country of its reading with no context at all. */
  best?: string;
}

const factsMemo = new Map<string, NameFacts>();

export function nameFacts(text: string): NameFacts {
  let facts = factsMemo.get(text);
  if (facts) return facts;
  const best = resolveToponym(text, { countries: new Set(), locative: false })?.country;
  facts = { evidence: computeEvidence(text), countries: computeReadingCountries(text), ...(best ? { best } : {}) };
  if (factsMemo.size >= MAX_MEMO) factsMemo.clear();
  factsMemo.set(text, facts);
  return facts;
}

function computeEvidence(text: string): Evidence {
  const key = toponymKey(text);
  // A generic word ("Street", "Park") names a place only where the context already is: it is no evidence of one.
  if (!key || isGenericName(foldName(key))) return {};
  const empty: ToponymContext = { countries: new Set(), locative: false };
  const subdivisions = getAdmin1().byName.get(foldName(key)) ?? [];
  const entries = toponymEntries(key.toLowerCase());
  if (entries) {
    const named = entries.country ?? entries.region;
    const country = named?.kb.country;
    if (!country || (entries.country && entries.region?.kb.country && entries.region.kb.country !== country)) return {};
    // A subdivision elsewhere as prominent as a state makes the name ambiguous ("Georgia"); a small one does not ("Florida", Uruguay).
    const own = subdivisions.find((record) => record.country === country);
    const rival = subdivisions.some((record) => record.country !== country && record.population >= Math.max(PROMINENT_SUBDIVISION, (own?.population ?? 0) / PLAUSIBLE_FACTOR));
    if (rival) return {};
    return !entries.country && own ? { country, admin1: own.key } : { country };
  }
  const folded = foldName(key);
  const index = getCityIndex();
  const readings: Array<{ country: string; admin1: string; score: number }> = [];
  for (const record of subdivisions) readings.push({ country: record.country, admin1: record.key, score: record.population * ADMIN1_WEIGHT });
  for (const record of getAdmin1().admin2ByName.get(folded) ?? []) readings.push({ country: record.country, admin1: record.admin1, score: record.population * ADMIN1_WEIGHT });
  const own = index.get(foldName(withoutArticle(key))) ?? [];
  const headBoost = own.length > 1 && own[0]!.name !== own[1]!.name ? 5 : 1;
  own.forEach((city, i) => readings.push({ country: city.country, admin1: `${city.country}.${city.admin1}`, score: cityScore(city, i, headBoost, empty) }));
  for (const city of index.alternates(folded) ?? []) readings.push({ country: city.country, admin1: `${city.country}.${city.admin1}`, score: cityScore(city, 1, 1, empty, true) * ALTERNATE_WEIGHT });
  if (readings.length === 0) return {};
  let best = 0;
  for (const reading of readings) best = Math.max(best, reading.score);
  // A small town is evidence only when it is the one place of its name anywhere ("Castlegar").
  if (best < (readings.length === 1 ? MIN_VOTING_POPULATION : MIN_UNSUPPORTED_POPULATION)) return {};
  const plausible = readings.filter((reading) => reading.score * PLAUSIBLE_FACTOR >= best);
  const country = plausible[0]!.country;
  if (!plausible.every((reading) => reading.country === country)) return {};
  const admin1 = plausible[0]!.admin1;
  return plausible.every((reading) => reading.admin1 === admin1) ? { country, admin1 } : { country };
}

/** Towns smaller than this do not vote for their country: every name has such namesakes somewhere. */
const MIN_VOTING_POPULATION = 5_000;

/**
 * Every country a name could be read in, counting only readings of some weight: subdivisions of that name or code, towns of 5,000 people or more (or seats), countries and regions.
 * Names that share one such country hint where an otherwise unplaced document is ("Nelson", "BC").
 */
export function readingCountriesOf(text: string): ReadonlySet<string> {
  return nameFacts(text).countries;
}

function computeReadingCountries(text: string): Set<string> {
  const key = toponymKey(text);
  const countries = new Set<string>();
  if (!key || isGenericName(foldName(key))) return countries;
  const entries = toponymEntries(key.toLowerCase());
  for (const entry of [entries?.country, entries?.region]) if (entry?.kb.country) countries.add(entry.kb.country);
  const folded = foldName(key);
  const knowledge = getAdmin1();
  for (const record of knowledge.byName.get(folded) ?? []) countries.add(record.country);
  if (isCode(key)) for (const record of knowledge.byCode.get(key) ?? []) countries.add(record.country);
  for (const record of knowledge.admin2ByName.get(folded) ?? []) if (record.population >= MIN_VOTING_POPULATION) countries.add(record.country);
  const index = getCityIndex();
  for (const city of [...(index.get(foldName(withoutArticle(key))) ?? []), ...(index.alternates(folded) ?? [])]) {
    if (city.population >= MIN_VOTING_POPULATION || city.featureCode.startsWith('PPLA') || city.featureCode === 'PPLC') countries.add(city.country);
  }
  return countries;
}
