/**
 * The listing part of the Store contract: keyset pages that return every row once, the confidence and
 * radius filters, participant and place counts, and the story change feed a server streams from.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contractDocs } from './store.contract.js';
import { followUpDocs, storyDocs } from './stories.contract.js';
import { StoreError, type Page, type Store } from './store.js';
import { collectItems, collectSeries, collectSeriesJson, type ItemSelection } from '../trends/collect.js';
import { buildSeries, PERIODS } from '../trends/series.js';

async function walk<T>(fetch: (after: string | undefined) => Promise<Page<T>>, maxPages = 100): Promise<T[][]> {
  const pages: T[][] = [];
  let after: string | undefined;
  do {
    const page = await fetch(after);
    pages.push(page.items);
    after = page.next;
  } while (after !== undefined && pages.length < maxPages);
  return pages;
}

export function runPagesContract(name: string, makeStore: () => Promise<Store> | Store): void {
  describe(`Store contract, pages: ${name}`, () => {
    test('event pages walk every event once, in query order, and end without a cursor', async () => {
      const store = await makeStore();
      try {
        const docs = contractDocs();
        await store.putDocs(Object.values(docs));
        const all = (await store.queryEvents({ limit: 100 })).map((e) => e.id);
        for (const limit of [1, 2, 3, 4, 10]) {
          const pages = await walk((after) => store.pageEvents({ limit }, after));
          assert.deepEqual(pages.flat().map((e) => e.id), all, `pages of ${limit}`);
          assert.ok(pages.every((page) => page.length <= limit));
          assert.equal(pages.length, Math.ceil(all.length / limit));
        }
        const assaults = await walk((after) => store.pageEvents({ plover: 'ASSAULT', limit: 1 }, after));
        assert.deepEqual(assaults.flat().map((e) => e.event.plover), ['ASSAULT', 'ASSAULT']);
        const first = await store.pageEvents({ limit: 2 });
        assert.ok(first.next);
        await assert.rejects(store.pageEvents({}, 'not-a-cursor'), StoreError);
        await assert.rejects(store.pageEvents({ offset: 1 }, first.next), StoreError);
        const stories = await store.pageStories({ limit: 1 });
        if (stories.next) await assert.rejects(store.pageEvents({}, stories.next), StoreError, 'a story cursor is not an event cursor');
      } finally {
        await store.close();
      }
    });

    test('an event page as JSON is the page serialised, on every page, filtered or not', async () => {
      const store = await makeStore();
      try {
        await store.putDocs(Object.values(contractDocs()));
        for (const filter of [{ limit: 1 }, { limit: 2 }, { plover: 'ASSAULT', limit: 1 }, { limit: 100 }, { country: 'NOWHERE' }]) {
          let after: string | undefined;
          let pages = 0;
          do {
            const page = await store.pageEvents(filter, after);
            assert.equal(await store.pageEventsJson(filter, after), JSON.stringify(page), `${JSON.stringify(filter)} after ${after}`);
            after = page.next;
            pages += 1;
          } while (after !== undefined && pages < 100);
        }
        await assert.rejects(store.pageEventsJson({}, 'not-a-cursor'), StoreError);
      } finally {
        await store.close();
      }
    });

    test('series from the grouped counts equal series built item by item, and the change token moves with writes', async () => {
      const store = await makeStore();
      try {
        const token = await store.changeToken();
        await store.putDocs([...Object.values(contractDocs()), ...Object.values(storyDocs())]);
        assert.notEqual(await store.changeToken(), token, 'a write moves the token');
        const selections: ItemSelection[] = [
          {}, { mentions: true }, { plover: 'ASSAULT' }, { mentions: true, plover: 'ASSAULT' }, { country: 'SLD' },
          { mentions: true, country: 'SLD' }, { from: '2031-03-01', to: '2031-03-31' }, { mentions: true, from: '2031-03-01' }, { plover: 'NOTHING' },
          { country: 'SLD', plover: 'ASSAULT', to: '2031-03-10' }, { dyad: ['SLD', 'NLD'] }, { mentions: true, dyad: ['SLD', 'NLD'] },
        ];
        const checkSelections = async (when: string) => {
          for (const selection of selections) {
            const items = await collectItems(store, selection);
            for (const by of PERIODS) {
              const expected = buildSeries(items, by);
              const series = await collectSeries(store, selection, by);
              assert.deepEqual(series, expected, `${JSON.stringify(selection)} by ${by} ${when}`);
              // The JSON the API sends: the same series, byType keys in type order rather than in the items' order.
              assert.deepEqual(JSON.parse(await collectSeriesJson(store, selection, by)), JSON.parse(JSON.stringify(expected)), `JSON of ${JSON.stringify(selection)} by ${by} ${when}`);
            }
          }
        };
        await checkSelections('at first');
        assert.ok((await store.seriesCounts({ mentions: true })).length > 0);
        // Later reports grow, merge and re-date stories: the counts follow.
        await store.putDocs(Object.values(followUpDocs()));
        await checkSelections('after follow-ups');
        const quiet = await store.changeToken();
        assert.equal(await store.changeToken(), quiet, 'reads leave it');
      } finally {
        await store.close();
      }
    });

    test('a page after the cursor is the same when events are stored in between', async () => {
      const store = await makeStore();
      try {
        const { shelling, talks, protest } = contractDocs();
        await store.putDocs([shelling, protest]);
        const first = await store.pageEvents({ limit: 1 });
        await store.putDocs([talks]);
        const rest = await walk((after) => store.pageEvents({ limit: 1 }, after ?? first.next));
        const seen = [...first.items, ...rest.flat()].map((e) => e.id);
        assert.equal(new Set(seen).size, seen.length, 'no event twice');
        assert.deepEqual(seen, [`${shelling.id}:e1`, `${shelling.id}:e2`, `${protest.id}:e1`]);
      } finally {
        await store.close();
      }
    });

    test('filters events by minimum confidence and by radius around a point', async () => {
      const store = await makeStore();
      try {
        const docs = contractDocs();
        await store.putDocs(Object.values(docs));
        assert.equal(await store.countEvents({ minConfidence: 0.85 }), 1);
        assert.equal(await store.countEvents({ minConfidence: 0.6 }), 3);
        assert.equal(await store.countEvents({ minConfidence: 0 }), 4);
        const nearVell = await store.queryEvents({ near: { lat: 41.55, lon: 22.3, km: 10 } });
        assert.deepEqual(nearVell.map((e) => e.event.location?.name), ['Vell']);
        assert.equal(await store.countEvents({ near: { lat: 41.55, lon: 22.3, km: 5 } }), 0, 'Vell is about 7 km away');
        assert.equal(await store.countEvents({ near: { lat: 46.2, lon: 6.15, km: 0 } }), 1);
        assert.equal(await store.countEvents({ near: { lat: 44, lon: 14, km: 1000 } }), 2);
        assert.equal(await store.countEvents({ near: { lat: 0, lon: 179.9, km: 100 } }), 0, 'a box across the antimeridian');
        await assert.rejects(store.countEvents({ minConfidence: 2 }), StoreError);
        await assert.rejects(store.countEvents({ near: { lat: 91, lon: 0, km: 1 } }), StoreError);
        await assert.rejects(store.countEvents({ near: { lat: 0, lon: 0, km: -1 } }), StoreError);
      } finally {
        await store.close();
      }
    });

    test('story pages walk every story once; stories filter by confidence, radius and text', async () => {
      const store = await makeStore();
      try {
        const docs = storyDocs();
        await store.putDocs(Object.values(docs));
        const all = (await store.queryStories({ limit: 100 })).map((s) => s.id);
        assert.equal(all.length, 3);
        const pages = await walk((after) => store.pageStories({ limit: 1 }, after));
        assert.deepEqual(pages.flat().map((s) => s.id), all);
        assert.equal(pages.length, 3);
        const doran = await store.pageStories({ near: { lat: 44, lon: 25, km: 50 } });
        assert.deepEqual(doran.items.map((s) => s.place?.name), ['Doran']);
        assert.deepEqual((await store.pageStories({ text: 'Doran' })).items.map((s) => s.place?.name), ['Doran']);
        assert.equal((await store.pageStories({ text: 'ceasefire' })).items.length, 0);
        assert.equal((await store.pageStories({ text: '***' })).items.length, 0);
        const confident = await store.pageStories({ minConfidence: 0.7 });
        assert.ok(confident.items.length > 0 && confident.items.length < 3, 'the story with independent sources only');
        assert.ok(confident.items.every((s) => s.confidence >= 0.7));
        assert.equal(await store.countStories({ minConfidence: 0.7 }), confident.items.length);
        await assert.rejects(store.pageStories({}, 'bm90LWEta2V5'), StoreError);
      } finally {
        await store.close();
      }
    });

    test('document pages list newest stored first, with metadata, and search text', async () => {
      const store = await makeStore();
      try {
        const docs = contractDocs();
        await store.putDocs([docs.shelling, docs.talks]);
        await store.putDocs([docs.protest, docs.skipped]);
        const pages = await walk((after) => store.pageDocs({ limit: 3 }, after));
        assert.deepEqual(pages.map((page) => page.length), [3, 1]);
        assert.deepEqual(pages.flat().map((d) => d.id), [docs.skipped, docs.protest, docs.talks, docs.shelling].map((d) => d.id));
        const shelling = pages.flat()[3]!;
        assert.equal(shelling.title, 'Shelling hits Vell');
        assert.equal(shelling.events, 2);
        assert.equal(pages.flat()[0]!.skip?.ruleId, 'not-english');
        assert.deepEqual((await store.pageDocs({ text: 'ceasefire' })).items.map((d) => d.id), [docs.talks.id]);
      } finally {
        await store.close();
      }
    });

    test('counts the participants and places of the matching events', async () => {
      const store = await makeStore();
      try {
        await store.putDocs(Object.values(contractDocs()));
        const actors = await store.actors();
        const northland = actors.find((a) => a.key === 'country:NLD');
        assert.deepEqual(northland, { key: 'country:NLD', name: 'Northland artillery', code: 'NLDMIL', country: 'NLD', asActor: 1, asRecipient: 0 });
        assert.equal(actors.find((a) => a.key === 'NLDGOV')?.asRecipient, 1);
        assert.equal(actors.length, 6);
        assert.equal((await store.actors({ plover: 'ASSAULT' })).length, 3);
        assert.equal((await store.actors({}, 2)).length, 2);
        const places = await store.places();
        assert.deepEqual(places.map((p) => [p.name, p.country, p.count]).sort(), [['Geneva', 'CHE', 1], ['Vell', 'SLD', 1]]);
        assert.deepEqual((await store.places({ country: 'CHE' })).map((p) => [p.name, p.lat, p.lon]), [['Geneva', 46.2, 6.15]]);
      } finally {
        await store.close();
      }
    });

    test('story updates name the stories that gained a mention after a cursor', async () => {
      const store = await makeStore();
      try {
        const docs = storyDocs();
        const start = await store.storyUpdates();
        assert.deepEqual(start.stories, []);
        await store.putDocs([docs.first]);
        const first = await store.storyUpdates(start.cursor);
        assert.deepEqual(first.stories.map((s) => s.mentions), [1]);
        await store.putDocs([docs.second, docs.elsewhere]);
        const second = await store.storyUpdates(first.cursor);
        assert.equal(second.stories.length, 2);
        assert.ok(second.stories.some((s) => s.place?.name === 'Vell' && s.mentions === 2), 'the grown story, as it is now');
        const quiet = await store.storyUpdates(second.cursor);
        assert.deepEqual(quiet, { stories: [], cursor: second.cursor });
        const limited = await store.storyUpdates(start.cursor, 1);
        assert.equal(limited.stories.length, 1);
        assert.equal((await store.storyUpdates(limited.cursor)).stories.length, 2);
        await assert.rejects(store.storyUpdates('-1'), StoreError);
      } finally {
        await store.close();
      }
    });
  });
}
