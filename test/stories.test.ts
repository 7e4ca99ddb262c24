/**
 * Stories on real text: the seed article (one story per real-world event) and a sample of the Gun
 * Violence Archive articles ingested in different orders. Both are read by path from ../shared and
 * skipped when it is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createEngine, openStore, type Doc, type Store } from '../src/index.js';
import { codeItems, incidentHalf, type StoriesItem } from '../src/eval/stories.js';
import { hash32 } from '../src/eval/metrics.js';
import { sharedDir } from './paths.js';

const shared = sharedDir();
const seedPath = shared ? join(shared, 'seed', 'article.txt') : undefined;
const gvaPath = shared ? join(shared, 'gold', 'casualties', 'gva.jsonl') : undefined;
const seedSkip = !seedPath || !existsSync(seedPath) ? 'shared/seed/article.txt is absent: seed stories test skipped' : false;
const gvaSkip = !gvaPath || !existsSync(gvaPath) ? 'shared/gold/casualties/gva.jsonl is absent: GVA order test skipped' : false;

async function storesOf(docs: readonly Doc[], batch: number): Promise<Store> {
  const store = await openStore('sqlite::memory:');
  for (let i = 0; i < docs.length; i += batch) await store.putDocs(docs.slice(i, i + batch));
  return store;
}

async function snapshot(store: Store, docs: readonly Doc[]) {
  const ids = docs.flatMap((doc) => (doc.layers.events ?? []).map((e) => `${doc.id}:${e.id}`)).sort();
  const stories = await store.queryStories({ limit: 100_000 });
  return { stories, ofEvents: [...(await store.storiesOfEvents(ids))].sort() };
}

describe('the seed article: one story per real-world event', { skip: seedSkip }, () => {
  test('fighting, talks, rejection, threats and appeal are separate stories; the fighting is one', async () => {
    const text = readFileSync(seedPath!, 'utf8');
    const engine = createEngine();
    const doc = engine.extract({ content: text, kind: 'text', published: '2020-10-09', url: 'https://first.test/seed' });
    const copy = engine.extract({ content: text, kind: 'text', published: '2020-10-10', url: 'https://second.test/seed' });
    const store = await openStore('sqlite::memory:');
    try {
      await store.putDocs([doc]);
      const events = doc.layers.events ?? [];
      const storyOf = await store.storiesOfEvents(events.map((e) => `${doc.id}:${e.id}`));
      const typesOf = new Map<string, Set<string>>();
      for (const event of events) {
        const story = storyOf.get(`${doc.id}:${event.id}`);
        assert.ok(story, `${event.plover} ${event.id} has a story`);
        typesOf.set(story, (typesOf.get(story) ?? new Set()).add(event.plover));
      }
      for (const types of typesOf.values()) assert.equal(types.size, 1, `one story mixes ${[...types].join(' + ')}`);
      const storiesOfType = (type: string) => new Set(events.filter((e) => e.plover === type).map((e) => storyOf.get(`${doc.id}:${e.id}`)));
      for (const type of ['ASSAULT', 'CONSULT', 'REJECT', 'THREATEN', 'REQUEST']) assert.ok(storiesOfType(type).size >= 1, `a ${type} story`);
      assert.equal(storiesOfType('ASSAULT').size, 1, 'the fighting is one story');
      const fighting = await store.getStory([...storiesOfType('ASSAULT')][0]!);
      const fightingEvent = events.find((e) => e.plover === 'ASSAULT')!;
      assert.ok(fightingEvent.evidence.sentences.length >= 2, 'both reports of the fighting are the evidence of its one mention');
      assert.equal(fighting?.mentions, events.filter((e) => e.plover === 'ASSAULT').length);
      assert.equal(fighting?.place?.name.includes('Karabakh'), true);
      assert.equal(fighting?.date?.value, '2020-09-27');

      const before = await store.countStories();
      await store.putDocs([copy]);
      assert.equal(await store.countStories(), before, 'a second outlet running the article joins each story, adds none');
      const joined = await store.getStory(fighting!.id);
      assert.equal(joined?.documents, 2);
      assert.equal(joined?.sources, 1, 'a syndicated copy is not an independent source');
    } finally {
      await store.close();
    }
  });
});

describe('GVA articles in different orders give the same stories', { skip: gvaSkip }, () => {
  test('60 articles of 20 incidents: file order, reversed and shuffled, in different batch sizes', async () => {
    const items = readFileSync(gvaPath!, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as StoriesItem);
    const byIncident = new Map<string, StoriesItem[]>();
    for (const item of items) {
      if (incidentHalf(item.incident_id) !== 'even') continue;
      byIncident.set(String(item.incident_id), [...(byIncident.get(String(item.incident_id)) ?? []), item]);
    }
    const sample = [...byIncident.values()].filter((group) => group.length >= 3).slice(0, 20).flatMap((group) => group.slice(0, 3));
    assert.equal(sample.length, 60);
    const docs = codeItems(sample);
    const shuffled = [...docs].sort((a, b) => hash32(a.id) - hash32(b.id));
    const stores = [await storesOf(docs, 200), await storesOf([...docs].reverse(), 7), await storesOf(shuffled, 1)];
    try {
      const [first, ...others] = await Promise.all(stores.map((store) => snapshot(store, docs)));
      assert.ok(first!.stories.some((story) => story.documents >= 2), 'some story joins several articles');
      assert.ok(first!.ofEvents.length > 60);
      for (const other of others) {
        assert.deepEqual(other.ofEvents, first!.ofEvents);
        assert.deepEqual(other.stories, first!.stories);
      }
    } finally {
      for (const store of stores) await store.close();
    }
  });
});
