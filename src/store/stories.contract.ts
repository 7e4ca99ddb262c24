/**
 * The stories part of the Store contract: every backend files stored events into the same stories,
 * whatever the order documents arrive in, with merges that redirect the ids that disappear.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDoc } from '../doc/doc.js';
import type { Doc, Event, EventParticipant } from '../doc/types.js';
import type { Story, StoryWithMentions } from '../fuse/types.js';
import type { Store } from './store.js';

function party(text: string, code: string, country: string): EventParticipant {
  return { text, start: 0, end: text.length, code, country, kbId: `country:${country}` };
}

interface ReportSpec {
  text: string;
  url: string;
  published: string;
  plover?: string;
  place?: { name: string; lat: number; lon: number };
  date?: { value: string; granularity: 'day' | 'month'; basis: 'event' | 'document' };
  killed?: number;
  injured?: number;
  negated?: boolean;
}

/** A one-event document whose evidence sentence is its whole text. */
export function report(spec: ReportSpec): Doc {
  const doc = createDoc(spec.text, { url: spec.url, published: spec.published, language: 'eng' });
  const event: Event = {
    id: 'e1', plover: spec.plover ?? 'ASSAULT', cameo: spec.plover === 'CONSULT' ? '043' : '195', quadClass: 4, goldstein: -10,
    actors: [party('Northland artillery', 'NLDMIL', 'NLD')], recipients: [party('Southland', 'SLD', 'SLD')],
    negated: spec.negated ?? false, future: false, hypothetical: false, historical: false, confidence: 0.6,
    trigger: { start: 0, end: 5, text: spec.text.slice(0, 5) }, evidence: { sentences: [{ start: 0, end: spec.text.length, index: 0 }] },
    pattern: 'test',
  };
  if (spec.place) event.location = { name: spec.place.name, country: 'SLD', lat: spec.place.lat, lon: spec.place.lon, from: 'sentence', resolution: 'city' };
  if (spec.date) event.date = spec.date;
  const figure = (n: number) => ({ min: n, exact: true, text: String(n), quantity: 'n1' });
  if (spec.killed !== undefined || spec.injured !== undefined) {
    event.casualties = {};
    if (spec.killed !== undefined) event.casualties.killed = figure(spec.killed);
    if (spec.injured !== undefined) event.casualties.injured = figure(spec.injured);
  }
  doc.layers.events = [event];
  return doc;
}

const VELL = { name: 'Vell', lat: 41.5, lon: 22.25 };
const DORAN = { name: 'Doran', lat: 44.0, lon: 25.0 };
const MONDAY = { value: '2031-03-10', granularity: 'day', basis: 'event' } as const;

/** Reports of one shelling of Vell (four outlets, one a syndicated copy), another shelling far away, and talks. */
export function storyDocs(): Record<'first' | 'second' | 'copy' | 'followUp' | 'elsewhere' | 'talks' | 'denial', Doc> {
  const firstText = 'Northland artillery shelled the border town of Vell on Monday, killing four civilians and wounding nine.';
  return {
    first: report({ text: firstText, url: 'https://alpha.test/vell', published: '2031-03-11', place: VELL, date: MONDAY, killed: 4, injured: 9 }),
    second: report({
      text: 'Four civilians were killed and nine wounded in Vell when Northland artillery shelled the border town on Monday.',
      url: 'https://beta.test/news/1', published: '2031-03-11', place: VELL, date: MONDAY, killed: 4, injured: 9,
    }),
    copy: report({ text: firstText, url: 'https://www.gamma.test/wire/vell', published: '2031-03-12', place: VELL, date: MONDAY, killed: 4, injured: 9 }),
    followUp: report({
      text: 'The death toll from the shelling of Vell by Northland artillery on Monday rose to six civilians.',
      url: 'https://alpha.test/vell-toll', published: '2031-03-13', place: VELL, date: { ...MONDAY, basis: 'document' }, killed: 6,
    }),
    elsewhere: report({
      text: 'Northland artillery also shelled Doran on Monday, killing two soldiers.',
      url: 'https://beta.test/news/2', published: '2031-03-11', place: DORAN, date: MONDAY, killed: 2,
    }),
    talks: report({
      text: 'Envoys of Northland and Southland met in Vell on Monday to discuss the shelling.', plover: 'CONSULT',
      url: 'https://delta.test/talks', published: '2031-03-11', place: VELL, date: MONDAY,
    }),
    denial: report({
      text: 'Northland denied that its artillery shelled Vell on Monday.', negated: true,
      url: 'https://delta.test/denial', published: '2031-03-11', place: VELL, date: MONDAY,
    }),
  };
}

/** Names the document's people in full, as the actors stage does: their surnames are what follow-ups share. */
function naming(doc: Doc, people: readonly string[]): Doc {
  doc.layers.actors = people.map((name, i) => ({ id: `a${i + 1}`, name, type: 'PERSON' as const, mentions: [] }));
  return doc;
}

const VICTIMS = ['Ana Marek', 'Ivo Dalca', 'Petra Sorin'];

/**
 * A shelling, the report of a trial over it eight months later whose sentence dates nothing (a follow-up
 * naming its victims), and two such reports that are no follow-up: one naming two of the victims only, one
 * published three years later.
 */
export function followUpDocs(): Record<'original' | 'trial' | 'twoNames' | 'yearsLater', Doc> {
  const trial = 'Northland artillery officers went on trial over the shelling of Vell.';
  return {
    original: naming(report({ text: 'Northland artillery shelled the border town of Vell on Monday, killing four civilians.', url: 'https://alpha.test/vell',
      published: '2031-03-11', place: VELL, date: MONDAY, killed: 4 }), [...VICTIMS, 'Mira Kolar']),
    trial: naming(report({ text: trial, url: 'https://beta.test/trial', published: '2031-11-20', place: VELL }), [...VICTIMS, 'Judge Tom Bera']),
    twoNames: naming(report({ text: trial, url: 'https://gamma.test/trial', published: '2032-02-10', place: VELL }), VICTIMS.slice(0, 2)),
    yearsLater: naming(report({ text: trial, url: 'https://delta.test/trial', published: '2034-06-02', place: VELL }), VICTIMS),
  };
}

const eventId = (doc: Doc) => `${doc.id}:e1`;

async function storySet(store: Store): Promise<Story[]> {
  return store.queryStories({ limit: 1000 });
}

/** Another coding of a stored document: the same text, coded by a later version of its events stage. */
function recoded(doc: Doc, change: (event: Event) => void): Doc {
  const copy = structuredClone(doc);
  for (const event of copy.layers.events ?? []) change(event);
  copy.provenance.push({ stage: 'events', version: 2, ms: 0, at: '2031-04-01T00:00:00.000Z', status: 'ok' });
  return copy;
}

/** The stories with their mentions: what a store that was given these codings last should hold. */
async function storiesWithMentions(store: Store): Promise<StoryWithMentions[]> {
  const stories = await storySet(store);
  return Promise.all(stories.map(async (story) => (await store.getStory(story.id))!));
}

export function runStoriesContract(name: string, makeStore: () => Promise<Store> | Store): void {
  describe(`Store contract, stories: ${name}`, () => {
    test('a follow-up months later that names the victims joins the incident, whichever is stored first', async () => {
      const docs = followUpDocs();
      const orders = [Object.values(docs), [...Object.values(docs)].reverse(), [docs.trial, docs.twoNames, docs.original, docs.yearsLater]];
      const results: Array<[Map<string, string>, Story[]]> = [];
      for (const order of orders) {
        const store = await makeStore();
        try {
          for (const doc of order) await store.putDocs([doc]);
          results.push([await store.storiesOfEvents(Object.values(docs).map(eventId)), await storySet(store)]);
        } finally {
          await store.close();
        }
      }
      const [stories] = results[0]!;
      assert.equal(stories.get(eventId(docs.trial)), stories.get(eventId(docs.original)), 'the trial report follows up the shelling');
      assert.notEqual(stories.get(eventId(docs.twoNames)), stories.get(eventId(docs.original)), 'two shared names are not enough');
      assert.notEqual(stories.get(eventId(docs.yearsLater)), stories.get(eventId(docs.original)), 'three years on is past the span');
      for (const result of results.slice(1)) assert.deepEqual(result, results[0], 'the order of arrival changes nothing');
    });

    test('reports of one event are one story; another place, another type and a denial are not', async () => {
      const store = await makeStore();
      try {
        const docs = storyDocs();
        await store.putDocs(Object.values(docs));
        const stories = await store.storiesOfEvents(Object.values(docs).map(eventId).concat(['no-such:e1']));
        const vell = stories.get(eventId(docs.first));
        assert.ok(vell);
        for (const doc of [docs.second, docs.copy, docs.followUp]) assert.equal(stories.get(eventId(doc)), vell);
        assert.notEqual(stories.get(eventId(docs.elsewhere)), vell);
        assert.notEqual(stories.get(eventId(docs.talks)), vell);
        assert.equal(stories.has(eventId(docs.denial)), false, 'an event the text denies is no story');
        assert.equal(stories.has('no-such:e1'), false);
        assert.equal(await store.countStories(), 3);

        const story = (await store.getStory(vell)) as StoryWithMentions;
        // Named by its earliest-published report: first and second came out on the 11th, copy and followUp later.
        assert.equal(story.id, [docs.first, docs.second].map(eventId).sort()[0]);
        assert.equal(story.plover, 'ASSAULT');
        assert.equal(story.mentions, 4);
        assert.equal(story.documents, 4);
        assert.equal(story.sources, 2, 'alpha.test twice and a syndicated copy of its text count as one source');
        assert.deepEqual(story.mentionKeys, [docs.first, docs.second, docs.copy, docs.followUp].map(eventId).sort());
        assert.equal(story.place?.name, 'Vell');
        assert.equal(story.place?.evidence.support, 4);
        assert.equal(story.date?.value, '2031-03-10');
        assert.equal(story.date?.basis, 'event');
        assert.equal(story.firstSeen, '2031-03-11');
        assert.equal(story.lastSeen, '2031-03-13');
        const killed = story.casualties.killed!;
        assert.deepEqual([killed.low, killed.best, killed.high], [4, 4, 6], 'a tie between sources\' tolls goes to the lower killed');
        assert.equal(killed.reports.length, 2);
        assert.deepEqual(killed.reports.map((r) => r.min).sort(), [4, 6], 'each source reports its largest figure');
        assert.equal(story.casualties.injured?.best, 9);
        assert.ok(story.confidence > 0.6 && story.confidence < 1, 'two agreeing sources raise the confidence above either');
        assert.ok(story.actors.some((a) => a.key === 'country:nld'));
      } finally {
        await store.close();
      }
    });

    test('filters stories by type, country, actor, date and number of documents', async () => {
      const store = await makeStore();
      try {
        await store.putDocs(Object.values(storyDocs()));
        assert.equal((await store.queryStories({ plover: 'consult' })).length, 1);
        assert.equal((await store.queryStories({ country: 'sld' })).length, 3);
        assert.equal((await store.queryStories({ actor: 'NLD' })).length, 3);
        assert.equal((await store.queryStories({ actor: 'country:nld', plover: 'ASSAULT' })).length, 2);
        assert.equal((await store.queryStories({ minDocuments: 2 })).length, 1);
        assert.equal((await store.queryStories({ from: '2031-03-11' })).length, 0);
        assert.equal((await store.queryStories({ from: '2031-03-10', to: '2031-03-10' })).length, 3);
        assert.equal(await store.countStories({ plover: 'ASSAULT' }), 2);
        assert.equal((await store.queryStories({ limit: 1, offset: 1 })).length, 1);
      } finally {
        await store.close();
      }
    });

    test('the stories do not depend on the order documents arrive in, nor on batching', async () => {
      const docs = Object.values(storyDocs());
      const forward = await makeStore();
      const backward = await makeStore();
      try {
        for (const doc of docs) await forward.putDocs([doc]);
        await backward.putDocs([...docs].reverse());
        await backward.putDocs(docs);
        assert.deepEqual(await storySet(backward), await storySet(forward));
      } finally {
        await forward.close();
        await backward.close();
      }
    });

    test('a document coded anew leaves the stories a fresh ingest of the new codings gives', async () => {
      const early = report({
        text: 'Northland artillery shelled the border town of Vell on Monday.', url: 'https://alpha.test/1',
        published: '2031-03-11', place: VELL, date: MONDAY,
      });
      const late = report({
        text: 'Northland artillery shelled the border town of Vell again on Tuesday of the next week.', url: 'https://beta.test/2',
        published: '2031-03-19', place: VELL, date: { value: '2031-03-18', granularity: 'day', basis: 'event' },
      });
      const bridge = report({
        text: 'Northland artillery shelled the border town of Vell in March.', url: 'https://gamma.test/3',
        published: '2031-04-02', place: VELL, date: { value: '2031-03', granularity: 'month', basis: 'event' },
      });
      const docs = storyDocs();
      // The month-long report no longer links the two shellings once placed in Doran; the first report of
      // the Vell shelling becomes talks, leaving its story to the other reports and joining the talks.
      const bridgeElsewhere = recoded(bridge, (event) => {
        event.location = { name: DORAN.name, country: 'SLD', lat: DORAN.lat, lon: DORAN.lon, from: 'sentence', resolution: 'city' };
      });
      const firstAsTalks = recoded(docs.first, (event) => {
        event.plover = 'CONSULT';
        event.cameo = '043';
        delete event.casualties;
      });
      const incremental = await makeStore();
      const fresh = await makeStore();
      try {
        await incremental.putDocs([early, late, bridge, ...Object.values(docs)]);
        assert.equal((await incremental.storiesOfEvents([eventId(early)])).get(eventId(early)),
          (await incremental.storiesOfEvents([eventId(late)])).get(eventId(late)), 'linked before the new coding');
        const again = await incremental.putDocs([bridgeElsewhere, firstAsTalks, docs.second]);
        assert.deepEqual(again, { inserted: 2, duplicates: 1, nearDuplicates: 0, events: 2, recoded: 2 });
        const current = { ...docs, first: firstAsTalks };
        await fresh.putDocs([early, late, bridgeElsewhere, ...Object.values(current)]);
        assert.deepEqual(await storiesWithMentions(incremental), await storiesWithMentions(fresh));
        assert.equal(await incremental.countEvents(), await fresh.countEvents());
        assert.equal((await incremental.getDoc(docs.first.id))?.layers.events?.[0]?.plover, 'CONSULT');
        const split = await incremental.storiesOfEvents([eventId(early), eventId(late)]);
        assert.notEqual(split.get(eventId(early)), split.get(eventId(late)), 'two stories again');
        // The old story id still finds a story; coding the report back as it was gives the first stories again.
        const vellBefore = [docs.first, docs.second].map(eventId).sort()[0]!;
        assert.ok(await incremental.getStory(vellBefore));
        await incremental.putDocs([{ ...structuredClone(docs.first), provenance: [...firstAsTalks.provenance, firstAsTalks.provenance[0]!] }]);
        const back = await makeStore();
        try {
          await back.putDocs([early, late, bridgeElsewhere, ...Object.values(docs)]);
          assert.deepEqual(await storiesWithMentions(incremental), await storiesWithMentions(back));
        } finally {
          await back.close();
        }
      } finally {
        await incremental.close();
        await fresh.close();
      }
    });

    test('a report that links two stories merges them, and the id that disappears redirects', async () => {
      const early = report({
        text: 'Northland artillery shelled the border town of Vell on Monday.', url: 'https://alpha.test/1',
        published: '2031-03-11', place: VELL, date: MONDAY,
      });
      const late = report({
        text: 'Northland artillery shelled the border town of Vell again on Tuesday of the next week.', url: 'https://beta.test/2',
        published: '2031-03-19', place: VELL, date: { value: '2031-03-18', granularity: 'day', basis: 'event' },
      });
      const month = report({
        text: 'Northland artillery shelled the border town of Vell in March.', url: 'https://gamma.test/3',
        published: '2031-04-02', place: VELL, date: { value: '2031-03', granularity: 'month', basis: 'event' },
      });
      const store = await makeStore();
      try {
        await store.putDocs([early, late]);
        const before = await store.storiesOfEvents([eventId(early), eventId(late)]);
        assert.equal(before.size, 2);
        assert.notEqual(before.get(eventId(early)), before.get(eventId(late)), 'eight days apart, two stories');
        await store.putDocs([month]);
        const after = await store.storiesOfEvents([eventId(early), eventId(late), eventId(month)]);
        // The merged story is named by its earliest-published report, whatever its key.
        const merged = eventId(early);
        assert.deepEqual([...new Set(after.values())], [merged]);
        assert.equal(await store.countStories(), 1);
        for (const old of before.values()) assert.equal((await store.getStory(old))?.id, merged, `${old} redirects`);
        assert.equal(await store.getStory('no-such-story'), undefined);
      } finally {
        await store.close();
      }
    });
  });
}
