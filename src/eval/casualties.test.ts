import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { evaluate } from './evaluate.js';
import { fillRates } from './fill-rates.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-casualties-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('casualties: the largest killed / injured figure against the gold count; null gold is not scored; none found is 0', () => {
  const items = [
    { id: 'c1', published: '2017-01-02', text: 'Two people were killed and three others were injured in a shooting on Friday, police said.', killed: 2, injured: 3 },
    { id: 'c2', published: null, text: 'A man was shot dead outside a bar on Main Street.', killed: 1, injured: null },
    { id: 'c3', published: '2017-01-02', text: 'Police are looking for a gunman after a shooting on Main Street.', killed: 0, injured: 2 },
  ];
  writeFileSync(join(dir, 'gva.jsonl'), items.map((item) => JSON.stringify(item)).join('\n'));
  const [set] = evaluate('casualties', dir, { misses: 5 }).sets;
  assert.equal(set!.items, 3);
  assert.equal(set!.metrics.killed_exact, 1);
  // c3: no injured figure in the text, so 0 against a gold 2: exact 1 of 2, within ±1 also 1 of 2.
  assert.equal(set!.metrics.injured_exact, 0.5);
  assert.equal(set!.metrics.injured_within1, 0.5);
  assert.deepEqual(set!.misses, [{ id: 'c3', text: 'injured: gold 2, got 0 (no figure)' }]);
});

test('casualties: a count that is not a whole number is an error naming the line', () => {
  writeFileSync(join(dir, 'bad.jsonl'), `${JSON.stringify({ text: 'x', killed: 'two', injured: null })}\n`);
  assert.throws(() => evaluate('casualties', join(dir, 'bad.jsonl')), /bad\.jsonl:1: not a gold item of this task/);
});

test('fill rates: events with an actor; with a place where the article names one; with their own date where it gives one', () => {
  const rates = fillRates([
    { text: 'Police arrested two men in Dayton, Ohio, on Friday after a shooting on Main Street, the sheriff said.', published: '2017-03-06' },
    { text: 'A man was shot dead outside a bar.', published: '2017-03-06' },
  ]);
  // The arrest has police as actor, Dayton and Friday; the shooting has no actor, and its article names no place and no date.
  assert.deepEqual(rates, { events_with_actor: 0.5, events_with_place: 1, events_with_own_date: 1, fill_events: 2 });
});
