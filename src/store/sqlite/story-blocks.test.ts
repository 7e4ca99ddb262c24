import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type Database from 'better-sqlite3';
import { candidateBuckets } from '../../fuse/mention.js';
import { report, storyDocs } from '../stories.contract.js';
import type { Store } from '../store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { SqliteStories } from './stories.js';
import type { Doc } from '../../doc/types.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-story-blocks-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;
const freshPath = () => join(dir, `blocks-${serial++}.db`);

/** The store's own connection and stories index: what these tests compare is kept inside them. */
function inside(store: Store): { db: Database.Database; stories: SqliteStories } {
  return store as unknown as { db: Database.Database; stories: SqliteStories };
}

/**
 * For every stored mention, the candidates the index hands out (kept rows) against what the database
 * holds, by the look-up the kept rows replace: the same mentions under the same components.
 */
function assertKeptRowsAreStored(store: Store): void {
  const { db, stories } = inside(store);
  const stored = db.prepare('SELECT family, country, day_start, day_end FROM story_mentions').all() as
    Array<{ family: string; country: string; day_start: number | null; day_end: number | null }>;
  assert.ok(stored.length > 0);
  const bySql = db.prepare(`SELECT key, component FROM story_mentions
    WHERE family = ? AND country = ? AND bucket BETWEEN ? AND ? AND day_start <= ? AND day_end >= ? ORDER BY key`);
  for (const row of stored) {
    const day = row.day_start === null || row.day_end === null ? undefined : { start: row.day_start, end: row.day_end };
    assert.ok(day, 'these documents are all dated');
    const buckets = candidateBuckets({ day });
    const kept = stories.candidates(row.family, row.country, buckets, day)
      .map((candidate) => ({ key: candidate.mention().key, component: candidate.component }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    assert.deepEqual(kept, bySql.all(row.family, row.country, buckets.from, buckets.to, day.end, day.start));
  }
}

/**
 * Three reports of a shelling of Vell dated a week apart at the ends and midweek between: the ends cannot
 * be one event (their days do not overlap), the middle one matches both, so it merges their components.
 */
function bridgedReports(): Doc[] {
  const text = 'Northland artillery shelled the border town of Vell, killing four civilians.';
  return ['2031-03-10', '2031-03-17', '2031-03-13'].map((day, i) => report({
    text, url: `https://outlet${i}.test/vell`, published: '2031-03-18', place: { name: 'Vell', lat: 41.5, lon: 22.25 },
    date: { value: day, granularity: 'day', basis: 'event' }, killed: 4,
  }));
}

const storyOf = async (store: Store, doc: Doc) => (await store.storiesOfEvents([`${doc.id}:e1`])).get(`${doc.id}:e1`);

test('a report stored through one connection joins the story another connection stored after this one last wrote', async () => {
  const path = freshPath();
  const docs = storyDocs();
  const first = openSqliteStore(path);
  const second = openSqliteStore(path);
  try {
    // The shelling of Doran fills the first connection's week of the type and country; the other
    // connection then stores the first report from Vell in it, which the second report must find.
    await first.putDocs([docs.elsewhere]);
    await second.putDocs([docs.first]);
    await first.putDocs([docs.second]);
    assert.equal(await storyOf(first, docs.second), await storyOf(first, docs.first));
    assert.notEqual(await storyOf(first, docs.elsewhere), await storyOf(first, docs.first));
    assertKeptRowsAreStored(first);
  } finally {
    await first.close();
    await second.close();
  }
});

test('the kept rows are what the database holds after merges, a rolled-back write, a re-coded document and another connection\'s write', async () => {
  const path = freshPath();
  const docs = storyDocs();
  const store = openSqliteStore(path);
  try {
    for (const doc of [docs.followUp, docs.second, docs.elsewhere, docs.first, docs.copy]) await store.putDocs([doc]);
    const [monday, nextMonday, between] = bridgedReports();
    await store.putDocs([monday!]);
    await store.putDocs([nextMonday!]);
    assert.notEqual(await storyOf(store, monday!), await storyOf(store, nextMonday!));
    await store.putDocs([between!]);
    assertKeptRowsAreStored(store);

    // The watch item has no URL: the batch fails after its report was fused, and SQLite rolls it all back.
    const rolledBack = structuredClone(docs.elsewhere);
    rolledBack.id = 'rolled-back';
    await assert.rejects(store.putWatchedDocs([rolledBack],
      [{ key: 'https://beta.test/rolled-back', source: 'feed', url: null as unknown as string, status: 'stored' }]));
    assert.equal(await store.hasDoc(rolledBack.id), false);
    assertKeptRowsAreStored(store);

    const recoded = structuredClone(docs.first);
    recoded.layers.events![0]!.confidence = 0.9;
    recoded.provenance.push({ stage: 'events', version: 2, ms: 0, at: '2031-04-01T00:00:00.000Z', status: 'ok' });
    assert.equal((await store.putDocs([recoded])).recoded, 1);
    assertKeptRowsAreStored(store);

    const other = openSqliteStore(path);
    const late = structuredClone(docs.second);
    late.id = 'late-report';
    await other.putDocs([late]);
    await other.close();
    await store.putDocs([docs.talks]);
    assertKeptRowsAreStored(store);
    assert.equal(await storyOf(store, late), await storyOf(store, docs.second));
  } finally {
    await store.close();
  }
});
