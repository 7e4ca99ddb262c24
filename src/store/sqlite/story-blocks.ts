/**
 * Fusion's block index (story_mentions_block) held in memory between look-ups. A look-up spans the
 * eight or so weekly buckets a fine period can overlap, and news of one week is looked up by thousands of
 * reports, so the same buckets are read again and again: each is read from the database once and then
 * kept, with the rows this connection files added as it files them. What a look-up returns is what the
 * SQL look-up would return (candidate order aside, which fusion does not depend on).
 *
 * The rows are only as fresh as this connection's knowledge of the database, so they are dropped when that
 * knowledge ends: another connection committed (PRAGMA data_version moved, checked at each write), a write
 * of this connection was rolled back (the store calls forget), or mentions were removed or filed under
 * other components than fusion's merges (unfiling a re-coded document, refiling a corrected event).
 */
import type Database from 'better-sqlite3';
import { CANDIDATE_COLUMNS, type CandidateRow } from './story-candidates.js';

/** The most rows kept; past it, everything is dropped and read again as needed. At ~200 bytes a row, about 50 MB. */
const MAX_CACHED_ROWS = 250_000;

export class CandidateBlocks {
  /** The kept buckets of each family and country: a component's mentions all share both (fusion only joins such). */
  private readonly groups = new Map<string, Map<number, CandidateRow[]>>();
  private rows = 0;
  private dataVersion: number | undefined;
  private readonly selectBuckets;
  private readonly selectDataVersion;

  constructor(db: Database.Database) {
    this.selectBuckets = db.prepare(`
      SELECT ${CANDIDATE_COLUMNS}, bucket FROM story_mentions WHERE family = ? AND country = ? AND bucket BETWEEN ? AND ?`).raw();
    this.selectDataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /**
   * At the start of each write: drops everything when another connection has committed since the last
   * one, and says whether it did (what else the caller keeps of the stored mentions is stale too).
   */
  checkFresh(): boolean {
    const version = this.selectDataVersion.get() as number;
    const stale = version !== this.dataVersion;
    if (stale) this.forget();
    this.dataVersion = version;
    return stale;
  }

  forget(): void {
    this.groups.clear();
    this.rows = 0;
  }

  /**
   * The rows filed under the family and country in buckets from…to whose period overlaps `day`; for an
   * undated look-up (`day` undefined), every row of the bucket `from`.
   */
  lookup(family: string, country: string, from: number, to: number, day: { start: number; end: number } | undefined): CandidateRow[] {
    const buckets = this.load(family, country, from, to);
    const found: CandidateRow[] = [];
    for (let bucket = from; bucket <= to; bucket++) {
      for (const row of buckets.get(bucket)!) {
        // As SQL compares: a row without a period never overlaps a dated look-up.
        if (day === undefined || (row[2] !== null && row[3] !== null && row[2] <= day.end && row[3] >= day.start)) found.push(row);
      }
    }
    return found;
  }

  /** A row this connection has just filed: kept when its bucket is (a bucket not kept is read whole when needed). */
  add(family: string, country: string, bucket: number, row: CandidateRow): void {
    const rows = this.groups.get(groupKey(family, country))?.get(bucket);
    if (rows === undefined) return;
    rows.push(row);
    this.rows++;
  }

  /**
   * Every mention of component `from` (of the family and country) is now in `into`. Merges are rare (a
   * few per thousand mentions), so the group's kept rows are scanned rather than indexed by component.
   */
  merge(family: string, country: string, from: number, into: number): void {
    for (const rows of this.groups.get(groupKey(family, country))?.values() ?? []) {
      for (const row of rows) if (row[1] === from) row[1] = into;
    }
  }

  /** The kept buckets of the family and country, after reading those of from…to not kept yet in one range of the index. */
  private load(family: string, country: string, from: number, to: number): Map<number, CandidateRow[]> {
    if (this.rows > MAX_CACHED_ROWS) this.forget();
    const key = groupKey(family, country);
    let buckets = this.groups.get(key);
    if (buckets === undefined) this.groups.set(key, buckets = new Map());
    let first = from;
    while (first <= to && buckets.has(first)) first++;
    if (first > to) return buckets;
    let last = to;
    while (buckets.has(last)) last--;
    const read = new Map<number, CandidateRow[]>();
    for (let bucket = first; bucket <= last; bucket++) read.set(bucket, []);
    // Each row with its bucket after the candidate columns (left there: a candidate reads the first 16).
    for (const row of this.selectBuckets.all(family, country, first, last) as unknown[][]) {
      read.get(row[16] as number)!.push(row as unknown as CandidateRow);
    }
    for (const [bucket, rows] of read) {
      // A bucket inside the range may be kept already, with rows added since: the kept one stays.
      if (buckets.has(bucket)) continue;
      buckets.set(bucket, rows);
      this.rows += rows.length;
    }
    return buckets;
  }
}

function groupKey(family: string, country: string): string {
  return `${family}\u0000${country}`;
}
