import { firstTokenEndingAfter } from '../../doc/token-search.js';
import type { EventParticipant, Token } from '../../doc/types.js';
import type { Codebook } from '../../knowledge/codebook.js';
import { getEventMatcher } from '../../knowledge/patterns.js';
import type { DraftEvent } from './merge.js';
import { participantKey, type Candidate } from './participants.js';

/** Sectors of people who protest: a protest without a named subject is theirs ("thousands marched"). */
const PROTESTING_SECTORS = new Set(['CVL', 'OPP', 'LAB', 'EDU']);
/** How many sentences from the start of the document may name the dyad a partyless fight is about. */
const LEAD_SENTENCES = 3;
const SKIPPED_BEFORE_NOUN = new Set(['DET', 'ADJ', 'NUM']);

function distinctKeys(participants: readonly EventParticipant[]): Set<string> {
  return new Set(participants.map(participantKey));
}

function sentenceOf(draft: DraftEvent): number {
  return draft.event.evidence.sentences[0]?.index ?? -1;
}

/**
 * "mediated by X", "brokered by X" name a third party of the talks in the same sentence, not an event of
 * its own. The mediator is never a party of the talks: the parties are the talks' other participants,
 * meeting each other, or else the two sides of another reciprocal event of the sentence ("a ceasefire
 * between A and B, after talks brokered by X").
 */
export function attachMediators(drafts: DraftEvent[], mediations: DraftEvent[]): DraftEvent[] {
  const standalone: DraftEvent[] = [];
  for (const mediation of mediations) {
    const sentence = sentenceOf(mediation);
    const talks = drafts.find((d) => d.event.plover === 'CONSULT' && sentenceOf(d) === sentence);
    if (!talks || mediation.event.actors.length === 0) {
      standalone.push(mediation);
      continue;
    }
    const event = talks.event;
    const mediators = [...(event.mediators ?? []), ...mediation.event.actors];
    const mediatorKeys = distinctKeys(mediators);
    event.mediators = mediators.filter((p, i) => mediators.findIndex((q) => participantKey(q) === participantKey(p)) === i);
    event.mode = 'third-party';
    event.actors = event.actors.filter((p) => !mediatorKeys.has(participantKey(p)));
    event.recipients = event.recipients.filter((p) => !mediatorKeys.has(participantKey(p)));
    if (event.actors.length === 0) {
      const parties = mediation.event.recipients.filter((p) => !mediatorKeys.has(participantKey(p)));
      const sides = parties.length > 0 ? parties : reciprocalPartiesIn(drafts, sentence, talks);
      event.actors = sides;
      event.recipients = sides;
      talks.reciprocal = sides.length > 0;
    } else if (event.recipients.length === 0 && distinctKeys(event.actors).size >= 2) {
      event.recipients = event.actors;
      talks.reciprocal = true;
    }
  }
  return standalone;
}

function reciprocalPartiesIn(drafts: readonly DraftEvent[], sentence: number, except: DraftEvent): EventParticipant[] {
  const other = drafts.find((d) => d !== except && d.reciprocal && sentenceOf(d) === sentence && distinctKeys(d.event.actors).size >= 2);
  return other ? [...other.event.actors] : [];
}

/** Parties of the document's main fighting: the ASSAULT with parties mentioned in most sentences. */
export function conflictParties(drafts: readonly DraftEvent[]): EventParticipant[] {
  const counts = new Map<string, { count: number; parties: EventParticipant[] }>();
  for (const draft of drafts) {
    if (draft.event.plover !== 'ASSAULT' || draft.event.negated || draft.event.hypothetical) continue;
    const parties = [...draft.event.actors, ...draft.event.recipients];
    const unique = parties.filter((p, i) => parties.findIndex((q) => participantKey(q) === participantKey(p)) === i);
    if (unique.length < 2) continue;
    const key = unique.map(participantKey).sort().join('+');
    const entry = counts.get(key) ?? { count: 0, parties: unique };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.parties ?? [];
}

/**
 * The two sides the document opens with: a reciprocal event between two sides in its first sentences
 * ("ministers of A and B met …", "a ceasefire between A and B"). Two officials of two countries stand
 * for their countries when they are borrowed for fighting.
 */
function leadDyad(drafts: readonly DraftEvent[], atCountryLevel: boolean): EventParticipant[] {
  for (const draft of [...drafts].sort((a, b) => a.position - b.position)) {
    if (sentenceOf(draft) >= LEAD_SENTENCES) break;
    if (!draft.reciprocal || distinctKeys(draft.event.actors).size !== 2) continue;
    if (!atCountryLevel) return [...draft.event.actors];
    const byCountry = new Map<string, EventParticipant>();
    for (const party of draft.event.actors) if (party.country && !byCountry.has(party.country)) byCountry.set(party.country, party);
    if (byCountry.size !== 2) return [...draft.event.actors];
    return [...byCountry.entries()].map(([country, party]) => ({ text: party.text, start: party.start, end: party.end, country, code: country }));
  }
  return [];
}

/** Whether any participant is an actor: a thing ("a deal was agreed") or a bare noun is no party. */
const namesParty = (event: DraftEvent['event']): boolean =>
  [...event.actors, ...event.recipients].some((p) => p.actor !== undefined || p.code !== undefined || p.country !== undefined);

/** Types whose unnamed parties are the document's two sides: fighting (at country level) and agreements. */
const PARTIES_FROM_LEAD: ReadonlyMap<string, { atCountryLevel: boolean }> = new Map([
  ['ASSAULT', { atCountryLevel: true }],
  ['AGREE', { atCountryLevel: false }],
]);

/**
 * Fighting whose parties the sentence does not name ("clashes killed 34"), or an agreement whose
 * parties it does not name ("a deal was agreed"), in a document with no such event between named
 * parties, is between the dyad its first sentences are about: an analyst reads the story's two sides
 * into it, as the reader does. Without such a dyad the event stays without parties.
 */
export function fillUnnamedParties(drafts: DraftEvent[]): void {
  for (const [plover, { atCountryLevel }] of PARTIES_FROM_LEAD) {
    const ofType = drafts.filter((d) => d.event.plover === plover);
    const partyless = ofType.filter((d) => !namesParty(d.event) && !d.event.negated && !d.event.hypothetical);
    // Another event of the type with parties takes the partyless mentions in when events merge.
    if (partyless.length === 0 || ofType.some((d) => namesParty(d.event))) continue;
    const sides = leadDyad(drafts, atCountryLevel);
    if (sides.length < 2) continue;
    for (const draft of partyless) {
      draft.event.actors = sides;
      draft.event.recipients = sides;
      draft.reciprocal = true;
    }
  }
}

/** A protest with no named subject ("as thousands marched") is by the protesters or opposition the sentence names. */
export function protestersIn(sentenceCandidates: readonly Candidate[]): Candidate | undefined {
  return sentenceCandidates.find((c) => !c.locative && c.actor !== undefined
    && (c.actor.type === 'PEOPLE' || PROTESTING_SECTORS.has(c.actor.sector ?? '')));
}

/**
 * "condemned the arrests", "denounced the detentions": an object that names an earlier event of the
 * document (a noun the event patterns code as that event's type) is aimed at whoever carried it out.
 */
export function recipientsFromEventNouns(drafts: DraftEvent[], tokens: readonly Token[]): void {
  const latestByType = new Map<string, DraftEvent>();
  for (const draft of [...drafts].sort((a, b) => a.position - b.position)) {
    const { event } = draft;
    if (event.recipients.length === 0 && !draft.reciprocal) {
      const nounType = eventNounAfter(tokens, firstTokenEndingAfter(tokens, event.trigger.end));
      const earlier = nounType ? latestByType.get(nounType) : undefined;
      if (earlier && earlier !== draft) {
        const own = distinctKeys(event.actors);
        event.recipients = earlier.event.actors.filter((p) => !own.has(participantKey(p)));
      }
    }
    if (event.actors.length > 0 && !event.negated && !event.hypothetical && !event.future) latestByType.set(event.plover, draft);
  }
}

/** The event type of the noun right after a trigger, past determiners and adjectives ("the recent arrests" → COERCE). */
function eventNounAfter(tokens: readonly Token[], from: number): string | undefined {
  const sentence = tokens[from]?.sentence;
  let i = from;
  while (i < tokens.length && tokens[i]!.sentence === sentence && SKIPPED_BEFORE_NOUN.has(tokens[i]!.pos)) i += 1;
  const token = tokens[i];
  if (!token || token.sentence !== sentence || token.pos !== 'NOUN') return undefined;
  return getEventMatcher().match(tokens, i, i + 1).find((m) => m.start === i)?.pattern.plover;
}

/** Acts two sides do together: with two or more sides as subjects and nobody else named, they are between them. */
const MUTUAL_TYPES = new Set(['CONSULT', 'AGREE']);

/** "A and B met", "both sides agreed": a mutual act whose subjects are two or more sides and that names nobody else is between them. */
export function reciprocalAmongSubjects(drafts: readonly DraftEvent[]): void {
  for (const draft of drafts) {
    const { event } = draft;
    if (!MUTUAL_TYPES.has(event.plover) || draft.reciprocal || event.recipients.length > 0 || distinctKeys(event.actors).size < 2) continue;
    event.recipients = event.actors;
    draft.reciprocal = true;
  }
}

/**
 * Nobody acts on themselves: a recipient that is also an actor is dropped, unless the event is reciprocal
 * between at least two distinct sides; a "reciprocal" event with one side is that side's own act.
 */
export function dropSelfRecipients(drafts: readonly DraftEvent[]): void {
  for (const draft of drafts) {
    const { event } = draft;
    if (draft.reciprocal) {
      if (distinctKeys([...event.actors, ...event.recipients]).size >= 2) continue;
      draft.reciprocal = false;
      event.recipients = [];
      continue;
    }
    const own = distinctKeys(event.actors);
    event.recipients = event.recipients.filter((p) => !own.has(participantKey(p)));
  }
}

/**
 * A call to end the fighting made by one of the document's conflict parties is that party's statement of
 * intent (PLOVER: AGREE), addressed to the other side; a third party's call stays a request.
 */
export function recodeConflictPartyCalls(drafts: readonly DraftEvent[], parties: readonly EventParticipant[], codebook: Codebook): void {
  if (parties.length < 2) return;
  const calls = getEventMatcher().modality.conflictPartyCalls;
  const partyKeys = new Set(parties.map(sideKey));
  for (const draft of drafts) {
    const coding = calls[draft.event.cameo];
    if (!coding || draft.event.negated || !draft.event.actors.some((actor) => partyKeys.has(sideKey(actor)))) continue;
    const entry = codebook.cameo(coding.cameo);
    const own = new Set(draft.event.actors.map(sideKey));
    draft.event.plover = coding.plover;
    draft.event.cameo = coding.cameo;
    draft.event.quadClass = codebook.plover(coding.plover)?.quadClass ?? entry?.quadClass ?? draft.event.quadClass;
    draft.event.goldstein = entry?.goldstein ?? null;
    if (entry) draft.event.cameoName = entry.name;
    delete draft.event.mode;
    draft.event.recipients = parties.filter((party) => !own.has(sideKey(party)));
  }
}

/**
 * An act addressed to the sides of the document's conflict (an offer to mediate): recipients among
 * them stay; a recipient that is none of them (the official the offer was made to in a call) gives
 * way to the parties, as does no recipient at all. Without known parties the recipients are kept.
 */
export function keepConflictPartyRecipients(draft: DraftEvent, parties: readonly EventParticipant[]): void {
  if (parties.length < 2) return;
  const partyKeys = new Set(parties.map(sideKey));
  const own = new Set(draft.event.actors.map(sideKey));
  const among = draft.event.recipients.filter((p) => partyKeys.has(sideKey(p)));
  draft.event.recipients = among.length > 0 ? among : parties.filter((party) => !own.has(sideKey(party)));
}

/** A conflict party by its country where it has one ("Armenia" and "the Armenian government" are one side). */
const sideKey = (participant: EventParticipant): string => participant.country ?? participantKey(participant);

/** One side of a reciprocal event: its code ("ARMGOV" and "AZEGOV" are two sides even as one group's members). */
const reciprocalSideKey = (participant: EventParticipant): string => participant.code ?? participantKey(participant);

/**
 * Each side of a reciprocal event once, facing the others: the side the text names first acts and the
 * others receive, with the event marked reciprocal, instead of every side on both sides of the event.
 */
export function orientReciprocal(drafts: readonly DraftEvent[]): void {
  for (const draft of drafts) {
    if (!draft.reciprocal) continue;
    const { event } = draft;
    const all = [...event.actors, ...event.recipients].sort((a, b) => a.start - b.start);
    const sides = new Map<string, EventParticipant[]>();
    const seen = new Set<string>();
    for (const participant of all) {
      const key = participantKey(participant);
      if (seen.has(key)) continue;
      seen.add(key);
      const side = reciprocalSideKey(participant);
      sides.set(side, [...(sides.get(side) ?? []), participant]);
    }
    if (sides.size < 2) continue;
    const [first, ...others] = [...sides.values()];
    event.actors = first!;
    event.recipients = others.flat();
    event.reciprocal = true;
  }
}
