import type { Entity, EntityType, KbLink, Token } from '../../doc/types.js';
import { getActorsKnowledge } from '../../knowledge/actors.js';
import { resolveCity, type ToponymContext } from '../geocode/resolve.js';
import type { EntityCues } from './cues.js';
import { getGazetteer } from './gazetteer.js';

/** Marks that may stand before the first word of a sentence. */
const OPENING_MARKS = new Set(['“', '"', '‘', "'", '(', '[', '—', '–', '-']);

/** A span of tokens [first, last] with what it is taken to be. */
export interface Mention {
  first: number;
  last: number;
  type: EntityType;
  kb?: KbLink | undefined;
  source: Entity['source'];
  confidence: number;
}

/** What one document's run needs, built once per run so helpers take one argument instead of six. */
export interface Scan {
  text: string;
  /** `text` lower-cased, when that keeps every offset (else undefined and matching slices instead). */
  lower: string | undefined;
  tokens: Token[];
  cues: EntityCues;
  shouting: boolean;
  /** The whole text is lower-cased: names are found by the gazetteer alone, whatever their case. */
  lowercase: boolean;
  sentenceEnd: number;
}

let surnames: Map<string, KbLink> | undefined;

/** Single-word aliases of known people ("Aliyev") with their precomputed link, for typing a proper-noun run. */
export function surnameIndex(): Map<string, KbLink> {
  if (surnames) return surnames;
  surnames = new Map();
  for (const person of getActorsKnowledge().people) {
    const country = person.roles.find((role) => role.country)?.country;
    const kb: KbLink = { id: person.id, name: person.name, ...(country ? { country } : {}) };
    for (const alias of person.aliases) if (!/\s/.test(alias)) surnames.set(alias.toLowerCase(), kb);
  }
  return surnames;
}

/** "Bisons", "Eagles", "Jays" — not "Douglas", "Petraeus", "Davis". */
const PLURAL = /[^aiosu]s$/;

/** Places big enough to lend their name to a sports team. */
const TEAM_CITY_POPULATION = 50_000;

/** "NHL", "RIAA", "MTV2": two to six capitals (digits after the first allowed). */
export function isAcronym(text: string, start: number, end: number): boolean {
  if (end - start < 2 || end - start > 6) return false;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (!((code >= 65 && code <= 90) || (i > start && code >= 48 && code <= 57))) return false;
  }
  return true;
}

/** Types the proper-noun runs of one document; city look-ups are cached per (name, locative) in the document. */
export class RunTyper {
  private readonly cities = new Map<string, ReturnType<typeof resolveCity> | null>();
  private lowerCaseWords: Set<string> | undefined;
  private readonly plain: ToponymContext;
  private readonly located: ToponymContext;

  constructor(private readonly scan: Scan, private readonly countries: ReadonlySet<string>) {
    this.plain = { countries, locative: false };
    this.located = { countries, locative: true };
  }

  private city(span: string, locative: boolean): ReturnType<typeof resolveCity> {
    const key = locative ? `\u0001${span}` : span;
    let city = this.cities.get(key);
    if (city === undefined) {
      city = resolveCity(span, locative ? this.located : this.plain) ?? null;
      this.cities.set(key, city);
    }
    return city ?? undefined;
  }

  /** The GeoNames place a span names, when it names one in a way that fits the document's countries. */
  place(first: number, last: number): KbLink | undefined {
    const { text, lower, tokens, cues } = this.scan;
    const start = tokens[first]!.start;
    const end = tokens[last]!.end;
    const before = first > 0 ? tokens[first - 1] : undefined;
    const locative = (before !== undefined && cues.locatives.has(before.normal)) || tokens[last + 1]?.normal === 'city';
    return this.city(lower ? lower.slice(start, end) : text.slice(start, end).toLowerCase(), locative)?.kb;
  }

  type(run: Mention): Mention | undefined {
    const { text, lower, tokens, cues } = this.scan;
    let first = run.first;
    const last = run.last;
    while (first < last && tokens[first]!.pos === 'DET') first += 1;
    for (let j = first; j <= last; j += 1) {
      if (cues.orgHeads.has(tokens[j]!.normal) && (j === last || tokens[j + 1]!.normal === 'of')) {
        return { first, last, type: 'ORG', source: 'proper-noun', confidence: 0.75 };
      }
    }
    const sentenceInitial = first === 0 || tokens[first - 1]!.sentence !== tokens[first]!.sentence;
    let titled = false;
    while (first <= last) {
      const token = tokens[first]!;
      const title = cues.titles.has(token.normal);
      if (!title && !cues.notNames.has(token.normal) && !(sentenceInitial && first === run.first && token.pos !== 'PROPN')) break;
      titled ||= title;
      first += 1;
    }
    if (first > last) return undefined;
    const previous = run.first > 0 ? tokens[run.first - 1] : undefined;
    titled ||= previous !== undefined && cues.titles.has(previous.normal) && previous.sentence === tokens[run.first]!.sentence;
    const start = tokens[first]!.start;
    const end = tokens[last]!.end;
    const span = lower ? lower.slice(start, end) : text.slice(start, end).toLowerCase();
    const count = last - first + 1;
    const known = getGazetteer().personByPhrase.get(span);
    if (known) return { first, last, type: 'PERSON', kb: known.kb, source: 'proper-noun', confidence: 0.9 };
    const surname = count === 1 ? surnameIndex().get(span) : undefined;
    if (surname) return { first, last, type: 'PERSON', kb: surname, source: 'proper-noun', confidence: 0.8 };
    if (titled) return { first, last, type: 'PERSON', source: 'proper-noun', confidence: 0.85 };
    const before = first > 0 ? tokens[first - 1] : undefined;
    const after = tokens[last + 1];
    const locative = (before !== undefined && cues.locatives.has(before.normal)) || after?.normal === 'city';
    const city = this.city(span, locative);
    if (city && (locative || count === 1 || this.countries.has(city.country))) {
      return { first, last, type: 'PLACE', kb: city.kb, source: 'proper-noun', confidence: locative ? 0.85 : 0.65 };
    }
    if (after && cues.speechVerbs.has(after.normal)) return { first, last, type: 'PERSON', source: 'proper-noun', confidence: 0.7 };
    const lastWord = tokens[last]!.normal;
    if (count >= 2 && cues.placeHeads.has(lastWord)) return { first, last, type: 'PLACE', source: 'proper-noun', confidence: 0.6 };
    if (count >= 2 && cues.otherHeads.has(lastWord)) return { first, last, type: 'OTHER', source: 'proper-noun', confidence: 0.3 };
    if (count >= 2 && this.isTeam(first, last)) return { first, last, type: 'ORG', source: 'proper-noun', confidence: 0.6 };
    if (count === 1 && cues.givenNames.has(lastWord) && !this.usedInLowerCase(lastWord)) return { first, last, type: 'PERSON', source: 'proper-noun', confidence: 0.5 };
    if (count === 1 && isAcronym(text, start, end) && !this.nextToCapitals(first)) return { first, last, type: 'ORG', source: 'proper-noun', confidence: 0.5 };
    if (count >= 2 && count <= 4 && cues.givenNames.has(tokens[first]!.normal) && this.looksLikeName(first, last)) {
      return { first, last, type: 'PERSON', source: 'proper-noun', confidence: 0.6 };
    }
    if (count >= 2 && count <= 3 && this.allProperNouns(first, last) && this.looksLikeName(first, last) && !this.opensKnownName(first, last) && !this.hasLowerCaseUse(first, last)) {
      return { first, last, type: 'PERSON', source: 'proper-noun', confidence: 0.45 };
    }
    // A lone capitalised word opening a sentence that the tagger does not call a proper noun ("We",
    // "Let", "Rebels") is capitalised by position, not by name.
    if (count === 1 && tokens[first]!.pos !== 'PROPN' && this.opensSentence(first)) return undefined;
    return { first, last, type: 'OTHER', source: 'proper-noun', confidence: 0.3 };
  }

  private opensSentence(index: number): boolean {
    const { tokens } = this.scan;
    let previous = index - 1;
    while (previous >= 0 && OPENING_MARKS.has(tokens[previous]!.normal) && tokens[previous]!.sentence === tokens[index]!.sentence) previous -= 1;
    return previous < 0 || tokens[previous]!.sentence !== tokens[index]!.sentence;
  }

  /**
   * A one-word run that repeats the last word of a person named earlier or later in the document
   * ("Peter Vlahos … Vlahos said") is that person, unless a locative cue made it a place.
   */
  resolveSurnames(mentions: Mention[]): void {
    const { tokens } = this.scan;
    const surnames = new Set<string>();
    const names = getGazetteer().nonPersonWords;
    for (const mention of mentions) {
      if (mention.type !== 'PERSON' || mention.last === mention.first || mention.confidence < 0.6) continue;
      const surname = tokens[mention.last]!.normal;
      if (!names.has(surname) && !this.usedInLowerCase(surname)) surnames.add(surname);
    }
    if (surnames.size === 0) return;
    for (const mention of mentions) {
      if (mention.source !== 'proper-noun' || mention.first !== mention.last || !surnames.has(tokens[mention.first]!.normal)) continue;
      if (mention.type === 'OTHER' || (mention.type === 'PLACE' && mention.confidence < 0.85) || (mention.type === 'ORG' && mention.confidence < 0.6)) {
        mention.type = 'PERSON';
        mention.kb = undefined;
        mention.confidence = 0.75;
      }
    }
  }

  /** "Buffalo Bisons", "Toronto Blue Jays": a city's name, then capitalised words ending in a plural, is a team. */
  private isTeam(first: number, last: number): boolean {
    const { tokens } = this.scan;
    const nickname = tokens[last]!.normal;
    if (nickname.length < 4 || !PLURAL.test(nickname) || this.scan.cues.orgHeads.has(nickname) || this.scan.cues.givenNames.has(tokens[first]!.normal)) return false;
    return this.isBigCity(first, first) || (last - 1 > first && this.isBigCity(first, last - 1));
  }

  private isBigCity(first: number, last: number): boolean {
    const { tokens, lower, text } = this.scan;
    const start = tokens[first]!.start;
    const end = tokens[last]!.end;
    const place = this.city(lower ? lower.slice(start, end) : text.slice(start, end).toLowerCase(), false);
    return place !== undefined && place.population >= TEAM_CITY_POPULATION;
  }

  /**
   * Whether a word of the run also appears in lower case in the document ("social security" … "Social
   * Security"): then the run is a capitalised phrase of common words, not a name. Built on first use.
   */
  private hasLowerCaseUse(first: number, last: number): boolean {
    const { tokens, cues } = this.scan;
    for (let j = first; j <= last; j += 1) {
      const normal = tokens[j]!.normal;
      if (!cues.particles.has(normal) && this.usedInLowerCase(normal)) return true;
    }
    return false;
  }

  private usedInLowerCase(normal: string): boolean {
    if (!this.lowerCaseWords) {
      const { tokens, text } = this.scan;
      this.lowerCaseWords = new Set();
      for (const token of tokens) {
        const code = text.charCodeAt(token.start);
        if (code >= 97 && code <= 122 && token.end - token.start > 3) this.lowerCaseWords.add(token.normal);
      }
    }
    return this.lowerCaseWords.has(normal);
  }

  /** A word of the run opens a country, region or organisation name ("New", "West", "Islamic"). */
  private opensKnownName(first: number, last: number): boolean {
    return this.hasWordIn(getGazetteer().nonPersonKeys, first, last);
  }

  /** A word of the run, name particles aside, is one of `words`. */
  private hasWordIn(words: ReadonlySet<string>, first: number, last: number): boolean {
    const { tokens, cues } = this.scan;
    for (let j = first; j <= last; j += 1) {
      const normal = tokens[j]!.normal;
      if (words.has(normal) && !cues.particles.has(normal)) return true;
    }
    return false;
  }

  /** An all-caps word beside other all-caps words is part of a shouted phrase, not an acronym. */
  private nextToCapitals(index: number): boolean {
    const { tokens, text } = this.scan;
    const around = [tokens[index - 1], tokens[index + 1]];
    return around.some((token) => token !== undefined && token.sentence === tokens[index]!.sentence && token.end - token.start >= 2 && isAcronym(text, token.start, token.end));
  }

  /** Every word a proper noun, name particles ("bin", "van") aside. */
  private allProperNouns(first: number, last: number): boolean {
    const { tokens, cues } = this.scan;
    for (let j = first; j <= last; j += 1) if (tokens[j]!.pos !== 'PROPN' && !cues.particles.has(tokens[j]!.normal)) return false;
    return true;
  }

  /** No word of the run is a country, demonym, region or organisation name: "Maria Vandertolk", not "Georgia State". */
  private looksLikeName(first: number, last: number): boolean {
    return !this.hasWordIn(getGazetteer().nonPersonWords, first, last);
  }
}
