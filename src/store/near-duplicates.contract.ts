/**
 * The near-duplicates part of the Store contract: a syndicated copy is linked to its group's first copy,
 * whatever order the copies arrive in, and a story reported by copies of one text counts them as one source.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDoc } from '../doc/doc.js';
import type { Doc, Event, EventParticipant } from '../doc/types.js';
import { SAME_TOPIC_STORIES, WIRE_COPIES } from '../test-support/syndicated.js';
import type { Store } from './store.js';

function party(text: string, code: string, country: string): EventParticipant {
  return { text, start: 0, end: text.length, code, country, kbId: `country:${country}` };
}

/** A document with one shelling event whose evidence is the text's first sentence, as a coder would give it. */
function shellingReport(text: string, url: string, published: string, title?: string): Doc {
  const doc = createDoc(text, { url, published, language: 'eng', ...(title ? { title } : {}) });
  const leadStart = /^By [^\n]*\n\n/.exec(text)?.[0].length ?? 0;
  const leadEnd = text.indexOf('. ', leadStart) + 1;
  const event: Event = {
    id: 'e1', plover: 'ASSAULT', cameo: '195', quadClass: 4, goldstein: -10,
    actors: [party('Government forces', 'VALGOV', 'VAL')], recipients: [party('civilians', 'VALCVL', 'VAL')],
    negated: false, future: false, hypothetical: false, historical: false, confidence: 0.6,
    trigger: { start: leadStart, end: leadStart + 5, text: text.slice(leadStart, leadStart + 5) },
    evidence: { sentences: [{ start: leadStart, end: leadEnd, index: 0 }] }, pattern: 'test',
    location: { name: 'Valmora', country: 'VAL', lat: 36.2, lon: 44.1, from: 'sentence', resolution: 'city' },
    date: { value: '2031-05-06', granularity: 'day', basis: 'event' },
    casualties: { killed: { min: 7, exact: false, text: 'seven', quantity: 'n1' } },
  };
  doc.layers.events = [event];
  return doc;
}

/** The wire story first (published first), then each site's copy a day later, and two stories on the topic written separately. */
export function syndicationDocs(): { wire: Doc; copies: Doc[]; separate: Doc[] } {
  const [wire, ...copies] = WIRE_COPIES.map((copy, i) =>
    shellingReport(copy.text, `https://${copy.site}/news/valmora`, i === 0 ? '2031-05-06' : '2031-05-07', copy.title));
  const separate = SAME_TOPIC_STORIES.map((text, i) => shellingReport(text, `https://independent${i}.example/valmora`, '2031-05-07'));
  return { wire: wire!, copies, separate };
}

const eventId = (doc: Doc) => `${doc.id}:e1`;

export function runNearDuplicatesContract(name: string, makeStore: () => Promise<Store> | Store): void {
  describe(`Store contract, near-duplicates: ${name}`, () => {
    test('each site\'s copy of a wire story is stored, counted and linked to the wire story', async () => {
      const store = await makeStore();
      try {
        const { wire, copies } = syndicationDocs();
        const result = await store.putDocs([wire, ...copies]);
        assert.deepEqual(result, { inserted: 4, duplicates: 0, nearDuplicates: 3, events: 4 });
        assert.equal((await store.getDoc(wire.id))?.copyOf, undefined, 'the first copy links to no other');
        for (const copy of copies) assert.equal((await store.getDoc(copy.id))?.copyOf, wire.id);
        const others = copies.map((c) => c.id).sort();
        assert.deepEqual(await store.nearDuplicatesOf(wire.id), others);
        assert.deepEqual(await store.nearDuplicatesOf(copies[0]!.id), [wire.id, ...others.filter((id) => id !== copies[0]!.id)]);
        assert.deepEqual(await store.nearDuplicatesOf('no-such-id'), []);
      } finally {
        await store.close();
      }
    });

    test('stories on the same topic written separately are not linked', async () => {
      const store = await makeStore();
      try {
        const { wire, separate } = syndicationDocs();
        const result = await store.putDocs([wire, ...separate]);
        assert.equal(result.nearDuplicates, 0);
        for (const doc of [wire, ...separate]) {
          assert.equal((await store.getDoc(doc.id))?.copyOf, undefined);
          assert.deepEqual(await store.nearDuplicatesOf(doc.id), []);
        }
      } finally {
        await store.close();
      }
    });

    test('a story\'s sources and confidence do not rise with copies, but do with separate reports', async () => {
      const { wire, copies, separate } = syndicationDocs();
      const storyOf = async (docs: Doc[]) => {
        const store = await makeStore();
        try {
          await store.putDocs(docs);
          const stories = await store.storiesOfEvents(docs.map(eventId));
          assert.equal(new Set(stories.values()).size, 1, 'every report is a mention of the one shelling');
          return (await store.getStory(stories.get(eventId(wire))!))!;
        } finally {
          await store.close();
        }
      };
      const alone = await storyOf([wire]);
      const withCopies = await storyOf([wire, ...copies]);
      assert.equal(withCopies.documents, 4);
      assert.equal(withCopies.sources, alone.sources);
      assert.equal(withCopies.confidence, alone.confidence);
      const withSeparate = await storyOf([wire, ...copies, ...separate]);
      assert.equal(withSeparate.sources, alone.sources + 2);
      assert.ok(withSeparate.confidence > alone.confidence);
    });

    test('links, first copies and stories do not depend on the order the copies arrive in', async () => {
      const { wire, copies, separate } = syndicationDocs();
      const all = [wire, ...copies, ...separate];
      const outcome = async (batches: Doc[][]) => {
        const store = await makeStore();
        try {
          let nearDuplicates = 0;
          for (const batch of batches) nearDuplicates += (await store.putDocs(batch)).nearDuplicates;
          const firstCopies = await Promise.all(all.map(async (doc) => (await store.getDoc(doc.id))?.copyOf ?? null));
          return { nearDuplicates, firstCopies, stories: await store.queryStories({ limit: 100 }) };
        } finally {
          await store.close();
        }
      };
      const inOrder = await outcome([all]);
      const reversed = await outcome([...all].reverse().map((doc) => [doc]));
      assert.deepEqual(inOrder.firstCopies, [null, wire.id, wire.id, wire.id, null, null]);
      assert.deepEqual(reversed.firstCopies, inOrder.firstCopies);
      assert.deepEqual(reversed.stories, inOrder.stories);
      assert.equal(inOrder.nearDuplicates, 3);
      assert.equal(reversed.nearDuplicates, 3, 'whichever copy comes first, the later three are counted');
    });
  });
}
