/**
 * Takes a database back past migration 16 (the series counts kept from stories, story_dates dropped), for
 * the upgrade tests that set a database back to a schema from 10 to 15: those schemas had story_dates and
 * its triggers, which the released migrations 11, 14 and 15 create again, as they did then.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS_10_TO_15 } from '../store/sqlite/migrations/v10-v15.js';

export function setBackToSchema15(db: Database.Database): void {
  db.exec(`DROP TRIGGER story_day_counts_insert; DROP TRIGGER story_day_counts_delete;
    DROP TRIGGER story_day_counts_update_old; DROP TRIGGER story_day_counts_update_new;
    ALTER TABLE stories DROP COLUMN date_value`);
  for (const version of [11, 14, 15]) db.exec(MIGRATIONS_10_TO_15.find((migration) => migration.version === version)!.sql);
  db.exec('DELETE FROM schema_version WHERE version >= 16');
}
