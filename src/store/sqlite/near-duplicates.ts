/**
 * The near-duplicate index of the SQLite store: MinHash signatures and their LSH bands (src/dedupe/minhash.ts),
 * and the links between documents found to be copies of one text.
 *
 * A new document is compared only with the stored documents that share one of its band keys (one index
 * look-up per band), never with every stored document. The link between two documents depends only on
 * their two texts, so the same documents make the same links whatever order they arrive in; a group is the
 * documents its links connect, and its first copy is chosen from the group alone (see firstCopy).
 */
import type Database from 'better-sqlite3';
import {
  BANDS, NEAR_DUPLICATE_JACCARD, bandKeys, estimatedJaccard, signatureBytes, signatureFromBytes, signatureOf,
} from '../../dedupe/minhash.js';

/**
 * Stored documents read from one band key at most: a band shared by more (pages of one template that
 * differ in a few words) yields its oldest ones, so the check stays bounded. Within the cap, links do not
 * depend on order; past it, a copy may link to fewer members of its group (still one group through them).
 */
export const MAX_DOCS_PER_BAND = 100;
/** Members of a group walked at most when its first copy is chosen. */
export const MAX_GROUP_SIZE = 1000;

interface Member {
  num: number;
  id: string;
  published: string | null;
}

export class SqliteNearDuplicates {
  private readonly insertSignature;
  private readonly insertBand;
  private readonly selectBands;
  private readonly selectSignature;
  private readonly insertLink;
  private readonly selectLinked;
  private readonly selectMember;

  constructor(db: Database.Database) {
    this.insertSignature = db.prepare('INSERT OR IGNORE INTO near_duplicate_signatures (doc, signature) VALUES (?, ?)');
    this.insertBand = db.prepare('INSERT OR IGNORE INTO near_duplicate_bands (key, doc) VALUES (?, ?)');
    // All the bands of a signature in one statement (one call into SQLite instead of BANDS), each still
    // capped on its own: the first MAX_DOCS_PER_BAND documents of its key.
    const oneBand = `SELECT doc FROM (SELECT doc FROM near_duplicate_bands WHERE key = ? ORDER BY doc LIMIT ${MAX_DOCS_PER_BAND})`;
    this.selectBands = db.prepare(Array.from({ length: BANDS }, () => oneBand).join(' UNION ALL ')).pluck();
    this.selectSignature = db.prepare('SELECT signature FROM near_duplicate_signatures WHERE doc = ?').pluck();
    this.insertLink = db.prepare('INSERT OR IGNORE INTO near_duplicate_links (doc, other, similarity) VALUES (?, ?, ?)');
    this.selectLinked = db.prepare('SELECT other FROM near_duplicate_links WHERE doc = ? ORDER BY other').pluck();
    this.selectMember = db.prepare('SELECT num, id, published FROM documents WHERE num = ?');
  }

  /**
   * Files a just-stored document (inside the write transaction): links it to every stored document its
   * text nearly duplicates and stores its signature. Returns the ids of the documents it was linked to,
   * sorted; none for a text too short to sign.
   */
  file(docNum: number, text: string): string[] {
    const signature = signatureOf(text);
    if (signature === undefined) return [];
    const keys = bandKeys(signature);
    const candidates = new Set<number>();
    for (const num of this.selectBands.all(keys) as number[]) if (num !== docNum) candidates.add(num);
    const linked: string[] = [];
    for (const num of candidates) {
      const stored = this.selectSignature.get(num) as Buffer | undefined;
      if (stored === undefined) continue;
      const similarity = estimatedJaccard(signature, signatureFromBytes(stored));
      if (similarity < NEAR_DUPLICATE_JACCARD) continue;
      this.insertLink.run(docNum, num, similarity);
      this.insertLink.run(num, docNum, similarity);
      linked.push(this.member(num)!.id);
    }
    this.insertSignature.run(docNum, signatureBytes(signature));
    for (const key of keys) this.insertBand.run(key, docNum);
    return linked.sort();
  }

  /**
   * The document's near-duplicate group, itself included, first copy first: earliest published (undated
   * last), then smallest document id. Both depend on the group only, not on which member was stored first.
   */
  group(docNum: number): Member[] {
    const seen = new Map<number, Member>();
    const queue = [docNum];
    while (queue.length > 0 && seen.size < MAX_GROUP_SIZE) {
      const num = queue.shift()!;
      if (seen.has(num)) continue;
      const member = this.member(num);
      if (!member) continue;
      seen.set(num, member);
      for (const other of this.selectLinked.all(num) as number[]) if (!seen.has(other)) queue.push(other);
    }
    return [...seen.values()].sort(firstCopyOrder);
  }

  /** The id of the group's first copy, when it is another document than this one. */
  firstCopy(docNum: number, docId: string): string | undefined {
    const first = this.group(docNum)[0];
    return first && first.id !== docId ? first.id : undefined;
  }

  private member(num: number): Member | undefined {
    return this.selectMember.get(num) as Member | undefined;
  }
}

function firstCopyOrder(a: Member, b: Member): number {
  const pa = a.published ?? '\uffff';
  const pb = b.published ?? '\uffff';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
