/**
 * The circumstances of a coded event: the date, place and casualty figures of its sentence that are its
 * own, and where a statement was made. What the events stage reads per document is DocContext.
 */
import type {
  Actor, CasualtyFigure, DateMention, Doc, Event, EventDate, EventLocation, Place, Quantity, Quote, Sentence, Token,
} from '../../doc/types.js';
import { firstTokenEndingAfter } from '../../doc/token-search.js';
import type { Codebook } from '../../knowledge/codebook.js';
import type { Classifier } from './classify.js';
import type { ClauseBounds } from './clauses.js';
import type { Candidate } from './participants.js';

export const LOCATION_PREPOSITIONS = new Set(['in', 'at', 'near', 'over', 'inside', 'across', 'throughout', 'outside', 'into']);
const DAY_MS = 86_400_000;

export interface DocContext {
  doc: Readonly<Doc>;
  tokens: readonly Token[];
  codebook: Codebook;
  candidates: Candidate[];
  actorsById: Map<string, Actor>;
  quotes: readonly Quote[];
  published: string | undefined;
  /** Mentions grouped by the sentence they start in, so each trigger looks only at its own sentence. */
  datesIn: Map<number, DateMention[]>;
  placesIn: Map<number, Place[]>;
  quantitiesIn: Map<number, Quantity[]>;
  classifier: Classifier | undefined;
}

export function bySentence<T extends { start: number }>(tokens: readonly Token[], items: readonly T[]): Map<number, T[]> {
  const buckets = new Map<number, T[]>();
  for (const item of items) {
    const sentence = tokens[firstTokenEndingAfter(tokens, item.start)]?.sentence;
    if (sentence === undefined) continue;
    const list = buckets.get(sentence) ?? [];
    list.push(item);
    buckets.set(sentence, list);
  }
  return buckets;
}

export function quoteAt(quotes: readonly Quote[], at: number): Quote | undefined {
  return quotes.find((quote) => quote.start <= at && at < quote.end);
}

/** Where a trigger stands, for the dates and places of its sentence that are its own. */
export interface TriggerSite {
  sentence: Sentence;
  /** The trigger's first token. */
  token: number;
  clause: ClauseBounds;
  /** Whether a mention at a token is nearer this trigger than any other of the sentence. */
  owns: (tokenIndex: number) => boolean;
  /** The quote the trigger is reported in: where the event happened is in the quoted words, not the attribution. */
  quote: Quote | undefined;
  /** A material act (quad class 2 or 4): the place it names is where it happened, with or without a preposition. */
  material: boolean;
}

/**
 * A date that modifies a noun ("the March 16 shooting", "Friday’s talks") dates that noun's event only:
 * it follows a determiner or carries a possessive.
 */
function modifiesNoun(tokens: readonly Token[], first: number, last: number): boolean {
  const after = tokens[last + 1]?.normal;
  return tokens[first - 1]?.pos === 'DET' || after === "'s" || after === '’s' || /['’]s$/.test(tokens[last]!.normal);
}

/**
 * The event's own date: the nearest date of the sentence it owns, else one of another trigger of the
 * same clause ("shelled villages on Sunday and arrested dozens": both on Sunday) unless it modifies
 * that event's noun ("sentenced for the March 16 shooting").
 */
export function eventDate(ctx: DocContext, site: TriggerSite): { date?: EventDate; historical: boolean } {
  const { sentence, clause } = site;
  const usable = (ctx.datesIn.get(sentence.index) ?? []).flatMap((d) => {
    if (d.end > sentence.end || !d.resolved || !d.value || d.granularity === 'duration') return [];
    return [{ mention: d, token: firstTokenEndingAfter(ctx.tokens, d.start), last: firstTokenEndingAfter(ctx.tokens, d.end - 1) }];
  });
  const owned = usable.filter((d) => site.owns(d.token));
  const candidates = owned.length > 0 ? owned
    : usable.filter((d) => d.token >= clause.wideStart && d.token < clause.wideEnd && !modifiesNoun(ctx.tokens, d.token, d.last));
  // A date after its trigger ("shot at home Thursday") is the usual order: preferred on ties.
  const distance = (token: number) => Math.abs(token - site.token) + (token < site.token ? 0.5 : 0);
  const nearest = candidates.sort((a, b) => distance(a.token) - distance(b.token))[0]?.mention;
  if (nearest?.value) {
    const date: EventDate = { value: nearest.value, granularity: nearest.granularity, basis: 'event', date: nearest.id };
    return { date, historical: isHistorical(nearest.value, ctx.published) };
  }
  if (ctx.published) return { date: { value: ctx.published.slice(0, 10), granularity: 'day', basis: 'report' }, historical: false };
  return { historical: false };
}

/** More than a year before publication, counting from the last day the date can mean. */
function isHistorical(value: string, published: string | undefined): boolean {
  if (!published) return false;
  const [year, month, day] = value.split('-').map(Number);
  if (!year) return false;
  const last = day ? Date.UTC(year, (month ?? 1) - 1, day) : month ? Date.UTC(year, month, 0) : Date.UTC(year, 11, 31);
  const publishedAt = Date.parse(published.slice(0, 10));
  return Number.isFinite(publishedAt) && publishedAt - last > 365 * DAY_MS;
}

/**
 * A place name that is a name of its own, not part of an address or a longer name ("2517 Shasta",
 * "Center St.", "Lincoln Way"): no number before it and no proper noun after it.
 */
function wholeName(tokens: readonly Token[], first: number, last: number): boolean {
  return tokens[first - 1]?.pos !== 'NUM' && tokens[last + 1]?.pos !== 'PROPN';
}

/**
 * The event's place in its sentence: a place it owns after a locative preposition ("in", "near"), or, for
 * a material act, a place (not a country) it names after the trigger in its own clause ("shelled the
 * outskirts of Aleppo", "villages around Donetsk"). An event reported in a quote happened at a place in
 * the quoted words: a place in the attribution is where it was said ("…, the army said in Damascus").
 */
export function eventLocation(ctx: DocContext, site: TriggerSite): { location?: EventLocation; score: number } {
  let best: { location: EventLocation; score: number } | undefined;
  const { tokens } = ctx;
  const { sentence, quote } = site;
  for (const place of ctx.placesIn.get(sentence.index) ?? []) {
    if (place.end > sentence.end || (quote && (place.start < quote.start || place.end > quote.end))) continue;
    let before = sentence.tokenStart;
    while (before < sentence.tokenEnd && tokens[before]!.end <= place.start) before += 1;
    let preposition = before - 1;
    while (preposition >= sentence.tokenStart && (tokens[preposition]!.pos === 'DET' || tokens[preposition]!.pos === 'ADJ')) preposition -= 1;
    const locative = preposition >= sentence.tokenStart && LOCATION_PREPOSITIONS.has(tokens[preposition]!.normal);
    const namedByAct = site.material && place.resolution !== 'country' && before > site.token && before < site.clause.end
      && wholeName(tokens, before, firstTokenEndingAfter(tokens, place.end - 1));
    if (!(locative || namedByAct) || !site.owns(before)) continue;
    const distance = Math.abs(before - site.token);
    const score = (before > site.token ? 1 : 0.5) * (locative ? 1 : 0.5) / (1 + distance);
    if (best && best.score >= score) continue;
    const location: EventLocation = { place: place.id, name: place.name, placeId: place.placeId, lat: place.lat, lon: place.lon, resolution: place.resolution, from: 'sentence' };
    if (place.country) location.country = place.country;
    best = { location, score };
  }
  return best ?? { score: 0 };
}

/**
 * Where a statement was made: a place in the attribution of its quote, outside the quoted words
 * ("…," she said during a briefing in Geneva). Verbal events happen where they are said.
 */
export function speechLocation(ctx: DocContext, quote: Quote): EventLocation | undefined {
  const at = quote.cue?.start ?? quote.speaker?.start ?? quote.end;
  const sentenceIndex = ctx.tokens[firstTokenEndingAfter(ctx.tokens, at)]?.sentence;
  if (sentenceIndex === undefined) return undefined;
  for (const place of ctx.placesIn.get(sentenceIndex) ?? []) {
    if (place.start >= quote.start && place.end <= quote.end) continue;
    const before = ctx.tokens[firstTokenEndingAfter(ctx.tokens, place.start) - 1];
    if (!before || !LOCATION_PREPOSITIONS.has(before.normal)) continue;
    const location: EventLocation = { place: place.id, name: place.name, placeId: place.placeId, lat: place.lat, lon: place.lon, resolution: place.resolution, from: 'speech' };
    if (place.country) location.country = place.country;
    return location;
  }
  return undefined;
}

/**
 * The casualty figures of an event's sentence, the largest of each category. People shot or casualties
 * (category 'other') are the killed and the injured together: with no injured figure of its own, the
 * sentence's injured are those less the killed ("five were shot, one fatally": 4 injured, its text the
 * figure for the five). 'other' itself is not a category of an event's casualties.
 */
export function casualtiesIn(ctx: DocContext, sentence: Sentence): Event['casualties'] {
  const found: NonNullable<Event['casualties']> = {};
  let hit: Quantity | undefined;
  for (const quantity of ctx.quantitiesIn.get(sentence.index) ?? []) {
    if (quantity.end > sentence.end) continue;
    if (quantity.category === 'other') {
      if (!hit || quantity.min > hit.min) hit = quantity;
      continue;
    }
    const figure: CasualtyFigure = { min: quantity.min, exact: quantity.exact, text: quantity.text, quantity: quantity.id };
    if (quantity.max !== undefined) figure.max = quantity.max;
    const current = found[quantity.category];
    if (!current || figure.min > current.min) found[quantity.category] = figure;
  }
  const injured = hit && !found.injured ? hitNotKilled(hit, found.killed) : undefined;
  if (injured) found.injured = injured;
  return Object.keys(found).length > 0 ? found : undefined;
}

/** The people hit less the killed, bounded both ways; undefined when none are left. */
function hitNotKilled(hit: Quantity, killed: CasualtyFigure | undefined): CasualtyFigure | undefined {
  const min = hit.min - (killed ? killed.max ?? killed.min : 0);
  if (min <= 0 && (hit.max === undefined || hit.max - (killed?.min ?? 0) <= 0)) return undefined;
  const figure: CasualtyFigure = { min: Math.max(0, min), exact: hit.exact && (killed?.exact ?? true), text: hit.text, quantity: hit.id };
  if (hit.max !== undefined) figure.max = hit.max - (killed?.min ?? 0);
  return figure;
}
