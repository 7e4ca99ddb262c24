import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { clusterScores } from './clustering.js';
import { evaluate, evaluateAsync, formatReport } from './evaluate.js';
import type { Doc } from '../doc/types.js';
import type { Store } from '../store/store.js';
import { incidentHalf, leadStories, mainStories } from './stories.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-stories-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('cluster scores: pairwise and B-cubed against gold clusters, by hand', () => {
  // gold {a,b,c} {d}; predicted {a,b} {c,d}
  const gold = new Map([['a', 'x'], ['b', 'x'], ['c', 'x'], ['d', 'y']]);
  const predicted = new Map([['a', '1'], ['b', '1'], ['c', '2'], ['d', '2']]);
  const scores = clusterScores(gold, predicted);
  // pairs: predicted ab, cd; gold ab, ac, bc; together ab.
  assert.equal(scores.pairwise.precision, 0.5);
  assert.equal(scores.pairwise.recall, 1 / 3);
  // B-cubed precision: a 1, b 1, c 1/2, d 1/2 → 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 → 2/3.
  assert.equal(scores.bcubed.precision, 0.75);
  assert.ok(Math.abs(scores.bcubed.recall - 2 / 3) < 1e-12);
  const perfect = clusterScores(gold, new Map([['a', 'p'], ['b', 'p'], ['c', 'p'], ['d', 'q']]));
  assert.deepEqual(perfect.bcubed, { precision: 1, recall: 1, f1: 1 });
  assert.equal(clusterScores(gold, new Map()).bcubed.precision, 1, 'items not predicted are singletons');
});

test('incident halves: even ids are tuned on, odd ids held out', () => {
  assert.equal(incidentHalf('101724'), 'even');
  assert.equal(incidentHalf(101725), 'odd');
  assert.ok(['even', 'odd'].includes(incidentHalf('abc')));
});

test('dyad eval stories: each half stored and scored, with the targets judged on a gva file', async () => {
  const items = [
    { id: '10-a', incident_id: '10', published: '2017-03-07', url: 'https://one.test/a', killed: 1, injured: 0,
      text: 'A 19-year-old man was shot and killed outside a grocery store on Main Street in Dayton, Ohio, on Monday night, police said.' },
    { id: '10-b', incident_id: '10', published: '2017-03-07', url: 'https://two.test/b', killed: 1, injured: 0,
      text: 'Police in Dayton, Ohio, said a 19-year-old man was shot and killed on Monday night outside a grocery store on Main Street.' },
    { id: '12-a', incident_id: '12', published: '2017-05-20', url: 'https://one.test/c', killed: 2, injured: 3,
      text: 'Two people were killed and three others were wounded when a gunman opened fire at a bar in Cleveland, Ohio, on Friday.' },
    { id: '11-a', incident_id: '11', published: '2017-04-11', url: 'https://three.test/d', killed: 0, injured: 1,
      text: 'A woman was wounded in a shooting in Akron, Ohio, on Sunday, police said.' },
  ];
  writeFileSync(join(dir, 'mini-gva.jsonl'), items.map((item) => JSON.stringify(item)).join('\n'));
  assert.throws(() => evaluate('stories', dir), /evaluateAsync/);
  const report = await evaluateAsync('stories', dir);
  assert.equal(report.sets.length, 2);
  const [even, odd] = report.sets;
  assert.match(even!.file, /even incident ids/);
  assert.equal(even!.items, 3);
  assert.equal(odd!.items, 1);
  assert.equal(even!.metrics.incidents, 2);
  for (const name of ['bcubed_f1', 'pairwise_f1', 'killed_exact', 'injured_exact']) {
    const value = even!.metrics[name];
    assert.ok(typeof value === 'number' && value >= 0 && value <= 1, `${name} ${String(value)}`);
  }
  assert.equal(even!.metrics.bcubed_f1, 1, 'the two reports of the Dayton shooting are one story, Cleveland another');
  assert.equal(even!.metrics.killed_exact, 1);
  assert.deepEqual(even!.targets?.map((t) => t.metric), ['bcubed_f1', 'killed_exact']);
  assert.equal(odd!.metrics.bcubed_f1, 1, 'one article is its own cluster');
  assert.match(formatReport(report), /bcubed_f1 .*target ≥ 0\.900 \(issue 8\)/);
});

test('main story: the most documents first, then the document\'s most intense event, its deadliest, more events', async () => {
  // A follow-up on an arrest (COERCE, Goldstein -5) that also reports the shooting (ASSAULT, -10).
  const event = (id: string, goldstein: number, killed?: number) => ({
    id, goldstein, ...(killed === undefined ? {} : { casualties: { killed: { min: killed, exact: true } } }),
  });
  const doc = (id: string, events: Array<ReturnType<typeof event>>) => ({ id, layers: { events } }) as unknown as Doc;
  const storyOf: Record<string, string> = {
    'd1:ev1': 'arrest', 'd1:ev2': 'arrest', 'd1:ev3': 'shooting', 'd2:ev1': 'talks', 'd2:ev2': 'shooting2',
    'd3:ev1': 'wounded', 'd3:ev2': 'wounded', 'd3:ev3': 'killed',
  };
  const documents: Record<string, number> = { arrest: 1, shooting: 1, talks: 2, shooting2: 1, wounded: 1, killed: 1 };
  const store = {
    storiesOfEvents: async (keys: string[]) => new Map(keys.filter((k) => storyOf[k]).map((k) => [k, storyOf[k]!])),
    getStory: async (id: string) => ({ documents: documents[id] }),
  } as unknown as Store;
  const main = await mainStories(store, [
    doc('d1', [event('ev1', -5), event('ev2', -5), event('ev3', -10)]),
    doc('d2', [event('ev1', 1), event('ev2', -10)]),
    doc('d3', [event('ev1', -10), event('ev2', -10), event('ev3', -10, 2)]),
  ]);
  assert.equal(main.get('d3'), 'killed', 'of two shootings, the one the document gives a toll');
  assert.equal(main.get('d1'), 'shooting', 'the shooting outranks the arrest the document says more about');
  assert.equal(main.get('d2'), 'talks', 'a story more documents report comes first');
});

test('an incident\'s toll is read from the story of its documents\' lead events: the shooting, not the arrest', async () => {
  const doc = (id: string, events: Array<{ id: string; goldstein: number }>) => ({ id, layers: { events } }) as unknown as Doc;
  const storyOf: Record<string, string> = { 'd1:ev1': 'arrest', 'd1:ev2': 'shooting', 'd2:ev1': 'arrest', 'd2:ev2': 'shooting' };
  const store = {
    storiesOfEvents: async (keys: string[]) => new Map(keys.filter((k) => storyOf[k]).map((k) => [k, storyOf[k]!])),
  } as unknown as Store;
  const leads = await leadStories(store, [
    doc('d1', [{ id: 'ev1', goldstein: -5 }, { id: 'ev2', goldstein: -10 }]),
    doc('d2', [{ id: 'ev1', goldstein: -5 }, { id: 'ev2', goldstein: -10 }]),
    doc('d3', []),
  ]);
  assert.deepEqual([...leads], [['d1', 'shooting'], ['d2', 'shooting']]);
});
