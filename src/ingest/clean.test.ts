import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanLines, looksBinary, truncateText } from './clean.js';

test('line endings, BOM, control characters and blank lines', () => {
  assert.deepEqual(cleanLines('\ufeffFirst line\r\nSecond\u0007 line\rThird\u000cline\n\n\n  \nFourth\u2028Fifth'), [
    'First line',
    'Second line',
    'Third',
    'line',
    'Fourth',
    'Fifth',
  ]);
});

test('runs of spaces, tabs and no-break spaces collapse to one space; lines are trimmed', () => {
  assert.deepEqual(cleanLines('  Many   spaces\there\u00a0\u00a0and\u2009there  '), ['Many spaces here and there']);
});

test('Unicode punctuation is kept as is and text is NFC', () => {
  const line = '“Peace,” she said — it’s 2–3 days‘ work…';
  assert.deepEqual(cleanLines(line), [line]);
  assert.deepEqual(cleanLines('Cafe\u0301 in Bogota\u0301'), ['Caf\u00e9 in Bogot\u00e1']);
});

test('soft hyphens and zero-width spaces are dropped', () => {
  assert.deepEqual(cleanLines('nego\u00adtiations\u200b resumed'), ['negotiations resumed']);
});

test('truncateText prefers a line break and never splits a surrogate pair', () => {
  const text = `${'a'.repeat(95)}\n${'b'.repeat(20)}`;
  assert.equal(truncateText(text, 100), 'a'.repeat(95));
  assert.equal(truncateText('short', 100), 'short');
  const emoji = `${'x'.repeat(9)}😀tail`;
  assert.equal(truncateText(emoji, 10), 'x'.repeat(9));
});

test('looksBinary catches NULs and replacement characters, not ordinary text', () => {
  assert.equal(looksBinary('An ordinary sentence about talks.'), false);
  assert.equal(looksBinary(''), false);
  assert.equal(looksBinary('PK\u0003\u0004\u0000\u0000\u0000\u0000binary\u0000\u0000'), true);
  assert.equal(looksBinary('\ufffd\ufffd\ufffdab\ufffd\ufffd\ufffd'), true);
  assert.equal(looksBinary(`${'text '.repeat(400)}\u0000`), false);
});
