import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../engine/engine.js';
import { documentToll, leadSeq, mentionOf, mentionsOf } from './mention.js';
import { summariseStory } from './summary.js';
import type { Mention } from './types.js';

const engine = createEngine({ timeBudgetMs: Infinity });
const ARREST = 'Police arrested a man on Wednesday in the shooting of three people outside a Dayton bar on Tuesday night. '
  + 'A gunman opened fire on a group of friends as they left the bar, police said. '
  + 'Two of them were wounded and taken to Miami Valley Hospital. A 24-year-old man died at the scene.';

test('an article\'s toll over all its sentences goes to its most intense event, not to its first', () => {
  const doc = engine.extract({ content: ARREST, kind: 'text', inputId: 'arrest', published: '2024-05-08' });
  const events = doc.layers.events ?? [];
  assert.ok(events.length >= 2, 'the arrest and the shooting are both coded');
  assert.notEqual(events[0]!.plover, 'ASSAULT');
  const lead = leadSeq(doc);
  assert.equal(events[lead!]!.plover, 'ASSAULT');
  assert.deepEqual(documentToll(doc), { killed: 1, injured: 2 });
  const mentions = mentionsOf(doc);
  assert.deepEqual(mentions.filter((m) => m.toll).map((m) => [m.seq, m.toll]), [[lead, { killed: 1, injured: 2 }]]);
  // One event re-read alone (an analyst's correction) gets the toll mentionsOf gives it.
  assert.deepEqual(mentionOf(doc, events[lead!]!, lead!)?.toll, { killed: 1, injured: 2 });
  assert.equal(mentionOf(doc, events[0]!, 0)?.toll, undefined);
});

test('an article with no casualty figure has no toll; one giving only the wounded reports nobody killed', () => {
  const quiet = engine.extract({ content: 'A gunman opened fire outside a Dayton bar on Tuesday night, police said.', kind: 'text', inputId: 'q', published: '2024-05-08' });
  assert.equal(documentToll(quiet), undefined);
  const wounded = engine.extract({ content: 'Two men were wounded when a gunman opened fire outside a Dayton bar on Tuesday night.', kind: 'text', inputId: 'w', published: '2024-05-08' });
  assert.deepEqual(documentToll(wounded), { killed: 0, injured: 2 });
});

function mention(docId: string, seq: number, extra: Partial<Mention>): Mention {
  return {
    key: `${docId}:e${seq}`, docId, seq, plover: 'ASSAULT', family: 'ASSAULT', cameo: '190', actors: [], recipients: [], names: {},
    parties: [], country: 'USA', sentence: `sentence ${docId} ${seq}`, words: [], confidence: 0.5, host: `${docId}.test`, ...extra,
  };
}

test('a story counts a source\'s toll over the figures of its single sentences, a toll of 0 included', () => {
  const story = summariseStory([
    // The first outlet's article names one victim in a sentence and gives the toll of two in another.
    mention('a', 0, { killed: { min: 1, exact: true }, toll: { killed: 2, injured: 3 } }),
    mention('a', 1, { killed: { min: 1, exact: true } }),
    // The second mentions the incident in a roundup that gives no toll of its own for it.
    mention('b', 3, { killed: { min: 1, exact: true } }),
    // The third reports the wounded only: it reports nobody killed, though an earlier killing it recalls is in its sentence.
    mention('c', 0, { killed: { min: 1, exact: true }, toll: { killed: 0, injured: 3 } }),
    mention('d', 0, { toll: { killed: 2, injured: 3 } }),
  ]);
  assert.deepEqual(story.casualties.killed?.reports.map((r) => [r.docId, r.min]), [['a', 2], ['b', 1], ['c', 0], ['d', 2]]);
  assert.equal(story.casualties.killed?.best, 2);
  assert.equal(story.casualties.killed?.low, 0);
  assert.equal(story.casualties.injured?.best, 3);
});

test('sources split evenly: the figure more of them give as their article\'s toll, then the lower killed and the higher injured', () => {
  const tollAgainstSentence = summariseStory([
    mention('a', 0, { toll: { killed: 1, injured: 2 } }),
    // A roundup's sentence gives another figure for the incident: as many sources, but no article's toll.
    mention('b', 2, { killed: { min: 3, exact: true }, injured: { min: 5, exact: true } }),
  ]);
  assert.deepEqual(tollAgainstSentence.casualties.killed?.reports.map((r) => [r.docId, r.min, r.toll ?? false]), [['a', 1, true], ['b', 3, false]]);
  assert.equal(tollAgainstSentence.casualties.killed?.best, 1, 'the toll, though lower');
  assert.equal(tollAgainstSentence.casualties.injured?.best, 2, 'the toll, though lower');
  const tollAgainstToll = summariseStory([
    mention('a', 0, { toll: { killed: 1, injured: 2 } }),
    mention('b', 0, { toll: { killed: 0, injured: 4 } }),
  ]);
  assert.equal(tollAgainstToll.casualties.killed?.best, 0, 'the killed: the conservative figure');
  assert.equal(tollAgainstToll.casualties.injured?.best, 4, 'the injured: the higher');
  const majority = summariseStory([
    mention('a', 0, { toll: { killed: 1, injured: 2 } }),
    mention('b', 0, { killed: { min: 2, exact: true } }),
    mention('c', 0, { killed: { min: 2, exact: true } }),
  ]);
  assert.equal(majority.casualties.killed?.best, 2, 'more sources outweigh a toll');
});
