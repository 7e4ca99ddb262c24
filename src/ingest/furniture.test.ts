import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkFurniture, compileFurniture, getFurniture, removeFurniture } from './furniture.js';

test('the shipped furniture file is valid and loads once', () => {
  assert.deepEqual(checkFurniture(), []);
  assert.equal(getFurniture(), getFurniture());
  assert.ok(getFurniture().patternCount >= 10);
});

test('common page furniture lines are recognised', () => {
  const furniture = getFurniture();
  for (const line of [
    'Follow us on:',
    'Follow us on Twitter and Facebook',
    'Share this article',
    'Read more',
    'READ MORE »',
    'Sign up for our newsletter',
    'Subscribe to our daily newsletter to get the top headlines',
    'Advertisement',
    'Click here to download the app',
    'Related: Ministers meet again next week',
    'This story is from March 3, 2021',
    'We use cookies to improve your experience on our site.',
    'Share | Tweet | Email',
    'Published 4:00 am CST, Wednesday, November 20, 2019',
    '| UPDATED: 11:05, Tue, Nov 19, 2019',
    'Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM',
    'Updated at 1:23 p.m.',
  ]) {
    assert.ok(furniture.isLine(line), line);
  }
  assert.ok(furniture.isTrailing('© 2024 Example News Ltd. All rights reserved.'));
  assert.ok(furniture.isTrailing('Copyright 2019 The Daily Example'));
});

test('prose that merely contains furniture words is kept', () => {
  const furniture = getFurniture();
  for (const line of [
    'The minister said people should read more about the treaty before judging it.',
    'Recommended by the committee, the plan was adopted on Tuesday.',
    'Advertisement boards were torn down by protesters in the capital.',
    'Related talks will continue in Geneva.',
    'Updated figures show 12 people died in the capital.',
    'Posted to the border last year, the unit fought in three battles.',
    'Posted: Friday, March 5, 2021 8:18 PM EST. Two men were shot.',
  ]) {
    assert.equal(furniture.isLine(line), false, line);
  }
  const long = `Read more: ${'the envoy spoke at length about the ceasefire and the prisoners '.repeat(3)}`;
  assert.ok(long.length > 120);
  assert.equal(furniture.isLine(long), false);
});

test('trailing furniture is removed only at the end of the text', () => {
  const lines = [
    'Talks resumed in the capital on Monday after a week of shelling.',
    'All rights reserved by the treaty parties, the envoy joked.',
    'Both sides agreed to exchange prisoners.',
    'Share this article',
    '© 2024 Example News',
    'Reporting by Jane Doe; Editing by John Roe',
  ];
  const { kept, removed } = removeFurniture(lines);
  assert.deepEqual(kept, lines.slice(0, 3));
  assert.deepEqual(removed, lines.slice(3));
});

test('a line pattern is removed mid-text, a trailing pattern mid-text is not', () => {
  const lines = ['First paragraph of the report.', 'Advertisement', 'Reporting by Jane Doe', 'Last paragraph of the report.'];
  const { kept, removed } = removeFurniture(lines);
  assert.deepEqual(kept, ['First paragraph of the report.', 'Reporting by Jane Doe', 'Last paragraph of the report.']);
  assert.deepEqual(removed, ['Advertisement']);
});

test('compileFurniture honours case flags', () => {
  const furniture = compileFurniture([
    { pattern: 'AD', where: 'line' },
    { pattern: 'promo', flags: 'i', where: 'line' },
  ]);
  assert.ok(furniture.isLine('AD'));
  assert.equal(furniture.isLine('ad'), false);
  assert.ok(furniture.isLine('PROMO'));
});

test('checkFurniture reports broken records with their line numbers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-furniture-'));
  const file = join(dir, 'furniture.jsonl');
  writeFileSync(
    file,
    [
      '# comment',
      '{"pattern": "ok", "where": "line"}',
      '{"pattern": "(unclosed", "where": "line"}',
      '{"pattern": "x", "where": "middle"}',
      '{"pattern": "a*", "where": "line"}',
      'not json',
    ].join('\n'),
  );
  const issues = checkFurniture(file);
  assert.deepEqual(
    issues.map((issue) => issue.line),
    [3, 4, 5, 6],
  );
  assert.match(issues[0]?.message ?? '', /bad regular expression/);
  assert.match(issues[2]?.message ?? '', /empty line/);
});

test('bylines and photo credits are furniture; sentences starting with "By" are not', () => {
  const furniture = getFurniture();
  for (const line of ['By Jane Doe', 'By Jane Doe and John Roe', 'By Jane Doe - 11/18/19 11:04 PM EST', '© Example Photographer', 'Photo: Reuters']) {
    assert.ok(furniture.isLine(line), line);
  }
  for (const line of ['By Friday, the troops had withdrawn from the town.', 'By then it was too late.', 'Photo evidence was shown to the court on Monday.']) {
    assert.equal(furniture.isLine(line), false, line);
  }
});
