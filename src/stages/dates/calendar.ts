/** Calendar arithmetic on plain year/month/day triples in UTC, so the host time zone never shifts a date. */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDay({ year, month, day }: Ymd): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function isoMonth({ year, month }: Pick<Ymd, 'year' | 'month'>): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

/** ISO 8601 week (`2020-W41`): weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(date: Ymd): string {
  const time = Date.UTC(date.year, date.month - 1, date.day);
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  const thursday = new Date(time + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000));
  return `${thursday.getUTCFullYear()}-W${pad(week)}`;
}

function fromTime(time: number): Ymd {
  const d = new Date(time);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function toTime({ year, month, day }: Ymd): number {
  return Date.UTC(year, month - 1, day);
}

/** Reads `YYYY-MM-DD` (optionally followed by a time) or returns undefined. */
export function parseIsoDay(value: string | undefined): Ymd | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = fromTime(toTime(date));
  return check.month === date.month && check.day === date.day ? date : undefined;
}

/**
 * The weekday (0 = Sunday) nearest the reference in the given direction; the reference day itself
 * counts, so "Friday" in a report published on a Friday is that day.
 */
export function nearestWeekday(reference: Ymd, weekday: number, direction: 'past' | 'future'): Ymd {
  const time = toTime(reference);
  const current = new Date(time).getUTCDay();
  const shift = direction === 'past' ? -((current - weekday + 7) % 7) : (weekday - current + 7) % 7;
  return fromTime(time + shift * 86_400_000);
}

/**
 * A month and day without a year: the most recent one not after the reference, the next one not before
 * it, or (`nearest`) whichever is closer, a tie going to the past.
 */
export function nearestMonthDay(reference: Ymd, month: number, day: number, direction: 'past' | 'future' | 'nearest'): Ymd {
  const sameYear = { year: reference.year, month, day };
  const cmp = toTime(sameYear) - toTime(reference);
  const past = cmp <= 0 ? sameYear : { ...sameYear, year: reference.year - 1 };
  const future = cmp >= 0 ? sameYear : { ...sameYear, year: reference.year + 1 };
  if (direction === 'past') return past;
  if (direction === 'future') return future;
  const now = toTime(reference);
  return toTime(future) - now < now - toTime(past) ? future : past;
}

/**
 * A month without a year. `past`/`future` include the reference month; `before`/`after` ("last July",
 * "next July") exclude it; `nearest` takes the closer one, half a year back still counting as past.
 */
export function nearestMonth(reference: Ymd, month: number, direction: 'past' | 'future' | 'before' | 'after' | 'nearest'): { year: number; month: number } {
  const offset = month - reference.month;
  switch (direction) {
    case 'nearest': {
      const back = (reference.month - month + 12) % 12;
      return back <= 6 ? nearestMonth(reference, month, 'past') : nearestMonth(reference, month, 'future');
    }
    case 'past': return { year: offset <= 0 ? reference.year : reference.year - 1, month };
    case 'before': return { year: offset < 0 ? reference.year : reference.year - 1, month };
    case 'future': return { year: offset >= 0 ? reference.year : reference.year + 1, month };
    case 'after': return { year: offset > 0 ? reference.year : reference.year + 1, month };
  }
}
