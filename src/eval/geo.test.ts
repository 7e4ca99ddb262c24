import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { evaluate } from './evaluate.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-geo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('geo: resolution on gold spans (acc161, coverage, median_km) and detection end to end', () => {
  const text = 'Talks were held in Paris, France on Monday, and later in Xyzzyville.';
  const span = (name: string, lat: number | null, lon: number | null) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name, lat, lon });
  writeFileSync(join(dir, 'geo.jsonl'), [
    { id: 'g1', text, toponyms: [span('Paris', 48.85341, 2.3488), span('France', 46, 2), span('Xyzzyville', 10, 10)] },
    { id: 'g2', text: 'They met in Berlin.', toponyms: [{ start: 12, end: 18, text: 'Berlin', lat: null, lon: null }] },
  ].map((item) => JSON.stringify(item)).join('\n'));
  const [set] = evaluate('geo', dir, { misses: 10 }).sets;
  assert.equal(set!.items, 2);
  // Three toponyms with coordinates: Paris and France resolved near their gold points, the invented town not at all.
  assert.equal(set!.metrics.toponyms, 3);
  assert.equal(set!.metrics.acc161, 0.6667);
  assert.equal(set!.metrics.coverage, 0.6667);
  assert.ok((set!.metrics.median_km as number) < 161);
  assert.deepEqual(set!.misses, [{ id: 'g1', text: 'unresolved "Xyzzyville" (gold 10, 10)' }]);
  // Detection counts all four gold toponyms, Berlin included.
  assert.equal(set!.metrics.detect_recall, 0.75);
  assert.equal(set!.metrics.detect_precision, 1);
});

test('geo: an item whose toponyms are not spans is an error naming the line', () => {
  writeFileSync(join(dir, 'bad.jsonl'), `${JSON.stringify({ text: 'x', toponyms: [] })}\n${JSON.stringify({ text: 'x', toponyms: [{ text: 'Paris' }] })}\n`);
  assert.throws(() => evaluate('geo', join(dir, 'bad.jsonl')), /bad\.jsonl:2: not a gold item of this task/);
});
