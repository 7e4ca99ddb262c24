import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { contractDocs, runStoreContract } from '../store.contract.js';
import { followUpDocs, runStoriesContract, storyDocs } from '../stories.contract.js';
import { runAlertsContract } from '../alerts.contract.js';
import { runOverridesContract } from '../overrides.contract.js';
import { runPagesContract } from '../pages.contract.js';
import { runWatchContract } from '../watch.contract.js';
import { runNearDuplicatesContract, syndicationDocs } from '../near-duplicates.contract.js';
import { openStore, StoreError, type Store } from '../store.js';
import Database from 'better-sqlite3';
import { datePeriod } from './rows.js';
import { SCHEMA_VERSION } from './schema.js';
import { ftsQuery } from './filter-sql.js';
import { openSqliteStore } from './sqlite-store.js';
import { streamPageSql } from './stream.js';
import { setBackToSchema15 } from '../../test-support/schema-set-back.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const paths = new WeakMap<Store, string>();
let counter = 0;

runStoreContract('sqlite file', () => {
  const path = join(dir, `store-${++counter}.db`);
  const store = openSqliteStore(path);
  paths.set(store, path);
  return store;
}, {
  reopen: (closed) => {
    const path = paths.get(closed);
    assert.ok(path);
    return openStore(`sqlite:${path}`);
  },
  reopenReadOnly: (closed) => {
    const path = paths.get(closed);
    assert.ok(path);
    return openStore(path, { readOnly: true });
  },
});

runStoreContract('sqlite :memory:', () => openStore('sqlite::memory:'));
runStoriesContract('sqlite :memory:', () => openStore('sqlite::memory:'));
runStoriesContract('sqlite file', () => openSqliteStore(join(dir, `stories-${++counter}.db`)));
runPagesContract('sqlite file', () => openSqliteStore(join(dir, `pages-${++counter}.db`)));
runAlertsContract('sqlite file', () => openSqliteStore(join(dir, `alerts-${++counter}.db`)));
runWatchContract('sqlite file', () => {
  const path = join(dir, `watch-${++counter}.db`);
  const store = openSqliteStore(path);
  paths.set(store, path);
  return store;
}, { reopen: async (closed) => openStore(paths.get(closed) ?? '') });
runNearDuplicatesContract('sqlite :memory:', () => openStore('sqlite::memory:'));
runOverridesContract('sqlite file', () => openSqliteStore(join(dir, `overrides-${++counter}.db`)));
runOverridesContract('sqlite :memory:', () => openStore('sqlite::memory:'));

test('openStore picks the backend by scheme and explains what it cannot open', async () => {
  const bare = await openStore(join(dir, 'nested', 'bare.db'));
  assert.equal(await bare.countDocs(), 0);
  await bare.close();
  await assert.rejects(openStore('postgres://localhost/dyad'), (error: unknown) =>
    error instanceof StoreError && /not available yet/.test(error.message));
  await assert.rejects(openStore('mysql://x'), /unknown store scheme/);
  await assert.rejects(openStore(''), /empty/);
  const notADatabase = join(dir, 'junk.db');
  writeFileSync(notADatabase, 'this is plain text, not a SQLite database file at all '.repeat(20));
  await assert.rejects(openStore(notADatabase), (error: unknown) => error instanceof StoreError && /is not a Dyad database \(not a SQLite file\)/.test(error.message));
  writeFileSync(join(dir, 'a-file'), '');
  await assert.rejects(openStore(join(dir, 'a-file', 'x.db')), StoreError);
});

test('date values cover the period they name', () => {
  assert.deepEqual(datePeriod('2024-02'), { start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(datePeriod('2023'), { start: '2023-01-01', end: '2023-12-31' });
  assert.deepEqual(datePeriod('2020-09-27T10:00'), { start: '2020-09-27', end: '2020-09-27' });
  assert.deepEqual(datePeriod('2026-W01'), { start: '2025-12-29', end: '2026-01-04' });
  assert.equal(datePeriod('2024-13'), undefined);
  assert.equal(datePeriod('soon'), undefined);
});

test('user search text becomes a safe full-text query', () => {
  assert.equal(ftsQuery('cease-fire "talks'), '"cease" "fire" "talks"');
  assert.equal(ftsQuery('AND OR NOT *'), '"AND" "OR" "NOT"');
  assert.equal(ftsQuery('  '), undefined);
});

test('a database from a newer schema is refused rather than misread', async () => {
  const path = join(dir, 'future.db');
  await (await openStore(path)).close();
  const raw = new Database(path);
  raw.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(SCHEMA_VERSION + 1, 'later');
  raw.close();
  await assert.rejects(openStore(path), /newer than this Dyad supports/);
  await assert.rejects(openStore(path, { readOnly: true }), /newer than this Dyad supports/);
});

test('a file that is not a Dyad database is refused and left exactly as it was', async () => {
  const foreign = join(dir, 'foreign.db');
  const raw = new Database(foreign);
  raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept')");
  raw.close();
  const text = join(dir, 'notes.txt');
  writeFileSync(text, 'plain text that happens to sit where a database was expected\n'.repeat(50));
  const empty = join(dir, 'empty.db');
  writeFileSync(empty, '');
  for (const [path, why] of [[foreign, /other tables/], [text, /not a SQLite file/], [empty, /empty SQLite database/]] as const) {
    const before = readFileSync(path);
    const siblings = readdirSync(dir).length;
    for (const options of [{ readOnly: true }, { readOnly: false }]) {
      if (path === empty && !options.readOnly) continue;
      await assert.rejects(openStore(path, options), (error: unknown) =>
        error instanceof StoreError && error.message.includes('is not a Dyad database') && why.test(error.message));
    }
    assert.deepEqual(readFileSync(path), before, `${path} unchanged`);
    assert.equal(readdirSync(dir).length, siblings, 'no -wal or -shm file created');
  }
});

test('opening read-only never creates a database', async () => {
  const missing = join(dir, 'not-yet', 'missing.db');
  await assert.rejects(openStore(missing, { readOnly: true }), /cannot open database .*missing\.db: no such file/);
  assert.equal(existsSync(join(dir, 'not-yet')), false);
  await assert.rejects(openStore('sqlite::memory:', { readOnly: true }), /nothing to read/);
});

test('a writer may start on an empty SQLite file', async () => {
  const path = join(dir, 'touched.db');
  writeFileSync(path, '');
  const store = await openStore(path);
  assert.equal(await store.countDocs(), 0);
  await store.close();
  const reader = await openStore(path, { readOnly: true });
  assert.equal(await reader.countDocs(), 0);
  await reader.close();
});

/** Takes a database back to schema 2, the schema of the release before stories (migrations 3, 6 and 7 only add tables). */
const DROP_STORIES_SQL = ['story_surnames', 'story_mentions', 'stories', 'story_redirects', 'alerts', 'watch_sources', 'watch_items', 'near_duplicate_signatures', 'near_duplicate_bands', 'near_duplicate_links']
  .map((table) => `DROP TABLE ${table}`).join('; ');

test('a database of schema 2 (the release before stories) is upgraded: its stored events become stories', async () => {
  const path = join(dir, 'schema2.db');
  const store = await openStore(path);
  const { shelling, talks } = contractDocs();
  await store.putDocs([shelling, talks]);
  await store.close();
  const raw = new Database(path);
  raw.exec(`${DROP_STORIES_SQL}; DELETE FROM schema_version WHERE version >= 3`);
  raw.close();
  await assert.rejects(openStore(path, { readOnly: true }), /schema version 2, older than/);
  const upgraded = await openStore(path);
  assert.equal(await upgraded.countEvents(), 3);
  const stories = await upgraded.storiesOfEvents([`${shelling.id}:e1`, `${shelling.id}:e2`, `${talks.id}:e1`]);
  assert.equal(stories.size, 3, 'every stored event is a mention of a story');
  assert.equal(await upgraded.countStories(), 3);
  const version = new Database(path, { readonly: true });
  assert.equal(version.prepare('SELECT MAX(version) FROM schema_version').pluck().get(), SCHEMA_VERSION);
  version.close();
  await upgraded.close();
  const again = await openStore(path);
  assert.equal(await again.countStories(), 3, 'opening again fuses nothing twice');
  await again.close();
});

/**
 * Takes a database back to schema 4: before the contradiction rules' columns of migration 5 and the tables of
 * migrations 6 (watch state) and 7 (near-duplicates); migration 9's tables are created only if missing.
 */
const SCHEMA4_SQL = `DROP TABLE watch_sources; DROP TABLE watch_items;
  DROP TABLE near_duplicate_signatures; DROP TABLE near_duplicate_bands; DROP TABLE near_duplicate_links;
  DROP INDEX story_mentions_block;
  ${['place_country', 'lat', 'lon', 'resolution', 'admin1', 'killed_min', 'killed_max', 'killed_exact', 'injured_min', 'injured_max',
    'injured_exact', 'party_countries'].map((column) => `ALTER TABLE story_mentions DROP COLUMN ${column};`).join('\n')}
  CREATE INDEX story_mentions_block ON story_mentions (family, country, bucket, day_end, day_start, component);
  DELETE FROM schema_version WHERE version >= 5`;

test('a database of schema 4 is upgraded: its mentions gain the columns fusion rules candidates out by', async () => {
  const path = join(dir, 'schema4.db');
  const docs = storyDocs();
  const store = await openStore(path);
  await store.putDocs([docs.first, docs.elsewhere, docs.talks]);
  await store.close();
  const raw = new Database(path);
  raw.exec(SCHEMA4_SQL);
  raw.close();
  const upgraded = await openStore(path);
  await upgraded.putDocs([docs.second, docs.copy, docs.followUp, docs.denial]);
  const fresh = await openStore(join(dir, 'schema4-fresh.db'));
  await fresh.putDocs(Object.values(docs));
  assert.deepEqual(await upgraded.queryStories({}), await fresh.queryStories({}), 'later reports match the upgraded mentions as fresh ones');
  await upgraded.close();
  await fresh.close();
  const check = new Database(path, { readonly: true });
  const first = check.prepare('SELECT place_country, lat, lon, resolution, killed_min, killed_max, killed_exact, injured_min, party_countries FROM story_mentions WHERE key = ?')
    .get(`${docs.first.id}:e1`);
  assert.deepEqual(first, { place_country: 'SLD', lat: 41.5, lon: 22.25, resolution: 'city', killed_min: 4, killed_max: null, killed_exact: 1, injured_min: 9, party_countries: 'NLD SLD' });
  assert.equal(check.prepare('SELECT MAX(version) FROM schema_version').pluck().get(), SCHEMA_VERSION);
  check.close();
});

test('a database of schema 1 gains the modality of every stored event when opened', async () => {
  const path = join(dir, 'schema1.db');
  const store = await openStore(path);
  const { shelling } = contractDocs();
  shelling.layers.events = shelling.layers.events!.map((event, i) => ({ ...event, negated: i === 1 }));
  await store.putDocs([shelling]);
  await store.close();
  const raw = new Database(path);
  raw.exec(`${DROP_STORIES_SQL}; DROP INDEX events_modality; ALTER TABLE events DROP COLUMN modality; DELETE FROM schema_version WHERE version >= 2`);
  raw.close();
  const reopened = await openStore(path);
  assert.equal(await reopened.countEvents(), 1);
  assert.equal(await reopened.countEvents({ include: ['negated'] }), 2);
  await reopened.close();
});

test('a stream page seeks by key after the last event, whatever the filter, and never sorts', async () => {
  const path = join(dir, 'stream-plan.db');
  const store = openSqliteStore(path);
  const docs = contractDocs();
  await store.putDocs([docs.shelling, docs.talks, docs.protest]);
  await store.close();
  const db = new Database(path, { readonly: true });
  try {
    for (const filter of [{}, { plover: 'ASSAULT' }, { country: 'SLD', from: '2031-01-01' }, { actor: 'nld' }, { cameo: '19', include: ['negated' as const] }]) {
      const { sql, params } = streamPageSql(filter);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params, 0, 10, 5) as Array<{ detail: string }>).map((row) => row.detail);
      assert.ok(plan.some((step) => /SEARCH e USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/.test(step)), `keyset seek for ${JSON.stringify(filter)}: ${plan.join('; ')}`);
      assert.ok(!plan.some((step) => /TEMP B-TREE/.test(step)), `no sort for ${JSON.stringify(filter)}: ${plan.join('; ')}`);
      assert.ok(!plan.some((step) => /LIST SUBQUERY|USING INDEX events_/.test(step)), `no per-page collection for ${JSON.stringify(filter)}: ${plan.join('; ')}`);
    }
  } finally {
    db.close();
  }
});

test('a database from before near-duplicates has its stored documents signed when opened, so new copies link to them', async () => {
  const path = join(dir, 'schema6.db');
  const { wire, copies } = syndicationDocs();
  const store = await openStore(path);
  await store.putDocs([wire]);
  await store.close();
  const raw = new Database(path);
  raw.exec('DROP TABLE near_duplicate_signatures; DROP TABLE near_duplicate_bands; DROP TABLE near_duplicate_links; DELETE FROM schema_version WHERE version >= 7');
  raw.close();
  const upgraded = await openStore(path);
  assert.equal((await upgraded.putDocs([copies[0]!])).nearDuplicates, 1);
  assert.equal((await upgraded.getDoc(copies[0]!.id))?.copyOf, wire.id);
  await upgraded.close();
});

/** Takes a database back to schema 9: stories in the WITHOUT ROWID table of migration 3, records kept. */
const SCHEMA9_SQL = `CREATE TABLE stories_v3 (id TEXT PRIMARY KEY, plover TEXT NOT NULL, country TEXT, date_start TEXT,
    date_end TEXT, first_seen TEXT, last_seen TEXT, mentions INTEGER NOT NULL, documents INTEGER NOT NULL, sources INTEGER NOT NULL,
    killed_best INTEGER, injured_best INTEGER, confidence REAL NOT NULL, story_json TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO stories_v3 SELECT id, plover, country, date_start, date_end, first_seen, last_seen, mentions, documents, sources,
    killed_best, injured_best, confidence, story_json FROM stories;
  DROP TABLE stories; ALTER TABLE stories_v3 RENAME TO stories;
  CREATE INDEX stories_plover_date ON stories (plover, date_start); CREATE INDEX stories_country_date ON stories (country, date_start);
  CREATE INDEX stories_date ON stories (date_start, date_end);
  DELETE FROM schema_version WHERE version >= 10`;

test('a database of schema 9 is upgraded: its stories move to a rowid table unchanged, and later reports join them', async () => {
  const path = join(dir, 'schema9.db');
  const docs = storyDocs();
  const store = await openStore(path);
  await store.putDocs([docs.first, docs.elsewhere, docs.talks]);
  const before = await store.queryStories({});
  await store.close();
  const raw = new Database(path);
  raw.exec(SCHEMA9_SQL);
  raw.close();
  const upgraded = await openStore(path);
  assert.deepEqual(await upgraded.queryStories({}), before, 'the stored stories are read back as they were');
  await upgraded.putDocs([docs.second, docs.copy, docs.followUp, docs.denial]);
  const fresh = await openStore(join(dir, 'schema9-fresh.db'));
  await fresh.putDocs(Object.values(docs));
  assert.deepEqual(await upgraded.queryStories({}), await fresh.queryStories({}), 'later reports are fused with the moved stories as with fresh ones');
  await upgraded.close();
  await fresh.close();
  const check = new Database(path, { readonly: true });
  const table = check.prepare("SELECT sql FROM sqlite_master WHERE name = 'stories'").pluck().get() as string;
  assert.doesNotMatch(table, /WITHOUT ROWID/);
  assert.equal(check.prepare('SELECT MAX(version) FROM schema_version').pluck().get(), SCHEMA_VERSION);
  check.close();
});

test('a database of schema 10 is upgraded: its mentions are filed by surname, so a later follow-up finds them', async () => {
  const path = join(dir, 'schema10.db');
  const docs = followUpDocs();
  const store = await openStore(path);
  await store.putDocs([docs.original, docs.twoNames]);
  await store.close();
  const raw = new Database(path);
  // twoNames stands for a mention stored before mentions kept surnames.
  setBackToSchema15(raw);
  raw.exec(`DROP TABLE story_surnames; DELETE FROM schema_version WHERE version >= 12;
    UPDATE story_mentions SET mention_json = json_remove(mention_json, '$.surnames') WHERE key = '${docs.twoNames.id}:e1'`);
  raw.close();
  const upgraded = await openStore(path);
  await upgraded.putDocs([docs.trial]);
  const stories = await upgraded.storiesOfEvents([`${docs.original.id}:e1`, `${docs.trial.id}:e1`]);
  assert.equal(stories.get(`${docs.trial.id}:e1`), stories.get(`${docs.original.id}:e1`), 'the trial report joins the upgraded shelling');
  await upgraded.close();
  const check = new Database(path, { readonly: true });
  const rows = check.prepare('SELECT m.key, count(s.event) AS n FROM story_mentions m LEFT JOIN story_surnames s ON s.event = m.event GROUP BY m.key');
  assert.deepEqual(Object.fromEntries((rows.all() as Array<{ key: string; n: number }>).map((row) => [row.key, row.n])),
    { [`${docs.original.id}:e1`]: 4, [`${docs.twoNames.id}:e1`]: 0, [`${docs.trial.id}:e1`]: 4 });
  assert.equal(check.prepare('SELECT MAX(version) FROM schema_version').pluck().get(), SCHEMA_VERSION);
  check.close();
});

/** Takes a database back to schema 12: each component named by its smallest mention key, as text. */
const SCHEMA12_SQL = `DROP INDEX story_mentions_block; DROP INDEX story_mentions_component;
  ALTER TABLE story_mentions ADD COLUMN component_key TEXT NOT NULL DEFAULT '';
  UPDATE story_mentions SET component_key = (SELECT MIN(key) FROM story_mentions other WHERE other.component = story_mentions.component);
  ALTER TABLE story_mentions DROP COLUMN component; ALTER TABLE story_mentions RENAME COLUMN component_key TO component;
  CREATE INDEX story_mentions_block ON story_mentions (family, country, bucket, day_end, day_start, component, place_country, lat, lon,
    resolution, admin1, killed_min, killed_max, killed_exact, injured_min, injured_max, injured_exact, party_countries);
  CREATE INDEX story_mentions_component ON story_mentions (component);
  DELETE FROM schema_version WHERE version >= 13`;

test('a database of schema 12 is upgraded: its components are numbered, and later reports join them as fresh ones', async () => {
  const path = join(dir, 'schema12.db');
  const docs = storyDocs();
  const store = await openStore(path);
  await store.putDocs([docs.first, docs.second, docs.elsewhere, docs.talks]);
  const before = await store.queryStories({});
  await store.close();
  const groups = (db: Database.Database) => db.prepare(`SELECT group_concat(key) FROM (SELECT component, key FROM story_mentions
    ORDER BY component, key) GROUP BY component ORDER BY 1`).pluck().all();
  const raw = new Database(path);
  const components = groups(raw);
  setBackToSchema15(raw);
  raw.exec(SCHEMA12_SQL);
  assert.equal(raw.prepare("SELECT COUNT(*) FROM story_mentions WHERE typeof(component) <> 'text'").pluck().get(), 0, 'set back to text names');
  raw.close();
  const upgraded = await openStore(path);
  assert.deepEqual(await upgraded.queryStories({}), before, 'the stored stories are read back as they were');
  const check = new Database(path, { readonly: true });
  assert.deepEqual(groups(check), components, 'each component keeps its mentions');
  assert.equal(check.prepare("SELECT COUNT(*) FROM story_mentions WHERE typeof(component) <> 'integer'").pluck().get(), 0);
  assert.equal(check.prepare('SELECT MAX(version) FROM schema_version').pluck().get(), SCHEMA_VERSION);
  check.close();
  await upgraded.putDocs([docs.copy, docs.followUp, docs.denial]);
  const fresh = await openStore(join(dir, 'schema12-fresh.db'));
  await fresh.putDocs(Object.values(docs));
  assert.deepEqual(await upgraded.queryStories({}), await fresh.queryStories({}), 'later reports are fused with the upgraded components as with fresh ones');
  await upgraded.close();
  await fresh.close();
});

/** Takes a database back to schema 16: every story named by its smallest mention key, as the code of then named it. */
const SCHEMA16_SQL = `CREATE TEMP TABLE smallest_keys (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);
  INSERT INTO smallest_keys SELECT story, MIN(key) FROM story_mentions GROUP BY story HAVING story <> MIN(key);
  UPDATE story_mentions SET story = r.new_id FROM smallest_keys r WHERE story_mentions.story = r.old_id;
  UPDATE stories SET id = r.new_id, story_json = json_set(stories.story_json, '$.id', r.new_id) FROM smallest_keys r WHERE stories.id = r.old_id;
  DROP TABLE smallest_keys;
  DELETE FROM schema_version WHERE version >= 17`;

test('a database of schema 16 is upgraded: each story takes its earliest-published report\'s key, and its old name redirects', async () => {
  const path = join(dir, 'schema16.db');
  const docs = storyDocs();
  const store = await openStore(path);
  // The follow-up's key sorts before the first reports': the Vell story was named by it.
  await store.putDocs([docs.first, docs.second, docs.copy, docs.followUp, docs.talks]);
  const named = await store.queryStories({});
  await store.close();
  const raw = new Database(path);
  raw.exec(SCHEMA16_SQL);
  const oldIds = raw.prepare('SELECT id FROM stories ORDER BY id').pluck().all() as string[];
  raw.close();
  assert.notDeepEqual(oldIds, named.map((story) => story.id).sort(), 'set back: a story had another name');
  const upgraded = await openStore(path);
  assert.deepEqual(await upgraded.queryStories({}), named, 'the stories are named as a fresh ingest names them');
  for (const old of oldIds) {
    const story = await upgraded.getStory(old);
    assert.ok(story && named.some((other) => other.id === story.id), `${old} finds its story`);
  }
  await upgraded.putDocs([docs.elsewhere, docs.denial]);
  const fresh = await openStore(join(dir, 'schema16-fresh.db'));
  await fresh.putDocs(Object.values(docs));
  assert.deepEqual(await upgraded.queryStories({}), await fresh.queryStories({}), 'later reports fuse as in a fresh store');
  await upgraded.close();
  await fresh.close();
  const check = new Database(path, { readonly: true });
  const renamed = oldIds.filter((old) => !named.some((story) => story.id === old));
  assert.deepEqual(check.prepare('SELECT old_id FROM story_redirects ORDER BY old_id').pluck().all(), renamed.sort());
  assert.equal(check.prepare('SELECT MAX(version) FROM schema_version').pluck().get(), SCHEMA_VERSION);
  check.close();
});

test('story counts and pages by date read the page index: a count never reads the story rows', async () => {
  const path = join(dir, 'story-plan.db');
  const store = openSqliteStore(path);
  const docs = storyDocs();
  await store.putDocs(Object.values(docs));
  await store.close();
  const db = new Database(path, { readonly: true });
  try {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((row) => row.detail).join('; ');
    for (const where of ["s.date_end >= '2031-01-01'", "s.date_end >= '2031-01-01' AND s.date_start <= '2031-02-01'", "s.date_start <= '2031-02-01'"]) {
      assert.match(plan(`SELECT COUNT(*) FROM stories s WHERE ${where}`), /USING COVERING INDEX stories_page/, where);
      assert.doesNotMatch(plan(`SELECT story_json FROM stories s WHERE ${where} ORDER BY s.date_start DESC, s.id LIMIT 10`), /TEMP B-TREE/, where);
    }
  } finally {
    db.close();
  }
});

test('a report joining a stored story leaves its stored mentions filed as they were, though its key sorts first', async () => {
  const docs = storyDocs();
  const mentions = [docs.first, docs.second, docs.copy].map((doc) => ({ doc, key: `${doc.id}:e1` })).sort((a, b) => (a.key < b.key ? 1 : -1));
  const path = join(dir, 'component-names.db');
  const store = openSqliteStore(path);
  const filed = () => {
    const db = new Database(path, { readonly: true });
    try {
      return Object.fromEntries((db.prepare('SELECT key, component FROM story_mentions').all() as Array<{ key: string; component: number }>)
        .map((row) => [row.key, row.component]));
    } finally {
      db.close();
    }
  };
  await store.putDocs([mentions[0]!.doc]);
  const [before] = Object.values(filed());
  for (const { doc } of mentions.slice(1)) await store.putDocs([doc]);
  assert.deepEqual(filed(), Object.fromEntries(mentions.map(({ key }) => [key, before])), 'every report in the first report\'s component');
  // first and second were published on the 11th, the copy on the 12th.
  assert.equal((await store.getStory(mentions[0]!.key))?.id, [docs.first, docs.second].map((doc) => `${doc.id}:e1`).sort()[0],
    'the story is named by its earliest-published report');
  await store.close();
});
