import type { CodingRun, Doc, Event, EventParticipant, SourceInfo } from '../../doc/types.js';
import type { StoredEvent } from '../store.js';

/** Column values for one document row. */
export interface DocumentRow {
  id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  language: string | null;
  format: string | null;
  external_id: string | null;
  skip_stage: string | null;
  skip_rule: string | null;
  skip_reason: string | null;
  text: string;
  doc_json: string;
  pipeline_version: string | null;
  knowledge_version: string | null;
  event_count: number;
  /** 1 when the events layer lives in the events table rather than in doc_json. */
  events_in_table: number;
  stored_at: string;
}

export interface EventRow {
  /** The document's integer key (documents.num). */
  doc: number | bigint;
  seq: number;
  plover: string;
  cameo: string;
  quad_class: number | null;
  goldstein: number | null;
  actor_codes: string | null;
  recipient_codes: string | null;
  country: string | null;
  date_value: string | null;
  date_start: string | null;
  date_end: string | null;
  lat: number | null;
  lon: number | null;
  confidence: number;
  modality: number;
  event_json: string;
}

/** The events a document contributes: none when it was skipped. */
export function eventsOf(doc: Doc): Event[] {
  return doc.skip ? [] : (doc.layers.events ?? []);
}

/** Whether the document's events layer is stored as event rows (and left out of doc_json). */
export function eventsInTable(doc: Doc): boolean {
  return !doc.skip && doc.layers.events !== undefined;
}

export function documentRow(doc: Doc, storedAt: string): DocumentRow {
  // The text has its own column (and feeds the full-text index); storing it twice would double the file.
  const { text, ...rest } = doc;
  const inTable = eventsInTable(doc);
  if (rest.layers.tokens !== undefined || inTable) {
    // Tokens are ~75% of a serialised doc and are re-derived from the text by the tokens stage on demand;
    // the events of a coded document are already serialised once, in their own rows.
    const { tokens: _tokens, events, ...layers } = rest.layers;
    rest.layers = inTable || events === undefined ? layers : { ...layers, events };
  }
  const versions = versionsOf(doc);
  return {
    id: doc.id,
    url: doc.source.url ?? null,
    title: doc.source.title ?? null,
    published: doc.source.published ?? null,
    language: doc.source.language ?? null,
    format: doc.source.format ?? null,
    // The column kept its first name; it holds source.inputId.
    external_id: doc.source.inputId ?? null,
    skip_stage: doc.skip?.stage ?? null,
    skip_rule: doc.skip?.ruleId ?? null,
    skip_reason: doc.skip?.reason ?? null,
    text,
    doc_json: JSON.stringify(rest),
    pipeline_version: versions.pipeline,
    knowledge_version: versions.knowledge,
    event_count: eventsOf(doc).length,
    events_in_table: inTable ? 1 : 0,
    stored_at: storedAt,
  };
}

/** The document a row holds; `events` are its event rows' JSON, in order, when events_in_table is 1. */
export function docFromRow(row: { text: string; doc_json: string }, events?: readonly string[]): Doc {
  const { id, source, ...rest } = JSON.parse(row.doc_json) as Omit<Doc, 'text'>;
  upgradeSource(source);
  if (events) rest.layers.events = events.map((json) => JSON.parse(json) as Event);
  return { id, source, text: row.text, ...rest };
}

/** Rows stored before the caller's id was named `inputId` hold it as `externalId`. */
function upgradeSource(source: SourceInfo & { externalId?: string }): void {
  if (source.externalId === undefined) return;
  source.inputId ??= source.externalId;
  delete source.externalId;
}

/** `tokens@1,entities@2` and `entities:2026-11-01,…`: enough to find what to re-code after a change. */
/** The stages and knowledge a document was coded with: another coding of one text differs in them. */
export function versionsOf(doc: { provenance: readonly CodingRun[] }): { pipeline: string | null; knowledge: string | null } {
  const stages: string[] = [];
  const knowledge: string[] = [];
  for (const run of doc.provenance) {
    stages.push(`${run.stage}@${run.version}`);
    if (run.knowledgeVersion) knowledge.push(`${run.stage}:${run.knowledgeVersion}`);
  }
  return {
    pipeline: stages.length > 0 ? stages.join(',') : null,
    knowledge: knowledge.length > 0 ? knowledge.join(',') : null,
  };
}

export function eventRow(docNum: number | bigint, event: Event, seq: number): EventRow {
  const period = event.date ? datePeriod(event.date.value) : undefined;
  return {
    doc: docNum,
    seq,
    plover: event.plover,
    cameo: event.cameo,
    quad_class: event.quadClass ?? null,
    goldstein: event.goldstein ?? null,
    actor_codes: codesOf(event.actors),
    recipient_codes: codesOf(event.recipients),
    country: event.location?.country ?? null,
    date_value: event.date?.value ?? null,
    date_start: period?.start ?? null,
    date_end: period?.end ?? null,
    lat: event.location?.lat ?? null,
    lon: event.location?.lon ?? null,
    confidence: event.confidence,
    modality: modalityBits(event),
    event_json: JSON.stringify(event),
  };
}

/** The bit of each way an event may be framed other than as having happened (the events.modality column). */
export const MODALITY_BITS = { negated: 1, hypothetical: 2, future: 4, historical: 8 } as const;

/** The modality bit of an event an analyst rejected: no query, count, facet or export includes it. */
export const REJECTED_BIT = 16;

export function modalityBits(event: Pick<Event, keyof typeof MODALITY_BITS> & Pick<Partial<Event>, 'review'>): number {
  let bits = event.review?.verdict === 'reject' ? REJECTED_BIT : 0;
  for (const [flag, bit] of Object.entries(MODALITY_BITS) as Array<[keyof typeof MODALITY_BITS, number]>) if (event[flag]) bits |= bit;
  return bits;
}

function codesOf(participants: readonly EventParticipant[]): string | null {
  const codes = participants.map((p) => p.code ?? p.country).filter((code): code is string => Boolean(code));
  return codes.length > 0 ? codes.join(' ') : null;
}

export const ROLE_BITS = { actor: 1, recipient: 2, mediator: 4 } as const;

/**
 * Lower-cased keys an actor filter can match the event's participants by (code, country, knowledge-base
 * id, mention text), each with the bit set of the sides it appears on.
 */
export function participantKeys(event: Event): Map<string, number> {
  const keys = new Map<string, number>();
  const sides = [
    [ROLE_BITS.actor, event.actors], [ROLE_BITS.recipient, event.recipients], [ROLE_BITS.mediator, event.mediators],
  ] as const;
  for (const [bit, participants] of sides) {
    for (const participant of participants ?? []) {
      for (const key of [participant.code, participant.country, participant.kbId, participant.text]) {
        const normal = key?.trim().toLowerCase();
        if (normal) keys.set(normal, (keys.get(normal) ?? 0) | bit);
      }
    }
  }
  return keys;
}

export function normaliseActorKey(value: string): string {
  return value.trim().toLowerCase();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;

/** The first and last day a date value covers (`2020-09` → 2020-09-01 … 2020-09-30), or undefined. */
export function datePeriod(value: string): { start: string; end: string } | undefined {
  const day = DAY.exec(value);
  if (day) {
    const date = `${day[1]}-${day[2]}-${day[3]}`;
    return { start: date, end: date };
  }
  const month = MONTH.exec(value);
  if (month) {
    const year = Number(month[1]);
    const monthNumber = Number(month[2]);
    if (monthNumber < 1 || monthNumber > 12) return undefined;
    const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
    return { start: `${month[1]}-${month[2]}-01`, end: `${month[1]}-${month[2]}-${String(last).padStart(2, '0')}` };
  }
  const year = YEAR.exec(value);
  if (year) return { start: `${year[1]}-01-01`, end: `${year[1]}-12-31` };
  const week = WEEK.exec(value);
  if (week) {
    const monday = isoWeekMonday(Number(week[1]), Number(week[2]));
    const sunday = new Date(monday.getTime() + 6 * 86_400_000);
    return { start: isoDay(monday), end: isoDay(sunday) };
  }
  return undefined;
}

function isoWeekMonday(year: number, week: number): Date {
  const january4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (january4.getUTCDay() + 6) % 7;
  return new Date(january4.getTime() + ((week - 1) * 7 - weekday) * 86_400_000);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** What an events query selects for each stored event: its JSON and the document it cites. */
export interface StoredEventRow {
  doc_id: string;
  input_id: string | null;
  event_json: string;
  url: string | null;
  published: string | null;
}

export function storedEventOf(row: StoredEventRow): StoredEvent {
  const event = JSON.parse(row.event_json) as Event;
  const stored: StoredEvent = { id: `${row.doc_id}:${event.id}`, docId: row.doc_id, event };
  if (row.input_id !== null) stored.inputId = row.input_id;
  if (row.url !== null) stored.url = row.url;
  if (row.published !== null) stored.published = row.published;
  return stored;
}

/** A stored event's own id when its JSON starts with it, as JSON.stringify writes an Event built by the coder. */
const LEADING_ID = /^\{"id":("(?:[^"\\]|\\.)*")[,}]/;

/**
 * JSON.stringify(storedEventOf(row)), without parsing the event: its stored JSON was written by
 * JSON.stringify, so it is spliced in as it is. Only the event's id is read, from the leading key where
 * it stands (else by parsing the whole event).
 */
export function storedEventJson(row: StoredEventRow): string {
  const leading = LEADING_ID.exec(row.event_json);
  const eventId = leading ? (JSON.parse(leading[1]!) as string) : (JSON.parse(row.event_json) as Event).id;
  let json = `{"id":${JSON.stringify(`${row.doc_id}:${eventId}`)},"docId":${JSON.stringify(row.doc_id)},"event":${row.event_json}`;
  if (row.input_id !== null) json += `,"inputId":${JSON.stringify(row.input_id)}`;
  if (row.url !== null) json += `,"url":${JSON.stringify(row.url)}`;
  if (row.published !== null) json += `,"published":${JSON.stringify(row.published)}`;
  return `${json}}`;
}
