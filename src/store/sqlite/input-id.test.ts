import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { contractDocs } from '../store.contract.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-input-id-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the caller\'s input id is stored, read back as source.inputId and listed with each event', async () => {
  const path = join(dir, 'ids.db');
  const { shelling, talks } = contractDocs();
  shelling.source.inputId = 'row-17';
  const store = openSqliteStore(path);
  try {
    await store.putDocs([shelling, talks]);
    assert.equal((await store.getDoc(shelling.id))?.source.inputId, 'row-17');
    const events = await store.queryEvents({});
    assert.deepEqual(events.filter((e) => e.docId === shelling.id).map((e) => e.inputId), ['row-17', 'row-17']);
    assert.ok(events.filter((e) => e.docId === talks.id).every((e) => !('inputId' in e)));
  } finally {
    await store.close();
  }
});

test('a row stored when the id was called externalId reads back under the one name, inputId', async () => {
  const path = join(dir, 'old.db');
  const { shelling } = contractDocs();
  const store = openSqliteStore(path);
  await store.putDocs([shelling]);
  await store.close();
  // Make the row what an earlier Dyad wrote: the id in the external_id column and as source.externalId.
  const db = new Database(path);
  const row = db.prepare('SELECT doc_json FROM documents WHERE id = ?').get(shelling.id) as { doc_json: string };
  const json = JSON.parse(row.doc_json) as { source: Record<string, unknown> };
  json.source.externalId = 'legacy-3';
  db.prepare('UPDATE documents SET doc_json = ?, external_id = ? WHERE id = ?').run(JSON.stringify(json), 'legacy-3', shelling.id);
  db.close();

  const reopened = openSqliteStore(path);
  try {
    const doc = await reopened.getDoc(shelling.id);
    assert.equal(doc?.source.inputId, 'legacy-3');
    assert.ok(doc && !('externalId' in doc.source));
    assert.deepEqual((await reopened.queryEvents({})).map((e) => e.inputId), ['legacy-3', 'legacy-3']);
  } finally {
    await reopened.close();
  }
});
