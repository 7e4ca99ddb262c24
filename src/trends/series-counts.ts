/**
 * A series built straight from the counts a store groups (Store.seriesCounts), as buildSeries would
 * build it item by item, and its JSON written directly. A period is an integer (a day number, a Monday's
 * day number, or year × 12 + month) indexing flat arrays: no Map per period, no row object and no
 * JSON.stringify for the HTTP answer, which were most of a series' cost. A date buildSeries reads by
 * its text rather than as a calendar date (a 13th month, a 30 February, a year 0) sends the whole
 * series to buildSeries, so such data comes out exactly as before.
 */
import type { SeriesCountGroup } from '../store/store.js';
import { buildSeries, dayNumber, dayString, MAX_PERIODS, type Period, type Series, type SeriesItem, type SeriesRow } from './series.js';

export interface TypeScale {
  quadClass: number | null | undefined;
  goldstein: number | null | undefined;
}

/** The counts summed per period: flat arrays indexed by period (and type × periods for byType). */
interface Tally {
  by: Period;
  first: number;
  size: number;
  /** Type names in order (sorted), and the same as JSON strings. */
  types: string[];
  counts: Float64Array;
  byType: Float64Array;
  byQuadClass: Float64Array;
  goldstein: Float64Array;
  unplaced: number;
}

/** A date's place: its period number, none (coarser than the period, or not a date), or irregular (buildSeries must place it). */
const NONE = -Infinity;
const IRREGULAR = Infinity;

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return dayNumber(year, month + 1, 1) - dayNumber(year, month, 1);
}

/** The period number of a date value, as periodOf would place it, or NONE / IRREGULAR. */
export function periodNumber(date: string, by: Period): number {
  const match = DATE.exec(date);
  if (!match) return NONE;
  const year = Number(match[1]);
  if (match[2] === undefined) return NONE;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return IRREGULAR;
  if (by === 'month') return year * 12 + month - 1;
  if (match[3] === undefined) return NONE;
  const day = Number(match[3]);
  if (year < 1 || day < 1 || day > daysInMonth(year, month)) return IRREGULAR;
  const days = dayNumber(year, month, day);
  // 1970-01-01 was a Thursday: (days + 3) mod 7 counts from Monday.
  return by === 'day' ? days : days - ((((days + 3) % 7) + 7) % 7);
}

/**
 * periodNumber remembered: a store's date values are a few thousand days, asked again by every series,
 * and parsing each was a fifth of a series' cost. A pure function's memo, bounded, so no store state.
 */
const remembered: Record<Period, Map<string, number>> = { day: new Map(), week: new Map(), month: new Map() };
const REMEMBERED_DATES = 100_000;

function placedPeriod(date: string, by: Period): number {
  const memo = remembered[by];
  let period = memo.get(date);
  if (period === undefined) {
    period = periodNumber(date, by);
    if (memo.size >= REMEMBERED_DATES) memo.clear();
    memo.set(date, period);
  }
  return period;
}

function periodText(period: number, by: Period): string {
  if (by !== 'month') return dayString(period);
  return `${String(Math.floor(period / 12)).padStart(4, '0')}-${String((period % 12) + 1).padStart(2, '0')}-01`;
}

const STEP: Record<Period, number> = { day: 1, week: 7, month: 1 };

/** The tally of the groups, or undefined when a date or a QuadClass needs buildSeries. */
function tally(groups: readonly SeriesCountGroup[], by: Period, scaleOf: (group: SeriesCountGroup) => TypeScale): Tally | undefined {
  const types = [...new Set(groups.map((group) => group.plover))].sort();
  const typeIndex = new Map(types.map((type, index) => [type, index]));
  const placed = groups.map((group) => group.dates.map((date) => placedPeriod(date, by)));
  let first = Infinity;
  let last = -Infinity;
  let unplaced = 0;
  for (let g = 0; g < groups.length; g += 1) {
    const periods = placed[g]!;
    const counts = groups[g]!.counts;
    for (let i = 0; i < periods.length; i += 1) {
      const period = periods[i]!;
      if (period === IRREGULAR) return undefined;
      if (period === NONE) unplaced += counts[i]!;
      else {
        if (period < first) first = period;
        if (period > last) last = period;
      }
    }
  }
  const step = STEP[by];
  const size = first > last ? 0 : Math.min((last - first) / step + 1, MAX_PERIODS);
  const result: Tally = {
    by, first, size, types, counts: new Float64Array(size), byType: new Float64Array(size * types.length),
    byQuadClass: new Float64Array(size * 4), goldstein: new Float64Array(size), unplaced,
  };
  for (let g = 0; g < groups.length; g += 1) {
    const group = groups[g]!;
    const { quadClass, goldstein } = scaleOf(group);
    if (quadClass !== 1 && quadClass !== 2 && quadClass !== 3 && quadClass !== 4) return undefined;
    const quad = quadClass - 1;
    const typeOffset = typeIndex.get(group.plover)! * size;
    const periods = placed[g]!;
    for (let i = 0; i < periods.length; i += 1) {
      const index = (periods[i]! - first) / step;
      if (!(index >= 0 && index < size)) continue;
      const count = group.counts[i]!;
      result.counts[index]! += count;
      result.byType[typeOffset + index]! += count;
      result.byQuadClass[index * 4 + quad]! += count;
      // As buildSeries sums: Goldstein values have one decimal, and rounding each sum to one keeps it exact.
      result.goldstein[index] = Math.round((result.goldstein[index]! + (goldstein ?? 0) * count) * 10) / 10 || 0;
    }
  }
  return result;
}

/** The items buildSeries takes for the same groups (the path for irregular dates). */
function itemsOf(groups: readonly SeriesCountGroup[], scaleOf: (group: SeriesCountGroup) => TypeScale): SeriesItem[] {
  return groups.flatMap((group) => {
    const { quadClass, goldstein } = scaleOf(group);
    return group.dates.map((date, i): SeriesItem => ({
      date, plover: group.plover, quadClass: quadClass as 1 | 2 | 3 | 4, goldstein: goldstein ?? null, count: group.counts[i]!,
    }));
  });
}

export function seriesOfCounts(groups: readonly SeriesCountGroup[], by: Period, scaleOf: (group: SeriesCountGroup) => TypeScale): Series {
  const counted = tally(groups, by, scaleOf);
  if (!counted) return buildSeries(itemsOf(groups, scaleOf), by);
  const { size, types } = counted;
  const rows: SeriesRow[] = new Array<SeriesRow>(size);
  for (let i = 0; i < size; i += 1) {
    const byType: Record<string, number> = {};
    for (let t = 0; t < types.length; t += 1) {
      const count = counted.byType[t * size + i]!;
      if (count > 0) byType[types[t]!] = count;
    }
    const quads = counted.byQuadClass;
    rows[i] = {
      period: periodText(counted.first + i * STEP[by], by), count: counted.counts[i]!, byType,
      byQuadClass: [quads[i * 4]!, quads[i * 4 + 1]!, quads[i * 4 + 2]!, quads[i * 4 + 3]!], goldstein: counted.goldstein[i]!,
    };
  }
  return { by, rows, unplaced: counted.unplaced };
}

/** JSON.stringify(seriesOfCounts(…)), written as text: the same content, byType keys in type order. */
export function seriesJsonOfCounts(groups: readonly SeriesCountGroup[], by: Period, scaleOf: (group: SeriesCountGroup) => TypeScale): string {
  const counted = tally(groups, by, scaleOf);
  if (!counted) return JSON.stringify(buildSeries(itemsOf(groups, scaleOf), by));
  const { size, types } = counted;
  const names = types.map((type) => JSON.stringify(type));
  const quads = counted.byQuadClass;
  let json = `{"by":"${by}","rows":[`;
  for (let i = 0; i < size; i += 1) {
    if (i > 0) json += ',';
    const period = periodText(counted.first + i * STEP[by], by);
    const count = counted.counts[i]!;
    if (count === 0) {
      json += `{"period":"${period}","count":0,"byType":{},"byQuadClass":[0,0,0,0],"goldstein":0}`;
      continue;
    }
    let byType = '';
    for (let t = 0; t < types.length; t += 1) {
      const typeCount = counted.byType[t * size + i]!;
      if (typeCount > 0) byType += `${byType ? ',' : ''}${names[t]}:${typeCount}`;
    }
    json += `{"period":"${period}","count":${count},"byType":{${byType}},"byQuadClass":[${quads[i * 4]},${quads[i * 4 + 1]},${quads[i * 4 + 2]},${quads[i * 4 + 3]}],"goldstein":${counted.goldstein[i]}}`;
  }
  return `${json}],"unplaced":${counted.unplaced}}`;
}
