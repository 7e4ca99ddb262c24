/**
 * The overrides part of the Store contract: an analyst's accept / correct / reject is stored with who, when
 * and why, read back in every query, story and stream, withdrawn cleanly, and kept across re-coding.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDoc } from '../doc/doc.js';
import type { Doc, Event } from '../doc/types.js';
import type { Store } from './store.js';
import { storyDocs } from './stories.contract.js';

async function streamed(store: Store, filter: Parameters<Store['streamEvents']>[0] = {}): Promise<Event[]> {
  const events: Event[] = [];
  for await (const page of store.streamEvents(filter)) events.push(...page.map((e) => e.event));
  return events;
}

const ALL_MODALITIES = ['negated', 'hypothetical', 'future', 'historical'] as const;

const TEXT = 'Northland troops shelled Vell on Monday. Later the two foreign ministers met in Geneva.';

function codedEvent(id: string, word: string, fields: Partial<Event>): Event {
  const start = TEXT.indexOf(word);
  const sentence = TEXT.lastIndexOf('.', start) + 1;
  return {
    id, plover: 'ASSAULT', cameo: '195', quadClass: 4, goldstein: -10, actors: [{ text: 'Northland troops', start: 0, end: 16, code: 'NLDMIL', country: 'NLD' }],
    recipients: [], negated: false, future: false, hypothetical: false, historical: false, confidence: 0.7,
    trigger: { start, end: start + word.length, text: word },
    evidence: { sentences: [{ start: sentence === 0 ? 0 : sentence + 1, end: TEXT.indexOf('.', start) + 1, index: sentence === 0 ? 0 : 1 }] },
    pattern: 'test', ...fields,
  };
}

/** One article coded twice: the second coding finds one more event, first, so ids and positions shift. */
function codings(): { first: Doc; recoded: Doc } {
  const first = createDoc(TEXT, { published: '2031-03-12', language: 'eng', url: 'https://example.test/a' });
  const met = { plover: 'CONSULT', cameo: '043', quadClass: 1 as const, goldstein: 2.8, recipients: [{ text: 'Southland', start: 0, end: 9, code: 'SLDGOV', country: 'SLD' }] };
  first.layers.events = [codedEvent('ev1', 'shelled', {}), codedEvent('ev2', 'met', met)];
  const recoded = structuredClone(first);
  recoded.layers.events = [
    codedEvent('ev1', 'Monday', { plover: 'COERCE', cameo: '170', quadClass: 4 }),
    codedEvent('ev2', 'shelled', { confidence: 0.8 }),
    codedEvent('ev3', 'met', met),
  ];
  return { first, recoded };
}

export function runOverridesContract(name: string, makeStore: () => Promise<Store> | Store): void {
  describe(`Store contract, overrides: ${name}`, () => {
    test('a correction is stored with who, when and why and read back by queries, filters, streams and the document', async () => {
      const store = await makeStore();
      try {
        const { first } = codings();
        await store.putDocs([first]);
        const id = `${first.id}:ev2`;
        const saved = await store.putOverride(id, {
          verdict: 'correct', analyst: 'ana', reason: 'they met by phone, and it was the defence ministers',
          correction: {
            plover: 'AGREE', actor: { text: 'Northland defence minister', code: 'NLDGOV', country: 'NLD' },
            place: { name: 'Bern', country: 'CHE', lat: 46.95, lon: 7.45 }, date: '2031-03-11', casualties: { killed: 0 },
          },
        });
        assert.equal(saved.eventId, id);
        assert.equal(saved.analyst, 'ana');
        assert.match(saved.at, /^\d{4}-\d{2}-\d{2}T/);
        assert.deepEqual(saved.anchor, { start: TEXT.indexOf('met'), end: TEXT.indexOf('met') + 3 });
        assert.equal(saved.machine?.plover, 'CONSULT', 'the coder\'s event is kept for review and undo');

        const [corrected] = await store.queryEvents({ plover: 'AGREE' });
        assert.equal(corrected?.id, id);
        assert.equal(corrected.event.quadClass, 1);
        assert.equal(corrected.event.actors[0]?.text, 'Northland defence minister');
        assert.equal(corrected.event.location?.name, 'Bern');
        assert.equal(corrected.event.date?.value, '2031-03-11');
        assert.equal(corrected.event.casualties?.killed?.min, 0);
        assert.deepEqual(corrected.event.review, {
          verdict: 'correct', analyst: 'ana', at: saved.at, reason: 'they met by phone, and it was the defence ministers',
          corrected: ['actor', 'casualties', 'date', 'place', 'plover'],
        });
        assert.equal(await store.countEvents({ plover: 'CONSULT' }), 0, 'the old type no longer matches');
        assert.equal(await store.countEvents({ actor: 'NLDGOV' }), 1, 'the corrected actor is filtered on');
        assert.equal(await store.countEvents({ country: 'CHE', from: '2031-03-11', to: '2031-03-11' }), 1);
        assert.equal((await streamed(store)).find((e) => e.id === 'ev2')?.review?.verdict, 'correct');
        assert.equal((await store.getDoc(first.id))?.layers.events?.[1]?.plover, 'AGREE');
        assert.deepEqual((await store.listOverrides()).map((o) => [o.eventId, o.verdict]), [[id, 'correct']]);
      } finally {
        await store.close();
      }
    });

    test('a rejected event leaves every query, count, facet, stream and story; withdrawing the verdict brings it back', async () => {
      const store = await makeStore();
      try {
        const docs = storyDocs();
        await store.putDocs(Object.values(docs));
        const id = `${docs.elsewhere.id}:e1`;
        assert.ok(await store.getStory(id), 'the shelling of Doran is a story of its own');
        const before = await store.countEvents();
        const beforeAll = await store.countEvents({ include: ALL_MODALITIES });
        await store.putOverride(id, { verdict: 'reject', analyst: 'ana', reason: 'not a shelling' });
        assert.equal(await store.countEvents(), before - 1);
        assert.equal(await store.countEvents({ include: ALL_MODALITIES }), beforeAll - 1, 'not even with every modality included');
        assert.ok(!(await store.queryEvents({ limit: 1000 })).some((e) => e.id === id));
        assert.ok(!(await streamed(store)).some((e) => e.trigger.text === docs.elsewhere.text.slice(0, 5) && e.location?.name === 'Doran'));
        assert.equal((await store.facets('plover')).reduce((sum, f) => sum + f.count, 0), before - 1);
        assert.equal(await store.getStory(id), undefined, 'its story had no other mention');
        assert.equal((await store.getDoc(docs.elsewhere.id))?.layers.events?.[0]?.review?.verdict, 'reject', 'the document still shows what was rejected');

        assert.equal(await store.deleteOverride(id), true);
        assert.equal(await store.deleteOverride(id), false);
        assert.equal(await store.countEvents(), before);
        const restored = (await store.queryEvents({ docId: docs.elsewhere.id }))[0]!;
        assert.equal(restored.event.review, undefined);
        assert.equal((await store.getStory(id))?.mentions, 1);
        assert.deepEqual(await store.listOverrides(), []);
      } finally {
        await store.close();
      }
    });

    test('a corrected casualty figure is that source\'s value in its story\'s reconciliation; an accepted event is marked verified', async () => {
      const store = await makeStore();
      try {
        const docs = storyDocs();
        await store.putDocs(Object.values(docs));
        const id = `${docs.second.id}:e1`;
        const storyId = (await store.storiesOfEvents([id])).get(id)!;
        await store.putOverride(id, { verdict: 'correct', analyst: 'ana', correction: { casualties: { killed: 7 } } });
        const story = (await store.getStory(storyId))!;
        assert.ok(story.mentionKeys.includes(id), 'the corrected event stays in its story');
        assert.equal(story.casualties.killed?.reports.find((r) => r.docId === docs.second.id)?.min, 7);
        assert.equal(story.casualties.killed?.high, 7);

        await store.putOverride(`${docs.first.id}:e1`, { verdict: 'accept', analyst: 'bo' });
        const accepted = (await store.queryEvents({ docId: docs.first.id }))[0]!;
        assert.equal(accepted.event.review?.verdict, 'accept');
        assert.equal(accepted.event.plover, 'ASSAULT');
      } finally {
        await store.close();
      }
    });

    test('an override survives re-coding: it follows the trigger, not the event id or position, and waits when no event has it', async () => {
      const source = await makeStore();
      const target = await makeStore();
      try {
        const { first, recoded } = codings();
        await source.putDocs([first]);
        await source.putOverride(`${first.id}:ev1`, { verdict: 'correct', analyst: 'ana', correction: { casualties: { killed: 3 } } });
        await source.putOverride(`${first.id}:ev2`, { verdict: 'reject', analyst: 'ana' });
        const carried = await source.listOverrides();
        const orphan = { ...carried[0]!, anchor: { start: 1, end: 2 }, eventId: undefined };
        assert.equal(await target.importOverrides([...carried, orphan]), 3);
        assert.deepEqual((await target.listOverrides()).map((o) => o.eventId), [undefined, undefined, undefined], 'no document yet');

        await target.putDocs([recoded]);
        const events = await target.queryEvents({ docId: recoded.id });
        assert.deepEqual(events.map((e) => [e.event.id, e.event.trigger.text, e.event.casualties?.killed?.min, e.event.review?.verdict]), [
          ['ev1', 'Monday', undefined, undefined],
          ['ev2', 'shelled', 3, 'correct'],
        ], 'the new ev2 is the shelling; the meeting (now ev3) stays rejected');
        const listed = await target.listOverrides();
        assert.deepEqual(listed.map((o) => o.eventId).sort(), [`${recoded.id}:ev2`, `${recoded.id}:ev3`, undefined].sort());
        assert.equal(listed.find((o) => o.eventId === `${recoded.id}:ev2`)?.machine?.confidence, 0.8, 'the new coding is what undo restores');
      } finally {
        await source.close();
        await target.close();
      }
    });

    test('bad verdicts are refused with a clear message and change nothing', async () => {
      const store = await makeStore();
      try {
        const { first } = codings();
        await store.putDocs([first]);
        await assert.rejects(store.putOverride(`${first.id}:ev9`, { verdict: 'accept', analyst: 'ana' }), /no stored event/);
        await assert.rejects(store.putOverride('nonsense', { verdict: 'accept', analyst: 'ana' }), /no stored event/);
        await assert.rejects(store.putOverride(`${first.id}:ev1`, { verdict: 'correct', analyst: 'ana' }), /at least one corrected field/);
        await assert.rejects(store.putOverride(`${first.id}:ev1`, { verdict: 'correct', analyst: 'ana', correction: { plover: 'DANCE' } }), /unknown PLOVER type/);
        await assert.rejects(store.putOverride(`${first.id}:ev1`, { verdict: 'accept', analyst: '' }), /analyst/);
        await assert.rejects(store.putOverride(`${first.id}:ev1`, { verdict: 'correct', analyst: 'a', correction: { date: 'yesterday' } }), /YYYY/);
        assert.deepEqual(await store.listOverrides(), []);
        assert.equal((await store.queryEvents({ docId: first.id }))[0]?.event.review, undefined);
      } finally {
        await store.close();
      }
    });
  });
}
