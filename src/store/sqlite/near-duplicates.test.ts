import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { bandKeys, estimatedJaccard, NEAR_DUPLICATE_JACCARD, signatureFromBytes, signatureOf } from '../../dedupe/minhash.js';
import { seededRandom } from '../../util/random.js';
import { MAX_DOCS_PER_BAND, SqliteNearDuplicates } from './near-duplicates.js';
import { migrate } from './schema.js';

const VOCABULARY = Array.from({ length: 500 }, (_, i) => `w${i.toString(36)}`);

test('a document is linked to exactly the stored documents the per-band definition finds, each band capped on its own', () => {
  const db = new Database(':memory:');
  migrate(db);
  const index = new SqliteNearDuplicates(db);
  const insertDoc = db.prepare(`INSERT INTO documents (id, text, doc_json, event_count, events_in_table, stored_at) VALUES (?, ?, '{}', 0, 0, '2031-01-01')`);
  const next = seededRandom(11);
  const word = () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
  const original = Array.from({ length: 120 }, word);
  // Two variants of one text, stored many times each: a band both variants share holds more documents than
  // the cap, a band of one variant fewer; other texts between them.
  const variant = () => {
    const words = [...original];
    const at = Math.floor(next() * 100);
    for (let i = at; i < at + 6; i++) words[i] = word();
    return words.join(' ');
  };
  const variants = [variant(), variant()];
  const texts = Array.from({ length: 2 * MAX_DOCS_PER_BAND + 40 }, (_, i) => (i % 6 === 5 ? Array.from({ length: 120 }, word).join(' ') : variants[i % 2]!));
  const selectBand = db.prepare(`SELECT doc FROM near_duplicate_bands WHERE key = ? ORDER BY doc LIMIT ${MAX_DOCS_PER_BAND}`).pluck();
  const selectSignature = db.prepare('SELECT signature FROM near_duplicate_signatures WHERE doc = ?').pluck();
  let capped = 0;
  texts.forEach((text, i) => {
    const signature = signatureOf(text)!;
    const candidates = new Set<number>();
    for (const key of bandKeys(signature)) {
      const docs = selectBand.all(key) as number[];
      if (docs.length === MAX_DOCS_PER_BAND) capped++;
      for (const num of docs) candidates.add(num);
    }
    const expected = [...candidates].filter((num) => estimatedJaccard(signature, signatureFromBytes(selectSignature.get(num) as Buffer)) >= NEAR_DUPLICATE_JACCARD)
      .map((num) => `d${num}`).sort();
    const num = Number(insertDoc.run(`d${i + 1}`, text).lastInsertRowid);
    assert.equal(`d${num}`, `d${i + 1}`);
    assert.deepEqual(index.file(num, text), expected, `document ${num}`);
  });
  assert.ok(capped > 0, 'some bands reached the cap');
  db.close();
});
