/**
 * Places that news writes in fixed forms, which the NER model types by the look of their words (it learnt
 * all-caps words and city names from sports results, where they stand for teams, and a first name before a
 * comma from lists of people): the dateline ("LAS VEGAS (AP) —", see dateline.ts) and "Town, State" or
 * "Town, Country" ("Tyrone, Mo.", "Shelton, Wash.", "Paris, Texas", "Tripoli, Lebanon"). Both are places
 * whatever the model says, and "Town, State" is two of them: the town and what contains it.
 */
import { containersAfter } from '../geocode/context.js';
import { resolveToponym } from '../geocode/resolve.js';
import { findDateline } from './dateline.js';
import { capitalAt } from './text.js';
import type { Mention, Scan } from './typing.js';

/** Most words a town's name before ", State" is taken to have ("New Port Richey", "Salt Lake City"). */
const MAX_TOWN_WORDS = 4;
/** What a name is that the text itself places: certain by its form, not by a model's score. */
const FORM_CONFIDENCE = 0.9;

/** Index of the token starting at `offset`, or -1 (tokens are in text order). */
function tokenStartingAt(scan: Scan, offset: number): number {
  const { tokens } = scan;
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = tokens[middle]!.start;
    if (start === offset) return middle;
    if (start < offset) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Index of the last token ending at or before `offset`, from token `from` on. */
function lastTokenBefore(scan: Scan, from: number, offset: number): number {
  let last = from;
  while (last + 1 < scan.tokens.length && scan.tokens[last + 1]!.end <= offset) last += 1;
  return last;
}

const NO_CONTEXT = { countries: new Set<string>(), locative: true };

/** Whether words in capitals name a place we know: a country, region, subdivision or town. */
function namesPlace(name: string): boolean {
  const titled = name.toLowerCase().replace(/(^|[\s.'’-])\p{L}/gu, (initial) => initial.toUpperCase());
  return resolveToponym(titled, NO_CONTEXT) !== undefined;
}

/** Puts `added` in place of every mention overlapping its tokens, keeping text order. */
function replaceOverlapping(mentions: Mention[], added: readonly Mention[]): Mention[] {
  const first = Math.min(...added.map((mention) => mention.first));
  const last = Math.max(...added.map((mention) => mention.last));
  const kept = mentions.filter((mention) => mention.last < first || mention.first > last);
  return [...kept, ...added].sort((a, b) => a.first - b.first);
}

const placeMention = (first: number, last: number): Mention => ({ first, last, type: 'PLACE', source: 'pattern', confidence: FORM_CONFIDENCE });

/** The dateline's place, in place of whatever the model made of its words. */
function withDateline(scan: Scan, mentions: Mention[]): Mention[] {
  if (scan.tokens.length === 0) return mentions;
  const dateline = findDateline(scan.text, namesPlace);
  if (!dateline) return mentions;
  const first = tokenStartingAt(scan, dateline.start);
  if (first < 0) return mentions;
  const last = lastTokenBefore(scan, first, dateline.end);
  if (scan.tokens[last]!.end !== dateline.end) return mentions;
  return replaceOverlapping(mentions, [placeMention(first, last)]);
}

/**
 * The town's words before the comma at token `comma`: capitalised words of its sentence, back to a
 * lower-case word, a preposition or determiner ("In", "The") or the sentence's start.
 */
function townBefore(scan: Scan, comma: number): number {
  const { tokens, text } = scan;
  let first = comma;
  while (first - 1 >= 0 && comma - (first - 1) <= MAX_TOWN_WORDS) {
    const token = tokens[first - 1]!;
    if (token.sentence !== tokens[comma]!.sentence || !capitalAt(text, token.start) || token.pos === 'ADP' || token.pos === 'DET' || token.pos === 'PRON') break;
    first -= 1;
  }
  return first;
}

/**
 * "Town, State" pairs of the sentence ending at `scan.sentenceEnd`: the town (the longest run of its
 * capitalised words that the container holds a town of, else the words the model gave as one name, else
 * the last word) and the container (its subdivision or country) as two places. A container that holds no
 * town of the name counts only when it is a written abbreviation ("Tyrone, Mo."), as in containersAfter.
 */
function withTownPairs(scan: Scan, mentions: Mention[]): Mention[] {
  const { tokens, text } = scan;
  let result = mentions;
  for (let comma = 1; comma < tokens.length - 1; comma += 1) {
    const token = tokens[comma]!;
    const next = tokens[comma + 1]!;
    if (token.normal !== ',' || !capitalAt(text, tokens[comma - 1]!.start) || !capitalAt(text, next.start) || next.sentence !== token.sentence) continue;
    const runFirst = townBefore(scan, comma);
    if (runFirst === comma) continue;
    const after = text.slice(token.start, token.start + 64);
    let town: { first: number; length: number } | undefined;
    let stated: { first: number; length: number } | undefined;
    for (let first = runFirst; first < comma && !town; first += 1) {
      const name = text.slice(tokens[first]!.start, tokens[comma - 1]!.end);
      const contained = containersAfter(name, after);
      if (contained?.holds) town = { first, length: contained.length };
      else if (contained) stated ??= { first, length: contained.length };
    }
    if (!town && stated) {
      const modelSpan = result.find((mention) => mention.last === comma - 1 && mention.first >= runFirst && mention.source !== 'gazetteer');
      town = { first: modelSpan ? modelSpan.first : comma - 1, length: stated.length };
    }
    if (!town) continue;
    const containerLast = lastTokenBefore(scan, comma + 1, token.start + town.length);
    if (tokens[containerLast]!.end !== token.start + town.length) continue;
    const existing = result.find((mention) => mention.first === comma + 1 && mention.last === containerLast && mention.type !== 'PERSON' && mention.type !== 'ORG');
    result = replaceOverlapping(result, [placeMention(town.first, comma - 1), existing ?? placeMention(comma + 1, containerLast)]);
    comma = containerLast;
  }
  return result;
}

/** The document's mentions with its dateline and its "Town, State" pairs made places (see the file comment). */
export function placesByForm(scan: Scan, mentions: Mention[]): Mention[] {
  if (scan.lowercase) return mentions;
  return withTownPairs(scan, withDateline(scan, mentions));
}
