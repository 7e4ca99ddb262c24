import type { EventParticipant, QuantityCategory } from '../doc/types.js';
import type { EvidencedEvent } from '../store/store.js';

/** An event on its way out: the stored event with its evidence, and the story it belongs to when the store knows. */
export interface ExportEvent extends EvidencedEvent {
  storyId?: string;
}

export type CellValue = string | number | boolean | undefined;

/**
 * A column of the flat exports (CSV, Parquet). The type decides how a cell is written: text is guarded
 * against spreadsheet formulas in CSV, numbers and booleans are written as such and never altered.
 */
export interface ExportColumn {
  name: string;
  type: 'text' | 'number' | 'boolean';
  value(event: ExportEvent): CellValue;
}

export function codes(list: readonly EventParticipant[] | undefined): string | undefined {
  const joined = (list ?? []).map((p) => p.code ?? p.country ?? '').filter(Boolean).join(';');
  return joined || undefined;
}

/** Each name once: the members of a group actor ("the ministers of both countries") share its mention. */
export function names(list: readonly EventParticipant[] | undefined): string | undefined {
  const joined = [...new Set((list ?? []).map((p) => p.text))].join(' + ');
  return joined || undefined;
}

function countries(list: readonly EventParticipant[] | undefined): string | undefined {
  const joined = [...new Set((list ?? []).map((p) => p.country).filter(Boolean))].join(';');
  return joined || undefined;
}

/**
 * The analyst's mark (src/store/overrides.ts): `accepted` or `corrected` for an event an analyst verified,
 * absent for one only the coder has seen. Rejected events never reach an export.
 */
export function verified(event: ExportEvent): 'accepted' | 'corrected' | undefined {
  const verdict = event.event.review?.verdict;
  return verdict === 'accept' ? 'accepted' : verdict === 'correct' ? 'corrected' : undefined;
}

/** The evidence sentences as one cell; they never hold a line break (no sentence crosses a paragraph). */
export function sentenceText(event: ExportEvent): string {
  return event.sentences.join(' ');
}

const CASUALTY_COLUMNS: readonly QuantityCategory[] = ['killed', 'injured', 'displaced', 'arrested', 'missing', 'kidnapped'];

function casualtyColumns(): ExportColumn[] {
  return CASUALTY_COLUMNS.flatMap((category): ExportColumn[] => [
    { name: category, type: 'number', value: (e) => e.event.casualties?.[category]?.min },
    { name: `${category}_max`, type: 'number', value: (e) => e.event.casualties?.[category]?.max ?? e.event.casualties?.[category]?.min },
  ]);
}

/**
 * The columns of the CSV and Parquet exports, in order. Dates are ISO: `date` as coded (a day, a month
 * `2020-09`, a year), `date_start`/`date_end` the days it covers, so every row has full dates to parse.
 * Several participants on a side are joined (`;` between codes, ` + ` between names).
 */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'id', type: 'text', value: (e) => e.id },
  { name: 'doc_id', type: 'text', value: (e) => e.docId },
  { name: 'input_id', type: 'text', value: (e) => e.inputId },
  { name: 'story_id', type: 'text', value: (e) => e.storyId },
  { name: 'date', type: 'text', value: (e) => e.event.date?.value },
  { name: 'date_start', type: 'text', value: (e) => e.dateStart },
  { name: 'date_end', type: 'text', value: (e) => e.dateEnd },
  { name: 'date_granularity', type: 'text', value: (e) => e.event.date?.granularity },
  { name: 'date_basis', type: 'text', value: (e) => e.event.date?.basis },
  { name: 'plover', type: 'text', value: (e) => e.event.plover },
  { name: 'mode', type: 'text', value: (e) => e.event.mode },
  { name: 'contexts', type: 'text', value: (e) => e.event.contexts?.join(';') || undefined },
  { name: 'cameo', type: 'text', value: (e) => e.event.cameo },
  { name: 'cameo_name', type: 'text', value: (e) => e.event.cameoName },
  { name: 'quad_class', type: 'number', value: (e) => e.event.quadClass },
  { name: 'goldstein', type: 'number', value: (e) => e.event.goldstein ?? undefined },
  { name: 'actor', type: 'text', value: (e) => names(e.event.actors) },
  { name: 'actor_code', type: 'text', value: (e) => codes(e.event.actors) },
  { name: 'actor_country', type: 'text', value: (e) => countries(e.event.actors) },
  { name: 'recipient', type: 'text', value: (e) => names(e.event.recipients) },
  { name: 'recipient_code', type: 'text', value: (e) => codes(e.event.recipients) },
  { name: 'recipient_country', type: 'text', value: (e) => countries(e.event.recipients) },
  { name: 'mediator', type: 'text', value: (e) => names(e.event.mediators) },
  { name: 'mediator_code', type: 'text', value: (e) => codes(e.event.mediators) },
  { name: 'place', type: 'text', value: (e) => e.event.location?.name },
  { name: 'place_id', type: 'text', value: (e) => e.event.location?.placeId },
  { name: 'country', type: 'text', value: (e) => e.event.location?.country },
  { name: 'lat', type: 'number', value: (e) => e.event.location?.lat },
  { name: 'lon', type: 'number', value: (e) => e.event.location?.lon },
  { name: 'place_resolution', type: 'text', value: (e) => e.event.location?.resolution },
  { name: 'place_from', type: 'text', value: (e) => e.event.location?.from },
  ...casualtyColumns(),
  { name: 'confidence', type: 'number', value: (e) => e.event.confidence },
  { name: 'negated', type: 'boolean', value: (e) => e.event.negated },
  { name: 'hypothetical', type: 'boolean', value: (e) => e.event.hypothetical },
  { name: 'future', type: 'boolean', value: (e) => e.event.future },
  { name: 'historical', type: 'boolean', value: (e) => e.event.historical },
  { name: 'trigger', type: 'text', value: (e) => e.event.trigger.text },
  { name: 'sentence', type: 'text', value: sentenceText },
  { name: 'sentence_index', type: 'number', value: (e) => e.event.evidence.sentences[0]?.index },
  { name: 'quote_id', type: 'text', value: (e) => e.event.evidence.quote },
  { name: 'url', type: 'text', value: (e) => e.url },
  { name: 'title', type: 'text', value: (e) => e.title },
  { name: 'published', type: 'text', value: (e) => e.published },
  { name: 'pattern', type: 'text', value: (e) => e.event.pattern },
  { name: 'verified', type: 'text', value: verified },
  { name: 'verified_by', type: 'text', value: (e) => (verified(e) ? e.event.review?.analyst : undefined) },
  { name: 'verified_at', type: 'text', value: (e) => (verified(e) ? e.event.review?.at : undefined) },
];
