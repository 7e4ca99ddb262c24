import type { Place } from '../../doc/types.js';
import { foldName, getCityIndex, getPlaces, type City } from '../../knowledge/places.js';
import { getGazetteer, type GazetteerEntry } from '../entities/gazetteer.js';

/** What a toponym resolves to, before it is tied to a mention. */
export interface Resolved {
  name: string;
  placeId: string;
  country?: string;
  lat: number;
  lon: number;
  resolution: Place['resolution'];
  confidence: number;
}

export interface ToponymContext {
  /** ISO3 codes of countries the document mentions (by name, demonym, region or city). */
  countries: ReadonlySet<string>;
  /** The mention follows "in", "near", "at" … or says "X city": a small town is then plausible. */
  locative: boolean;
}

/** Below this population a city needs the document's own support (its country named, or a locative cue). */
export const MIN_UNSUPPORTED_POPULATION = 15_000;

const SEAT_WEIGHT: Record<string, number> = { PPLC: 20, PPLA: 4, PPLG: 4, PPLA2: 1.5 };

/** "the Hague" → "Hague": drops a leading article without a RegExp. */
function withoutArticle(name: string): string {
  if (name.length < 5 || (name.charCodeAt(0) | 32) !== 116 || (name.charCodeAt(1) | 32) !== 104 || (name.charCodeAt(2) | 32) !== 101) return name;
  let i = 3;
  while (i < name.length && /\s/.test(name[i]!)) i += 1;
  return i > 3 ? name.slice(i) : name;
}

/** Best populated place for a name, or undefined when none is plausible here. */
export function resolveCity(name: string, context: ToponymContext): City | undefined {
  const candidates = getCityIndex().get(foldName(withoutArticle(name)));
  if (!candidates || candidates.length === 0) return undefined;
  let best = candidates[0]!;
  let bestScore = -1;
  // The head of the list may be a curated exonym target (Geneva → Genève), which gets a curated boost.
  const headBoost = best.name !== candidates[1]?.name ? 5 : 1;
  for (let index = 0; index < candidates.length; index += 1) {
    const city = candidates[index]!;
    const inDocument = context.countries.has(city.country) ? 20 : 1;
    const score = inDocument * city.population * (SEAT_WEIGHT[city.featureCode] ?? 1) * (index === 0 ? headBoost : 1);
    if (score > bestScore) {
      best = city;
      bestScore = score;
    }
  }
  const supported = context.countries.has(best.country) || context.locative || best.featureCode === 'PPLC';
  if (!supported && best.population < MIN_UNSUPPORTED_POPULATION) return undefined;
  return best;
}

const US_ANCHOR = 'USA';

/** The country-like and region gazetteer entries a toponym key names, looked up once per key. */
interface ToponymEntries {
  country: GazetteerEntry | undefined;
  region: GazetteerEntry | undefined;
}

const MAX_MEMO = 50_000;
const entriesMemo = new Map<string, ToponymEntries | null>();

function toponymEntries(lowerKey: string): ToponymEntries | undefined {
  let found = entriesMemo.get(lowerKey);
  if (found === undefined) {
    const entries = (getGazetteer().byPhrase.get(lowerKey) ?? []).filter(
      (entry) => (entry.type === 'COUNTRY' || entry.type === 'REGION' || entry.type === 'NATIONALITY') && entry.kb.lat !== undefined,
    );
    found = entries.length === 0 ? null : { country: entries.find((entry) => entry.type !== 'REGION'), region: entries.find((entry) => entry.type === 'REGION') };
    if (entriesMemo.size >= MAX_MEMO) entriesMemo.clear();
    entriesMemo.set(lowerKey, found);
  }
  return found ?? undefined;
}

/** The toponym key: trimmed, without a leading "the" or a trailing possessive. */
function toponymKey(text: string): string {
  let key = withoutArticle(text.trim());
  const last = key.charCodeAt(key.length - 1);
  const apostrophe = key.charCodeAt(key.length - 2);
  if (last === 115 && (apostrophe === 39 || apostrophe === 0x2019)) key = key.slice(0, -2);
  return key;
}

/**
 * Resolves a toponym (a country, region, demonym or city name) with the document's own countries as
 * context: a country or region name beats a same-named town, and a US state beats a same-named country
 * only when the document is about the United States and not about that country.
 */
export function resolveToponym(text: string, context: ToponymContext): Resolved | undefined {
  const key = toponymKey(text);
  if (!key) return undefined;
  const entries = toponymEntries(key.toLowerCase());
  if (entries) {
    const { country, region } = entries;
    const regionCountry = region?.kb.country;
    const preferRegion = region && (!country || (regionCountry === US_ANCHOR
      && context.countries.has(regionCountry) && !context.countries.has(country.kb.country ?? '')));
    const chosen = preferRegion ? region : (country ?? region)!;
    const kind = chosen.type === 'REGION' ? getPlaces().regionById.get(chosen.kb.id)?.kind : undefined;
    return {
      name: chosen.kb.name,
      placeId: chosen.kb.id,
      ...(chosen.kb.country ? { country: chosen.kb.country } : {}),
      lat: chosen.kb.lat!,
      lon: chosen.kb.lon!,
      resolution: kind === undefined ? 'country' : kind === 'continent' ? 'continent' : kind === 'admin1' ? 'admin' : 'region',
      confidence: chosen.type === 'NATIONALITY' ? 0.6 : 0.9,
    };
  }
  const city = resolveCity(key, context);
  if (!city) return undefined;
  return {
    name: city.name, placeId: city.id, country: city.country, lat: city.lat, lon: city.lon, resolution: 'city',
    confidence: context.countries.has(city.country) ? 0.85 : city.population > 100_000 ? 0.7 : 0.5,
  };
}
