/**
 * Analyst overrides in the SQLite store. The events table always holds the event as the analyst has it
 * (the coder's event with the verdict applied), so every query, count, facet, story and export reads the
 * corrected event without knowing about overrides; the override row keeps the coder's event to restore.
 * A document stored after its override (re-coded, or carried from another store) gets it when written.
 */
import type Database from 'better-sqlite3';
import type { Doc, Event } from '../../doc/types.js';
import { mentionOf } from '../../fuse/mention.js';
import { anchorOf, applyOverride, type EventOverride } from '../overrides.js';
import { StoreError } from '../store.js';
import { eventRow, participantKeys } from './rows.js';
import type { SqliteStories } from './stories.js';

interface OverrideRow {
  doc_id: string;
  anchor_start: number;
  anchor_end: number;
  verdict: EventOverride['verdict'];
  correction_json: string | null;
  analyst: string;
  reason: string | null;
  at: string;
  machine_json: string | null;
}

interface EventOfDoc {
  id: number;
  seq: number;
  event_json: string;
}

const DEFAULT_LIMIT = 1000;

export class SqliteOverrides {
  private readonly selectEventsOfDoc;
  private readonly selectDocNum;
  private readonly selectOverridesOfDoc;
  private readonly selectOverride;
  private readonly upsert;
  private readonly remove;
  private readonly log;
  private readonly updateEvent;
  private readonly deleteParticipants;
  private readonly insertParticipant;

  constructor(
    private readonly db: Database.Database,
    private readonly stories: SqliteStories,
    private readonly loadDoc: (docNum: number) => Doc,
  ) {
    this.selectEventsOfDoc = db.prepare('SELECT id, seq, event_json FROM events WHERE doc = ? ORDER BY seq');
    this.selectDocNum = db.prepare('SELECT num FROM documents WHERE id = ?').pluck();
    this.selectOverridesOfDoc = db.prepare('SELECT * FROM event_overrides WHERE doc_id = ?');
    this.selectOverride = db.prepare('SELECT * FROM event_overrides WHERE doc_id = ? AND anchor_start = ? AND anchor_end = ?');
    this.upsert = db.prepare(`
      INSERT INTO event_overrides (doc_id, anchor_start, anchor_end, verdict, correction_json, analyst, reason, at, machine_json)
      VALUES (@doc_id, @anchor_start, @anchor_end, @verdict, @correction_json, @analyst, @reason, @at, @machine_json)
      ON CONFLICT (doc_id, anchor_start, anchor_end) DO UPDATE SET verdict = excluded.verdict,
        correction_json = excluded.correction_json, analyst = excluded.analyst, reason = excluded.reason, at = excluded.at,
        machine_json = COALESCE(event_overrides.machine_json, excluded.machine_json)`);
    this.remove = db.prepare('DELETE FROM event_overrides WHERE doc_id = ? AND anchor_start = ? AND anchor_end = ?');
    this.log = db.prepare(`
      INSERT INTO event_override_log (doc_id, anchor_start, anchor_end, action, override_json, at) VALUES (?, ?, ?, ?, ?, ?)`);
    this.updateEvent = db.prepare(`
      UPDATE events SET plover = @plover, cameo = @cameo, quad_class = @quad_class, goldstein = @goldstein,
        actor_codes = @actor_codes, recipient_codes = @recipient_codes, country = @country, date_value = @date_value,
        date_start = @date_start, date_end = @date_end, lat = @lat, lon = @lon, confidence = @confidence,
        modality = @modality, event_json = @event_json
      WHERE id = @id`);
    this.deleteParticipants = db.prepare('DELETE FROM event_participants WHERE event = ?');
    this.insertParticipant = db.prepare('INSERT INTO event_participants (key, event, roles) VALUES (?, ?, ?)');
  }

  /** Records the override (inside a write transaction) and applies it to the stored event with its anchor. */
  put(override: EventOverride, now: string): EventOverride {
    const row: OverrideRow = {
      doc_id: override.docId, anchor_start: override.anchor.start, anchor_end: override.anchor.end, verdict: override.verdict,
      correction_json: override.correction ? JSON.stringify(override.correction) : null, analyst: override.analyst,
      reason: override.reason ?? null, at: override.at, machine_json: override.machine ? JSON.stringify(override.machine) : null,
    };
    this.upsert.run(row);
    this.log.run(row.doc_id, row.anchor_start, row.anchor_end, 'put', JSON.stringify(overrideOf(row)), now);
    const docNum = this.selectDocNum.get(override.docId) as number | undefined;
    if (docNum !== undefined) this.applyToDoc(docNum, now);
    return this.get(override.docId, override.anchor)!;
  }

  /** Withdraws the override on the event with this anchor, putting the coder's event back; false when there was none. */
  delete(docId: string, anchor: { start: number; end: number }, now: string): boolean {
    const stored = this.selectOverride.get(docId, anchor.start, anchor.end) as OverrideRow | undefined;
    if (!stored) return false;
    this.remove.run(docId, anchor.start, anchor.end);
    this.log.run(docId, anchor.start, anchor.end, 'delete', JSON.stringify(overrideOf(stored)), now);
    const docNum = this.selectDocNum.get(docId) as number | undefined;
    const target = docNum === undefined ? undefined : this.eventAt(docNum, anchor);
    if (target && stored.machine_json) this.rewrite(docNum!, target, JSON.parse(stored.machine_json) as Event, now);
    return true;
  }

  /**
   * Applies the document's overrides to its stored events: each override to the event whose trigger is its
   * anchor. Called after a verdict changes and when a document is written (so re-coded events get theirs).
   */
  applyToDoc(docNum: number, now: string): void {
    const docId = this.db.prepare('SELECT id FROM documents WHERE num = ?').pluck().get(docNum) as string;
    const overrides = this.selectOverridesOfDoc.all(docId) as OverrideRow[];
    if (overrides.length === 0) return;
    const events = this.selectEventsOfDoc.all(docNum) as EventOfDoc[];
    for (const row of overrides) {
      const target = events.find((e) => sameAnchor(JSON.parse(e.event_json) as Event, row));
      if (!target) continue;
      const stored = JSON.parse(target.event_json) as Event;
      // The events table holds the analyst's version; the coder's is the one without a review mark.
      const machine = stored.review === undefined ? stored : (JSON.parse(row.machine_json ?? target.event_json) as Event);
      if (stored.review === undefined) {
        this.db.prepare('UPDATE event_overrides SET machine_json = ? WHERE doc_id = ? AND anchor_start = ? AND anchor_end = ?')
          .run(JSON.stringify(machine), row.doc_id, row.anchor_start, row.anchor_end);
      }
      const { correction, ...rest } = overrideOf(row);
      this.rewrite(docNum, target, applyOverride(machine, { ...rest, ...(correction ? { correction } : {}) }), now);
    }
  }

  get(docId: string, anchor: { start: number; end: number }): EventOverride | undefined {
    const row = this.selectOverride.get(docId, anchor.start, anchor.end) as OverrideRow | undefined;
    return row ? this.withEventId(row) : undefined;
  }

  list(query: { docId?: string; limit?: number }): EventOverride[] {
    const limit = Math.max(0, Math.min(100_000, Math.floor(query.limit ?? DEFAULT_LIMIT)));
    const rows = (query.docId
      ? this.db.prepare('SELECT * FROM event_overrides WHERE doc_id = ? ORDER BY at DESC, doc_id, anchor_start LIMIT ?').all(query.docId, limit)
      : this.db.prepare('SELECT * FROM event_overrides ORDER BY at DESC, doc_id, anchor_start LIMIT ?').all(limit)) as OverrideRow[];
    return rows.map((row) => this.withEventId(row));
  }

  /** The stored event an event id names, with its document's key; a StoreError for an unknown one. */
  findEvent(eventId: string): { docId: string; docNum: number; event: Event } {
    const split = eventId.lastIndexOf(':');
    const docId = split > 0 ? eventId.slice(0, split) : '';
    const docNum = this.selectDocNum.get(docId) as number | undefined;
    const found = docNum === undefined ? undefined
      : (this.selectEventsOfDoc.all(docNum) as EventOfDoc[]).map((e) => JSON.parse(e.event_json) as Event).find((e) => e.id === eventId.slice(split + 1));
    if (!found) throw new StoreError(`no stored event ${eventId}`);
    return { docId, docNum: docNum!, event: found };
  }

  private withEventId(row: OverrideRow): EventOverride {
    const override = overrideOf(row);
    const docNum = this.selectDocNum.get(row.doc_id) as number | undefined;
    const target = docNum === undefined ? undefined : this.eventAt(docNum, override.anchor);
    if (target) override.eventId = `${row.doc_id}:${(JSON.parse(target.event_json) as Event).id}`;
    return override;
  }

  private eventAt(docNum: number, anchor: { start: number; end: number }): EventOfDoc | undefined {
    return (this.selectEventsOfDoc.all(docNum) as EventOfDoc[])
      .find((e) => sameAnchor(JSON.parse(e.event_json) as Event, { anchor_start: anchor.start, anchor_end: anchor.end }));
  }

  /** Writes the event's row, participants and story from a new version of the event. */
  private rewrite(docNum: number, target: EventOfDoc, event: Event, now: string): void {
    const { doc: _doc, seq: _seq, ...columns } = eventRow(docNum, event, target.seq);
    this.updateEvent.run({ ...columns, id: target.id });
    this.deleteParticipants.run(target.id);
    for (const [key, roles] of participantKeys(event)) this.insertParticipant.run(key, target.id, roles);
    const mention = event.review?.verdict === 'reject' ? undefined : mentionOf(this.loadDoc(docNum), event, target.seq);
    this.stories.refile(target.id, mention, now);
  }
}

function sameAnchor(event: Event, row: Pick<OverrideRow, 'anchor_start' | 'anchor_end'>): boolean {
  const anchor = anchorOf(event);
  return anchor.start === row.anchor_start && anchor.end === row.anchor_end;
}

function overrideOf(row: OverrideRow): EventOverride {
  const override: EventOverride = {
    docId: row.doc_id, anchor: { start: row.anchor_start, end: row.anchor_end }, verdict: row.verdict, analyst: row.analyst, at: row.at,
  };
  if (row.correction_json) override.correction = JSON.parse(row.correction_json) as EventOverride['correction'];
  if (row.reason !== null) override.reason = row.reason;
  if (row.machine_json) override.machine = JSON.parse(row.machine_json) as Event;
  return override;
}
