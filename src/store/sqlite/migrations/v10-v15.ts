import type { Migration } from './migration.js';

/**
 * Faster stories and pages: stories in a rowid table (10), page-order indexes and series tables (11, 14),
 * follow-up surnames (12), integer components (13), a story_dates trigger fewer per story write (15). A new
 * migration goes at the end of the newest file (v16-on.ts).
 */
export const MIGRATIONS_10_TO_15: readonly Migration[] = [
  {
    version: 10,
    sql: `
      -- Stories in a rowid table. As a WITHOUT ROWID table keyed by its text id, a story row longer than
      -- about 1,000 bytes (most are: story_json) went to an overflow page of its own, so each story took
      -- two pages (4.5 KB for a 1 KB record) and each rewrite of it dirtied both. The id stays unique, and
      -- each index keeps the id after its columns, as the WITHOUT ROWID indexes held it (keyset pages by
      -- date and id read them in order).
      CREATE TABLE stories_by_rowid (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        plover TEXT NOT NULL,
        country TEXT,
        date_start TEXT,
        date_end TEXT,
        first_seen TEXT,
        last_seen TEXT,
        mentions INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        killed_best INTEGER,
        injured_best INTEGER,
        confidence REAL NOT NULL,
        story_json TEXT NOT NULL
      );
      INSERT INTO stories_by_rowid (id, plover, country, date_start, date_end, first_seen, last_seen, mentions, documents,
        sources, killed_best, injured_best, confidence, story_json)
      SELECT id, plover, country, date_start, date_end, first_seen, last_seen, mentions, documents, sources, killed_best,
        injured_best, confidence, story_json FROM stories ORDER BY id;
      DROP TABLE stories;
      ALTER TABLE stories_by_rowid RENAME TO stories;
      CREATE INDEX stories_plover_date ON stories (plover, date_start, id);
      CREATE INDEX stories_country_date ON stories (country, date_start, id);
      CREATE INDEX stories_date ON stories (date_start, date_end, id);
    `,
  },
  {
    version: 11,
    sql: `
      -- Event and story pages (pages.ts) are read newest date first, then by key: indexes in exactly that order make a
      -- page, and the page after a cursor, one seek that stops after a page, where the (…, date_start) indexes
      -- made SQLite read every matching event and sort them (100,000 events for an unfiltered page). They
      -- replace the (plover, date_start) and (country, date_start) indexes, whose uses they serve as well.
      -- IF [NOT] EXISTS: the upgrade tests set databases back past this migration.
      CREATE INDEX IF NOT EXISTS events_page ON events (date_start DESC, id);
      CREATE INDEX IF NOT EXISTS events_plover_page ON events (plover, date_start DESC, id);
      CREATE INDEX IF NOT EXISTS events_country_page ON events (country, date_start DESC, id);
      CREATE INDEX IF NOT EXISTS events_plover_country_page ON events (plover, country, date_start DESC, id);
      CREATE INDEX IF NOT EXISTS stories_page ON stories (date_start DESC, id);
      DROP INDEX IF EXISTS events_plover_date;
      DROP INDEX IF EXISTS events_country_date;

      -- What a series counts of each story (Store.seriesCounts): its type, country, date value and days, kept by
      -- triggers in step with stories, so a series is a walk over a covering index. The stories rows are large
      -- (story_json), and reading them took ~40 µs a story: 100 ms for the stories of one country of 100,000.
      CREATE TABLE IF NOT EXISTS story_dates (
        id TEXT PRIMARY KEY,
        plover TEXT NOT NULL,
        country TEXT,
        date_value TEXT,
        date_start TEXT,
        date_end TEXT
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS story_dates_country ON story_dates (country, plover, date_value, date_start, date_end);
      CREATE INDEX IF NOT EXISTS story_dates_plover ON story_dates (plover, date_value, date_start, date_end);
      DELETE FROM story_dates;
      INSERT INTO story_dates (id, plover, country, date_value, date_start, date_end)
        SELECT id, plover, country, json_extract(story_json, '$.date.value'), date_start, date_end FROM stories;
      CREATE TRIGGER IF NOT EXISTS story_dates_insert AFTER INSERT ON stories BEGIN
        INSERT OR REPLACE INTO story_dates (id, plover, country, date_value, date_start, date_end)
        VALUES (NEW.id, NEW.plover, NEW.country, json_extract(NEW.story_json, '$.date.value'), NEW.date_start, NEW.date_end);
      END;
      -- Only when what it copies changes: fusion rewrites many stories whose type, country and dates stay.
      CREATE TRIGGER IF NOT EXISTS story_dates_update AFTER UPDATE ON stories
      WHEN OLD.id IS NOT NEW.id OR OLD.plover IS NOT NEW.plover OR OLD.country IS NOT NEW.country
        OR OLD.date_start IS NOT NEW.date_start OR OLD.date_end IS NOT NEW.date_end
        OR json_extract(OLD.story_json, '$.date.value') IS NOT json_extract(NEW.story_json, '$.date.value')
      BEGIN
        DELETE FROM story_dates WHERE id = OLD.id;
        INSERT OR REPLACE INTO story_dates (id, plover, country, date_value, date_start, date_end)
        VALUES (NEW.id, NEW.plover, NEW.country, json_extract(NEW.story_json, '$.date.value'), NEW.date_start, NEW.date_end);
      END;
      CREATE TRIGGER IF NOT EXISTS story_dates_delete AFTER DELETE ON stories BEGIN
        DELETE FROM story_dates WHERE id = OLD.id;
      END;
    `,
  },
  {
    version: 12,
    sql: `
      -- Follow-ups (followUpFiling in src/fuse/mention.ts): a row per surname of each mention with three
      -- surnames, a fine date and a country, so that a report of an arrest or a trial months after a shooting, whose sentence dates
      -- nothing, finds the reports of the shooting by the people both name (and they it), outside the week
      -- blocks. follow_up_end: the mention's last possible day when it may be a follow-up, else null.
      -- IF NOT EXISTS / OR IGNORE: a database set back to an older version (the upgrade tests) keeps this table.
      CREATE TABLE IF NOT EXISTS story_surnames (
        surname TEXT NOT NULL,
        family TEXT NOT NULL,
        country TEXT NOT NULL,
        day_start INTEGER NOT NULL,
        follow_up_end INTEGER,
        event INTEGER NOT NULL REFERENCES story_mentions (event) ON DELETE CASCADE,
        PRIMARY KEY (surname, family, country, day_start, event)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS story_surnames_follow_ups ON story_surnames (surname, family, country, follow_up_end)
        WHERE follow_up_end IS NOT NULL;
      CREATE INDEX IF NOT EXISTS story_surnames_event ON story_surnames (event);
      -- Mentions stored before are filed as new ones are; those stored before surnames were kept have none.
      -- The conditions are followUpFiling's: FOLLOW_UP_SURNAMES (3) surnames, a country, a fine period (at
      -- most 48 days), and for a possible follow-up, a sentence that dates nothing (no date, or one read from
      -- the report or carried from the lead).
      INSERT OR IGNORE INTO story_surnames (surname, family, country, day_start, follow_up_end, event)
      SELECT surname.value, m.family, m.country, m.day_start,
        CASE WHEN coalesce(json_extract(m.mention_json, '$.date.basis'), 'report') IN ('report', 'document') THEN m.day_end END, m.event
      FROM story_mentions m, json_each(m.mention_json, '$.surnames') surname
      WHERE json_array_length(m.mention_json, '$.surnames') >= 3 AND m.country <> '-' AND m.day_start IS NOT NULL
        AND m.day_end - m.day_start + 1 <= 48;
    `,
  },
  {
    version: 13,
    sql: `
      -- Components named by integers the store hands out in increasing order (fuse.ts: the oldest of joined
      -- components keeps its name), not by their smallest mention key: a report whose key sorts first no
      -- longer files every stored mention of its component again (row, block and component index), and
      -- both indexes holding the name shrink (a 27-character key per entry before). Existing components
      -- are numbered in the order of their old names. Written to run again on a database set back past it
      -- (the upgrade tests): it numbers whatever names it finds.
      CREATE TEMP TABLE component_numbers (name PRIMARY KEY, num INTEGER NOT NULL);
      INSERT INTO component_numbers (name, num)
        SELECT component, ROW_NUMBER() OVER (ORDER BY component) FROM story_mentions GROUP BY component;
      ALTER TABLE story_mentions ADD COLUMN component_num INTEGER NOT NULL DEFAULT 0;
      UPDATE story_mentions SET component_num = (SELECT num FROM component_numbers WHERE name = story_mentions.component);
      DROP TABLE component_numbers;
      DROP INDEX IF EXISTS story_mentions_block;
      DROP INDEX IF EXISTS story_mentions_component;
      ALTER TABLE story_mentions DROP COLUMN component;
      ALTER TABLE story_mentions RENAME COLUMN component_num TO component;
      CREATE INDEX story_mentions_block ON story_mentions (family, country, bucket, day_end, day_start, component,
        place_country, lat, lon, resolution, admin1, killed_min, killed_max, killed_exact, injured_min, injured_max,
        injured_exact, party_countries);
      CREATE INDEX story_mentions_component ON story_mentions (component);

      -- One index fewer to write per story: the page index, with the last day after the id, answers what
      -- stories_date (date_start, date_end, id) did, a range of first days read in either direction and
      -- the last day tested without reading the row, with the same plans (counts by date included).
      DROP INDEX IF EXISTS stories_date;
      DROP INDEX IF EXISTS stories_page;
      CREATE INDEX stories_page ON stories (date_start DESC, id, date_end);
    `,
  },
  {
    version: 14,
    sql: `
      -- Stories counted by country, type, date value and bounds (Store.seriesCounts), and by the same without the
      -- country (a series of all countries), kept by triggers in step with story_dates: a series reads one row
      -- per type and day instead of one per story, and SQLite groups nothing. A key holds no null, so a missing
      -- bound is stored as what compares as a missing one does under a series' from/to conditions
      -- (date_end >= from, date_start <= to): no start as U+FFFF, after every date; no end as '', before every
      -- date. IF NOT EXISTS: the upgrade tests set databases back past this migration.
      CREATE TABLE IF NOT EXISTS story_day_counts (
        country TEXT NOT NULL, plover TEXT NOT NULL, date_value TEXT NOT NULL, date_start TEXT NOT NULL, date_end TEXT NOT NULL,
        stories INTEGER NOT NULL, PRIMARY KEY (country, plover, date_value, date_start, date_end)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS story_day_counts_all (
        plover TEXT NOT NULL, date_value TEXT NOT NULL, date_start TEXT NOT NULL, date_end TEXT NOT NULL,
        stories INTEGER NOT NULL, PRIMARY KEY (plover, date_value, date_start, date_end)
      ) WITHOUT ROWID;
      DELETE FROM story_day_counts;
      DELETE FROM story_day_counts_all;
      INSERT INTO story_day_counts (country, plover, date_value, date_start, date_end, stories)
        SELECT country, plover, date_value, coalesce(date_start, char(65535)), coalesce(date_end, ''), COUNT(*) FROM story_dates
        WHERE country IS NOT NULL AND date_value <> '' GROUP BY 1, 2, 3, 4, 5;
      INSERT INTO story_day_counts_all (plover, date_value, date_start, date_end, stories)
        SELECT plover, date_value, coalesce(date_start, char(65535)), coalesce(date_end, ''), COUNT(*) FROM story_dates
        WHERE date_value <> '' GROUP BY 1, 2, 3, 4;
      -- story_dates is written with INSERT OR REPLACE, whose replacing deletes fire no delete trigger
      -- (recursive_triggers is off): the row an insert would replace is deleted first, and uncounted.
      CREATE TRIGGER IF NOT EXISTS story_day_counts_replace BEFORE INSERT ON story_dates BEGIN
        DELETE FROM story_dates WHERE id = NEW.id;
      END;
      CREATE TRIGGER IF NOT EXISTS story_day_counts_insert AFTER INSERT ON story_dates WHEN NEW.date_value <> '' BEGIN
        INSERT INTO story_day_counts (country, plover, date_value, date_start, date_end, stories)
        SELECT NEW.country, NEW.plover, NEW.date_value, coalesce(NEW.date_start, char(65535)), coalesce(NEW.date_end, ''), 1
        WHERE NEW.country IS NOT NULL
        ON CONFLICT DO UPDATE SET stories = stories + 1;
        INSERT INTO story_day_counts_all (plover, date_value, date_start, date_end, stories)
        SELECT NEW.plover, NEW.date_value, coalesce(NEW.date_start, char(65535)), coalesce(NEW.date_end, ''), 1 WHERE true
        ON CONFLICT DO UPDATE SET stories = stories + 1;
      END;
      CREATE TRIGGER IF NOT EXISTS story_day_counts_delete AFTER DELETE ON story_dates WHEN OLD.date_value <> '' BEGIN
        UPDATE story_day_counts SET stories = stories - 1 WHERE country = OLD.country AND plover = OLD.plover
          AND date_value = OLD.date_value AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '');
        DELETE FROM story_day_counts WHERE country = OLD.country AND plover = OLD.plover AND date_value = OLD.date_value
          AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '') AND stories <= 0;
        UPDATE story_day_counts_all SET stories = stories - 1 WHERE plover = OLD.plover
          AND date_value = OLD.date_value AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '');
        DELETE FROM story_day_counts_all WHERE plover = OLD.plover AND date_value = OLD.date_value
          AND date_start = coalesce(OLD.date_start, char(65535)) AND date_end = coalesce(OLD.date_end, '') AND stories <= 0;
      END;
    `,
  },
  {
    version: 15,
    sql: `
      -- story_dates' update trigger fired on every story update and parsed the old and the new story_json
      -- (a record of 1-3 KB each) to compare their date values: 25-40 µs a story write instead of 10-14.
      -- Now it fires only for an UPDATE that sets one of the columns it copies. The one UPDATE that does not
      -- (SqliteStories.putStory's record-only rewrite) is used only when type, country, dates and date value all stay,
      -- which putStory checks against story_dates before choosing it.
      DROP TRIGGER IF EXISTS story_dates_update;
      CREATE TRIGGER story_dates_update AFTER UPDATE OF id, plover, country, date_start, date_end ON stories
      WHEN OLD.id IS NOT NEW.id OR OLD.plover IS NOT NEW.plover OR OLD.country IS NOT NEW.country
        OR OLD.date_start IS NOT NEW.date_start OR OLD.date_end IS NOT NEW.date_end
        OR json_extract(OLD.story_json, '$.date.value') IS NOT json_extract(NEW.story_json, '$.date.value')
      BEGIN
        DELETE FROM story_dates WHERE id = OLD.id;
        INSERT OR REPLACE INTO story_dates (id, plover, country, date_value, date_start, date_end)
        VALUES (NEW.id, NEW.plover, NEW.country, json_extract(NEW.story_json, '$.date.value'), NEW.date_start, NEW.date_end);
      END;
    `,
  },
];
