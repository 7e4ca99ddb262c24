/**
 * Near-duplicate detection for syndicated copies: MinHash signatures over word shingles of a document's
 * clean text, cut into LSH bands so that finding a document's near-duplicates is a handful of index
 * look-ups (one per band) rather than a comparison with every stored document.
 *
 * Fixed parameters (changing any of them changes which documents are linked, so they are not options):
 * - shingles of SHINGLE_WORDS = 4 consecutive lower-cased words (letters and digits);
 * - SIGNATURE_SIZE = 120 seeded hash functions, BANDS = 20 bands of ROWS_PER_BAND = 6 values;
 * - two documents are candidates when one band is equal. For true Jaccard similarity J that happens with
 *   probability 1 − (1 − J⁶)²⁰: 0.08 at J = 0.4, 0.55 at J = 0.6, 0.92 at J = 0.7, 0.998 at J = 0.8 — the
 *   S-curve's midpoint (1/20)^(1/6) ≈ 0.61;
 * - a candidate is a near-duplicate when the signatures estimate J ≥ NEAR_DUPLICATE_JACCARD = 0.6 (the
 *   share of equal values; standard error about 0.045 at that level).
 * A wire story republished with another headline, a byline and a sentence or two changed keeps J above 0.7;
 * two reports of one event written separately share few four-word runs (J well under 0.2).
 */

export const SHINGLE_WORDS = 4;
export const SIGNATURE_SIZE = 120;
export const BANDS = 20;
export const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
export const NEAR_DUPLICATE_JACCARD = 0.6;
/** Texts with fewer distinct shingles than this (a headline, a caption) get no signature: too short to call copies. */
export const MIN_SHINGLES = 20;

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers that mixes every input bit into every output bit. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

/** One seed per hash function, fixed: function i is fmix32(shingleHash XOR SEEDS[i]), a permutation of 32-bit values. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) seeds[i] = fmix32(Math.imul(i + 1, 0x9e3779b9));
  return seeds;
})();

/**
 * The distinct hashed word shingles of a text: FNV-1a over the UTF-16 code units of the shingle's words
 * joined by one space, finalised with fmix32. The hash runs over the words in place, without building
 * each shingle's string (the same value, at a fraction of the cost).
 */
export function shingleHashes(text: string): Set<number> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    let h = FNV_OFFSET;
    for (let w = i; w < i + SHINGLE_WORDS; w++) {
      if (w > i) h = Math.imul(h ^ SPACE, FNV_PRIME);
      const word = words[w]!;
      for (let c = 0; c < word.length; c++) h = Math.imul(h ^ word.charCodeAt(c), FNV_PRIME);
    }
    hashes.add(fmix32(h));
  }
  return hashes;
}

/**
 * The MinHash signature of a text, or undefined for a text under MIN_SHINGLES shingles. Value i is the
 * least fmix32(shingle XOR SEEDS[i]) over the shingles; fmix32 is written out in the inner loop and the
 * minimum kept in a local, which the hot path (every stored document) needs several times faster.
 */
export function signatureOf(text: string): Uint32Array | undefined {
  const set = shingleHashes(text);
  if (set.size < MIN_SHINGLES) return undefined;
  const shingles = Uint32Array.from(set);
  const count = shingles.length;
  const signature = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const seed = SEEDS[i]!;
    let least = 0xffffffff;
    for (let j = 0; j < count; j++) {
      let h = shingles[j]! ^ seed;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < least) least = h;
    }
    signature[i] = least;
  }
  return signature;
}

/**
 * The LSH band keys of a signature: band b's ROWS_PER_BAND values hashed to 32 bits, plus b × 2³² so
 * that keys of different bands never meet. Every key is a safe integer (below 2^37).
 */
export function bandKeys(signature: Uint32Array): number[] {
  if (signature.length !== SIGNATURE_SIZE) throw new Error(`a signature has ${SIGNATURE_SIZE} values, not ${signature.length}`);
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = fmix32(band + 1);
    for (let row = 0; row < ROWS_PER_BAND; row++) h = fmix32(h ^ signature[band * ROWS_PER_BAND + row]!) ^ Math.imul(row + 1, 0x27d4eb2f);
    keys.push(band * 2 ** 32 + (fmix32(h) >>> 0));
  }
  return keys;
}

/** The share of equal values of two signatures: an unbiased estimate of the Jaccard similarity of their shingle sets. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error('signatures of different sizes cannot be compared');
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** A signature as stored (little-endian bytes, whatever the machine) and back. */
export function signatureBytes(signature: Uint32Array): Buffer {
  const bytes = Buffer.alloc(signature.length * 4);
  signature.forEach((value, i) => bytes.writeUInt32LE(value, i * 4));
  return bytes;
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  if (bytes.length !== SIGNATURE_SIZE * 4) throw new Error(`a stored signature has ${SIGNATURE_SIZE * 4} bytes, not ${bytes.length}`);
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const signature = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) signature[i] = view.readUInt32LE(i * 4);
  return signature;
}
