/** One coded event as a mention of a story: the features matching and story summaries read. */
import type { Doc, Event, EventParticipant, QuantityCategory } from '../doc/types.js';
import { documentFigures } from '../stages/quantities/document-figures.js';
import { datePeriod } from '../store/sqlite/rows.js';
import { typeFamily } from './family.js';
import { contradiction, type MatchGate } from './match.js';
import type { Mention, MentionFigure } from './types.js';

const DAY_MS = 86_400_000;
/** A report-dated event (the sentence gives no date) happened on the publication day or in the week before. */
export const REPORT_LOOKBACK_DAYS = 7;
/**
 * Periods longer than this (a year, a quarter) say too little to place an event in time: such mentions
 * match only mentions of the very same period.
 */
export const MAX_FINE_SPAN_DAYS = 42;
/** Days either side of a date the text gives (see eventDays). */
export const DATE_SLACK_DAYS = 3;
/** Days per blocking bucket. */
export const BUCKET_DAYS = 7;
/** The bucket of mentions with no date at all (no event date and no publication date). */
export const UNDATED_BUCKET = -1_000_000;

const STOPWORDS = new Set(('the and for that with was were has have had his her him she they them their this from are '
  + 'but not been said says who which when where what would could will into than then there also after before about '
  + 'its our out over more most some such only other one two all any can did does per via while being upon told '
  + 'police people man woman men women year years old day days week night time officials').split(' '));

export function epochDay(isoDate: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(ms) ? undefined : Math.floor(ms / DAY_MS);
}

export function isoFromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a coded event is reported as having happened (or as background that did): only those are fused. */
export function isFusable(event: Event): boolean {
  return !event.negated && !event.hypothetical && !event.future;
}

/** The participant's stable key: knowledge-base id, else its actor code, else its lower-cased text. */
export function participantKey(participant: EventParticipant): string {
  if (participant.kbId) return participant.kbId.toLowerCase();
  if (participant.code) return participant.code.toLowerCase();
  return participant.text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The host of a URL without `www.`, looking through web-archive wrappers to the archived page's host. */
export function sourceHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const archived = /^https?:\/\/(?:web\.)?archive\.org\/web\/[^/]+\/(.+)$/i.exec(url);
  const target = archived ? (/^[a-z]+:\/\//i.test(archived[1]!) ? archived[1]! : `http://${archived[1]}`) : url;
  try {
    return new URL(target).hostname.toLowerCase().replace(/^www\./, '').replace(/:\d+$/, '') || undefined;
  } catch {
    return undefined;
  }
}

export function contentWords(text: string): string[] {
  const words = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word.length >= 3 && !STOPWORDS.has(word)) words.add(word);
  }
  return [...words].sort();
}

function figure(event: Event, category: QuantityCategory): MentionFigure | undefined {
  const found = event.casualties?.[category];
  if (!found) return undefined;
  return found.max === undefined ? { min: found.min, exact: found.exact } : { min: found.min, max: found.max, exact: found.exact };
}

/** The days an event can have happened on, from its date and how it was read (see REPORT_LOOKBACK_DAYS). */
function eventDays(event: Event, published: string | undefined): Mention['day'] {
  const date = event.date;
  const publishedDay = published === undefined ? undefined : epochDay(published);
  const reportWindow = publishedDay === undefined ? undefined : { start: publishedDay - REPORT_LOOKBACK_DAYS, end: publishedDay };
  if (!date) return reportWindow;
  const period = datePeriod(date.value);
  if (!period) return reportWindow;
  const start = epochDay(period.start)!;
  const end = epochDay(period.end)!;
  if (date.basis === 'report') return { start: start - REPORT_LOOKBACK_DAYS, end };
  // A day named in the text is often a few days off: weekdays read against a later publication date,
  // overnight reporting, time zones.
  if (end - start + 1 <= MAX_FINE_SPAN_DAYS) return { start: start - DATE_SLACK_DAYS, end: end + DATE_SLACK_DAYS };
  return { start, end };
}

export function isCoarse(day: Mention['day']): boolean {
  return day !== undefined && day.end - day.start + 1 > MAX_FINE_SPAN_DAYS + 2 * DATE_SLACK_DAYS;
}

/**
 * How long after an incident a report of its aftermath (an arrest, charges, a trial, a sentence) may name
 * it without dating it, in days. Chosen on the even incidents of the stories gold (see EVALUATION.md).
 */
export const FOLLOW_UP_DAYS = 730;

/**
 * Surnames a follow-up and the report it follows up must both name (see isFollowUpPair in match.ts).
 * Surnames common in a state (Smith, Johnson, Brown) name people of many incidents within two years: on
 * the even incidents of the stories gold, the document pairs the rule joined were one incident for 31% when
 * one surname was enough, 86% with two, 98% with three.
 */
export const FOLLOW_UP_SURNAMES = 3;

/**
 * Whether a mention's own sentence dates nothing, so that only the publication or the date carried from the
 * document's lead (basis 'document', see carry-over.ts) places it: what a follow-up says of the incident it
 * follows up ("charged in the shooting") looks like that.
 */
export function datedByReportOnly(mention: Pick<Mention, 'day' | 'date'>): boolean {
  if (mention.day === undefined || isCoarse(mention.day)) return false;
  const basis = mention.date?.basis;
  return basis === undefined || basis === 'report' || basis === 'document';
}

/**
 * The days an earlier report's first possible day can fall on for a mention dated by its report only to
 * follow it up (see isFollowUpPair in match.ts), or undefined for a mention that cannot be a follow-up.
 */
export function followUpPeriod(mention: Pick<Mention, 'day' | 'date'>): { start: number; end: number } | undefined {
  if (!datedByReportOnly(mention)) return undefined;
  return { start: mention.day!.end - FOLLOW_UP_DAYS, end: mention.day!.end };
}

/**
 * How a store files a mention for the follow-up look-up, or undefined when it takes part in none (fewer
 * than FOLLOW_UP_SURNAMES surnames, no country, no fine date): one row per surname, with the first possible
 * day (what a later follow-up looks for) and, for a possible follow-up, its last possible day (what an
 * earlier report looks for).
 */
export function followUpFiling(mention: Pick<Mention, 'day' | 'date' | 'country' | 'surnames'>):
  { surnames: string[]; dayStart: number; followUpEnd?: number } | undefined {
  if ((mention.surnames?.length ?? 0) < FOLLOW_UP_SURNAMES || mention.country === '-' || mention.day === undefined || isCoarse(mention.day)) {
    return undefined;
  }
  const filing: { surnames: string[]; dayStart: number; followUpEnd?: number } = { surnames: mention.surnames!, dayStart: mention.day.start };
  if (followUpPeriod(mention)) filing.followUpEnd = mention.day.end;
  return filing;
}

/** The surnames and ranges of days (inclusive) the follow-up look-ups read; see followUpLookups. */
export interface FollowUpLookups {
  surnames: string[];
  /** How many of the surnames a stored mention must name to be a candidate (FOLLOW_UP_SURNAMES). */
  shared: number;
  earlier?: { from: number; to: number };
  later: { from: number; to: number };
}

/**
 * The two look-ups that find every stored mention a new one can be a follow-up pair with (same family and
 * country, FOLLOW_UP_SURNAMES surnames in common): as the follow-up, stored mentions whose first day is in
 * its followUpPeriod; as the report followed up, stored possible follow-ups whose last day is within
 * FOLLOW_UP_DAYS after its first.
 */
export function followUpLookups(mention: Pick<Mention, 'day' | 'date' | 'country' | 'surnames'>): FollowUpLookups | undefined {
  const filing = followUpFiling(mention);
  if (!filing) return undefined;
  const period = followUpPeriod(mention);
  const found = { surnames: filing.surnames, shared: FOLLOW_UP_SURNAMES, later: { from: filing.dayStart, to: filing.dayStart + FOLLOW_UP_DAYS } };
  return period ? { ...found, earlier: { from: period.start, to: period.end } } : found;
}

/** The country most of the document's places are in (first seen on a tie), for events that name none. */
export function documentCountry(doc: Doc): string | undefined {
  const counts = new Map<string, number>();
  for (const place of doc.layers.places ?? []) {
    if (place.country && place.resolution !== 'continent') counts.set(place.country, (counts.get(place.country) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [country, count] of counts) if (best === undefined || count > counts.get(best)!) best = country;
  return best;
}

/** Generational suffixes that end a full name without being the surname. */
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
/** Enough surnames to name a report's victims, suspects and witnesses; a longer list says less of each. */
const MAX_SURNAMES = 40;

/**
 * Surnames (lower-cased) of the people a document names in full: its victims, suspects, relatives and
 * spokespeople. Two reports of one incident name the same people; reports of two incidents rarely do.
 */
export function documentSurnames(doc: Doc): string[] {
  const surnames = new Set<string>();
  for (const actor of doc.layers.actors ?? []) {
    if (actor.type !== 'PERSON') continue;
    const words = actor.name.toLowerCase().match(/\p{L}+/gu) ?? [];
    while (words.length > 2 && NAME_SUFFIXES.has(words[words.length - 1]!)) words.pop();
    const surname = words[words.length - 1];
    if (words.length >= 2 && surname !== undefined && surname.length >= 3) surnames.add(surname);
  }
  return [...surnames].sort().slice(0, MAX_SURNAMES);
}

/**
 * What an article as a whole says of the incident it is about: its killed and injured over all its
 * sentences (quantities/document-figures.ts: the largest of each, tallies of other incidents left out, the
 * injured as the people hit less the killed), a category it gives no figure for counting 0 ("two men were
 * wounded" reports nobody killed), or undefined for an article without a figure. Sentence by sentence an
 * article names its victims one at a time and its toll elsewhere, so its events' own figures undercount it.
 */
export function documentToll(doc: Doc): Mention['toll'] {
  const quantities = doc.layers.quantities ?? [];
  if (quantities.length === 0) return undefined;
  const figures = documentFigures(quantities, doc.text, doc.layers.sentences ?? [], { dates: doc.layers.dates ?? [], published: doc.source.published });
  if (figures.killed === undefined && figures.injured === undefined) return undefined;
  return { killed: figures.killed ?? 0, injured: figures.injured ?? 0 };
}

/**
 * The seq of the document's lead event, the one its toll belongs to: of the events reported as having
 * happened, the most intense (lowest Goldstein score: the shooting, not the arrest or the vigil after it),
 * then the first. Read from the document's own coding, so that re-coding one event leaves it where it was.
 */
export function leadSeq(doc: Doc): number | undefined {
  let lead: number | undefined;
  let lowest = Infinity;
  (doc.layers.events ?? []).forEach((event, seq) => {
    const goldstein = event.goldstein ?? 0;
    if (isFusable(event) && goldstein < lowest) {
      lowest = goldstein;
      lead = seq;
    }
  });
  return lead;
}

/**
 * The mention an event of a stored document makes, or undefined for one not reported as having happened:
 * the one mentionsOf gives it (`event` may be another coding of the document's event of its id).
 */
export function mentionOf(doc: Doc, event: Event, seq: number, fallbackCountry = documentCountry(doc),
  surnames = documentSurnames(doc)): Mention | undefined {
  const mention = ownMention(doc, event, seq, fallbackCountry, surnames);
  if (mention && seq === leadSeq(doc)) withToll(mention, doc);
  if (!mention || (!mention.killed && !mention.injured)) return mention;
  const others = documentMentions(doc, fallbackCountry, surnames).filter((other) => other.key !== mention.key);
  withoutPartialFigures([mention, ...others]);
  return mention;
}

/** The mention of one event read from its own coding alone. */
function ownMention(doc: Doc, event: Event, seq: number, fallbackCountry: string | undefined, surnames: string[]): Mention | undefined {
  if (!isFusable(event)) return undefined;
  const published = doc.source.published && epochDay(doc.source.published) !== undefined ? doc.source.published.slice(0, 10) : undefined;
  const names: Record<string, string> = {};
  const keysOf = (participants: readonly EventParticipant[]) => [...new Set(participants.map((p) => {
    const key = participantKey(p);
    names[key] ??= p.text;
    return key;
  }))].sort();
  const all = [...event.actors, ...event.recipients, ...(event.mediators ?? [])];
  const parties = [...new Set(all.flatMap((p) => (p.country ? [p.country, ...(p.sector ? [`${p.country}/${p.sector}`] : [])] : [])))].sort();
  const sentences = event.evidence.sentences.map((s) => doc.text.slice(s.start, s.end));
  const location = event.location;
  const place = location ? placeOf(doc, location) : undefined;
  // An event that names no place happened where its document is set before where its parties are from
  // ("a British tourist was shot" in a story set in Florida).
  const country = location?.country ?? fallbackCountry ?? all.find((p) => p.country)?.country ?? '-';
  const mention: Mention = {
    key: `${doc.id}:${event.id}`,
    docId: doc.id,
    seq,
    plover: event.plover,
    family: typeFamily(event.plover),
    cameo: event.cameo,
    actors: keysOf(event.actors),
    recipients: keysOf(event.recipients),
    names,
    parties,
    country,
    sentence: (sentences[0] ?? '').slice(0, 400),
    words: contentWords([...sentences, ...all.map((p) => p.text), location?.name ?? ''].join(' ')),
    confidence: event.confidence,
  };
  if (place) mention.place = place;
  if (surnames.length > 0) mention.surnames = surnames;
  const day = eventDays(event, published);
  if (day) mention.day = day;
  if (event.date) mention.date = { value: event.date.value, granularity: event.date.granularity, basis: event.date.basis };
  const killed = figure(event, 'killed');
  if (killed) mention.killed = killed;
  const injured = figure(event, 'injured');
  if (injured) mention.injured = injured;
  if (published) mention.published = published;
  const host = sourceHost(doc.source.url);
  if (host) mention.host = host;
  return mention;
}

function placeOf(doc: Doc, location: NonNullable<Event['location']>): Mention['place'] {
  const place: NonNullable<Mention['place']> = { name: location.name, from: location.from };
  if (location.country) place.country = location.country;
  if (location.lat !== undefined && location.lon !== undefined) {
    place.lat = location.lat;
    place.lon = location.lon;
  }
  if (location.resolution) place.resolution = location.resolution;
  const resolved = location.place ? doc.layers.places?.find((p) => p.id === location.place) : undefined;
  if (resolved?.admin1) place.admin1 = resolved.admin1;
  return place;
}

/**
 * The mentions of a document's events, in the order of its events layer. Event ids name mentions, so an
 * id repeated within the document (never from the coder; possible in hand-made input) makes one mention.
 */
export function mentionsOf(doc: Doc): Mention[] {
  if (doc.skip) return [];
  const mentions = documentMentions(doc, documentCountry(doc), documentSurnames(doc));
  withoutPartialFigures(mentions);
  const lead = leadSeq(doc);
  const leadMention = lead === undefined ? undefined : mentions.find((m) => m.seq === lead);
  if (leadMention) withToll(leadMention, doc);
  return mentions;
}

function withToll(mention: Mention, doc: Doc): void {
  const toll = documentToll(doc);
  if (toll) mention.toll = toll;
}

/** Each event's own mention (the first event of an id), before its figures are read against the others'. */
function documentMentions(doc: Doc, country: string | undefined, surnames: string[]): Mention[] {
  const seen = new Set<string>();
  return (doc.layers.events ?? []).flatMap((event, seq) => {
    if (seen.has(event.id)) return [];
    seen.add(event.id);
    return ownMention(doc, event, seq, country, surnames) ?? [];
  });
}

/**
 * Drops from a document's mentions the casualty figures that are parts of a larger one the document gives
 * for an event of the same type on an agreeing day and place: an article names its victims one by one ("his
 * mother was killed", "a second man died") beside its toll ("three people were killed"), and such a part is no
 * count of its own, so it must not keep the mention from the toll's event (its figures would contradict) nor
 * from other reports of it. The story loses nothing: each source's figure is its largest (summary.ts).
 */
function withoutPartialFigures(mentions: Mention[]): void {
  for (const category of ['killed', 'injured'] as const) {
    const counted = mentions.filter((m) => m[category] !== undefined);
    // Decided on the figures as read, then dropped: the result does not depend on the mentions' order.
    const parts = counted.filter((part) => counted.some((other) => other[category]!.min > (part[category]!.max ?? part[category]!.min)
      && other.family === part.family && other.country === part.country && contradiction(withoutFigures(part), withoutFigures(other)) === undefined));
    for (const part of parts) delete part[category];
  }
}

function withoutFigures(mention: Mention): MatchGate {
  return { parties: mention.parties, ...(mention.day ? { day: mention.day } : {}), ...(mention.place ? { place: mention.place } : {}) };
}

/** The bucket a mention is filed under: its first possible day's week (UNDATED_BUCKET for none). */
export function bucketOf(mention: Pick<Mention, 'day'>): number {
  return mention.day === undefined ? UNDATED_BUCKET : Math.floor(mention.day.start / BUCKET_DAYS);
}

/**
 * The buckets a mention's matches can be filed under: those of every fine period that can overlap its
 * own, or, for a coarse or undated mention, its own bucket only (it matches only the very same period).
 */
export function candidateBuckets(mention: Pick<Mention, 'day'>): { from: number; to: number } {
  const own = bucketOf(mention);
  if (mention.day === undefined || isCoarse(mention.day)) return { from: own, to: own };
  return {
    from: Math.floor((mention.day.start - (MAX_FINE_SPAN_DAYS + 2 * DATE_SLACK_DAYS)) / BUCKET_DAYS),
    to: Math.floor(mention.day.end / BUCKET_DAYS),
  };
}
