import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as chrono from 'chrono-node';
import { parseWithChrono } from './chrono-parser.js';

const REFERENCE = new Date(Date.UTC(2021, 4, 12, 12));

/** Texts that exercise every parser the stage keeps, and texts where the pre-checks skip most of them. */
const TEXTS = [
  'The talks resumed on Tuesday, March 3, 2020 at 10:30 a.m. in the capital.',
  'Troops withdrew three days ago; the ceasefire ends next week.',
  'Officials met on 4 July and again on 2019-08-14, then late on Sat.',
  'Shelling continued overnight and into the morning, two hours later the sirens stopped.',
  'The vote is set for 12/03/2021, officials said yesterday.',
  'Protesters gathered last night and this month more are expected.',
  'He said the army would withdraw.',
  '',
];

function summary(results: chrono.ParsedResult[]): string[] {
  return results.map((r) => `${r.index}:${r.text}:${r.start.date().toISOString()}:${r.end?.date().toISOString() ?? ''}`);
}

test('skipping parsers that cannot match changes nothing chrono finds', () => {
  for (const text of TEXTS) {
    assert.deepEqual(summary(parseWithChrono(text, REFERENCE)), summary(chrono.casual.parse(text, { instant: REFERENCE, timezone: 0 })), text);
  }
});

test('finds dates in a text that needs only some parsers', () => {
  const found = parseWithChrono('Fighting resumed on Monday.', REFERENCE).map((r) => r.text);
  assert.deepEqual(found, ['on Monday']);
});
