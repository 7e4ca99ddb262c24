import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { evaluate } from './evaluate.js';
import { regressionOf, shingleMatch } from './extraction.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-extraction-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const body = [
  'The foreign ministers of the two neighbouring states met in the capital on Friday for talks that officials described as frank and useful.',
  'Both delegations agreed to exchange prisoners before the end of the month, according to a statement issued after the meeting by the host government.',
  'A second round of negotiations is expected to take place next week, although no date has been fixed and fighting continued along the border overnight.',
];
const page = (head: string) => `<!DOCTYPE html>${head}<head><title>Talks</title></head><body><nav><a href="/">Home</a></nav><article><h1>Ministers meet</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

test('the benchmark metric: 4-gram shingles with multiplicity, normalised per page', () => {
  assert.deepEqual(shingleMatch('a b c d e', 'a b c d e'), [1, 0, 0]);
  const [tp, fp, fn] = shingleMatch('one two three four five', 'one two three four six');
  assert.deepEqual([tp, fp, fn], [1 / 3, 1 / 3, 1 / 3]);
});

test('extraction: a benchmark folder (gzipped and plain pages) found under a parent folder and scored', () => {
  const set = join(dir, 'bench', 'aeb-like');
  mkdirSync(join(set, 'html'), { recursive: true });
  writeFileSync(join(set, 'ground-truth.json'), JSON.stringify({ a: { articleBody: body.join('\n') }, b: { articleBody: body.join('\n') } }));
  writeFileSync(join(set, 'html', 'a.html.gz'), gzipSync(page('<html lang="en">')));
  // A page for old Internet Explorer: its first <html> is inside a conditional comment.
  writeFileSync(join(set, 'html', 'b.html'), page('<!--[if IE 9]><html class="ie9"><![endif]--><!--[if !IE]><!--><html lang="en"><!--<![endif]-->'));
  const report = evaluate('extraction', join(dir, 'bench'), { misses: 5 });
  assert.deepEqual(report.sets.map((s) => [s.file, s.items]), [[set, 2]]);
  assert.ok((report.sets[0]!.metrics.recall as number) > 0.95, JSON.stringify(report.sets[0]));
  assert.ok((report.sets[0]!.metrics.f1 as number) > 0.9);
  const metrics = report.sets[0]!.metrics;
  assert.ok((metrics.readability_f1 as number) > 0.9, 'plain Readability is scored on the same pages');
  assert.equal(metrics.regressions, 0);
  assert.equal(typeof metrics.f1_held_out, 'number');
  assert.deepEqual(report.sets[0]!.tables?.map((t) => t.title), ['Regressions against plain Readability']);
});

test('a page is a regression when Readability finds text and Dyad none, or Dyad\'s F1 is well below', () => {
  const truth = body.join(' ');
  const found = { text: truth, counts: shingleMatch(truth, truth) };
  assert.match(regressionOf({ text: '', counts: shingleMatch(truth, '') }, found) ?? '', /Readability finds \d+ words, Dyad none/);
  const half = body[0]!;
  assert.match(regressionOf({ text: half, counts: shingleMatch(truth, half) }, found) ?? '', /below Readability's/);
  assert.equal(regressionOf(found, { text: half, counts: shingleMatch(truth, half) }), undefined, 'better than Readability is no regression');
  assert.equal(regressionOf({ text: '', counts: shingleMatch(truth, '') }, { text: '', counts: shingleMatch(truth, '') }), undefined);
});

test('extraction: a page the ground truth names but the folder lacks is a clear error', () => {
  const set = join(dir, 'broken');
  mkdirSync(join(set, 'html'), { recursive: true });
  writeFileSync(join(set, 'ground-truth.json'), JSON.stringify({ gone: { articleBody: 'x' } }));
  assert.throws(() => evaluate('extraction', set), /names page "gone", but there is no html\/gone\.html\.gz or html\/gone\.html/);
  assert.throws(() => evaluate('extraction', join(dir, 'broken', 'ground-truth.json', 'nope')), /no such file or folder/);
});
