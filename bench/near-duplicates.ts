/**
 * What the near-duplicate check costs a stored document, and how it grows with the signatures already
 * stored. The stored documents are synthetic texts of 200 words drawn from a 3,000-word vocabulary (one in
 * ten an edited copy of an earlier one, so some bands are shared); the measured documents are 1,000 new
 * texts, half of them edited copies of stored ones. The time is that of SqliteNearDuplicates.file: the
 * signature, one look-up per band, reading and comparing the candidates' signatures, writing the links,
 * the signature and the bands, inside one transaction per 200 documents as the store does.
 * The stored signatures are built once per size and cached in the temporary folder (cachedIndex); each run
 * measures on a copy. Run on its own with `node dist/bench/near-duplicates.js [sizes…]`; `npm run bench`
 * runs it with 10k and 100k.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, SCHEMA_VERSION } from '../src/store/sqlite/schema.js';
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

export interface NearDuplicateResult { stored: number; measured: number; linked: number; ms: number; cached: boolean }

/** Bump when the stored texts change (vocabulary, length, edits, seed): a cached index of the old ones is then not reused. */
const GENERATOR_VERSION = 1;
const CACHE_DIR = join(tmpdir(), 'dyad-bench-neardup');

/** The stored texts, in batches of 1,000: one in ten an edited copy of a text of an earlier batch. */
function storedTexts(stored: number, next: () => number): string[] {
  const texts: string[] = [];
  while (texts.length < stored) {
    const earlier = texts.length;
    const batch = Array.from({ length: Math.min(1000, stored - earlier) }, () =>
      (earlier > 0 && next() < 0.1 ? editedCopy(texts[Math.floor(next() * earlier)]!, next) : freshText(next)));
    texts.push(...batch);
  }
  return texts;
}

function openBenchDb(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Stores each text as a document and files it in the index, in transactions of the given size; returns how many were linked. */
function fileTexts(db: Database.Database, index: SqliteNearDuplicates, texts: readonly string[], firstNum: number, batchSize: number): number {
  const insertDoc = db.prepare(`INSERT INTO documents (id, text, doc_json, event_count, events_in_table, stored_at)
    VALUES (?, ?, '{}', 0, 0, '2031-01-01')`);
  const store = db.transaction((batch: readonly string[], offset: number) => {
    let linked = 0;
    batch.forEach((text, i) => {
      const num = Number(insertDoc.run(`d${offset + i}`, text).lastInsertRowid);
      if (index.file(num, text).length > 0) linked++;
    });
    return linked;
  });
  let linked = 0;
  for (let i = 0; i < texts.length; i += batchSize) linked += store(texts.slice(i, i + batchSize), firstNum + i);
  return linked;
}

/**
 * The index of `stored` signatures, built once and kept in the temporary folder under the generator and
 * schema versions (building 100k takes minutes); written under a temporary name and renamed when complete.
 */
function cachedIndex(stored: number, texts: readonly string[]): { path: string; cached: boolean } {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, `signatures-${stored}-g${GENERATOR_VERSION}-s${SCHEMA_VERSION}.db`);
  if (existsSync(path)) return { path, cached: true };
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  const db = openBenchDb(building);
  try {
    fileTexts(db, new SqliteNearDuplicates(db), texts, 0, 1000);
  } finally {
    db.close();
  }
  renameSync(building, path);
  return { path, cached: false };
}

export function measureNearDuplicates(stored: number, measured = 1000): NearDuplicateResult {
  const next = seededRandom(stored);
  const texts = storedTexts(stored, next);
  const newTexts = Array.from({ length: measured }, (_, i) => (i % 2 === 0 ? editedCopy(texts[Math.floor(next() * stored)]!, next) : freshText(next)));
  const { path, cached } = cachedIndex(stored, texts);
  // The measured documents are written to a copy, so the cached index stays as built.
  const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-neardup-'));
  copyFileSync(path, join(dir, 'bench.db'));
  const db = openBenchDb(join(dir, 'bench.db'));
  try {
    const index = new SqliteNearDuplicates(db);
    const started = performance.now();
    const linked = fileTexts(db, index, newTexts, stored, 200);
    return { stored, measured, linked, ms: performance.now() - started, cached };
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
