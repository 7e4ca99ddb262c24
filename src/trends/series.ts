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

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The first day of the period holding `date`, or undefined when the date is coarser than the period. */
export function periodOf(date: string, by: Period): string | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [, year, month, day] = match;
  if (by === 'month') return month ? `${year}-${month}-01` : undefined;
  if (!month || !day) return undefined;
  if (by === 'day') return `${year}-${month}-${day}`;
  const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  return new Date(time - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the period after the one starting at `period`. */
export function nextPeriod(period: string, by: Period): string {
  const [year, month, day] = period.split('-').map(Number) as [number, number, number];
  if (by === 'month') return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  return new Date(Date.UTC(year, month - 1, day) + (by === 'week' ? 7 : 1) * DAY_MS).toISOString().slice(0, 10);
}

const emptyRow = (period: string): SeriesRow => ({ period, count: 0, byType: {}, byQuadClass: [0, 0, 0, 0], goldstein: 0 });

/** At most this many periods between the first and the last item: a stray date far off is no reason to print a century of zeros. */
export const MAX_PERIODS = 20_000;

export function buildSeries(items: Iterable<SeriesItem>, by: Period): Series {
  const rows = new Map<string, SeriesRow>();
  let unplaced = 0;
  for (const item of items) {
    const period = periodOf(item.date, by);
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
    row.goldstein = Math.round((row.goldstein + (item.goldstein ?? 0) * count) * 10) / 10;
    rows.set(period, row);
  }
  const periods = [...rows.keys()].sort();
  if (periods.length === 0) return { by, rows: [], unplaced };
  const filled: SeriesRow[] = [];
  for (let period = periods[0]!; period <= periods[periods.length - 1]! && filled.length < MAX_PERIODS; period = nextPeriod(period, by)) {
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
