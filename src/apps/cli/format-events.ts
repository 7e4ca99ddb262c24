import type { EventParticipant, StoredEvent } from '../../index.js';
import { clip, terminalSafe } from './format-doc.js';

export type EventFormat = 'table' | 'jsonl' | 'csv';
export const EVENT_FORMATS: readonly EventFormat[] = ['table', 'jsonl', 'csv'];

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** The actor codes of one side, each once: a participant without a code adds none (its words go in the names). */
function side(list: readonly EventParticipant[]): string {
  return unique(list.flatMap((p) => p.code ?? p.country ?? [])).join('+');
}

/** The mentions of one side, each once: a group ("ministers of A and B") stands for several coded members. */
function sideNames(list: readonly EventParticipant[]): string {
  return unique(list.map((p) => p.text)).join(' + ');
}

/** A table cell shows codes only when every participant has one, else the names, never a mix of the two. */
function sideCell(list: readonly EventParticipant[]): string {
  return list.every((p) => p.code ?? p.country) ? side(list) : sideNames(list);
}

const TABLE_HEADER = ['date', 'type', 'cameo', 'actor', 'recipient', 'place', 'conf', 'doc'];
const CELL_WIDTH = 28;

function tableRow({ event, docId }: StoredEvent): string[] {
  return [
    event.date?.value ?? '',
    event.plover,
    event.cameo,
    clip(sideCell(event.actors), CELL_WIDTH),
    clip(sideCell(event.recipients), CELL_WIDTH),
    clip(event.location ? `${event.location.name}${event.location.country ? ` ${event.location.country}` : ''}` : '', CELL_WIDTH),
    event.confidence.toFixed(2),
    docId.slice(0, 10),
  ];
}

/** Aligned columns for reading in a terminal. */
export function formatEventsTable(events: readonly StoredEvent[]): string {
  const rows = [TABLE_HEADER, ...events.map(tableRow)];
  const widths = TABLE_HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return terminalSafe(rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n')) + '\n';
}

export function formatEventJsonl(stored: StoredEvent): string {
  return `${JSON.stringify(stored)}\n`;
}

export const CSV_HEADER = [
  'id', 'doc_id', 'input_id', 'date', 'date_basis', 'plover', 'mode', 'cameo', 'quad_class', 'goldstein', 'actor', 'actor_code',
  'recipient', 'recipient_code', 'place', 'country', 'lat', 'lon', 'confidence', 'negated', 'trigger', 'url', 'published', 'reciprocal',
];

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (`=HYPERLINK(…)`,
 * `@SUM(…)`, `-2+cmd|…`): OWASP's "CSV injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed number written as text is read as that number, never as a formula, so it needs no guard. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * One CSV cell. A text that a spreadsheet would run as a formula gets a leading `'`, which makes it
 * plain text there; numbers (a Goldstein of -10) stay numbers. Then RFC 4180: a field holding a comma,
 * quote or line break is quoted, with the quotes inside doubled.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  const isNumber = typeof value === 'number' ? Number.isFinite(value) : PLAIN_NUMBER.test(text);
  if (!isNumber && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatEventCsvRow({ id, docId, inputId, event, url, published }: StoredEvent): string {
  const fields = [
    id, docId, inputId, event.date?.value, event.date?.basis, event.plover, event.mode, event.cameo, event.quadClass, event.goldstein,
    sideNames(event.actors), side(event.actors), sideNames(event.recipients), side(event.recipients),
    event.location?.name, event.location?.country, event.location?.lat, event.location?.lon, event.confidence,
    event.negated, event.trigger.text, url, published, event.reciprocal === true,
  ];
  return `${fields.map(csvField).join(',')}\r\n`;
}
