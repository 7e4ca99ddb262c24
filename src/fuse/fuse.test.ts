import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterComponent, MAX_CLUSTERED_MENTIONS } from './fuse.js';
import { judgePair } from './match.js';
import { storyIdOf } from './summary.js';
import type { Mention } from './types.js';

/** One report of a shelling of one town in one week, as a dense block has thousands of them. */
function shellingReport(n: number): Mention {
  const day = 22_000 + (n % 5);
  return {
    key: `doc${String(n).padStart(5, '0')}:e1`, docId: `doc${String(n).padStart(5, '0')}`, seq: 0, plover: 'ASSAULT', family: 'ASSAULT',
    cameo: '195', actors: ['nldmil'], recipients: ['sld'], names: { nldmil: 'Northland artillery', sld: 'Southland' }, parties: ['NLD', 'SLD'],
    country: 'SLD', place: { name: 'Vell', country: 'SLD', lat: 41.5, lon: 22.25, resolution: 'city', from: 'sentence' },
    day: { start: day - 3, end: day + 3 }, date: { value: '2030-03-28', granularity: 'day', basis: 'event' },
    sentence: 'Northland artillery shelled Vell.', words: ['artillery', 'northland', 'shelled', 'vell'], confidence: 0.6,
    ...(n % 3 === 0 ? { killed: { min: 4, exact: true } } : {}),
  };
}

/** A deterministic shuffle, so that a failure can be replayed. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test('a dense block of thousands of matching mentions is clustered with a bounded number of pair judgements', () => {
  const mentions = Array.from({ length: 3000 }, (_, n) => shellingReport(n));
  let judged = 0;
  const counting = (a: Mention, b: Mention) => {
    judged++;
    return judgePair(a, b);
  };
  const stories = clusterComponent(mentions, counting);
  // All pairs would be 4.5 million; slices of at most MAX_CLUSTERED_MENTIONS judge each pair of a slice once.
  assert.ok(judged <= (mentions.length * MAX_CLUSTERED_MENTIONS) / 2, `${judged} pair judgements`);
  assert.equal(stories.flat().length, mentions.length, 'every mention is in exactly one story');
  assert.equal(new Set(stories.flat().map((m) => m.key)).size, mentions.length);
  for (const story of stories) assert.ok(story.length <= MAX_CLUSTERED_MENTIONS);
  assert.deepEqual(clusterComponent(shuffled(mentions)), stories, 'the order of the mentions changes nothing');
  const firstKeys = stories.map((story) => story[0]!.key);
  assert.deepEqual(firstKeys, [...firstKeys].sort(), 'stories come in order of their first key');
});

test('a component within the limit is clustered whole: every pair is judged once', () => {
  const mentions = Array.from({ length: MAX_CLUSTERED_MENTIONS }, (_, n) => shellingReport(n));
  let judged = 0;
  const stories = clusterComponent(shuffled(mentions), (a, b) => {
    judged++;
    return judgePair(a, b);
  });
  assert.equal(judged, (MAX_CLUSTERED_MENTIONS * (MAX_CLUSTERED_MENTIONS - 1)) / 2);
  assert.equal(stories.length, 1, 'reports that all match are one story');
});

test('a story is named by its earliest-published mention, the smallest key among equals, an undated document last', () => {
  const report = (n: number, published?: string): Mention => {
    const { published: _none, ...mention } = shellingReport(n);
    return published === undefined ? mention : { ...mention, published };
  };
  const mentions = [report(4, '2031-03-12'), report(9, '2031-03-11'), report(7, '2031-03-11'), report(1)];
  assert.equal(storyIdOf(mentions), report(7).key, 'the 11th twice: the smaller key');
  for (const order of [shuffled(mentions), [...mentions].reverse()]) assert.equal(storyIdOf(order), report(7).key, 'in any order');
  assert.equal(storyIdOf([report(1), report(4, '2031-03-12')]), report(4).key, 'a dated document before an undated one');
  assert.equal(storyIdOf([report(3), report(1)]), report(1).key, 'undated both: the smaller key');
});
