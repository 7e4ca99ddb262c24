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
import type { StoryCandidate } from '../../fuse/fuse.js';
import type { MatchGate } from '../../fuse/match.js';
import type { Mention } from '../../fuse/types.js';
import { CANDIDATE_COLUMNS, gateOfRow, type CandidateRow } from './story-candidates.js';

/** The most rows kept; past it, everything is dropped and read again as needed. 128 bytes a row: 32 MB. */
const MAX_KEPT_ROWS = 250_000;

/**
 * A candidate row's columns (CANDIDATE_COLUMNS order) as kept: numbers in a Float64Array (NaN for NULL),
 * texts as indices into the kept texts (-1 for NULL). Typed arrays hold no references, so the garbage
 * collector never walks the rows: arrays of a row each, hundreds of thousands of them, made every collection
 * slower than the look-ups they saved.
 */
const NUMBER_COLUMNS = [0, 1, 2, 3, 5, 6, 9, 10, 11, 12, 13, 14] as const;
const TEXT_COLUMNS = [4, 7, 8, 15] as const;
const NUMBERS = NUMBER_COLUMNS.length;
const TEXTS = TEXT_COLUMNS.length;
/** Where a row's component and days are among its numbers. */
const COMPONENT = 1;
const DAY_START = 2;
const DAY_END = 3;

/** The kept rows of one bucket, packed; grown by doubling as rows are filed. */
class PackedBucket {
  numbers: Float64Array;
  texts: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.numbers = new Float64Array(Math.max(4, capacity) * NUMBERS);
    this.texts = new Int32Array(Math.max(4, capacity) * TEXTS);
  }

  push(row: readonly unknown[], textIndex: (text: string) => number): void {
    if ((this.length + 1) * NUMBERS > this.numbers.length) {
      const numbers = new Float64Array(this.numbers.length * 2);
      numbers.set(this.numbers);
      this.numbers = numbers;
      const texts = new Int32Array(this.texts.length * 2);
      texts.set(this.texts);
      this.texts = texts;
    }
    const n = this.length * NUMBERS;
    for (let c = 0; c < NUMBERS; c++) {
      const value = row[NUMBER_COLUMNS[c]!];
      this.numbers[n + c] = value === null ? Number.NaN : (value as number);
    }
    const t = this.length * TEXTS;
    for (let c = 0; c < TEXTS; c++) {
      const value = row[TEXT_COLUMNS[c]!];
      this.texts[t + c] = value === null ? -1 : textIndex(value as string);
    }
    this.length++;
  }
}

/**
 * A kept row a look-up found, as fusion's candidate: its component is read at once, its gate columns only
 * when the gate is read (a candidate of a component the mention has joined already is skipped unread), and
 * the mention in full only when the gate lets it through.
 */
class KeptCandidate implements StoryCandidate {
  readonly component: number;

  constructor(private readonly bucket: PackedBucket, private readonly index: number, private readonly texts: readonly string[],
    private readonly parse: (event: number) => Mention) {
    this.component = bucket.numbers[index * NUMBERS + COMPONENT]!;
  }

  get gate(): MatchGate {
    return gateOfRow(this.row());
  }

  mention(): Mention {
    return this.parse(this.bucket.numbers[this.index * NUMBERS]!);
  }

  /** The row as the SQL look-up returns it. */
  row(): CandidateRow {
    const numbers = this.bucket.numbers;
    const texts = this.bucket.texts;
    const n = this.index * NUMBERS;
    const t = this.index * TEXTS;
    const number = (c: number): number | null => (Number.isNaN(numbers[n + c]!) ? null : numbers[n + c]!);
    const text = (c: number): string | null => (texts[t + c]! < 0 ? null : this.texts[texts[t + c]!]!);
    return [numbers[n]!, numbers[n + COMPONENT]!, number(DAY_START), number(DAY_END), text(0), number(4), number(5), text(1), text(2),
      number(6), number(7), number(8), number(9), number(10), number(11), text(3)];
  }
}

export class CandidateBlocks {
  /** The kept buckets of each family and country: a component's mentions all share both (fusion only joins such). */
  private readonly groups = new Map<string, Map<number, PackedBucket>>();
  private rows = 0;
  /** The distinct texts of the kept rows (countries, resolutions, subdivisions, party countries: few). */
  private texts: string[] = [];
  private readonly textIndices = new Map<string, number>();
  private dataVersion: number | undefined;
  private readonly selectBuckets;
  private readonly selectDataVersion;
  private readonly textIndex = (text: string): number => {
    let index = this.textIndices.get(text);
    if (index === undefined) {
      index = this.texts.push(text) - 1;
      this.textIndices.set(text, index);
    }
    return index;
  };

  /** `parse`: the stored mention of an event row, which a candidate hands out when asked. */
  constructor(db: Database.Database, private readonly parse: (event: number) => Mention) {
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
    // A new list, not the old one emptied: a candidate handed out before still reads the texts of its row.
    this.texts = [];
    this.textIndices.clear();
    this.rows = 0;
  }

  /**
   * The rows filed under the family and country in buckets from…to whose period overlaps `day`; for an
   * undated look-up (`day` undefined), every row of the bucket `from`.
   */
  lookup(family: string, country: string, from: number, to: number, day: { start: number; end: number } | undefined): KeptCandidate[] {
    const buckets = this.load(family, country, from, to);
    const found: KeptCandidate[] = [];
    for (let b = from; b <= to; b++) {
      const bucket = buckets.get(b)!;
      const numbers = bucket.numbers;
      for (let i = 0, n = 0; i < bucket.length; i++, n += NUMBERS) {
        // As SQL compares: a row without a period (NaN here) never overlaps a dated look-up.
        if (day === undefined || (numbers[n + DAY_START]! <= day.end && numbers[n + DAY_END]! >= day.start)) found.push(new KeptCandidate(bucket, i, this.texts, this.parse));
      }
    }
    return found;
  }

  /** A row this connection has just filed: kept when its bucket is (a bucket not kept is read whole when needed). */
  add(family: string, country: string, bucket: number, row: CandidateRow): void {
    const kept = this.groups.get(groupKey(family, country))?.get(bucket);
    if (kept === undefined) return;
    kept.push(row, this.textIndex);
    this.rows++;
  }

  /**
   * Every mention of component `from` (of the family and country) is now in `into`. Merges are rare (a
   * few per thousand mentions), so the group's kept rows are scanned rather than indexed by component.
   */
  merge(family: string, country: string, from: number, into: number): void {
    for (const bucket of this.groups.get(groupKey(family, country))?.values() ?? []) {
      const numbers = bucket.numbers;
      for (let n = COMPONENT; n < bucket.length * NUMBERS; n += NUMBERS) if (numbers[n] === from) numbers[n] = into;
    }
  }

  /** The kept buckets of the family and country, after reading those of from…to not kept yet in one range of the index. */
  private load(family: string, country: string, from: number, to: number): Map<number, PackedBucket> {
    if (this.rows > MAX_KEPT_ROWS) this.forget();
    const key = groupKey(family, country);
    let buckets = this.groups.get(key);
    if (buckets === undefined) this.groups.set(key, buckets = new Map());
    let first = from;
    while (first <= to && buckets.has(first)) first++;
    if (first > to) return buckets;
    let last = to;
    while (buckets.has(last)) last--;
    const read = new Map<number, unknown[][]>();
    for (let bucket = first; bucket <= last; bucket++) read.set(bucket, []);
    // Each row with its bucket after the candidate columns.
    for (const row of this.selectBuckets.all(family, country, first, last) as unknown[][]) read.get(row[16] as number)!.push(row);
    for (const [bucket, rows] of read) {
      // A bucket inside the range may be kept already, with rows added since: the kept one stays.
      if (buckets.has(bucket)) continue;
      const packed = new PackedBucket(rows.length);
      for (const row of rows) packed.push(row, this.textIndex);
      buckets.set(bucket, packed);
      this.rows += rows.length;
    }
    return buckets;
  }
}

function groupKey(family: string, country: string): string {
  return `${family}\u0000${country}`;
}
