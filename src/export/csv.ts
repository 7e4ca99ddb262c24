import { EXPORT_COLUMNS, type CellValue, type ExportColumn, type ExportEvent } from './columns.js';

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (`=HYPERLINK(…)`,
 * `@SUM(…)`, `-2+3`, a tab or carriage return before one): OWASP's "CSV injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would run as a formula gets a leading `'`, which makes it plain text there. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV cell by its column's type. Text is guarded against formulas, then quoted as RFC 4180 says
 * when it holds a comma, quote or line break (quotes doubled). Numbers stay numbers (a Goldstein of
 * -10 is written -10: only text columns are guarded); booleans are TRUE/FALSE, which pandas and R both
 * read as booleans; an absent value is an empty cell (NaN in pandas, NA in R).
 */
export function csvCell(type: ExportColumn['type'], value: CellValue): string {
  if (value === undefined) return '';
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  if (type === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = guardFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The header line. UTF-8 without a byte-order mark (R's read.csv would take a BOM into the first
 * column's name), comma-separated, `\n` line ends, names that R's check.names leaves as they are.
 */
export function csvHeader(columns: readonly ExportColumn[] = EXPORT_COLUMNS): string {
  return `${columns.map((column) => column.name).join(',')}\n`;
}

export function csvRow(event: ExportEvent, columns: readonly ExportColumn[] = EXPORT_COLUMNS): string {
  return `${columns.map((column) => csvCell(column.type, column.value(event))).join(',')}\n`;
}
