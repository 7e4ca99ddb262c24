import type { EventLocation, EventParticipant } from '../doc/types.js';
import { sentenceText, verified, type ExportEvent } from './columns.js';
import { guardFormula } from './csv.js';

/** The columns of the GDELT 2.0 event table, in the order of its codebook (V2.0, 2015). */
export const GDELT_COLUMNS: readonly string[] = [
  'GlobalEventID', 'Day', 'MonthYear', 'Year', 'FractionDate',
  ...actorColumns('Actor1'), ...actorColumns('Actor2'),
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  ...geoColumns('Actor1Geo'), ...geoColumns('Actor2Geo'), ...geoColumns('ActionGeo'),
  'DATEADDED', 'SOURCEURL',
];

/** Dyad's evidence, after GDELT's columns so that a reader taking the first 61 by position sees GDELT's table. */
export const GDELT_EVIDENCE_COLUMNS: readonly string[] = ['DyadDocID', 'DyadStoryID', 'DyadQuoteID', 'DyadSentence', 'DyadPlover', 'DyadConfidence', 'DyadVerified'];

export const GDELT_HEADER: readonly string[] = [...GDELT_COLUMNS, ...GDELT_EVIDENCE_COLUMNS];

function actorColumns(prefix: string): string[] {
  return ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code']
    .map((field) => `${prefix}${field}`);
}

function geoColumns(prefix: string): string[] {
  return ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'].map((field) => `${prefix}_${field}`);
}

type Cell = string | number | undefined;

function actorCells(participant: EventParticipant | undefined): Cell[] {
  // GDELT codes one actor per side: the first. KnownGroup, ethnic and religion codes have no Dyad equivalent.
  return [participant?.code, participant?.text, participant?.country, undefined, undefined, undefined, undefined, participant?.sector, undefined, undefined];
}

/** GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1). */
function geoType(location: EventLocation): number | undefined {
  const american = location.country === 'USA';
  switch (location.resolution) {
    case 'country': return 1;
    case 'admin':
    case 'region': return american ? 2 : 5;
    case 'city': return american ? 3 : 4;
    default: return undefined;
  }
}

function actionGeoCells(location: EventLocation | undefined): Cell[] {
  if (!location) return Array<Cell>(8).fill(undefined);
  // The country is ISO 3166 alpha-3 (GDELT's own geography uses FIPS 10-4); ADM1/ADM2 and GNS feature ids have no equivalent.
  return [geoType(location), location.name, location.country, undefined, undefined, location.lat, location.lon, undefined];
}

function dayNumber(day: string): number {
  return Number(day.replaceAll('-', ''));
}

/** Year plus the share of it gone by the event's day, as GDELT's YYYY.FFFF. */
function fractionDate(day: string): number {
  const year = Number(day.slice(0, 4));
  const dayOfYear = (Date.UTC(year, Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
  return Number((year + dayOfYear / 365).toFixed(4));
}

function dateCells(event: ExportEvent): Cell[] {
  const { dateStart: start, dateEnd: end } = event;
  if (!start || !end) return [undefined, undefined, undefined, undefined];
  const oneDay = start === end;
  const oneMonth = start.slice(0, 7) === end.slice(0, 7);
  const oneYear = start.slice(0, 4) === end.slice(0, 4);
  return [
    oneDay ? dayNumber(start) : undefined,
    oneMonth ? Number(start.slice(0, 7).replace('-', '')) : undefined,
    oneYear ? Number(start.slice(0, 4)) : undefined,
    oneDay ? fractionDate(start) : undefined,
  ];
}

/** `2031-03-12T08:30:00.000Z` → 20310312083000 (GDELT's DATEADDED, UTC). */
function dateAdded(storedAt: string): number | undefined {
  const digits = storedAt.replace(/\.\d+/, '').replace(/[^0-9]/g, '').slice(0, 14);
  return digits.length === 14 ? Number(digits) : undefined;
}

/** The GDELT 2.0 cells of one event, then Dyad's evidence cells. */
export function gdeltCells(event: ExportEvent): Cell[] {
  const { event: coded } = event;
  return [
    event.id, ...dateCells(event),
    ...actorCells(coded.actors[0]), ...actorCells(coded.recipients[0]),
    event.paragraph === undefined ? undefined : event.paragraph === 0 ? 1 : 0,
    coded.cameo, coded.cameo.slice(0, 3), coded.cameo.slice(0, 2), coded.quadClass, coded.goldstein ?? undefined,
    coded.evidence.sentences.length, 1, 1, undefined,
    ...Array<Cell>(16).fill(undefined), ...actionGeoCells(coded.location),
    dateAdded(event.storedAt), event.url,
    event.docId, event.storyId, coded.evidence.quote, sentenceText(event), coded.plover, coded.confidence, verified(event),
  ];
}

/**
 * One tab-separated line. Tabs and line breaks inside a text become spaces (GDELT's files have no
 * quoting), and text that a spreadsheet would run as a formula is guarded as in the CSV export.
 */
export function gdeltLine(event: ExportEvent): string {
  return `${gdeltCells(event).map(tsvCell).join('\t')}\n`;
}

function tsvCell(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return guardFormula(value.replace(/[\t\r\n]+/g, ' '));
}

export function gdeltHeaderLine(): string {
  return `${GDELT_HEADER.join('\t')}\n`;
}
