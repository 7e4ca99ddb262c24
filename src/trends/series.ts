/**
 * Time series of coded events or stories: counts per period (day, ISO week starting Monday, month) by
 * PLOVER type and QuadClass, with the Goldstein sum, every period between the first and the last present
 * (a quiet week is a zero, not a missing row). An item dated more coarsely than the period (a month in a
 * daily series) cannot be placed and is counted apart, never guessed into the first day.
 */
export type Period = 'day' | 'week' | 'month';
export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

export interface SeriesItem {
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  plover: string;
  quadClass: 1 | 2 | 3 | 4;
  goldstein: number | null;
  /** How many items this one stands for (a count the store grouped): 1 when absent. */
  count?: number;
}

export interface SeriesRow {
  /** The period's first day, YYYY-MM-DD (a week starts on Monday; a month on its 1st). */
  period: string;
  count: number;
  byType: Record<string, number>;
  /** Counts of QuadClass 1 (verbal cooperation) to 4 (material conflict). */
  byQuadClass: [number, number, number, number];
  goldstein: number;
}

export interface Series {
  by: Period;
  rows: SeriesRow[];
  /** Items whose date is coarser than the period, or missing. */
  unplaced: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, and back: integer arithmetic (H. Hinnant's
 * days_from_civil), as Date.UTC would count, out-of-range months and days rolling over alike, but without
 * a Date and its ISO string per item and per period, which was most of a series' cost.
 */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

export function dayString(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first day of the period holding `date`, or undefined when the date is coarser than the period. */
export function periodOf(date: string, by: Period): string | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [, year, month, day] = match;
  if (by === 'month') return month ? `${year}-${month}-01` : undefined;
  if (!month || !day) return undefined;
  if (by === 'day') return `${year}-${month}-${day}`;
  const days = dayNumber(Number(year), Number(month), Number(day));
  // 1970-01-01 was a Thursday: (days + 3) mod 7 counts from Monday.
  return dayString(days - ((((days + 3) % 7) + 7) % 7));
}

/** The first day of the period after the one starting at `period`. */
export function nextPeriod(period: string, by: Period): string {
  const [year, month, day] = period.split('-').map(Number) as [number, number, number];
  if (by === 'month') return dayString(dayNumber(year, month + 1, 1));
  return dayString(dayNumber(year, month, day) + (by === 'week' ? 7 : 1));
}

const emptyRow = (period: string): SeriesRow => ({ period, count: 0, byType: {}, byQuadClass: [0, 0, 0, 0], goldstein: 0 });

/** At most this many periods between the first and the last item: a stray date far off is no reason to print a century of zeros. */
export const MAX_PERIODS = 20_000;

export function buildSeries(items: Iterable<SeriesItem>, by: Period): Series {
  const rows = new Map<string, SeriesRow>();
  let unplaced = 0;
  // Items of one day are many (a grouped count per type, or a story each): each date is placed once.
  const periods = new Map<string, string | undefined>();
  for (const item of items) {
    let period = periods.get(item.date);
    if (period === undefined && !periods.has(item.date)) {
      period = periodOf(item.date, by);
      periods.set(item.date, period);
    }
    if (!period) {
      unplaced += item.count ?? 1;
      continue;
    }
    const count = item.count ?? 1;
    const row = rows.get(period) ?? emptyRow(period);
    row.count += count;
    row.byType[item.plover] = (row.byType[item.plover] ?? 0) + count;
    row.byQuadClass[item.quadClass - 1] = (row.byQuadClass[item.quadClass - 1] ?? 0) + count;
    // Goldstein values have one decimal: rounding the sum to one keeps it exact, whether items come one by one or counted.
    // `|| 0`: a sum that cancels out is 0, never the -0 rounding a tiny negative residue gives.
    row.goldstein = Math.round((row.goldstein + (item.goldstein ?? 0) * count) * 10) / 10 || 0;
    rows.set(period, row);
  }
  const present = [...rows.keys()].sort();
  if (present.length === 0) return { by, rows: [], unplaced };
  const filled: SeriesRow[] = [];
  for (let period = present[0]!; period <= present[present.length - 1]! && filled.length < MAX_PERIODS; period = nextPeriod(period, by)) {
    filled.push(rows.get(period) ?? emptyRow(period));
  }
  return { by, rows: filled, unplaced };
}

const BARS = '▁▂▃▄▅▆▇█';

/** One character per value, from ▁ (zero or the least) to █ (the most): a series a person reads at a glance. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const max = Math.max(...values);
  if (max <= 0) return BARS[0]!.repeat(values.length);
  return values.map((value) => BARS[Math.min(BARS.length - 1, Math.round((value / max) * (BARS.length - 1)))]!).join('');
}
