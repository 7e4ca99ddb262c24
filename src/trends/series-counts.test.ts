import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeriesCountGroup } from '../store/store.js';
import { seededRandom } from '../util/random.js';
import { periodNumber, seriesJsonOfCounts, seriesOfCounts, type TypeScale } from './series-counts.js';
import { buildSeries, MAX_PERIODS, PERIODS, type Series, type SeriesItem } from './series.js';

const SCALES: Record<string, TypeScale> = {
  ASSAULT: { quadClass: 4, goldstein: -9.3 }, CONSULT: { quadClass: 1, goldstein: 1 }, AID: { quadClass: 2, goldstein: 7.4 },
  PROTEST: { quadClass: 3, goldstein: -6.5 }, 'ODD "NAME"': { quadClass: 3, goldstein: null }, ÉMEUTE: { quadClass: 4, goldstein: -2.25 },
};
const scaleOf = (group: SeriesCountGroup): TypeScale => SCALES[group.plover]!;

function itemsOf(groups: readonly SeriesCountGroup[], scale: (group: SeriesCountGroup) => TypeScale = scaleOf): SeriesItem[] {
  return groups.flatMap((group) => group.dates.map((date, i): SeriesItem => ({
    date, plover: group.plover, quadClass: scale(group).quadClass as 1 | 2 | 3 | 4, goldstein: scale(group).goldstein ?? null, count: group.counts[i]!,
  })));
}

/** What JSON holds of a series: numbers as JSON writes them (-0 as 0), byType keys in no particular order. */
const asJson = (series: Series): unknown => JSON.parse(JSON.stringify(series));

function assertSameSeries(groups: readonly SeriesCountGroup[], message: string, scale = scaleOf): void {
  for (const by of PERIODS) {
    const expected = buildSeries(itemsOf(groups, scale), by);
    const series = seriesOfCounts(groups, by, scale);
    assert.deepEqual(asJson(series), asJson(expected), `${message}, by ${by}`);
    const json = seriesJsonOfCounts(groups, by, scale);
    assert.equal(json, JSON.stringify(series), `${message}, by ${by}: the JSON written is the series serialised`);
  }
}

const day = (next: () => number, years = 3) => new Date(Date.UTC(2027, 0, 1 + Math.floor(next() * 365 * years))).toISOString().slice(0, 10);

test('a series from grouped counts equals buildSeries over the same counts, on random days, months and years of several types', () => {
  const next = seededRandom(7);
  for (let round = 0; round < 30; round += 1) {
    const groups: SeriesCountGroup[] = Object.keys(SCALES).slice(0, 1 + Math.floor(next() * 6)).map((plover) => {
      const dates = Array.from({ length: Math.floor(next() * 60) }, () => {
        const date = day(next, 1 + Math.floor(next() * 4));
        const coarseness = next();
        return coarseness < 0.1 ? date.slice(0, 7) : coarseness < 0.15 ? date.slice(0, 4) : date;
      });
      return { plover, dates, counts: dates.map(() => 1 + Math.floor(next() * 4)) };
    });
    assertSameSeries(groups, `round ${round}`);
  }
  assertSameSeries([], 'no counts');
  assertSameSeries([{ plover: 'AID', dates: ['2030', '2030-04'], counts: [2, 3] }], 'only coarse dates');
});

test('a date repeated within a group (counts of different bounds) is summed, and a cancelling Goldstein sum is 0', () => {
  assertSameSeries([{ plover: 'ASSAULT', dates: ['2030-01-02', '2030-01-02', '2030-01-03'], counts: [1, 2, 1] }], 'repeated day');
  assertSameSeries([{ plover: 'AID', dates: ['2030-01-02', '2030-01-03', '2030-01-04', '2030-01-05', '2030-01-06'], counts: [9, 10, 99, 100, 123_456_789] }], 'counts of many digits');
  const cancelling: SeriesCountGroup[] = [
    { plover: 'PLUS', dates: ['2030-01-02'], counts: [1] }, { plover: 'MINUS', dates: ['2030-01-02'], counts: [3] },
  ];
  // 0.3 - 3 × 0.1 is a tiny negative residue, which rounds to -0.
  const scale = (group: SeriesCountGroup): TypeScale => (group.plover === 'PLUS' ? { quadClass: 1, goldstein: 0.3 } : { quadClass: 4, goldstein: -0.1 });
  assertSameSeries(cancelling, 'cancelling', scale);
  assert.ok(Object.is(seriesOfCounts(cancelling, 'day', scale).rows[0]!.goldstein, 0));
  assert.ok(Object.is(buildSeries(itemsOf(cancelling, scale), 'day').rows[0]!.goldstein, 0));
});

test('dates buildSeries reads by their text (a 13th month, 30 February, a year 0, not a date) come out as buildSeries has them', () => {
  for (const odd of ['2030-13-01', '2030-02-30', '2030-00-10', '0000-03-01', '2030-01-00', 'soon', '2030-1-5', '', '2030-01-05,2']) {
    assertSameSeries([{ plover: 'AID', dates: ['2030-01-01', odd, '2030-03-04'], counts: [1, 2, 3] }], `with "${odd}"`);
  }
  assert.equal(periodNumber('2030-02-30', 'month'), periodNumber('2030-02-01', 'month'), 'a month does not look at the day');
});

test('mentions keep their own QuadClass and Goldstein value per group, and one type may come in several groups', () => {
  const groups: SeriesCountGroup[] = [
    { plover: 'ASSAULT', quadClass: 4, goldstein: -10, dates: ['2030-05-01', '2030-05-09'], counts: [2, 1] },
    { plover: 'ASSAULT', quadClass: 3, goldstein: null, dates: ['2030-05-01'], counts: [4] },
    { plover: 'CONSULT', quadClass: 1, goldstein: 1.5, dates: ['2030-05-20', '2030-05'], counts: [1, 5] },
  ];
  assertSameSeries(groups, 'mentions', (group) => ({ quadClass: group.quadClass, goldstein: group.goldstein }));
  const badQuad: SeriesCountGroup[] = [{ plover: 'ASSAULT', quadClass: null, goldstein: -10, dates: ['2030-05-01'], counts: [1] }];
  assert.deepEqual(seriesOfCounts(badQuad, 'day', (group) => ({ quadClass: group.quadClass, goldstein: group.goldstein })),
    buildSeries(itemsOf(badQuad, (group) => ({ quadClass: group.quadClass, goldstein: group.goldstein })), 'day'), 'a QuadClass out of range goes to buildSeries');
});

test('a stray date far off stops the series at MAX_PERIODS periods, as buildSeries does', () => {
  const groups: SeriesCountGroup[] = [{ plover: 'AID', dates: ['1950-01-01', '2030-06-15', '2031-01-01'], counts: [1, 1, 1] }];
  assertSameSeries(groups, 'stray');
  assert.equal(seriesOfCounts(groups, 'day', scaleOf).rows.length, MAX_PERIODS);
});
