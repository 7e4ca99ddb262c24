/** The day counts series read (migrations 14, 16): kept in step with the stories whatever writes them, and backfilled on upgrade. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { contractDocs } from '../store.contract.js';
import { followUpDocs, storyDocs } from '../stories.contract.js';
import { openStore } from '../store.js';
import { seededRandom } from '../../util/random.js';
import { SCHEMA_VERSION } from './schema.js';
import { setBackToSchema15 } from '../../test-support/schema-set-back.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-day-counts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The day counts as they are, and as the stories say they should be. */
function dayCounts(path: string): { kept: unknown[]; grouped: unknown[] } {
  const db = new Database(path, { readonly: true });
  const keys = 'plover, date_value, date_start, date_end';
  const kept = [
    ...db.prepare(`SELECT country, ${keys}, stories FROM story_day_counts ORDER BY country, ${keys}`).all(),
    ...db.prepare(`SELECT NULL AS country, ${keys}, stories FROM story_day_counts_all ORDER BY ${keys}`).all(),
  ];
  // A missing bound is kept as what compares as one (migrations/v10-v15.ts, migration 14).
  const bounds = "plover, date_value, coalesce(date_start, char(65535)) AS date_start, coalesce(date_end, '') AS date_end";
  const grouped = [
    ...db.prepare(`SELECT country, ${bounds}, COUNT(*) AS stories FROM stories WHERE country IS NOT NULL AND date_value <> ''
      GROUP BY country, ${keys} ORDER BY country, ${keys}`).all(),
    ...db.prepare(`SELECT NULL AS country, ${bounds}, COUNT(*) AS stories FROM stories WHERE date_value <> '' GROUP BY ${keys} ORDER BY ${keys}`).all(),
  ];
  db.close();
  return { kept, grouped };
}

test('the day counts stay in step with the stories: new, merged, re-dated, retyped, deleted, replaced', async () => {
  const path = join(dir, 'day-counts.db');
  const store = await openStore(path);
  const stories = storyDocs();
  await store.putDocs([...Object.values(contractDocs()), stories.first, stories.talks]);
  await store.putDocs([stories.second, stories.copy, stories.followUp, stories.elsewhere, stories.denial, ...Object.values(followUpDocs())]);
  await store.close();
  const after = dayCounts(path);
  assert.ok(after.kept.length > 2, 'there is something to count');
  assert.deepEqual(after.kept, after.grouped);
  const raw = new Database(path);
  const [first, second] = raw.prepare('SELECT id FROM stories ORDER BY id LIMIT 2').pluck().all() as string[];
  raw.prepare(`UPDATE stories SET plover = 'RETYPED', country = NULL, date_start = '2031-05-01', date_end = '2031-05-31',
    date_value = '2031-05' WHERE id = ?`).run(first);
  raw.prepare('DELETE FROM stories WHERE id = ?').run(second);
  raw.prepare(`UPDATE stories SET plover = 'REPLACED', country = 'XXX', date_value = '2031-06-02', date_start = NULL, date_end = NULL
    WHERE id = ?`).run(first);
  raw.close();
  const changed = dayCounts(path);
  assert.notDeepEqual(changed.kept, after.kept);
  assert.deepEqual(changed.kept, changed.grouped);
  // Many rows on few keys, so counts rise above one and fall back: inserts, replacements and deletes at random.
  const random = new Database(path);
  const next = seededRandom(14);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  // As SqliteStories.putStory writes a story: an insert, or an update of the row of its id.
  const insert = random.prepare(`INSERT INTO stories (id, plover, country, date_value, date_start, date_end, mentions, documents, sources,
    confidence, story_json) VALUES (?, ?, ?, ?, ?, ?, 1, 1, 1, 0.5, '{}')
    ON CONFLICT (id) DO UPDATE SET plover = excluded.plover, country = excluded.country, date_value = excluded.date_value,
    date_start = excluded.date_start, date_end = excluded.date_end`);
  const remove = random.prepare('DELETE FROM stories WHERE id = ?');
  for (let step = 0; step < 600; step += 1) {
    const id = `random-${Math.floor(next() * 40)}`;
    if (next() < 0.25) remove.run(id);
    else {
      const date = pick(['2031-01-01', '2031-01', '', null]);
      const bounds = date === '2031-01' ? ['2031-01-01', '2031-01-31'] : date ? [date, date] : [null, null];
      insert.run(id, pick(['AID', 'ASSAULT']), pick(['AAA', 'BBB', null]), date, ...(next() < 0.1 ? [null, null] : bounds));
    }
  }
  // A series' from/to conditions (storyWhere's) select the same stories from the counts as from the stories, missing bounds included.
  for (const [condition, bound] of [['date_end >= ?', '2031-01-01'], ['date_start <= ?', '2031-01-31'], ['date_start <= ?', '2030-12-31']] as const) {
    const counted = random.prepare(`SELECT coalesce(SUM(stories), 0) FROM story_day_counts_all WHERE ${condition}`).pluck().get(bound);
    const stored = random.prepare(`SELECT COUNT(*) FROM stories WHERE date_value <> '' AND ${condition}`).pluck().get(bound);
    assert.equal(counted, stored, `${condition} ${bound}`);
  }
  random.close();
  const shuffled = dayCounts(path);
  assert.ok(shuffled.kept.some((row) => (row as { stories: number }).stories > 2), 'some counts rose above two');
  assert.deepEqual(shuffled.kept, shuffled.grouped);
  // A date value with a comma (no valid one has any) reaches the series whole.
  const odd = new Database(path);
  odd.prepare(`INSERT INTO stories (id, plover, country, date_value, date_start, date_end, mentions, documents, sources, confidence, story_json)
    VALUES ('comma', 'AID', 'AAA', '2031-01-01,2031-01-02', '2031-01-01', '2031-01-02', 1, 1, 1, 0.5, '{}')`).run();
  odd.close();
  const reader = await openStore(path, { readOnly: true });
  const groups = await reader.seriesCounts({ country: 'AAA' });
  await reader.close();
  assert.ok(groups.every((group) => group.dates.length === group.counts.length));
  const aid = groups.find((group) => group.plover === 'AID');
  assert.ok(aid && aid.dates.includes('2031-01-01,2031-01-02'), 'the date with a comma is one date');
  assert.equal(aid.dates.includes('2031-01-02'), false);
});

test('a database of schema 12 is upgraded: its stories are counted by day, and later reports keep the counts', async () => {
  const path = join(dir, 'schema12.db');
  const docs = storyDocs();
  const store = await openStore(path);
  await store.putDocs([docs.first, docs.elsewhere, docs.talks]);
  await store.close();
  const raw = new Database(path);
  // As a database of schema 12 was: without migration 14's tables and the triggers that fill them.
  setBackToSchema15(raw);
  raw.exec(`DROP TRIGGER story_day_counts_replace; DROP TRIGGER story_day_counts_insert; DROP TRIGGER story_day_counts_delete;
    DROP TABLE story_day_counts; DROP TABLE story_day_counts_all; DELETE FROM schema_version WHERE version >= 13`);
  raw.close();
  const upgraded = await openStore(path);
  await upgraded.close();
  const backfilled = dayCounts(path);
  assert.equal(backfilled.kept.length, backfilled.grouped.length);
  assert.ok(backfilled.kept.length > 0);
  assert.deepEqual(backfilled.kept, backfilled.grouped);
  const later = await openStore(path);
  await later.putDocs([docs.second, docs.copy, docs.followUp, docs.denial]);
  await later.close();
  const grown = dayCounts(path);
  assert.deepEqual(grown.kept, grown.grouped);
  const check = new Database(path, { readonly: true });
  assert.equal(check.prepare('SELECT MAX(version) FROM schema_version').pluck().get(), SCHEMA_VERSION);
  check.close();
});

test('a database of schema 15 is upgraded: story_dates goes, each story keeps its date value, the counts stay', async () => {
  const path = join(dir, 'schema15.db');
  const docs = storyDocs();
  const store = await openStore(path);
  await store.putDocs([docs.first, docs.elsewhere, docs.talks, docs.denial]);
  await store.close();
  const raw = new Database(path);
  setBackToSchema15(raw);
  const values = raw.prepare('SELECT id, date_value AS value FROM story_dates ORDER BY id').all();
  assert.ok(values.some((row) => (row as { value: string | null }).value), 'set back: story_dates holds the dates');
  const countsBefore = [
    ...raw.prepare('SELECT country, plover, date_value, date_start, date_end, stories FROM story_day_counts ORDER BY country, plover, date_value, date_start, date_end').all(),
    ...raw.prepare('SELECT NULL AS country, plover, date_value, date_start, date_end, stories FROM story_day_counts_all ORDER BY plover, date_value, date_start, date_end').all(),
  ];
  raw.close();
  await (await openStore(path)).close();
  const check = new Database(path, { readonly: true });
  assert.equal(check.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'story_dates'").pluck().get(), 0);
  assert.deepEqual(check.prepare('SELECT id, date_value AS value FROM stories ORDER BY id').all(), values, 'each story keeps its date value');
  assert.equal(check.prepare('SELECT MAX(version) FROM schema_version').pluck().get(), SCHEMA_VERSION);
  check.close();
  const upgradedCounts = dayCounts(path);
  assert.deepEqual(upgradedCounts.kept, countsBefore, 'the counts are those story_dates kept');
  assert.deepEqual(upgradedCounts.kept, upgradedCounts.grouped);
  const later = await openStore(path);
  await later.putDocs([docs.second, docs.copy, docs.followUp]);
  await later.close();
  const grown = dayCounts(path);
  assert.ok(grown.kept.length > 0);
  assert.deepEqual(grown.kept, grown.grouped, 'later reports keep the counts in step');
});
