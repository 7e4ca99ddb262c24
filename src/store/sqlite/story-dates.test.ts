/** A story's date value column and series counts follow every story write, the record-only rewrite included (migration 16). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { storyDocs } from '../stories.contract.js';
import { openStore } from '../store.js';
import { openConnection } from './connection.js';
import { SqliteStories } from './stories.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-story-dates-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a story rewritten with another date value but the same bounds is counted under that value; a record-only rewrite keeps it', async () => {
  const path = join(dir, 'story-dates.db');
  const store = await openStore(path);
  const docs = storyDocs();
  await store.putDocs([docs.first, docs.second, docs.talks]);
  await store.close();
  const { db } = openConnection(path, false);
  const stories = new SqliteStories(db);
  const dateOf = db.prepare('SELECT date_value FROM stories WHERE id = ?').pluck();
  const counted = db.prepare('SELECT coalesce(SUM(stories), 0) FROM story_day_counts_all WHERE plover = ? AND date_value = ?').pluck();
  const id = db.prepare("SELECT id FROM stories WHERE json_extract(story_json, '$.date.value') IS NOT NULL ORDER BY id LIMIT 1").pluck().get() as string;
  const { mentionKeys: _keys, ...story } = stories.getStory(id)!;
  assert.ok(story.date, 'the story is dated');
  const value = story.date.value;
  assert.equal(dateOf.get(id), value);
  const before = counted.get(story.plover, value) as number;
  assert.ok(before >= 1);

  stories.putStory({ ...story, mentions: story.mentions + 1 });
  assert.equal(dateOf.get(id), value, 'a rewrite of the record alone leaves the date as it was');
  assert.equal(counted.get(story.plover, value), before);

  const redated = `${value.slice(0, 7)}`;
  assert.notEqual(redated, value);
  stories.putStory({ ...story, date: { ...story.date, value: redated } });
  assert.equal(dateOf.get(id), redated, 'the new date value, though start and end stayed');
  assert.equal(counted.get(story.plover, value), before - 1, 'counted no more under the old value');
  assert.equal(counted.get(story.plover, redated), 1, 'counted under the new one');
  db.close();
});
