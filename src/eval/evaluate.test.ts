import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, isTask } from './evaluate.js';
import { describeTarget, judgeTargets } from './targets.js';

test('the text report: one row per metric, a per-type table as wide as its longest type, km to a tenth', () => {
  const text = formatReport({
    task: 'ner',
    dyad: '0.0.0',
    sets: [{
      file: 'a.conll',
      items: 12,
      metrics: {
        f1: 0.5, median_km: 3.14159, toponyms: 2599,
        per_type: { DocumentReference: { precision: 0.25, recall: 1, f1: 0.4, gold: 3, predicted: 12 } },
      },
      misses: [{ id: 's3', text: 'missed ORG "Acme"' }],
    }],
  });
  assert.equal(text, [
    'ner  a.conll  (12 items)',
    '  f1         0.500',
    '  median_km  3.1',
    '  toponyms   2599',
    '  per_type:',
    '    type                   P      R     F1    gold    pred',
    '    DocumentReference  0.250  1.000  0.400       3      12',
    '  misses (1, sampled by a hash of the item id):',
    '    [s3] missed ORG "Acme"',
  ].join('\n'));
  assert.ok(isTask('quotes'));
  assert.ok(isTask('events'));
  assert.ok(isTask('stories'));
  assert.ok(!isTask('alerts'));
});

test('targets name the sets they apply to and say by how much they are missed', () => {
  const results = judgeTargets('ner', 'gold/ner/conll2003_testa.conll', { f1: 0.687, precision: 0.9 });
  assert.deepEqual(results, [{ metric: 'f1', atLeast: 0.88, value: 0.687, met: false, source: 'issue 6' }]);
  assert.equal(describeTarget(results[0]!), 'f1 0.687, target ≥ 0.880 (issue 6): missed by 0.193');
  assert.deepEqual(judgeTargets('ner', 'other/set.conll', { f1: 0.99 }), []);
  const met = judgeTargets('parse', 'x/en_ewt-ud-test.conllu', { uas: 0.86 });
  assert.deepEqual(met.map((r) => [r.metric, r.met, r.value]), [['uas', true, 0.86], ['las', false, null]]);
  assert.match(describeTarget(met[1]!), /las ≥ 0.800 \(issue 6\): missed, the set has no such metric/);
  const text = formatReport({ task: 'ner', dyad: '0', sets: [{ file: 'wikigold.conll', items: 1, metrics: { f1: 0.8 }, targets: judgeTargets('ner', 'wikigold.conll', { f1: 0.8 }) }] });
  assert.match(text, /targets:\n {4}f1 0\.800, target ≥ 0\.750 \(issue 6\): met/);
  const police = judgeTargets('events', 'x/india_police_events.jsonl', { label_f1: { KILL: { precision: 1, recall: 0.5, f1: 0.667, gold: 2, predicted: 1 } }, ece: 0.08 });
  assert.deepEqual(police.map((r) => [r.metric, r.value, r.met]), [['label_f1.KILL', 0.667, false], ['label_f1.ARREST', null, false], ['label_f1.FORCE', null, false], ['ece', 0.08, false]]);
  assert.equal(describeTarget(police[3]!), 'ece 0.080, target ≤ 0.050 (issue 7): missed by 0.030');
  assert.deepEqual(judgeTargets('events', 'x/other.jsonl', { type_acc: 0.5 }), [], 'a bound on every set counts only where it is measured');
});
