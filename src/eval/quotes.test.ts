import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { evaluate } from './evaluate.js';
import { quoteMarksBaseline } from './quotes.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-quotes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const text = '"We will not give up the fight for our country," said the minister, John Smith. Smith said that the talks would continue next week. '
  + 'Critics called it "a farce" and "a shameful waste of everyone\'s time".';
const span = (s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length, text: s });

test('quotes: direct and reported speech matched one-to-one, speakers, and the baseline under the same matching', () => {
  writeFileSync(join(dir, 'quotes.jsonl'), `${JSON.stringify({
    id: 'q1',
    text,
    attributions: [
      { id: 'a1', source: span('the minister, John Smith'), cue: span('said'), content: span('"We will not give up the fight for our country,"'), direct: true },
      { id: 'a2', source: span('Smith', 75), cue: span('said', 80), content: span('that the talks would continue next week'), direct: false },
      // A discontinuous content whose stored outer extent is wrong: the fragments decide.
      { id: 'a3', source: span('Critics'), cue: span('called'), content: { start: 999, end: 0, text: '', fragments: [span('"a shameful waste of everyone\'s time"')] }, direct: true },
    ],
  })}\n`);
  const [set] = evaluate('quotes', dir, { misses: 10 }).sets;
  assert.equal(set!.items, 1);
  // Dyad finds the minister's quote with its speaker, and the reported speech.
  assert.equal(set!.metrics.direct_speaker, 1);
  assert.equal(set!.metrics.indirect_f1, 1);
  assert.equal(set!.metrics.indirect_speaker, 1);
  // The baseline finds both quotations of three words or more and skips "a farce": 2 of 2.
  assert.equal(set!.metrics.baseline_direct_f1, 1);
  assert.equal(set!.metrics.direct_precision, 1);
  assert.ok((set!.metrics.direct_recall as number) >= 0.5);
});

test('the baseline: text between straight or curly double quotes, three words or more', () => {
  const sample = 'He said “we are ready to talk” and "no" and "not in this form".';
  assert.deepEqual(quoteMarksBaseline(sample).map((q) => sample.slice(q.start, q.end)), ['“we are ready to talk”', '"not in this form"']);
});
