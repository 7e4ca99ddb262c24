import type { Migration } from './migration.js';

/**
 * Cheaper story writes: the series counts kept from the stories table itself (16); stories named by their
 * earliest-published report (17). A new migration goes at the end of this file.
 */
export const MIGRATIONS_16_ON: readonly Migration[] = [
  {
    version: 16,
    sql: `
      -- story_dates (migration 11) copied each story's type, country, date value and bounds so that a series
      -- walked a covering index; since migration 14 a series reads story_day_counts, and story_dates was only
      -- the table whose triggers kept those counts. Each story written went through it: its text key and two
      -- indexes were about a fifth of the pages a batch of fused reports dirtied (100,000 stored stories).
      -- The date value is now a column of stories, and the counts follow stories directly.
      -- Re-runnable (the upgrade tests set databases back past it): a database set back to schema 10-15 has
      -- story_dates again and no date_value column.
      ALTER TABLE stories ADD COLUMN date_value TEXT;
      UPDATE stories SET date_value = json_extract(story_json, '$.date.value');
      DROP TRIGGER IF EXISTS story_dates_insert;
      DROP TRIGGER IF EXISTS story_dates_update;
      DROP TRIGGER IF EXISTS story_dates_delete;
      DROP TRIGGER IF EXISTS story_day_counts_replace;
      DROP TRIGGER IF EXISTS story_day_counts_insert;
      DROP TRIGGER IF EXISTS story_day_counts_delete;
      DROP TABLE IF EXISTS story_dates;
      DELETE FROM story_day_counts;
      DELETE FROM story_day_counts_all;
      INSERT INTO story_day_counts (country, plover, date_value, date_start, date_end, stories)
        SELECT country, plover, date_value, coalesce(date_start, char(65535)), coalesce(date_end, ''), COUNT(*) FROM stories
        WHERE country IS NOT NULL AND date_value <> '' GROUP BY 1, 2, 3, 4, 5;
      INSERT INTO story_day_counts_all (plover, date_value, date_start, date_end, stories)
        SELECT plover, date_value, coalesce(date_start, char(65535)), coalesce(date_end, ''), COUNT(*) FROM stories
        WHERE date_value <> '' GROUP BY 1, 2, 3, 4;
      -- A key holds no null: a missing bound is stored as what compares as a missing one does (migration 14).
      CREATE TRIGGER story_day_counts_insert AFTER INSERT ON stories WHEN NEW.date_value <> '' BEGIN
        INSERT INTO story_day_counts (country, plover, date_value, date_start, date_end, stories)
        SELECT NEW.country, NEW.plover, NEW.date_value, coalesce(NEW.date_start, char(65535)), coalesce(NEW.date_end, ''), 1
        WHERE NEW.country IS NOT NULL
        ON CONFLICT DO UPDATE SET stories = stories + 1;
        INSERT INTO story_day_counts_all (plover, date_value, date_start, date_end, stories)
        SELECT NEW.plover, NEW.date_value, coalesce(NEW.date_start, char(65535)), coalesce(NEW.date_end, ''), 1 WHERE true
        ON CONFLICT DO UPDATE SET stories = stories + 1;
      END;
      CREATE TRIGGER story_day_counts_delete AFTER DELETE ON stories WHEN OLD.date_value <> '' BEGIN
        UPDATE story_day_counts SET stories = stories - 1 WHERE country = OLD.country AND plover = OLD.plover
          AND date_value = OLD.date_value AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '');
        DELETE FROM story_day_counts WHERE country = OLD.country AND plover = OLD.plover AND date_value = OLD.date_value
          AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '') AND stories <= 0;
        UPDATE story_day_counts_all SET stories = stories - 1 WHERE plover = OLD.plover
          AND date_value = OLD.date_value AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '');
        DELETE FROM story_day_counts_all WHERE plover = OLD.plover AND date_value = OLD.date_value
          AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '') AND stories <= 0;
      END;
      -- An update that moves a story in the counts is its old row taken out and its new row counted; the
      -- record-only rewrite of fusion (SqliteStories.putStory) sets none of these columns and fires neither.
      CREATE TRIGGER story_day_counts_update_old AFTER UPDATE OF plover, country, date_value, date_start, date_end ON stories
      WHEN OLD.date_value <> '' AND (OLD.plover IS NOT NEW.plover OR OLD.country IS NOT NEW.country
        OR OLD.date_value IS NOT NEW.date_value OR OLD.date_start IS NOT NEW.date_start OR OLD.date_end IS NOT NEW.date_end)
      BEGIN
        UPDATE story_day_counts SET stories = stories - 1 WHERE country = OLD.country AND plover = OLD.plover
          AND date_value = OLD.date_value AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '');
        DELETE FROM story_day_counts WHERE country = OLD.country AND plover = OLD.plover AND date_value = OLD.date_value
          AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '') AND stories <= 0;
        UPDATE story_day_counts_all SET stories = stories - 1 WHERE plover = OLD.plover
          AND date_value = OLD.date_value AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '');
        DELETE FROM story_day_counts_all WHERE plover = OLD.plover AND date_value = OLD.date_value
          AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '') AND stories <= 0;
      END;
      CREATE TRIGGER story_day_counts_update_new AFTER UPDATE OF plover, country, date_value, date_start, date_end ON stories
      WHEN NEW.date_value <> '' AND (OLD.plover IS NOT NEW.plover OR OLD.country IS NOT NEW.country
        OR OLD.date_value IS NOT NEW.date_value OR OLD.date_start IS NOT NEW.date_start OR OLD.date_end IS NOT NEW.date_end)
      BEGIN
        INSERT INTO story_day_counts (country, plover, date_value, date_start, date_end, stories)
        SELECT NEW.country, NEW.plover, NEW.date_value, coalesce(NEW.date_start, char(65535)), coalesce(NEW.date_end, ''), 1
        WHERE NEW.country IS NOT NULL
        ON CONFLICT DO UPDATE SET stories = stories + 1;
        INSERT INTO story_day_counts_all (plover, date_value, date_start, date_end, stories)
        SELECT NEW.plover, NEW.date_value, coalesce(NEW.date_start, char(65535)), coalesce(NEW.date_end, ''), 1 WHERE true
        ON CONFLICT DO UPDATE SET stories = stories + 1;
      END;
    `,
  },
  {
    version: 17,
    sql: `
      -- A story is named by its earliest-published report, the smallest key among equals (storyIdOf in
      -- src/fuse/summary.ts), no longer by its smallest key: the stored stories take the name a fresh ingest
      -- of their documents gives them, and each old name redirects. One pass over the mentions (a window per
      -- story), so it stays near-linear in a large database. Re-runnable: a story already so named is left.
      CREATE TEMP TABLE story_renames (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);
      INSERT INTO story_renames (old_id, new_id)
        SELECT story, key FROM (
          SELECT story, key, ROW_NUMBER() OVER (PARTITION BY story
            ORDER BY coalesce(json_extract(mention_json, '$.published'), char(65535)), key) AS rank
          FROM story_mentions)
        WHERE rank = 1 AND story <> key;
      UPDATE story_mentions SET story = r.new_id FROM story_renames r WHERE story_mentions.story = r.old_id;
      UPDATE stories SET id = r.new_id, story_json = json_set(stories.story_json, '$.id', r.new_id)
        FROM story_renames r WHERE stories.id = r.old_id;
      UPDATE story_redirects SET new_id = r.new_id FROM story_renames r WHERE story_redirects.new_id = r.old_id;
      INSERT INTO story_redirects (old_id, new_id, merged_at)
        SELECT old_id, new_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM story_renames WHERE true
        ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, merged_at = excluded.merged_at;
      DROP TABLE story_renames;
    `,
  },
];
