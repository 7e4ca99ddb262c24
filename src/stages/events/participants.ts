import { firstTokenEndingAfter } from '../../doc/token-search.js';
import type { Actor, Doc, Entity, EventParticipant, Place, Token } from '../../doc/types.js';
import { getActorRoles, matchRole, toWords, type RoleKind } from '../actors/roles.js';

/** A mention that can fill an event role: an actor mention, or a resolved entity no actor covers. */
export interface Candidate {
  start: number;
  end: number;
  text: string;
  /** Token indexes into the tokens layer, end exclusive. */
  tokenStart: number;
  tokenEnd: number;
  actor?: Actor;
  entity?: Entity;
  /** Set when the mention is the object of a locative preposition ("in Moscow"): a place, not a party. */
  locative: boolean;
  /** Sector of the group the mention was expanded from ("the foreign ministers" → GOV for each member). */
  groupSector?: string;
}

const LOCATIVE = new Set(['in', 'at', 'near', 'inside', 'across', 'throughout', 'into', 'outside']);
const PARTY_ENTITY_TYPES = new Set<Entity['type']>(['COUNTRY', 'IGO', 'NATIONALITY', 'ORG', 'PERSON']);
const PLACE_LIKE_ENTITY_TYPES = new Set<Entity['type']>(['COUNTRY', 'PLACE', 'REGION']);

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Whether a span overlaps one of `sorted` (sorted by start; mentions are short, so a few steps back suffice). */
function overlapsAny(sorted: readonly Candidate[], span: { start: number; end: number }): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.start < span.end) low = mid + 1;
    else high = mid;
  }
  for (let i = low - 1; i >= 0 && i >= low - 8; i -= 1) if (overlaps(sorted[i]!, span)) return true;
  return false;
}

/**
 * Every mention that can be an event participant, in text order. Actor mentions come first; resolved
 * entities (countries, IGOs, organisations, people) not covered by an actor mention fill in when the
 * actors stage found nothing for them.
 */
export function buildCandidates(doc: Readonly<Doc>): Candidate[] {
  const tokens = doc.layers.tokens ?? [];
  const places = placeOverlaps(doc.layers.places ?? []);
  const candidates: Candidate[] = [];
  for (const actor of doc.layers.actors ?? []) {
    for (const mention of actor.mentions) {
      candidates.push(candidate(tokens, places, mention.start, mention.end, mention.text, actor, undefined));
    }
  }
  const covered = [...candidates].sort((a, b) => a.start - b.start);
  for (const entity of doc.layers.entities ?? []) {
    if (!PARTY_ENTITY_TYPES.has(entity.type) || !entity.kb?.country && entity.type !== 'IGO') continue;
    if (overlapsAny(covered, entity)) continue;
    candidates.push(candidate(tokens, places, entity.start, entity.end, entity.text, undefined, entity));
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  // A mention inside another ("Armenia" in "those in charge of Armenia") is part of it, not a party.
  const outermost: Candidate[] = [];
  for (const one of candidates) {
    const last = outermost[outermost.length - 1];
    if (last && one.start >= last.start && one.end <= last.end) continue;
    outermost.push(one);
  }
  return outermost;
}

/**
 * Whether a span overlaps one of the places: places sorted by start, with the furthest end reached so
 * far, so the test is one binary search however many places the document names.
 */
function placeOverlaps(places: readonly Place[]): (start: number, end: number) => boolean {
  const sorted = [...places].sort((a, b) => a.start - b.start);
  const furthestEnd: number[] = [];
  let furthest = -Infinity;
  for (const place of sorted) furthestEnd.push((furthest = Math.max(furthest, place.end)));
  return (start, end) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]!.start < end) low = mid + 1;
      else high = mid;
    }
    return low > 0 && furthestEnd[low - 1]! > start;
  };
}

function candidate(
  tokens: readonly Token[], overlapsPlace: (start: number, end: number) => boolean,
  start: number, end: number, text: string, actor: Actor | undefined, entity: Entity | undefined,
): Candidate {
  const tokenStart = firstTokenEndingAfter(tokens, start);
  const tokenEnd = Math.max(tokenStart + 1, firstTokenEndingAfter(tokens, end));
  const result: Candidate = { start, end, text, tokenStart, tokenEnd, locative: false };
  if (actor) result.actor = actor;
  if (entity) result.entity = entity;
  let before = tokenStart - 1;
  while (before >= 0 && tokens[before]!.pos === 'DET') before -= 1;
  const preposition = tokens[before];
  if (preposition && LOCATIVE.has(preposition.normal)) {
    const placeLike = overlapsPlace(start, end)
      || (entity !== undefined && PLACE_LIKE_ENTITY_TYPES.has(entity.type))
      || actor?.type === 'COUNTRY';
    result.locative = placeLike;
  }
  return result;
}

/** The actors a mention stands for: a group ("the ministers of both countries") stands for its members. */
export function expandGroup(candidate: Candidate, actorsById: ReadonlyMap<string, Actor>): Candidate[] {
  const members = candidate.actor?.members ?? [];
  const expanded = members.map((id) => actorsById.get(id)).filter((actor): actor is Actor => actor !== undefined);
  if (expanded.length === 0) return [candidate];
  const groupSector = candidate.actor?.sector;
  return expanded.map((actor) => (groupSector ? { ...candidate, actor, groupSector } : { ...candidate, actor }));
}

const SECTOR_BY_ACTOR_TYPE: Partial<Record<Actor['type'], string>> = { GOVERNMENT: 'GOV', ARMED_GROUP: 'REB' };
const SECTOR_ROLE_KINDS: ReadonlySet<RoleKind> = new Set(['armed', 'body', 'civil']);

/**
 * The sector of a bare mention whose head is a role of the lexicon ("the police", "riot police",
 * "protesters") when no actor or entity gives one: the role ending the mention decides.
 */
export function roleSector(text: string): string | undefined {
  const words = toWords(text.toLowerCase());
  const roles = getActorRoles();
  for (let from = 0; from < words.length; from += 1) {
    const role = matchRole(roles, words, from, SECTOR_ROLE_KINDS);
    if (role?.sector && from + role.length === words.length) return role.sector;
  }
  return undefined;
}

/**
 * An event participant in the CAMEO style. Countries are ISO3 plus sector (`AZEGOV`); IGOs are `IGO`
 * plus their knowledge-base code (`igo:WHO` → `IGOWHO`), the CAMEO convention for named IGOs.
 */
export function toParticipant(candidate: Candidate): EventParticipant {
  const { actor, entity } = candidate;
  const participant: EventParticipant = { text: candidate.text, start: candidate.start, end: candidate.end };
  const kbId = actor?.kbId ?? entity?.kb?.id;
  const country = actor?.country ?? entity?.kb?.country;
  const sector = actor?.sector ?? candidate.groupSector ?? entity?.kb?.sector ?? (actor ? SECTOR_BY_ACTOR_TYPE[actor.type] : undefined)
    ?? (actor || entity ? undefined : roleSector(candidate.text));
  if (actor) participant.actor = actor.id;
  if (kbId) participant.kbId = kbId;
  if (country) participant.country = country;
  if (sector) participant.sector = sector;
  const organisation = actor?.organisation;
  if (organisation) participant.organisation = organisation;
  const isIgo = actor?.type === 'IGO' || entity?.type === 'IGO' || kbId?.startsWith('igo:');
  if (isIgo && kbId?.startsWith('igo:')) participant.code = `IGO${kbId.slice(4).toUpperCase()}`;
  // An official acting for a named IGO is coded as that IGO (CAMEO codes the head of the WHO as IGOWHO).
  else if (organisation?.startsWith('igo:')) participant.code = `IGO${organisation.slice(4).toUpperCase()}`;
  else if (country) participant.code = `${country}${sector && !sector.startsWith('IGO') ? sector : ''}`;
  // An official of an IGO known only by its CAMEO-style sector ("IGOHLH": a health IGO), or a group known
  // only by its sector ("the police": COP), coded by the sector as CAMEO codes actors of unknown country.
  else if (sector) participant.code = sector;
  return participant;
}

/** The key two mentions of the same participant share: actor id, else knowledge-base id, else code, else text. */
export function participantKey(participant: EventParticipant): string {
  return participant.actor ?? participant.kbId ?? participant.code ?? participant.text.toLowerCase();
}

/** Whether a mention is on the same side as a speaker (same actor, or same country when both are known). */
export function sameSide(candidate: Candidate, speaker: Actor | undefined): boolean {
  if (!speaker) return false;
  if (candidate.actor?.id === speaker.id) return true;
  const country = candidate.actor?.country ?? candidate.entity?.kb?.country;
  return country !== undefined && country === speaker.country;
}
