import type { EntityType, KbLink } from '../../doc/types.js';
import { getActorsKnowledge } from '../../knowledge/actors.js';
import { getAdmin1 } from '../../knowledge/admin1.js';
import { foldName, getPlaces } from '../../knowledge/places.js';
import { isGenericName } from '../geocode/resolve.js';
import { getEntityCues } from './cues.js';
import { isPlainWord } from './text.js';

/** One name the matcher knows, with what it stands for. */
export interface GazetteerEntry {
  /** The name in lower case (exact case when `caseSensitive`). */
  phrase: string;
  type: EntityType;
  kb: KbLink;
  /** Acronyms and two-letter forms ("US", "WHO", "AU") only match in upper case. */
  caseSensitive: boolean;
}

export interface Gazetteer {
  /** Entries by the first run of letters/digits of their lower-cased name; longest phrase first. */
  byKey: Map<string, GazetteerEntry[]>;
  /** Every entry by lower-cased phrase, for lookups of a whole span. */
  byPhrase: Map<string, GazetteerEntry[]>;
  /** The first known person by lower-cased name ("nikol pashinyan"). */
  personByPhrase: Map<string, GazetteerEntry>;
  /** One-word names of countries, demonyms, regions and organisations ("georgia", "french"). */
  nonPersonWords: Set<string>;
  /** First words of those names ("new", "islamic"). */
  nonPersonKeys: Set<string>;
}

const KEY = /^[\p{L}\p{N}]+/u;

/** The lookup key of a name or a token: its first run of letters and digits, lower-cased. */
export function firstWordKey(text: string): string {
  return KEY.exec(text.toLowerCase())?.[0] ?? text.toLowerCase();
}

const isAcronym = (name: string): boolean => !/\p{Ll}/u.test(name);

let cached: Gazetteer | undefined;

/** The one precompiled name matcher over countries, demonyms, IGOs, regions and known people. */
export function getGazetteer(): Gazetteer {
  if (cached) return cached;
  const byKey = new Map<string, GazetteerEntry[]>();
  const byPhrase = new Map<string, GazetteerEntry[]>();
  const seen = new Set<string>();
  const add = (name: string, type: EntityType, kb: KbLink): void => {
    const variants = new Set([name, name.normalize('NFD').replace(/\p{M}/gu, '')]);
    for (const variant of variants) {
      const caseSensitive = isAcronym(variant);
      const phrase = caseSensitive ? variant : variant.toLowerCase();
      const dedupe = `${phrase}\u0000${kb.id}\u0000${type}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const entry: GazetteerEntry = { phrase, type, kb, caseSensitive };
      push(byKey, firstWordKey(variant), entry);
      push(byPhrase, variant.toLowerCase(), entry);
    }
  };
  const { countries, igos, people, seats } = getActorsKnowledge();
  for (const country of countries) {
    const kb: KbLink = { id: `country:${country.iso3}`, name: country.name, country: country.iso3, lat: country.lat, lon: country.lon };
    for (const name of [country.name, ...country.aliases]) add(name, 'COUNTRY', kb);
    for (const demonym of country.demonyms) add(demonym, 'NATIONALITY', kb);
  }
  for (const igo of igos) {
    const kb: KbLink = { id: `igo:${igo.code}`, name: igo.name, sector: igo.topic ? `${igo.sector}${igo.topic}` : igo.sector };
    for (const name of [igo.name, ...igo.aliases]) add(name, igo.sector === 'NGO' ? 'ORG' : 'IGO', kb);
  }
  // "the Kremlin", "the White House": the government that sits there, an organisation of its country.
  for (const seat of seats) {
    const kb: KbLink = { id: `seat:${seat.id}`, name: seat.name, country: seat.country, sector: seat.sector };
    for (const name of [seat.name, ...seat.aliases]) add(name, 'ORG', kb);
  }
  for (const region of getPlaces().regions) {
    const kb: KbLink = { id: region.id, name: region.name, lat: region.lat, lon: region.lon, ...(region.country ? { country: region.country } : {}) };
    for (const name of [region.name, ...region.aliases]) add(name, 'REGION', kb);
  }
  // States and provinces by full name ("Uttar Pradesh", "British Columbia"): places the geocoder resolves.
  const givenNames = getEntityCues().givenNames;
  for (const record of getAdmin1().all) {
    for (const name of record.names) {
      const lower = name.toLowerCase();
      if (name.length < 4 || byPhrase.has(lower) || givenNames.has(lower) || isGenericName(foldName(name)) || (!/\s/.test(name) && record.population < 1_000_000)) continue;
      add(name, 'PLACE', { id: record.id, name: record.name, country: record.country, lat: record.lat, lon: record.lon });
    }
  }
  for (const person of people) {
    const country = person.roles.find((role) => role.country)?.country;
    const kb: KbLink = { id: person.id, name: person.name, ...(country ? { country } : {}) };
    // Surnames alone stay out of the matcher: "Abe", "Xi", "Grandi" are also ordinary words or names.
    for (const name of [person.name, ...person.aliases.filter((alias) => /\s/.test(alias))]) add(name, 'PERSON', kb);
  }
  for (const list of byKey.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  const personByPhrase = new Map<string, GazetteerEntry>();
  const nonPersonWords = new Set<string>();
  for (const [phrase, list] of byPhrase) {
    const person = list.find((entry) => entry.type === 'PERSON');
    if (person) personByPhrase.set(phrase, person);
    if (!/\s/.test(phrase) && list.some((entry) => entry.type !== 'PERSON')) nonPersonWords.add(phrase);
  }
  const nonPersonKeys = new Set<string>();
  for (const [key, list] of byKey) if (list.some((entry) => entry.type !== 'PERSON')) nonPersonKeys.add(key);
  return (cached = { byKey, byPhrase, personByPhrase, nonPersonWords, nonPersonKeys });
}

const MAX_MEMO = 50_000;
const keyMemo = new Map<string, string>();

/** Gazetteer entries whose name starts with the word of this token's lower-case normal form. */
export function entriesForNormal(normal: string): GazetteerEntry[] | undefined {
  const byKey = getGazetteer().byKey;
  if (isPlainWord(normal)) return byKey.get(normal);
  let key = keyMemo.get(normal);
  if (key === undefined) {
    if (keyMemo.size >= MAX_MEMO) keyMemo.clear();
    key = firstWordKey(normal);
    keyMemo.set(normal, key);
  }
  return byKey.get(key);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
