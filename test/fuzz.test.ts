import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { docProblems } from '../src/doc/validate.js';
import { createEngine } from '../src/engine/engine.js';

/**
 * Property test of the whole extraction path on generated inputs: news-like words, figures of every
 * size and shape, quotation marks, markup, control characters, astral and combining characters.
 * `FUZZ_RUNS` sets the number of inputs (`npm run fuzz` runs many more than CI); the seed is fixed, so
 * a failure is reproduced by the same run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

const words = [
  'the', 'police', 'killed', 'wounded', 'injured', 'displaced', 'arrested', 'said', 'told', 'attacked', 'shelled',
  'ceasefire', 'talks', 'Armenia', 'Azerbaijan', 'Russia', 'Moscow', 'Geneva', 'Kenya', 'United Nations', 'president',
  'minister', 'government', 'forces', 'rebels', 'people', 'civilians', 'at least', 'more than', 'between', 'and',
  'hundreds', 'dozens', 'thousands', 'on Friday', 'last week', 'September 27', '1994', 'Mr.', 'U.S.', 'he', 'they',
  '16-year-old', 'Trump’s', "don't", 'twenty-five', 'in', 'of', 'to', 'by', 'was', 'were', 'not', 'if', 'would',
];
const figures = ['0', '1', '12', '1,200', '0.5', '2.5 million', '1e21', '1e308', '9007199254740993', '99999999999999999999', '-3', '5-3', 'NaN'];
const marks = ['.', ',', ';', ':', '!', '?', '—', '–', '-', '(', ')', '"', '“', '”', '‘', '’', "'", '«', '»', '…', '\n', '\n\n', '\t', ' ', '  '];
const oddities = ['\u0000', '\u0007', '\uFFFD', '\uFEFF', '\u200B', '\u202E', 'e\u0301', '😀', '🇦🇲', '\uD800', '\uDC00', 'ß', 'İ', 'Ⅻ', '٣'];
const markup = ['<p>', '</p>', '<b>', '</b>', '<script>alert(1)</script>', '<!-- x -->', '<br>', '&amp;', '&#x1F600;', '<div><div><div>', '<![CDATA[', '<html>', '<title>T</title>'];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...words) },
  { weight: 2, arbitrary: fc.constantFrom(...figures) },
  { weight: 3, arbitrary: fc.constantFrom(...marks) },
  { weight: 1, arbitrary: fc.constantFrom(...oddities) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const text = fc.array(piece, { maxLength: 120 }).map((pieces) => pieces.join(' '));
const html = fc.array(fc.oneof({ weight: 3, arbitrary: piece }, { weight: 1, arbitrary: fc.constantFrom(...markup) }), { maxLength: 120 })
  .map((pieces) => `<html><body><article>${pieces.join(' ')}</article></body></html>`);
const published = fc.option(fc.constantFrom('2020-10-09', '1999-12-31', '2030-01-01T12:00:00Z'), { nil: undefined });

const engine = createEngine();

function check(content: string, kind: 'text' | 'html', date: string | undefined): void {
  const doc = engine.extract({ content, kind, ...(date ? { published: date } : {}) });
  assert.deepEqual(docProblems(doc), []);
  const failed = doc.provenance.filter((run) => run.status === 'failed').map((run) => run.stage);
  assert.deepEqual(failed, [], `stages failed: ${doc.messages.map((m) => m.reason).join('; ')}`);
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc, 'a Doc is plain JSON');
}

test('generated text keeps every invariant of the Doc', () => {
  fc.assert(fc.property(text, published, (content, date) => check(content, 'text', date)), { numRuns: RUNS, seed: SEED });
});

test('generated HTML keeps every invariant of the Doc', () => {
  fc.assert(fc.property(html, published, (content, date) => check(content, 'html', date)), { numRuns: Math.ceil(RUNS / 3), seed: SEED });
});
