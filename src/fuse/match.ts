/**
 * Whether two mentions report one real-world event. The rule is symmetric and reads only the two
 * mentions, so the stories (connected groups of matching mentions) do not depend on the order in which
 * documents arrive. Hard rules first (type family, time, place, casualties, parties: any contradiction
 * rules a pair out), then the agreement the pair must show on top of not contradicting (two events of one
 * document need none unless they name other actors and other targets: see oneDocumentsEvent).
 */
import { FOLLOW_UP_SURNAMES, followUpPeriod, isCoarse } from './mention.js';
import type { Mention, MentionFigure } from './types.js';

/** How far apart two places of a resolution can be and still be one event's place, in km. */
const RADIUS_KM: Readonly<Record<string, number>> = { city: 30, admin: 150, region: 400, country: Infinity, continent: Infinity };

/**
 * Agreement a pair needs beyond not contradicting (see agreement()). Chosen on the even incidents of the
 * stories gold once surnames counted: 1.3–1.5 score alike there, and below that stories join what differs.
 */
export const MATCH_THRESHOLD = 1.4;
/** Agreement a surname both documents name adds (see agreement()), and the most surnames can add. */
const SURNAME_WEIGHT = 0.75;
const SURNAMES_CAP = 1;

export interface MatchVerdict {
  match: boolean;
  /** Why a pair was ruled out, or the agreement score it reached. */
  reason: string;
  score?: number;
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function radius(resolution: string | undefined): number {
  return resolution === undefined ? Infinity : RADIUS_KM[resolution] ?? Infinity;
}

function datesCompatible(a: MatchGate, b: MatchGate): boolean {
  if (a.day === undefined || b.day === undefined) return a.day === undefined && b.day === undefined;
  const coarseA = isCoarse(a.day);
  if (coarseA !== isCoarse(b.day)) return false;
  if (coarseA) return a.day.start === b.day.start && a.day.end === b.day.end;
  return a.day.start <= b.day.end && b.day.start <= a.day.end;
}

/**
 * Whether `later`, a report whose sentence dates nothing (an arrest, a charge, a trial, a sentence reported
 * weeks or months after the shooting), can be about what `earlier` reports: `earlier` may have happened
 * any time within followUpPeriod before it. The time rule is the only one it relaxes; shared surnames
 * (see isFollowUpPair) stand in for the week the two reports would otherwise have to share.
 */
function followsUp(later: Mention, earlier: Mention): boolean {
  const window = followUpPeriod(later);
  return window !== undefined && earlier.day !== undefined && !isCoarse(earlier.day)
    && earlier.day.start >= window.start && earlier.day.start <= window.end;
}

/**
 * Whether two mentions of different documents that share enough surnames are a follow-up and the report it
 * follows up, in either order: the rule reads both mentions alike, so it stays symmetric.
 */
export function isFollowUpPair(a: Mention, b: Mention): boolean {
  if (a.docId === b.docId || a.country === '-') return false;
  if (intersects(a.surnames ?? [], b.surnames ?? []) < FOLLOW_UP_SURNAMES) return false;
  return followsUp(a, b) || followsUp(b, a);
}

/** The km between the two places when both have coordinates and the tighter radius of the two allows it. */
function placesCompatible(a: MatchGate, b: MatchGate): { ok: boolean; close: boolean } {
  const pa = a.place;
  const pb = b.place;
  if (!pa || !pb) return { ok: true, close: false };
  if (pa.country && pb.country && pa.country !== pb.country) return { ok: false, close: false };
  if (pa.lat === undefined || pb.lat === undefined || pa.lon === undefined || pb.lon === undefined) return { ok: true, close: false };
  // A state contains the places of its own first-level subdivision however far its centre is ("Colorado"
  // and "Mesa County", "Missouri" and "Kansas City"): a radius cannot say that of a large state. The gate
  // does not tell a state from a county (both 'admin'), so a county passes too; agreement must still be met.
  const subdivision = pa.resolution === 'admin' || pb.resolution === 'admin';
  if (subdivision && pa.admin1 !== undefined && pa.admin1 === pb.admin1) return { ok: true, close: false };
  // The coarser place must contain the finer: the allowed distance is the coarser one's radius.
  const allowed = Math.max(radius(pa.resolution), radius(pb.resolution));
  if (allowed === Infinity) return { ok: true, close: false };
  const km = haversineKm(pa.lat, pa.lon, pb.lat, pb.lon);
  if (km > allowed) return { ok: false, close: false };
  const bothFine = pa.resolution === 'city' && pb.resolution === 'city';
  if (bothFine && pa.admin1 && pb.admin1 && pa.admin1 !== pb.admin1) return { ok: false, close: false };
  return { ok: true, close: bothFine || km <= 1 };
}

function range(figure: MentionFigure): [number, number] {
  return [figure.min, figure.max ?? (figure.exact ? figure.min : Infinity)];
}

/**
 * Figures contradict when their ranges stay apart by more than a later report's rise can explain: one, or
 * half the larger figure (a toll of four that rises to six is one event; one killed and four killed are two).
 */
function figuresContradict(a: MentionFigure | undefined, b: MentionFigure | undefined): boolean {
  if (!a || !b) return false;
  const [lowA, highA] = range(a);
  const [lowB, highB] = range(b);
  const rise = Math.max(1, Math.floor(Math.max(lowA, lowB) / 2));
  return lowA > highB + rise || lowB > highA + rise;
}

function figuresAgree(a: MentionFigure | undefined, b: MentionFigure | undefined): boolean {
  return a !== undefined && b !== undefined && a.min > 0 && a.min === b.min && (a.max ?? a.min) === (b.max ?? b.min);
}

function intersects(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  let j = 0;
  for (const word of a) {
    while (j < b.length && b[j]! < word) j++;
    if (j < b.length && b[j] === word) shared++;
  }
  return shared;
}

/** Dice overlap of two sorted word lists. */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * intersects(a, b)) / (a.length + b.length);
}

function countries(parties: readonly string[]): string[] {
  return parties.filter((party) => !party.includes('/'));
}

/**
 * How much two non-contradicting mentions agree: similar evidence wording (up to 2), the same close place
 * (0.75), the same day given by the text (0.5), shared participants (0.5 a side), people both documents
 * name (0.75 a surname, at most 1: victims and suspects are named in every report of an incident and
 * rarely in reports of another), the same casualty figures.
 */
export function agreement(a: Mention, b: Mention): number {
  let score = 2 * wordSimilarity(a.words, b.words);
  if (placesCompatible(a, b).close) score += 0.75;
  const ownDay = (m: Mention) => m.date !== undefined && m.date.basis !== 'report' && m.day !== undefined;
  if (ownDay(a) && ownDay(b) && a.date!.value.slice(0, 10) === b.date!.value.slice(0, 10)) score += 0.5;
  const everyone = (m: Mention) => [...new Set([...m.actors, ...m.recipients])].sort();
  const sharedParticipants = intersects(everyone(a), everyone(b));
  score += Math.min(1, 0.5 * sharedParticipants);
  // A document's surnames are the same for all its mentions: they tell two documents apart, not two events of one.
  if (a.docId !== b.docId) score += Math.min(SURNAMES_CAP, SURNAME_WEIGHT * intersects(a.surnames ?? [], b.surnames ?? []));
  if (figuresAgree(a.killed, b.killed)) score += 0.5;
  if (figuresAgree(a.injured, b.injured)) score += 0.25;
  return score;
}

/**
 * The part of a mention the contradiction rules read (within one block: type family and country agree).
 * It is small enough for a store to keep beside each mention's block key, so that candidates a rule rules
 * out are never read in full.
 */
export type MatchGate = Pick<Mention, 'day' | 'place' | 'killed' | 'injured' | 'parties'>;

/**
 * Why two mentions of one block cannot report one event, or undefined when nothing contradicts.
 * `followUp`: the pair is a follow-up and the report it follows up (isFollowUpPair), whose dates may differ.
 */
export function contradiction(a: MatchGate, b: MatchGate, followUp = false): string | undefined {
  if (!followUp && !datesCompatible(a, b)) return 'dates apart';
  if (!placesCompatible(a, b).ok) return 'places apart';
  if (figuresContradict(a.killed, b.killed)) return 'killed figures contradict';
  if (figuresContradict(a.injured, b.injured)) return 'injured figures contradict';
  const ca = countries(a.parties);
  const cb = countries(b.parties);
  if (ca.length > 0 && cb.length > 0 && intersects(ca, cb) === 0) return 'parties differ';
  return undefined;
}

function disjoint(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && b.length > 0 && intersects(a, b) === 0;
}

/**
 * Whether two mentions of one document that nothing contradicts report one event without showing agreement:
 * an article repeats its incident in the headline, the lead and lower down, each time in other words and
 * naming other parts of it (a victim, the gunman, the toll), so the wording and the people of two of its
 * sentences often agree too little although they report one act. Two acts of one kind the article reports
 * on agreeing days and places are told apart by who did what to whom: a pair naming other actors and other
 * targets both ("police shot the gunman" beside "the gunman shot a woman") must still agree.
 */
function oneDocumentsEvent(a: Mention, b: Mention): boolean {
  return a.docId === b.docId && !(disjoint(a.actors, b.actors) && disjoint(a.recipients, b.recipients));
}

/** The verdict on a pair of mentions. */
export function judgePair(a: Mention, b: Mention): MatchVerdict {
  if (a.key === b.key) return { match: false, reason: 'same mention' };
  if (a.family !== b.family) return { match: false, reason: 'type family differs' };
  if (a.country !== b.country) return { match: false, reason: 'country differs' };
  const ruledOut = contradiction(a, b, !datesCompatible(a, b) && isFollowUpPair(a, b));
  if (ruledOut !== undefined) return { match: false, reason: ruledOut };
  const score = agreement(a, b);
  if (score >= MATCH_THRESHOLD) return { match: true, reason: 'agree', score };
  if (oneDocumentsEvent(a, b)) return { match: true, reason: 'one document', score };
  return { match: false, reason: 'too little agreement', score };
}

export function mentionsMatch(a: Mention, b: Mention): boolean {
  return judgePair(a, b).match;
}
