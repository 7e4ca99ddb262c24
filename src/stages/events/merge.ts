import type { Event, EventParticipant, Granularity } from '../../doc/types.js';
import { participantKey } from './participants.js';

/** An event while the stage works on it, with what merging needs to know. */
export interface DraftEvent {
  event: Event;
  /** Actors and recipients are the same parties acting on each other ("fighting between A and B"). */
  reciprocal: boolean;
  /** How close the location was to the trigger; merging keeps the best. */
  locationScore: number;
  /** Character offset of the trigger, for ordering. */
  position: number;
  /** The recipients were inferred from the quote's context ("they"), not named in the clause. */
  recipientsFromContext?: boolean;
}

const GRANULARITY_RANK: Partial<Record<Granularity, number>> = { year: 1, month: 3, week: 4, day: 5, time: 6 };

function keys(participants: readonly EventParticipant[]): string[] {
  return [...new Set(participants.map(participantKey))].sort();
}

function mergeKey(draft: DraftEvent): string {
  const { event } = draft;
  if (draft.reciprocal) return `${event.plover}|${keys([...event.actors, ...event.recipients]).join('+')}`;
  return `${event.plover}|${keys(event.actors).join('+')}>${keys(event.recipients).join('+')}`;
}

function isGeneric(code: string): boolean {
  return code.length === 2 || (code.length === 3 && code.endsWith('0'));
}

/** Two codings can describe one event when one refines the other (04 → 046, 124 → 1246, 130 → 138). */
export function cameoCompatible(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return true;
  return a.slice(0, 2) === b.slice(0, 2) && (isGeneric(a) || isGeneric(b));
}

function moreSpecific(a: string, b: string): boolean {
  if (isGeneric(a) !== isGeneric(b)) return !isGeneric(a);
  return a.length > b.length;
}

function unionParticipants(a: EventParticipant[], b: EventParticipant[] = []): EventParticipant[] {
  const seen = new Set(a.map(participantKey));
  return [...a, ...b.filter((p) => !seen.has(participantKey(p)))];
}

function absorb(into: DraftEvent, from: DraftEvent): void {
  const target = into.event;
  const source = from.event;
  const sentences = new Map(target.evidence.sentences.map((s) => [s.index, s]));
  for (const sentence of source.evidence.sentences) if (!sentences.has(sentence.index)) sentences.set(sentence.index, sentence);
  target.evidence.sentences = [...sentences.values()].sort((a, b) => a.index - b.index);
  if (!target.evidence.quote && source.evidence.quote) target.evidence.quote = source.evidence.quote;
  if (moreSpecific(source.cameo, target.cameo)) {
    target.cameo = source.cameo;
    target.cameoName = source.cameoName;
    target.goldstein = source.goldstein;
    target.pattern = source.pattern;
    if (source.mode) target.mode = source.mode;
  }
  if (source.date && (!target.date || betterDate(source.date, target.date))) target.date = source.date;
  if (source.location && from.locationScore > into.locationScore) {
    target.location = source.location;
    into.locationScore = from.locationScore;
  }
  for (const [category, figure] of Object.entries(source.casualties ?? {})) {
    const casualties = (target.casualties ??= {});
    const current = casualties[category as keyof typeof casualties];
    if (figure && (!current || figure.min > current.min)) casualties[category as keyof typeof casualties] = figure;
  }
  const mediators = unionParticipants(target.mediators ?? [], source.mediators);
  if (mediators.length > 0) target.mediators = mediators;
  target.negated &&= source.negated;
  target.future &&= source.future;
  target.hypothetical &&= source.hypothetical;
  target.historical &&= source.historical;
  target.confidence = Math.min(1, Math.round((Math.max(target.confidence, source.confidence) + 0.05) * 100) / 100);
}

function betterDate(a: NonNullable<Event['date']>, b: NonNullable<Event['date']>): boolean {
  if (a.basis !== b.basis) return a.basis === 'event';
  return (GRANULARITY_RANK[a.granularity] ?? 2) > (GRANULARITY_RANK[b.granularity] ?? 2);
}

function participantless(draft: DraftEvent): boolean {
  return draft.event.actors.length === 0 && draft.event.recipients.length === 0;
}

/**
 * One real-world event, one record: events of the same PLOVER type between the same parties (in either
 * order when reciprocal) and with compatible CAMEO codes become one, keeping every evidence sentence.
 * An event without any party ("the talks", "the renewed fighting") is an anaphoric mention of the
 * document's event of that type and joins it; negated, hypothetical or future ones ("should never be attacked")
 * are not events of their own and are dropped.
 */
export function mergeEvents(drafts: DraftEvent[]): DraftEvent[] {
  const merged: DraftEvent[] = [];
  const byKey = new Map<string, DraftEvent[]>();
  const ordered = [...drafts].sort((a, b) => a.position - b.position);
  for (const draft of ordered.filter((d) => !participantless(d))) {
    const key = mergeKey(draft);
    const group = byKey.get(key) ?? [];
    const into = group.find((other) => cameoCompatible(other.event.cameo, draft.event.cameo));
    if (into) absorb(into, draft);
    else {
      group.push(draft);
      byKey.set(key, group);
      merged.push(draft);
    }
  }
  for (const draft of ordered.filter(participantless)) {
    const { event } = draft;
    if (event.negated || event.hypothetical || event.future) continue;
    const candidates = merged.filter((other) => other.event.plover === event.plover && cameoCompatible(other.event.cameo, event.cameo));
    const best = candidates.sort((a, b) => Number(participantless(a)) - Number(participantless(b))
      || b.event.evidence.sentences.length - a.event.evidence.sentences.length || a.position - b.position)[0];
    if (best) absorb(best, draft);
    else merged.push(draft);
  }
  return mergeSameDyad(merged).sort((a, b) => a.position - b.position);
}

/** A participant at the level CAMEO dyads are counted at: its country (or IGO code), else its own key. */
function dyadKey(participant: EventParticipant): string {
  return participant.country ?? participant.code ?? participantKey(participant);
}

function dyadKeys(participants: readonly EventParticipant[]): string {
  return [...new Set(participants.map(dyadKey))].sort().join('+');
}

/**
 * Different mentions of one side ("Armenia", "those in charge of Armenia") are different actors in
 * the document, yet the same side of the same event: events of one type, between the same countries,
 * on the same date and with the same CAMEO code (or one refining the other) are one record. Unlike the
 * merge by actor, a generic code does not absorb a specific one here ("130 threaten" and "139
 * ultimatum" against the same country the same day stay two events).
 */
function mergeSameDyad(drafts: DraftEvent[]): DraftEvent[] {
  const kept: DraftEvent[] = [];
  const byKey = new Map<string, DraftEvent[]>();
  for (const draft of drafts) {
    const { event } = draft;
    if (participantless(draft)) {
      kept.push(draft);
      continue;
    }
    const dyad = draft.reciprocal
      ? dyadKeys([...event.actors, ...event.recipients])
      : `${dyadKeys(event.actors)}>${dyadKeys(event.recipients)}`;
    const key = `${event.plover}|${dyad}|${event.date?.value ?? ''}|${event.negated}`;
    const group = byKey.get(key) ?? [];
    const into = group.find((other) => other.event.cameo.startsWith(event.cameo) || event.cameo.startsWith(other.event.cameo));
    if (into) {
      absorb(into, draft);
      into.event.recipients = unionParticipants(into.event.recipients, event.recipients);
      into.event.actors = unionParticipants(into.event.actors, event.actors);
    } else {
      group.push(draft);
      byKey.set(key, group);
      kept.push(draft);
    }
  }
  return kept;
}
