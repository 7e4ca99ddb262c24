/**
 * What the near-duplicate check costs a stored document, and how it grows with the signatures already
 * stored. The stored documents are synthetic texts of 200 words drawn from a 3,000-word vocabulary (one in
 * ten an edited copy of an earlier one, so some bands are shared); the measured documents are 1,000 new
 * texts, half of them edited copies of stored ones. The time is that of SqliteNearDuplicates.file: the
 * signature, one look-up per band, reading and comparing the candidates' signatures, writing the links,
 * the signature and the bands, inside one transaction per 200 documents as the store does.
 * Run on its own with `node dist/bench/near-duplicates.js [sizes…]`; `npm run bench` runs it with 10k and 100k.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../src/store/sqlite/schema.js';
import { SqliteNearDuplicates } from '../src/store/sqlite/near-duplicates.js';
import { seededRandom } from '../src/util/random.js';
import { markdownTable } from './report.js';

const VOCABULARY = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
const WORDS_PER_TEXT = 200;

function freshText(next: () => number): string {
  return Array.from({ length: WORDS_PER_TEXT }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!).join(' ');
}

/** A light edit: a byline in front and one run of 20 words replaced. */
function editedCopy(text: string, next: () => number): string {
  const words = text.split(' ');
  const at = Math.floor(next() * (words.length - 20));
  for (let i = at; i < at + 20; i++) words[i] = VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
  return `by staff reporter ${words.join(' ')}`;
}

export interface NearDuplicateResult { stored: number; measured: number; linked: number; ms: number }

export function measureNearDuplicates(stored: number, measured = 1000): NearDuplicateResult {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-neardup-'));
  const db = new Database(join(dir, 'bench.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    const index = new SqliteNearDuplicates(db);
    const insertDoc = db.prepare(`INSERT INTO documents (id, text, doc_json, event_count, events_in_table, stored_at)
      VALUES (?, ?, '{}', 0, 0, '2031-01-01')`);
    const next = seededRandom(stored);
    const texts: string[] = [];
    const store = db.transaction((batch: string[]) => {
      let linked = 0;
      for (const text of batch) {
        const num = Number(insertDoc.run(`d${texts.length}`, text).lastInsertRowid);
        texts.push(text);
        if (index.file(num, text).length > 0) linked++;
      }
      return linked;
    });
    for (let i = 0; i < stored; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, stored - i) }, () =>
        (texts.length > 0 && next() < 0.1 ? editedCopy(texts[Math.floor(next() * texts.length)]!, next) : freshText(next)));
      store(batch);
    }
    const newTexts = Array.from({ length: measured }, (_, i) => (i % 2 === 0 ? editedCopy(texts[Math.floor(next() * stored)]!, next) : freshText(next)));
    const started = performance.now();
    let linked = 0;
    for (let i = 0; i < newTexts.length; i += 200) linked += store(newTexts.slice(i, i + 200));
    return { stored, measured, linked, ms: performance.now() - started };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function nearDuplicateTable(results: readonly NearDuplicateResult[]): string {
  return markdownTable(
    ['signatures stored', 'documents checked', 'linked as copies', 'ms/document (check + store signature)'],
    results.map((r) => [r.stored, r.measured, r.linked, (r.ms / r.measured).toFixed(3)]),
  );
}

/** The BENCHMARKS.md section: the check at 10k and 100k stored signatures. */
export function nearDuplicateSection(): string {
  const results = [measureNearDuplicates(10_000), measureNearDuplicates(100_000)];
  return [
    'The syndicated-copy check of each stored document (bench/near-duplicates.ts): MinHash signature, one index',
    'look-up per LSH band, the candidates\' signatures compared, links, signature and bands written. Synthetic texts of',
    '200 words; of the 1,000 measured documents, half are edited copies of stored ones (byline added, 20 words replaced).',
    '',
    nearDuplicateTable(results),
  ].join('\n');
}

if (process.argv[1]?.endsWith('near-duplicates.js')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const results = (sizes.length > 0 ? sizes : [10_000, 100_000]).map((size) => measureNearDuplicates(size));
  console.log(nearDuplicateTable(results));
}
