/**
 * Analyst overrides: an analyst accepts, corrects or rejects a coded event, and the store keeps the verdict
 * with who, when and why, applying it whenever the event is read (queries, stories, exports).
 *
 * An override is keyed by what stays put when the document is coded again: the document id (a hash of its
 * text, which never changes) and the span of the event's trigger in that text. Event ids (`ev3`) and
 * positions in the events layer are not stable: a new pattern or model can add, drop or reorder events, so
 * an override keyed by them would land on another event after re-coding. The trigger span names the act the
 * analyst judged; a re-coding that still finds an event at that word gets the override, whatever its id,
 * type or position. One that finds none leaves the override unmatched (listed, never lost).
 */
import { z } from 'zod';
import type { Event, EventParticipant, EventReview, Span } from '../doc/types.js';
import { getCodebook } from '../knowledge/codebook.js';

export type OverrideVerdict = EventReview['verdict'];
export type { EventReview };

const participant = z.object({
  text: z.string().trim().min(1).max(200),
  code: z.string().regex(/^[A-Z0-9]{3,12}$/, 'an actor code is 3 to 12 capital letters or digits').optional(),
  country: z.string().regex(/^[A-Z]{3}$/, 'a country is an ISO 3166-1 alpha-3 code').optional(),
  kbId: z.string().max(200).optional(),
}).strict();

const figure = z.number().int().min(0).max(1_000_000);

/** What an analyst may correct; every field is optional and replaces the coder's value. */
export const correctionSchema = z.object({
  plover: z.string().regex(/^[A-Z]+$/).optional(),
  cameo: z.string().regex(/^\d{2,4}$/).optional(),
  actor: participant.optional(),
  recipient: participant.optional(),
  place: z.object({
    name: z.string().trim().min(1).max(200),
    country: z.string().regex(/^[A-Z]{3}$/).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  }).strict().optional(),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD').optional(),
  casualties: z.object({ killed: figure.optional(), injured: figure.optional() }).strict().optional(),
}).strict();

export type EventCorrection = z.infer<typeof correctionSchema>;

/** What a caller sends to record a verdict on one stored event. */
export const overrideInputSchema = z.object({
  verdict: z.enum(['accept', 'correct', 'reject']),
  correction: correctionSchema.optional(),
  analyst: z.string().trim().min(1).max(100),
  reason: z.string().trim().max(2000).optional(),
}).strict();

export type OverrideInput = z.infer<typeof overrideInputSchema>;

/** A stored override: the verdict, where it applies, and what the coder had said when it was made. */
export interface EventOverride extends OverrideInput {
  docId: string;
  /** The trigger span of the event the verdict is about (UTF-16 offsets into the document's text). */
  anchor: Span;
  /** ISO date-time the verdict was recorded. */
  at: string;
  /** The coder's event at that word when the override was last applied (for review and undo). */
  machine?: Event;
  /** The stored event it applies to now (`<docId>:<event.id>`); absent when no stored event has its anchor. */
  eventId?: string;
}

export class OverrideError extends Error {
  override name = 'OverrideError';
}

/** Checks what a caller sent, naming the first problem; a correct verdict needs something to correct. */
export function parseOverrideInput(value: unknown): OverrideInput {
  const parsed = overrideInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OverrideError(`${issue.path.join('.') || 'override'}: ${issue.message}`);
  }
  const input = parsed.data;
  if (input.verdict === 'correct' && (!input.correction || Object.keys(input.correction).length === 0)) {
    throw new OverrideError('a correction needs at least one corrected field');
  }
  if (input.verdict !== 'correct' && input.correction) throw new OverrideError(`a verdict "${input.verdict}" takes no correction`);
  if (input.correction?.plover && !getCodebook().plover(input.correction.plover)) {
    throw new OverrideError(`correction.plover: unknown PLOVER type ${input.correction.plover}`);
  }
  if (input.correction?.cameo && !getCodebook().cameo(input.correction.cameo)) {
    throw new OverrideError(`correction.cameo: unknown CAMEO code ${input.correction.cameo}`);
  }
  return input;
}

/** The key an event's override is found by: its trigger span. */
export function anchorOf(event: Pick<Event, 'trigger'>): Span {
  return { start: event.trigger.start, end: event.trigger.end };
}

/**
 * The event as the analyst has it: the coder's event with the correction applied and the review mark set.
 * A rejected event keeps the coder's values (it is kept out of queries by its modality, see rows.ts).
 */
export function applyOverride(machine: Event, override: Pick<EventOverride, 'verdict' | 'correction' | 'analyst' | 'at' | 'reason'>): Event {
  const event: Event = structuredClone(machine);
  const review: EventReview = { verdict: override.verdict, analyst: override.analyst, at: override.at };
  if (override.reason) review.reason = override.reason;
  const correction = override.verdict === 'correct' ? override.correction : undefined;
  if (correction) {
    correctType(event, correction);
    if (correction.actor) event.actors = [participantOf(correction.actor, event.trigger)];
    if (correction.recipient) event.recipients = [participantOf(correction.recipient, event.trigger)];
    if (correction.place) {
      const { name, country, lat, lon } = correction.place;
      event.location = { name, from: 'sentence', ...(country ? { country } : {}), ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}) };
    }
    if (correction.date) {
      const granularity = correction.date.length === 4 ? 'year' : correction.date.length === 7 ? 'month' : 'day';
      event.date = { value: correction.date, granularity, basis: 'event' };
    }
    if (correction.casualties) {
      const casualties = { ...event.casualties };
      for (const category of ['killed', 'injured'] as const) {
        const value = correction.casualties[category];
        if (value !== undefined) casualties[category] = { min: value, exact: true, text: String(value), quantity: 'analyst' };
      }
      event.casualties = casualties;
    }
    review.corrected = Object.keys(correction).sort();
  }
  event.review = review;
  return event;
}

function correctType(event: Event, correction: EventCorrection): void {
  const codebook = getCodebook();
  if (correction.cameo) {
    const code = codebook.cameo(correction.cameo)!;
    event.cameo = code.code;
    event.cameoName = code.name;
    event.goldstein = code.goldstein;
    event.quadClass = code.quadClass;
    if (code.plover) event.plover = code.plover;
  }
  if (correction.plover) {
    const type = codebook.plover(correction.plover)!;
    event.plover = type.name;
    event.quadClass = type.quadClass;
    if (!correction.cameo && codebook.cameo(event.cameo)?.plover !== type.name) {
      // The shortest CAMEO code of the type: its root, so that CAMEO-keyed tools still see the right family.
      const root = codebook.cameoCodes.filter((c) => c.plover === type.name).sort((a, b) => a.code.length - b.code.length || (a.code < b.code ? -1 : 1))[0];
      if (root) {
        event.cameo = root.code;
        event.cameoName = root.name;
        event.goldstein = root.goldstein;
      }
    }
  }
}

function participantOf(value: NonNullable<EventCorrection['actor']>, at: Span): EventParticipant {
  // An analyst's participant has no span of its own in the text: it sits at the trigger it was judged by.
  const result: EventParticipant = { text: value.text, start: at.start, end: at.end };
  if (value.code) result.code = value.code;
  if (value.country) result.country = value.country;
  if (value.kbId) result.kbId = value.kbId;
  return result;
}
