/**
 * How Dyad's events are compared with the codings of the public event sets: the CAMEO root's five-way
 * class, the labels of label-only sets, the matching of marked actor pairs, and calibration.
 */
import type { Event, EventParticipant } from '../doc/types.js';
import { pentaclassOf } from '../knowledge/pentaclass.js';
import { overlaps, type Interval } from './metrics.js';

export { pentaclassOf };

/**
 * An event the police may have done: one of its actors is the police (sector COP), or it names no
 * actor at all (a firing the text leaves unattributed). A named other actor (a mob, a gunman) rules it
 * out: the police sets ask what the police did.
 */
const byPoliceOrUnnamed = (event: Event): boolean => event.actors.length === 0 || event.actors.some((a) => a.sector === 'COP');

/**
 * Labels of sentence- or document-level sets that Dyad's events stand for, by CAMEO code, casualty
 * figures and actor (IndiaPoliceEvents: police KILL / ARREST / FORCE, the police always the actor):
 * - KILL: an event with one or more killed, or CAMEO 1823 (kill by physical assault) or 20 (mass violence);
 * - ARREST: CAMEO 173 (arrest, detain or charge), whoever the text names: only authorities arrest;
 * - FORCE: CAMEO 175 (violent repression), 18 (assault) or 19 (fight), killings included;
 * KILL and FORCE by the police or by an unnamed actor (byPoliceOrUnnamed): mobs and gunmen kill too.
 */
export const LABEL_RULES: Readonly<Record<string, (event: Event) => boolean>> = {
  KILL: (event) => byPoliceOrUnnamed(event) && ((event.casualties?.killed?.min ?? 0) >= 1 || event.cameo.startsWith('1823') || event.cameo.startsWith('20')),
  ARREST: (event) => event.cameo.startsWith('173'),
  FORCE: (event) => byPoliceOrUnnamed(event) && (event.cameo.startsWith('175') || event.cameo.startsWith('18') || event.cameo.startsWith('19')),
};

/** The labels that the events of one item stand for. */
export function labelsOf(events: readonly Event[]): Set<string> {
  const labels = new Set<string>();
  for (const event of events) {
    for (const [label, rule] of Object.entries(LABEL_RULES)) if (rule(event)) labels.add(label);
  }
  return labels;
}

const touches = (participants: readonly EventParticipant[], gold: readonly Interval[]): boolean =>
  participants.some((p) => gold.some((g) => overlaps(p, g)));

/**
 * A reciprocal event has no direction, so it is read the way round that fits the gold's marked pair
 * (a meeting of A and B coded A → B matches a gold B → A): each side is still on one side only.
 */
export function orientedTo(event: Event, sources: readonly Interval[], targets: readonly Interval[]): Event {
  if (!event.reciprocal) return event;
  const fit = (actors: readonly EventParticipant[], recipients: readonly EventParticipant[]) =>
    Number(touches(actors, sources)) + Number(touches(recipients, targets));
  return fit(event.recipients, event.actors) > fit(event.actors, event.recipients) ? { ...event, actors: event.recipients, recipients: event.actors } : event;
}

/**
 * The event Dyad would give for a gold event: among the affirmative events, the most confident one whose
 * actors touch the gold source and whose recipients touch the gold target (where the gold marks them),
 * else the most confident one touching either, else the most confident of all.
 */
export function chooseEvent(events: readonly Event[], sources: readonly Interval[], targets: readonly Interval[]): Event | undefined {
  const ranked = events.filter((event) => !event.negated).map((event) => orientedTo(event, sources, targets)).sort((a, b) => b.confidence - a.confidence || a.trigger.start - b.trigger.start);
  if (sources.length > 0 || targets.length > 0) {
    const sourceOk = (e: Event) => sources.length === 0 || touches(e.actors, sources);
    const targetOk = (e: Event) => targets.length === 0 || touches(e.recipients, targets);
    const both = ranked.find((e) => sourceOk(e) && targetOk(e));
    if (both) return both;
    const either = ranked.find((e) => (sources.length > 0 && touches(e.actors, sources)) || (targets.length > 0 && touches(e.recipients, targets)));
    if (either) return either;
  }
  return ranked[0];
}

/** The country of an actor code as the sets write it: an ISO 3166 alpha-3 prefix (`USA`, `USAGOV`), not IGO codes. */
export function codeCountry(code: string | null | undefined): string | undefined {
  if (!code || code.length < 3 || code.startsWith('IGO')) return undefined;
  return /^[A-Z]{3}/.test(code) ? code.slice(0, 3) : undefined;
}

export function participantCountry(participant: EventParticipant): string | undefined {
  return participant.country ?? codeCountry(participant.code);
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  confidence: number;
  accuracy: number;
}

/** Confidence against correctness in ten equal bins, and the expected calibration error (count-weighted gap). */
export function reliability(judged: ReadonlyArray<{ confidence: number; correct: boolean }>, binCount = 10): { bins: ReliabilityBin[]; ece: number } {
  const bins: ReliabilityBin[] = Array.from({ length: binCount }, (_, i) => ({ from: i / binCount, to: (i + 1) / binCount, count: 0, confidence: 0, accuracy: 0 }));
  for (const { confidence, correct } of judged) {
    const bin = bins[Math.min(binCount - 1, Math.max(0, Math.floor(confidence * binCount)))]!;
    bin.count += 1;
    bin.confidence += confidence;
    bin.accuracy += correct ? 1 : 0;
  }
  let ece = 0;
  for (const bin of bins) {
    if (bin.count === 0) continue;
    bin.confidence /= bin.count;
    bin.accuracy /= bin.count;
    ece += (bin.count / Math.max(1, judged.length)) * Math.abs(bin.accuracy - bin.confidence);
  }
  return { bins, ece };
}
