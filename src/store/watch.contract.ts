/**
 * The watch-state part of the Store contract: sources are added once and keep their cursors; an item is
 * seen only with its document stored in the same transaction; failed items are tried again a bounded
 * number of times.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDoc } from '../doc/doc.js';
import type { Store } from './store.js';
import { MAX_ITEM_ATTEMPTS } from './watch-state.js';

const FEED = 'http://news.test/feed.xml';

export function runWatchContract(name: string, makeStore: () => Promise<Store> | Store, options: { reopen?: (closed: Store) => Promise<Store> } = {}): void {
  describe(`Store contract, watch state: ${name}`, () => {
    test('sources are added once, due at once, and keep the cursor a poll writes', async () => {
      const store = await makeStore();
      try {
        assert.equal(await store.addWatchSources([{ url: FEED, title: 'Wire' }, { url: 'http://news.test/b.xml' }], 600_000), 2);
        assert.equal(await store.addWatchSources([{ url: FEED }], 1000), 0, 'a source already followed is not added again');
        await store.updateWatchSource(FEED, { etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT', nextPollAt: '2026-12-01T10:10:00.000Z', intervalMs: 300_000, failures: 0, lastSuccessAt: '2026-12-01T10:00:00.000Z' });
        await store.updateWatchSource(FEED, { lastError: 'HTTP 503', lastErrorAt: '2026-12-01T10:05:00.000Z', failures: 1 });
        const sources = await store.listWatchSources();
        const feed = sources.find((s) => s.url === FEED);
        const other = sources.find((s) => s.url !== FEED);
        assert.equal(other?.url, 'http://news.test/b.xml');
        assert.equal(other?.intervalMs, 600_000);
        assert.ok(other && Date.parse(other.nextPollAt) <= Date.now(), 'a new source is due at once');
        assert.deepEqual({ ...feed, addedAt: undefined }, {
          url: FEED, title: 'Wire', addedAt: undefined, etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT', nextPollAt: '2026-12-01T10:10:00.000Z',
          intervalMs: 300_000, failures: 1, lastSuccessAt: '2026-12-01T10:00:00.000Z', lastError: 'HTTP 503', lastErrorAt: '2026-12-01T10:05:00.000Z', items: 0, itemsLastWeek: 0,
        });
        await store.updateWatchSource(FEED, { lastError: null, etag: null });
        const cleared = (await store.listWatchSources()).find((s) => s.url === FEED);
        assert.equal(cleared?.lastError, undefined);
        assert.equal(cleared?.etag, undefined);
      } finally {
        await store.close();
      }
    });

    test('an item is seen with its document, in one write; duplicates and skips are seen too', async () => {
      const store = await makeStore();
      try {
        await store.addWatchSources([{ url: FEED }], 600_000);
        const doc = createDoc('Troops crossed the border on Monday.', { url: 'http://news.test/a', language: 'eng' });
        const keys = ['http://news.test/a', 'http://news.test/b', 'http://news.test/c'];
        assert.deepEqual(await store.unseenWatchItems(keys), keys);
        const result = await store.putWatchedDocs([doc], [
          { key: keys[0]!, source: FEED, url: keys[0]!, status: 'stored', docId: doc.id, published: '2026-12-01T10:00:00.000Z' },
          { key: keys[1]!, source: FEED, url: keys[1]!, status: 'skipped', reason: 'not-english' },
        ]);
        assert.equal(result.inserted, 1);
        assert.ok(await store.hasDoc(doc.id));
        assert.deepEqual(await store.unseenWatchItems(keys), [keys[2]]);
        const items = await store.listWatchItems({ source: FEED });
        assert.deepEqual(items.map((i) => [i.key, i.status, i.docId, i.reason, i.published]), [
          [keys[0], 'stored', doc.id, undefined, '2026-12-01T10:00:00.000Z'], [keys[1], 'skipped', undefined, 'not-english', undefined]]);
        const [source] = await store.listWatchSources();
        assert.equal(source?.items, 2);
        assert.equal(source?.itemsLastWeek, 2);
        assert.equal((await store.putWatchedDocs([doc], [{ key: keys[0]!, source: FEED, url: keys[0]!, status: 'duplicate', docId: doc.id }])).duplicates, 1);
        assert.equal((await store.listWatchItems({ status: 'stored' })).length, 1, 'a seen item is not overwritten');
      } finally {
        await store.close();
      }
    });

    test('a failed item is unseen until it has failed MAX_ITEM_ATTEMPTS times; a later success replaces the failure', async () => {
      const store = await makeStore();
      try {
        const failed = { key: 'http://news.test/x', source: FEED, url: 'http://news.test/x', status: 'failed' as const, reason: 'HTTP 500' };
        for (let attempt = 1; attempt < MAX_ITEM_ATTEMPTS; attempt++) {
          await store.putWatchedDocs([], [failed]);
          assert.deepEqual(await store.unseenWatchItems([failed.key]), [failed.key], `after ${attempt} failure(s)`);
        }
        await store.putWatchedDocs([], [failed]);
        assert.deepEqual(await store.unseenWatchItems([failed.key]), []);
        assert.equal((await store.listWatchItems({ status: 'failed' }))[0]?.attempts, MAX_ITEM_ATTEMPTS);

        const retried = { key: 'http://news.test/y', source: FEED, url: 'http://news.test/y' };
        await store.putWatchedDocs([], [{ ...retried, status: 'failed', reason: 'timeout' }]);
        const doc = createDoc('Talks resumed in Geneva.', { url: retried.url, language: 'eng' });
        await store.putWatchedDocs([doc], [{ ...retried, status: 'stored', docId: doc.id }]);
        const item = (await store.listWatchItems()).find((i) => i.key === retried.key);
        assert.deepEqual([item?.status, item?.reason, item?.docId], ['stored', undefined, doc.id]);
      } finally {
        await store.close();
      }
    });

    if (options.reopen) {
      const reopen = options.reopen;
      test('the state survives closing and reopening the store', async () => {
        const store = await makeStore();
        await store.addWatchSources([{ url: FEED }], 600_000);
        await store.updateWatchSource(FEED, { etag: '"v2"' });
        await store.putWatchedDocs([], [{ key: 'http://news.test/z', source: FEED, url: 'http://news.test/z', status: 'skipped', reason: 'empty' }]);
        await store.close();
        const again = await reopen(store);
        try {
          assert.equal((await again.listWatchSources())[0]?.etag, '"v2"');
          assert.deepEqual(await again.unseenWatchItems(['http://news.test/z']), []);
        } finally {
          await again.close();
        }
      });
    }
  });
}
