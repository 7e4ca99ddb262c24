/**
 * Fusion's candidate look-ups in the SQLite store: the rows a look-up hands over (the contradiction rules'
 * columns, so a candidate they rule out is never parsed), and the surname rows that find follow-ups
 * outside the week blocks (schema migration 12; what is filed is decided in src/fuse/mention.ts).
 */
import type Database from 'better-sqlite3';
import type { MatchGate } from '../../fuse/match.js';
import { followUpFiling, type FollowUpLookups } from '../../fuse/mention.js';
import type { Mention, MentionFigure } from '../../fuse/types.js';

/** The columns of a candidate look-up: all in the block index (schema migration 5), so it reads no rows. */
export const CANDIDATE_COLUMNS = `event, component, day_start, day_end, place_country, lat, lon, resolution, admin1, killed_min,
  killed_max, killed_exact, injured_min, injured_max, injured_exact, party_countries`;

/**
 * A candidate row as an array in CANDIDATE_COLUMNS order: the look-up reads them with raw(), since making
 * an object of 16 named columns per row costs twice reading them (most of a look-up's time).
 */
export type CandidateRow = [event: number, component: number, dayStart: number | null, dayEnd: number | null,
  placeCountry: string | null, lat: number | null, lon: number | null, resolution: string | null, admin1: string | null,
  killedMin: number | null, killedMax: number | null, killedExact: number | null, injuredMin: number | null,
  injuredMax: number | null, injuredExact: number | null, partyCountries: string | null];

function figureOfRow(min: number | null, max: number | null, exact: number | null): MentionFigure | undefined {
  if (min === null) return undefined;
  return max === null ? { min, exact: exact === 1 } : { min, max, exact: exact === 1 };
}

/**
 * The contradiction rules' view of a stored mention, as its columns give it. A place with neither country
 * nor coordinates can contradict nothing, so it is left out; the rules never read a place's name.
 */
export function gateOfRow(row: CandidateRow): MatchGate {
  const [, , dayStart, dayEnd, placeCountry, lat, lon, resolution, admin1, killedMin, killedMax, killedExact, injuredMin,
    injuredMax, injuredExact, partyCountries] = row;
  const gate: MatchGate = { parties: partyCountries === null ? [] : partyCountries.split(' ').sort() };
  if (dayStart !== null && dayEnd !== null) gate.day = { start: dayStart, end: dayEnd };
  if (placeCountry !== null || lat !== null || lon !== null) {
    const place: NonNullable<MatchGate['place']> = { name: '', from: 'sentence' };
    if (placeCountry !== null) place.country = placeCountry;
    if (lat !== null) place.lat = lat;
    if (lon !== null) place.lon = lon;
    if (resolution !== null) place.resolution = resolution as NonNullable<MatchGate['place']>['resolution'];
    if (admin1 !== null) place.admin1 = admin1;
    gate.place = place;
  }
  const killed = figureOfRow(killedMin, killedMax, killedExact);
  if (killed) gate.killed = killed;
  const injured = figureOfRow(injuredMin, injuredMax, injuredExact);
  if (injured) gate.injured = injured;
  return gate;
}

/** The surname rows of the follow-up look-up (story_surnames); a mention's rows go with it (ON DELETE CASCADE). */
export class FollowUpIndex {
  private readonly insertRow;
  private readonly selectEarlier;
  private readonly selectLater;

  private readonly selectCandidate;

  constructor(db: Database.Database) {
    this.insertRow = db.prepare(`
      INSERT OR IGNORE INTO story_surnames (surname, family, country, day_start, follow_up_end, event) VALUES (?, ?, ?, ?, ?, ?)`);
    // One range of one covering index per surname, reading event ids only: the primary key for the reports a
    // follow-up may follow up, the partial index of possible follow-ups for those that may follow up a report.
    this.selectEarlier = db.prepare(`
      SELECT event FROM story_surnames WHERE surname = ? AND family = ? AND country = ? AND day_start BETWEEN ? AND ?`).pluck();
    this.selectLater = db.prepare(`
      SELECT event FROM story_surnames WHERE surname = ? AND family = ? AND country = ? AND follow_up_end BETWEEN ? AND ?`).pluck();
    this.selectCandidate = db.prepare(`SELECT ${CANDIDATE_COLUMNS} FROM story_mentions WHERE event = ?`).raw();
  }

  /** Files a mention just stored as the row `event` of story_mentions. */
  file(event: number, mention: Mention): void {
    const filing = followUpFiling(mention);
    if (!filing) return;
    for (const surname of filing.surnames) {
      this.insertRow.run(surname, mention.family, mention.country, filing.dayStart, filing.followUpEnd ?? null, event);
    }
  }

  /**
   * The stored mentions the look-ups find (see StoryIndex.followUpCandidates), each once, in event order.
   * A common surname finds many mentions; only those naming `lookups.shared` of the surnames are read.
   */
  rows(family: string, country: string, lookups: FollowUpLookups): CandidateRow[] {
    const named = new Map<number, number>();
    for (const surname of lookups.surnames) {
      const found = new Set<number>(lookups.earlier
        ? this.selectEarlier.all(surname, family, country, lookups.earlier.from, lookups.earlier.to) as number[] : []);
      for (const event of this.selectLater.all(surname, family, country, lookups.later.from, lookups.later.to) as number[]) found.add(event);
      for (const event of found) named.set(event, (named.get(event) ?? 0) + 1);
    }
    const rows: CandidateRow[] = [];
    for (const [event, count] of [...named].sort((a, b) => a[0] - b[0])) {
      if (count >= lookups.shared) rows.push(this.selectCandidate.get(event) as CandidateRow);
    }
    return rows;
  }
}
