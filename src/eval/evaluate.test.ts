import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, isTask } from './evaluate.js';

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
  assert.ok(!isTask('events'));
});
