/**
 * What the NER knows about words besides the weights: Dyad's own knowledge (countries, demonyms, IGOs,
 * regions and people through the entities gazetteer; given names, titles and organisation heads from the
 * entity cues; GeoNames cities) as membership flags, and the word clusters. Flags, not ids, so the
 * weights generalise to names the knowledge gains later.
 */
import type { EntityType } from '../../doc/types.js';
import { foldName, getCityIndex } from '../../knowledge/places.js';
import { getEntityCues } from '../../stages/entities/cues.js';
import { entriesForNormal, type GazetteerEntry } from '../../stages/entities/gazetteer.js';
import { capitalAt, matchesAt } from '../../stages/entities/text.js';

export interface NerLexicon {
  /** Leaf cluster per lower-case word (see clusters.ts). */
  clusters: ReadonlyMap<string, number>;
  /** Bit flags of a lower-case word (WORD_FLAG_*): what the knowledge says a word can be. */
  wordFlags(normal: string): number;
}

export const WORD_FLAG_GIVEN_NAME = 1;
export const WORD_FLAG_TITLE = 2;
export const WORD_FLAG_ORG_HEAD = 4;
export const WORD_FLAG_PLACE_HEAD = 8;
/** Two bits: the name of a GeoNames place of any size (1), of 100,000 people (2), of a million (3). */
export const WORD_FLAG_CITY_SHIFT = 4;

function cityClass(normal: string): number {
  const cities = getCityIndex().get(foldName(normal));
  if (!cities || cities.length === 0) return 0;
  const population = cities[0]!.population;
  return population >= 1_000_000 ? 3 : population >= 100_000 ? 2 : 1;
}

/** The lexicon over the knowledge files, with the given clusters. */
export function knowledgeLexicon(clusters: ReadonlyMap<string, number>): NerLexicon {
  const cues = getEntityCues();
  return {
    clusters,
    wordFlags(normal) {
      let flags = 0;
      if (cues.givenNames.has(normal)) flags |= WORD_FLAG_GIVEN_NAME;
      if (cues.titles.has(normal)) flags |= WORD_FLAG_TITLE;
      if (cues.orgHeads.has(normal)) flags |= WORD_FLAG_ORG_HEAD;
      if (cues.placeHeads.has(normal)) flags |= WORD_FLAG_PLACE_HEAD;
      return flags | (cityClass(normal) << WORD_FLAG_CITY_SHIFT);
    },
  };
}

/** Gazetteer types as small numbers; a token's gazetteer code is 2 × type (+1 inside a name). */
const GAZETTEER_TYPES: Partial<Record<EntityType, number>> = { COUNTRY: 1, NATIONALITY: 2, IGO: 3, ORG: 4, REGION: 5, PERSON: 6 };
/** Codes are below this. */
export const GAZETTEER_CODES = 14;

export interface TokenLike {
  start: number;
  end: number;
  normal: string;
}

/** A gazetteer name found at tokens [first, last]. */
export interface GazetteerName {
  first: number;
  last: number;
  entry: GazetteerEntry;
}

const isArticleParticle = (normal: string): boolean => normal === 'al' || normal === 'el';

/**
 * The gazetteer's names among tokens [from, to) of one sentence, in text order: at each token that starts
 * with a capital (or "al-", "el-"), the longest name that ends on a token boundary, acronyms included.
 */
export function gazetteerNames(text: string, lower: string | undefined, tokens: readonly TokenLike[], from: number, to: number): GazetteerName[] {
  const names: GazetteerName[] = [];
  let i = from;
  while (i < to) {
    const token = tokens[i]!;
    const entries = capitalAt(text, token.start) || (isArticleParticle(token.normal) && tokens[i + 1]?.normal === '-') ? entriesForNormal(token.normal) : undefined;
    let found: GazetteerName | undefined;
    for (const entry of entries ?? []) {
      if (!matchesAt(text, lower, token.start, entry.phrase, entry.caseSensitive)) continue;
      const end = token.start + entry.phrase.length;
      let last = -1;
      for (let j = i; j < to && tokens[j]!.end <= end; j += 1) if (tokens[j]!.end === end) last = j;
      if (last < 0) continue;
      found = { first: i, last, entry };
      break;
    }
    if (found) {
      names.push(found);
      i = found.last + 1;
    } else i += 1;
  }
  return names;
}

/** The gazetteer code of each token of [from, to) given the sentence's names (0: in none). */
export function gazetteerCodes(names: readonly GazetteerName[], from: number, to: number, out: Int32Array): void {
  out.fill(0, 0, to - from);
  for (const { first, last, entry } of names) {
    const type = GAZETTEER_TYPES[entry.type] ?? 0;
    for (let j = first; j <= last; j += 1) out[j - from] = 2 * type + (j === first ? 0 : 1);
  }
}
