/**
 * The write path of the SQLite store: documents, their full-text rows and events, a stored coding replaced
 * by another, then fusion and analysts' verdicts in the same transaction.
 */
import type Database from 'better-sqlite3';
import type { Doc, Event } from '../../doc/types.js';
import type { PutResult } from '../store.js';
import { documentRow, eventRow, eventsOf, participantKeys, versionsOf } from './rows.js';
import type { SqliteNearDuplicates } from './near-duplicates.js';
import type { SqliteOverrides } from './overrides.js';
import type { SqliteStories } from './stories.js';

/** What storing a document again compares: the coding stored for its id. */
interface StoredCoding {
  num: number;
  title: string | null;
  text: string;
  pipeline_version: string | null;
  knowledge_version: string | null;
}

export class DocumentWrites {
  private readonly insertDocument;
  private readonly insertText;
  private readonly insertEvent;
  private readonly insertParticipant;
  private readonly selectStoredCoding;
  private readonly deleteText;
  private readonly deleteDocument;

  constructor(
    db: Database.Database,
    private readonly stories: SqliteStories,
    private readonly overrides: SqliteOverrides,
    private readonly nearDuplicates: SqliteNearDuplicates,
    private readonly fuse: boolean,
  ) {
    // ON CONFLICT DO NOTHING rather than OR IGNORE: only a repeated id is skipped; a broken row (NOT NULL)
    // still fails the batch instead of vanishing silently.
    this.insertDocument = db.prepare(`
      INSERT INTO documents (id, url, title, published, language, format, external_id, skip_stage,
        skip_rule, skip_reason, text, doc_json, pipeline_version, knowledge_version, event_count,
        events_in_table, stored_at)
      VALUES (@id, @url, @title, @published, @language, @format, @external_id, @skip_stage, @skip_rule,
        @skip_reason, @text, @doc_json, @pipeline_version, @knowledge_version, @event_count,
        @events_in_table, @stored_at)
      ON CONFLICT (id) DO NOTHING`);
    this.insertText = db.prepare('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)');
    this.insertEvent = db.prepare(`
      INSERT INTO events (doc, seq, plover, cameo, quad_class, goldstein, actor_codes,
        recipient_codes, country, date_value, date_start, date_end, lat, lon, confidence, modality, event_json)
      VALUES (@doc, @seq, @plover, @cameo, @quad_class, @goldstein, @actor_codes, @recipient_codes,
        @country, @date_value, @date_start, @date_end, @lat, @lon, @confidence, @modality, @event_json)`);
    this.insertParticipant = db.prepare(`
      INSERT INTO event_participants (key, event, roles) VALUES (?, ?, ?)`);
    this.selectStoredCoding = db.prepare('SELECT num, title, text, pipeline_version, knowledge_version FROM documents WHERE id = ?');
    this.deleteText = db.prepare("INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)");
    this.deleteDocument = db.prepare('DELETE FROM documents WHERE num = ?');
  }

  /** Writes a batch (inside the caller's transaction): documents, their text index, events, stories, verdicts. */
  write(docs: readonly Doc[]): PutResult {
    const result: PutResult = { inserted: 0, duplicates: 0, nearDuplicates: 0, events: 0 };
    const storedAt = new Date().toISOString();
    const inserted: Doc[] = [];
    const copies = new Map<string, string[]>();
    const insertedNums: number[] = [];
    for (const doc of docs) {
      // Checked first so a re-run over stored documents costs a look-up each, not a serialisation.
      const stored = this.selectStoredCoding.get(doc.id) as StoredCoding | undefined;
      if (stored !== undefined) {
        const versions = versionsOf(doc);
        if (stored.pipeline_version === versions.pipeline && stored.knowledge_version === versions.knowledge) {
          result.duplicates++;
          continue;
        }
        // Another coding of a stored text (other stage or knowledge versions) replaces the stored one, its
        // events and their place in stories, so the stories are those of the codings stored last.
        this.removeDoc(stored, storedAt);
        const pending = inserted.findIndex((other) => other.id === doc.id);
        if (pending >= 0) inserted.splice(pending, 1);
        result.recoded = (result.recoded ?? 0) + 1;
      }
      const row = documentRow(doc, storedAt);
      const info = this.insertDocument.run(row);
      if (info.changes === 0) {
        result.duplicates++;
        continue;
      }
      result.inserted++;
      this.insertText.run(info.lastInsertRowid, row.title ?? '', row.text);
      eventsOf(doc).forEach((event, seq) => this.writeEvent(info.lastInsertRowid, event, seq));
      result.events += row.event_count;
      inserted.push(doc);
      const linked = this.nearDuplicates.file(Number(info.lastInsertRowid), row.text);
      if (linked.length > 0) {
        result.nearDuplicates++;
        copies.set(doc.id, linked);
      }
      insertedNums.push(Number(info.lastInsertRowid));
    }
    // In the batch's transaction: the stories always hold exactly the stored events.
    if (this.fuse) this.stories.fuseDocs(inserted, storedAt, copies);
    // Verdicts made before this coding of a document (carried from another store, or on an earlier coding).
    for (const num of insertedNums) this.overrides.applyToDoc(num, storedAt);
    return result;
  }

  private removeDoc(stored: StoredCoding, now: string): void {
    if (this.fuse) this.stories.unfileDoc(stored.num, now);
    this.deleteText.run(stored.num, stored.title ?? '', stored.text);
    // Its events, their participants and mentions go with it (ON DELETE CASCADE).
    this.deleteDocument.run(stored.num);
  }

  private writeEvent(docNum: number | bigint, event: Event, seq: number): void {
    const eventNum = this.insertEvent.run(eventRow(docNum, event, seq)).lastInsertRowid;
    for (const [key, roles] of participantKeys(event)) this.insertParticipant.run(key, eventNum, roles);
  }
}
