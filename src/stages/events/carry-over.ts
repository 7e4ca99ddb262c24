/**
 * What a news story says once and its later sentences take for granted. "A gunman opened fire … A man
 * was shot in the leg": the shooting's actor is the gunman; "Police said … The suspect was arrested":
 * the arrest is the police's; "… shot Saturday night. The shooting …": the later mention happened on
 * Saturday. An event whose own sentence leaves its actor or date open takes them from the document, but
 * only from a real mention in the text: a carried actor is a mention of the document (its participant
 * says so with `from: 'document'`), a carried date the own date of the story's lead event.
 */
import { z } from 'zod';
import { firstTokenEndingAfter } from '../../doc/token-search.js';
import type { Doc, Event, EventLocation, EventParticipant, Token } from '../../doc/types.js';
import { defineKnowledge, knowledgePath, readJsonl, type KnowledgeIssue } from '../../knowledge/files.js';
import { participantKey, roleSector, toParticipant, type Candidate } from './participants.js';

const FILE = 'lexicon/implied-actors.jsonl';

const roleSchema = z.enum(['perpetrator', 'police', 'court']);
export type ImpliedRole = z.infer<typeof roleSchema>;

const rowSchema = z.union([
  z.object({ word: z.string().regex(/^[a-z]+$/, 'one lower-case word'), role: roleSchema }).strict(),
  z.object({ act: z.string().regex(/^[a-z]+$/, 'one lower-case lemma'), role: roleSchema }).strict(),
  z.object({ plover: z.string().regex(/^[A-Z]+$/, 'a PLOVER type'), role: roleSchema }).strict(),
]);

interface ImpliedActorLexicon {
  /** The role a noun names ("gunman" → perpetrator, "deputies" → police). */
  words: Map<string, ImpliedRole>;
  /** The role whose mention acts for a trigger's first word ("arrest" → police). */
  acts: Map<string, ImpliedRole>;
  /** The role whose mention acts for every trigger of a type (ASSAULT → perpetrator). */
  types: Map<string, ImpliedRole>;
}

function load(issues: KnowledgeIssue[]): ImpliedActorLexicon {
  const lexicon: ImpliedActorLexicon = { words: new Map(), acts: new Map(), types: new Map() };
  for (const row of readJsonl(knowledgePath(FILE), rowSchema, issues)) {
    const [map, key] = 'word' in row ? [lexicon.words, row.word] : 'act' in row ? [lexicon.acts, row.act] : [lexicon.types, row.plover];
    if (map.has(key)) issues.push({ file: FILE, line: 0, message: `"${key}" is listed twice` });
    map.set(key, row.role);
  }
  return lexicon;
}

const impliedActors = defineKnowledge(load);

/** Validates the implied-actor lexicon; every problem comes back as file:line. */
export const checkImpliedActors = impliedActors.check;

const MATERIAL = new Set([2, 4]);
/** Types whose later undated mentions in a story are its lead incident ("the shooting"). */
const INCIDENT_TYPES = new Set(['ASSAULT']);
/** How many opening sentences make a story's lead, whose first place or relative day sets it when nothing else does. */
const LEAD_SENTENCES = 3;
const DAY_OR_FINER = /^\d{4}-\d\d-\d\d/;
/** Words that may stand before a role noun inside its phrase ("the Franklin County sheriff's deputies"). */
const PHRASE_WORD_TAGS = new Set(['DET', 'ADJ', 'NUM', 'PROPN']);
/** How many words before a role noun its phrase may reach. */
const PHRASE_REACH = 6;

/** The role whose mention acts for an event that names no actor of its own, if any. */
function roleFor(event: Event, tokens: readonly Token[], lexicon: ImpliedActorLexicon): ImpliedRole | undefined {
  const trigger = tokens[firstTokenEndingAfter(tokens, event.trigger.start)];
  return (trigger && lexicon.acts.get(trigger.lemma)) ?? lexicon.types.get(event.plover);
}

/**
 * The noun phrase a role noun heads, read off the words before it: "a 17-year-old suspect",
 * "Franklin County sheriff's deputies". Hyphenated words count as one word; the phrase never leaves
 * the noun's sentence.
 */
function rolePhrase(text: string, tokens: readonly Token[], head: number): EventParticipant {
  let first = head;
  const sentence = tokens[head]!.sentence;
  while (first > 0 && head - first < PHRASE_REACH) {
    const previous = tokens[first - 1]!;
    if (previous.sentence !== sentence) break;
    const joined = previous.end === tokens[first]!.start && (previous.normal === '-' || tokens[first]!.normal === '-');
    const possessive = previous.normal === "'s" || previous.normal === '’s';
    const nounBefore = (previous.pos === 'NOUN' || previous.pos === 'PROPN') && tokens[first]!.normal === "'s";
    if (!joined && !possessive && !nounBefore && !PHRASE_WORD_TAGS.has(previous.pos)) break;
    first -= 1;
  }
  while (first < head && (tokens[first]!.pos === 'PUNCT' || tokens[first]!.normal === "'s")) first += 1;
  const start = tokens[first]!.start;
  const end = tokens[head]!.end;
  const phrase: EventParticipant = { text: text.slice(start, end), start, end };
  const sector = roleSector(phrase.text);
  if (sector) Object.assign(phrase, { sector, code: sector });
  return phrase;
}

interface RoleMention {
  participant: EventParticipant;
  start: number;
}

/**
 * Every mention of each role in the document, in text order: a candidate (actor or entity mention)
 * holding a role noun keeps its actor and code ("the Houston Police Department"); elsewhere the phrase
 * the noun heads.
 */
function roleMentions(doc: Readonly<Doc>, candidates: readonly Candidate[], lexicon: ImpliedActorLexicon): Map<ImpliedRole, RoleMention[]> {
  const tokens = doc.layers.tokens ?? [];
  const found = new Map<ImpliedRole, RoleMention[]>();
  const byToken = new Map<number, Candidate>();
  for (const candidate of candidates) for (let i = candidate.tokenStart; i < candidate.tokenEnd; i += 1) byToken.set(i, candidate);
  const taken = new Set<Candidate>();
  tokens.forEach((token, i) => {
    const role = lexicon.words.get(token.normal);
    if (!role || (token.pos !== 'NOUN' && token.pos !== 'PROPN')) return;
    const candidate = byToken.get(i);
    if (candidate && taken.has(candidate)) return;
    if (candidate) taken.add(candidate);
    const participant = candidate ? toParticipant(candidate) : rolePhrase(doc.text, tokens, i);
    const list = found.get(role) ?? [];
    list.push({ participant: { ...participant, from: 'document' }, start: participant.start });
    found.set(role, list);
  });
  return found;
}

const affirmative = (event: Event) => !event.negated && !event.hypothetical;

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Gives an event that names no actor the one its document names for its role: for an attack, the actor
 * of another attack in the story or the one arrested, charged or sentenced, else its gunman, shooter or
 * suspect; for an arrest, a charge or an
 * investigation, the police the document names; for a sentence, the judge or court. The nearest mention
 * before the event wins, else the first after it; never one of the event's own recipients.
 */
export function carryOverActors(doc: Readonly<Doc>, events: Event[], candidates: readonly Candidate[]): void {
  const tokens = doc.layers.tokens ?? [];
  const lexicon = impliedActors.get();
  let mentions: Map<ImpliedRole, RoleMention[]> | undefined;
  for (const event of events) {
    if (event.actors.length > 0 || !affirmative(event)) continue;
    const role = roleFor(event, tokens, lexicon);
    if (!role) continue;
    mentions ??= roleMentions(doc, candidates, lexicon);
    const pool: RoleMention[] = [];
    if (role === 'perpetrator') {
      for (const other of events) {
        if (other === event || !affirmative(other)) continue;
        // Who attacked in another sentence, or who was arrested, charged or sentenced for it.
        const known = other.plover === event.plover ? other.actors : roleFor(other, tokens, lexicon) === 'police' || roleFor(other, tokens, lexicon) === 'court' ? other.recipients : [];
        for (const actor of known) if (actor.from !== 'document') pool.push({ participant: { ...actor, from: 'document' }, start: actor.start });
      }
    }
    pool.push(...(mentions.get(role) ?? []));
    const receiving = new Set(event.recipients.map(participantKey));
    const usable = pool.filter(({ participant }) => !receiving.has(participantKey(participant))
      && !event.recipients.some((recipient) => overlaps(recipient, participant)));
    const before = usable.filter((m) => m.start < event.trigger.start).sort((a, b) => b.start - a.start)[0];
    const after = usable.filter((m) => m.start >= event.trigger.start).sort((a, b) => a.start - b.start)[0];
    const chosen = before ?? after;
    if (chosen) event.actors = [chosen.participant];
  }
}

/**
 * The day the story's lead gives in words relative to the publication ("Saturday night", "Tuesday
 * evening"): the first such date of its opening sentences, a day or finer, not after publication.
 * Absolute dates there are mostly the page's own stamps ("Posted: Tuesday, January 28, 2014 8:18 PM").
 */
function leadDate(doc: Readonly<Doc>): NonNullable<Event['date']> | undefined {
  const leadEnd = doc.layers.sentences?.[LEAD_SENTENCES - 1]?.end ?? doc.text.length;
  const published = doc.source.published?.slice(0, 10);
  const found = (doc.layers.dates ?? [])
    .filter((date) => date.start < leadEnd && date.relative && date.resolved && date.value !== undefined && DAY_OR_FINER.test(date.value)
      && date.granularity !== 'duration' && (!published || date.value.slice(0, 10) <= published))
    .sort((a, b) => a.start - b.start)[0];
  return found?.value ? { value: found.value, granularity: found.granularity, basis: 'document', date: found.id } : undefined;
}

/**
 * Gives an attack its sentence does not date the own date of the story's lead attack: the first
 * affirmative, non-historical attack whose sentence dates it, else the day the lead gives. Later
 * mentions of "the shooting" are the same incident; the date keeps the mention id and says it was carried.
 */
export function carryOverDates(doc: Readonly<Doc>, events: Event[]): void {
  const leads = new Map<string, NonNullable<Event['date']>>();
  for (const event of [...events].sort((a, b) => a.trigger.start - b.trigger.start)) {
    if (!INCIDENT_TYPES.has(event.plover) || !affirmative(event) || event.historical || event.date?.basis !== 'event' || leads.has(event.plover)) continue;
    leads.set(event.plover, event.date);
  }
  const storyDate = leadDate(doc);
  for (const event of events) {
    if (!INCIDENT_TYPES.has(event.plover)) continue;
    const lead = leads.get(event.plover) ?? storyDate;
    if (!lead || event.historical || (event.date && event.date.basis !== 'report')) continue;
    event.date = { ...lead, basis: 'document' };
  }
}

const LEAD_PLACE_RESOLUTIONS = new Set<EventLocation['resolution']>(['city', 'admin']);

/**
 * Where the story is set when its places do not say so on their own (no dateline, no place named most):
 * the city or subdivision its first placed material act happened in, else the first one its lead names
 * (not one read as a government, nor one where something was only said).
 */
export function leadPlace(doc: Readonly<Doc>, events: readonly Event[], spoken: ReadonlySet<string>): EventLocation | undefined {
  const placed = events
    .filter((event) => MATERIAL.has(event.quadClass) && affirmative(event) && !event.historical && event.location?.from === 'sentence'
      && LEAD_PLACE_RESOLUTIONS.has(event.location.resolution))
    .sort((a, b) => a.trigger.start - b.trigger.start)[0];
  if (placed?.location) return { ...placed.location, from: 'document' };
  const leadEnd = doc.layers.sentences?.[LEAD_SENTENCES - 1]?.end ?? doc.text.length;
  const first = (doc.layers.places ?? [])
    .filter((place) => place.start < leadEnd && LEAD_PLACE_RESOLUTIONS.has(place.resolution) && !place.government && !spoken.has(place.id))
    .sort((a, b) => a.start - b.start)[0];
  if (!first) return undefined;
  const location: EventLocation = { place: first.id, name: first.name, placeId: first.placeId, lat: first.lat, lon: first.lon, resolution: first.resolution, from: 'document' };
  if (first.country) location.country = first.country;
  return location;
}

/** Acts that happen where the story is set when their sentence names no place: material ones, and investigations. */
export function happensInSetting(event: Event): boolean {
  return MATERIAL.has(event.quadClass) || event.mode === 'investigate';
}
