import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { evaluate } from './evaluate.js';
import { chronoBaseline, normaliseValue, scoreDates, type DatesItem } from './dates.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-dates-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Gold offsets in code points, as the gold files give them, past a line of characters outside the BMP. */
function item(id: string, text: string, timexes: Array<[string, string, string]>): DatesItem {
  const cp = (s: string) => [...text.slice(0, text.indexOf(s))].length;
  return { id, dct: '2020-03-15', text, timex: timexes.map(([s, type, value]) => ({ start: cp(s), end: cp(s) + [...s].length, text: s, type, value })) };
}

test('dates: detection and value F1 on DATE/TIME gold, offsets read as code points, durations set aside', () => {
  const text = `${'𝕏'.repeat(30)}\nThe talks began on March 3, 2020 and ended yesterday. They lasted two weeks.`;
  writeFileSync(join(dir, 'time.jsonl'), `${JSON.stringify(item('d1', text, [['March 3, 2020', 'DATE', '2020-03-03'], ['yesterday', 'DATE', '2020-03-14'], ['two weeks', 'DURATION', 'P2W']]))}\n`);
  const [set] = evaluate('dates', dir).sets;
  assert.equal(set!.items, 1);
  assert.equal(set!.metrics.detection_f1, 1);
  assert.equal(set!.metrics.value_f1, 1);
});

test('dates: a wrong value counts for detection, not for value F1; the baseline is scored by the same code', () => {
  const items = [item('d2', 'Officials met on Monday and again on 12 April.', [['Monday', 'DATE', '2020-03-09'], ['12 April', 'DATE', '2020-04-12']])];
  // chrono resolves a bare weekday to the nearest one (2020-03-16, after the reference date): right span, wrong value.
  const result = scoreDates('x', items, chronoBaseline());
  assert.equal(result.metrics.detection_f1, 1);
  assert.equal(result.metrics.value_f1, 0.5);
  assert.equal(result.misses.length, 1);
  assert.match(result.misses[0]!.text, /^"Monday" gold 2020-03-09, got 2020-03-16/);
  assert.equal(normaliseValue('2020-W3'), '2020-W03');
  assert.equal(normaliseValue('2020-03-03T10:30:00'), '2020-03-03T10:30');
});
