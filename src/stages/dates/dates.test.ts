import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DateMention } from '../../doc/types.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { isoWeek, nearestMonth, nearestMonthDay, nearestWeekday, parseIsoDay } from './calendar.js';
import { resolveDates } from './dates.js';

/** 2020-10-09 is a Friday. */
const PUBLISHED = '2020-10-09';

function dates(text: string, published: string | null = PUBLISHED): DateMention[] {
  const doc = makeDoc(text, [splitSentences(), resolveDates()], published === null ? {} : { published });
  assert.deepEqual(doc.messages, []);
  return doc.layers.dates ?? [];
}

function brief(text: string, published: string | null = PUBLISHED): string[] {
  return dates(text, published).map((d) => `${d.text}|${d.value ?? '-'}|${d.granularity}`);
}

test('calendar helpers', () => {
  const friday = parseIsoDay('2020-10-09')!;
  assert.deepEqual(nearestWeekday(friday, 5, 'past'), friday);
  assert.deepEqual(nearestWeekday(friday, 1, 'past'), { year: 2020, month: 10, day: 5 });
  assert.deepEqual(nearestWeekday(friday, 1, 'future'), { year: 2020, month: 10, day: 12 });
  assert.deepEqual(nearestMonthDay(friday, 9, 27, 'past'), { year: 2020, month: 9, day: 27 });
  assert.deepEqual(nearestMonthDay(friday, 12, 1, 'past'), { year: 2019, month: 12, day: 1 });
  assert.deepEqual(nearestMonthDay(friday, 12, 1, 'nearest'), { year: 2020, month: 12, day: 1 });
  assert.deepEqual(nearestMonth(friday, 7, 'before'), { year: 2020, month: 7 });
  assert.deepEqual(nearestMonth(friday, 10, 'before'), { year: 2019, month: 10 });
  assert.equal(isoWeek(friday), '2020-W41');
  assert.equal(isoWeek({ year: 2021, month: 1, day: 1 }), '2020-W53');
  assert.equal(parseIsoDay('2020-02-30'), undefined);
  assert.equal(parseIsoDay('not a date'), undefined);
});

test('a bare weekday in a report resolves to the past, the publication day included', () => {
  assert.deepEqual(brief("Friday's talks ended without a deal."), ['Friday|2020-10-09|day']);
  assert.deepEqual(brief('The ministers met on Monday.'), ['Monday|2020-10-05|day']);
  assert.deepEqual(brief('The rebels attacked the town on Saturday.'), ['Saturday|2020-10-03|day']);
  assert.deepEqual(brief('The envoy will arrive on Monday.'), ['Monday|2020-10-12|day']);
});

test('a month without a year is the latest one in a report, the nearer one in a sentence that looks ahead', () => {
  assert.deepEqual(brief('The fighting began on September 27.'), ['September 27|2020-09-27|day']);
  assert.deepEqual(brief('The vote is set for December 1.'), ['December 1|2020-12-01|day']);
  assert.deepEqual(brief('Prices peaked in February.'), ['February|2020-02|month']);
  assert.deepEqual(brief('The ceasefire began on 27 September 2020.'), ['27 September 2020|2020-09-27|day']);
});

test('bare years and decades, but not head counts', () => {
  assert.deepEqual(brief('The war ended in 1994.'), ['1994|1994|year']);
  assert.deepEqual(brief('The region has been disputed since 2010.'), ['2010|2010|year']);
  assert.deepEqual(brief('The war of the 1990s displaced many.'), ['1990s|199|year']);
  assert.deepEqual(brief('Officials said 1994 people had registered.'), []);
  assert.deepEqual(brief('The group claimed at least 2000 members.'), []);
});

test('relative expressions resolve against the publication date', () => {
  assert.deepEqual(brief('Yesterday the talks resumed.'), ['Yesterday|2020-10-08|day']);
  assert.deepEqual(brief('The army withdrew last week.'), ['last week|2020-W40|week']);
  assert.deepEqual(brief('The deal was signed last year.'), ['last year|2019|year']);
  assert.deepEqual(brief('Elections are due next month.'), ['next month|2020-11|month']);
  assert.deepEqual(brief('It happened three weeks ago.'), ['three weeks ago|2020-09-18|day']);
  assert.deepEqual(brief('The offensive started late last July.'), ['late last July|2020-07|month']);
  assert.deepEqual(brief('The offensive started last October.'), ['last October|2019-10|month']);
  assert.deepEqual(brief('The offensive started this September.'), ['this September|2020-09|month']);
  assert.deepEqual(brief('Fighting flared from Aug. 26 to Sept. 3.'), ['Aug. 26|2020-08-26|day', 'Sept. 3|2020-09-03|day']);
});

test('times keep the day and the clock', () => {
  assert.deepEqual(brief('The blast came at 7:15 p.m. on Tuesday.'), ['7:15 p.m. on Tuesday|2020-10-06T19:15|time']);
});

test('quarters', () => {
  assert.deepEqual(brief('Exports fell in the third quarter.'), ['the third quarter|2020-Q3|quarter']);
  assert.deepEqual(brief('Exports fell in the 2019 fourth quarter.'), ['the 2019 fourth quarter|2019-Q4|quarter']);
});

test('durations are durations, not dates', () => {
  assert.deepEqual(brief('The conflict has lasted twenty-five years.'), ['twenty-five years|P25Y|duration']);
  assert.deepEqual(brief('Talks went on for three weeks.'), ['three weeks|P3W|duration']);
  assert.deepEqual(brief('A three-hour meeting was held.'), ['three-hour|PT3H|duration']);
  assert.deepEqual(brief('A 17-year-old was detained.'), []);
});

test('traps: Sun Microsystems, share prices, the modal may', () => {
  assert.deepEqual(brief('Sun Microsystems shares closed at $3.625 a share.'), []);
  assert.deepEqual(brief('The talks may resume soon.'), []);
  assert.deepEqual(brief('The talks may resume in May.'), ['May|2020-05|month']);
});

test('without a publication date relative expressions stay unresolved, absolute ones resolve', () => {
  const found = dates('On Friday, after the 27 September 2020 attack and the clashes of September 27, they met.', null);
  assert.deepEqual(found.map((d) => [d.text, d.resolved, d.value, d.reason, d.relative]), [
    ['Friday', false, undefined, 'no publication date', true],
    ['27 September 2020', true, '2020-09-27', undefined, false],
    ['September 27', false, undefined, 'no publication date', true],
  ]);
});

test('spans point into the text', () => {
  const text = 'Fighting resumed.\n\nOn Monday, 12 people were killed.';
  for (const d of dates(text)) assert.equal(text.slice(d.start, d.end), d.text);
});

test('odd input does not crash', () => {
  assert.deepEqual(dates(''), []);
  assert.ok(Array.isArray(dates('Friday '.repeat(500))));
  assert.ok(Array.isArray(dates('☃ 𝟘 2020-99-99 31/31/31 Oct. 99', 'garbage')));
});
