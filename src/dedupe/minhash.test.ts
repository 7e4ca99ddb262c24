import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAME_TOPIC_STORIES, WIRE_COPIES } from '../test-support/syndicated.js';
import { seededRandom } from '../util/random.js';
import {
  BANDS, NEAR_DUPLICATE_JACCARD, SIGNATURE_SIZE, bandKeys, estimatedJaccard, shingleHashes, signatureBytes, signatureFromBytes, signatureOf,
} from './minhash.js';

function jaccard(a: string, b: string): number {
  const sa = shingleHashes(a);
  const sb = shingleHashes(b);
  let shared = 0;
  for (const h of sa) if (sb.has(h)) shared++;
  return shared / (sa.size + sb.size - shared);
}

function sharesBand(a: string, b: string): boolean {
  const keysB = new Set(bandKeys(signatureOf(b)!));
  return bandKeys(signatureOf(a)!).some((key) => keysB.has(key));
}

test('each site\'s copy of the wire story shares a band with it and is estimated above the threshold', () => {
  const [original, ...copies] = WIRE_COPIES.map((c) => c.text);
  for (const copy of copies) {
    assert.ok(jaccard(original!, copy) > 0.7, `the copies are light edits (J ${jaccard(original!, copy).toFixed(2)})`);
    assert.ok(sharesBand(original!, copy));
    assert.ok(estimatedJaccard(signatureOf(original!)!, signatureOf(copy)!) >= NEAR_DUPLICATE_JACCARD);
  }
});

test('stories on the same topic written separately are far below the threshold and share no band', () => {
  const texts = [WIRE_COPIES[0]!.text, ...SAME_TOPIC_STORIES];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      assert.ok(jaccard(texts[i]!, texts[j]!) < 0.1);
      assert.ok(estimatedJaccard(signatureOf(texts[i]!)!, signatureOf(texts[j]!)!) < NEAR_DUPLICATE_JACCARD);
      assert.equal(sharesBand(texts[i]!, texts[j]!), false);
    }
  }
});

test('signatures depend on the text only: the same in every run, and case and punctuation do not matter', () => {
  const text = WIRE_COPIES[0]!.text;
  assert.deepEqual(signatureOf(text), signatureOf(text.toUpperCase().replace(/,/g, ' ;')));
  // Pinned values: a change to the hash functions or seeds would silently unlink stored copies from new ones.
  assert.deepEqual([...signatureOf(text)!.slice(0, 3)], [19349374, 36656636, 1285623]);
  assert.equal(bandKeys(signatureOf(text)!)[0], 2654013252);
  assert.equal(bandKeys(signatureOf(text)!).length, BANDS);
  assert.equal(new Set(bandKeys(signatureOf(text)!).map((key) => Math.floor(key / 2 ** 32))).size, BANDS);
});

test('a text too short to judge gets no signature', () => {
  assert.equal(signatureOf('Shelling kills seven in Valmora.'), undefined);
  assert.equal(signatureOf(''), undefined);
});

test('a signature survives being stored as bytes, and a wrong length is refused', () => {
  const signature = signatureOf(WIRE_COPIES[0]!.text)!;
  assert.deepEqual(signatureFromBytes(signatureBytes(signature)), signature);
  assert.throws(() => signatureFromBytes(Buffer.alloc(SIGNATURE_SIZE)), /bytes/);
  assert.throws(() => bandKeys(new Uint32Array(3)), /values/);
});

/** The definitions written plainly (one string per shingle, one fmix32 call per value): the fast code must agree bit for bit, or stored signatures would stop matching new ones. */
function referenceFmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function referenceSignature(text: string): Uint32Array | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const shingles = new Set<number>();
  for (let i = 0; i + 4 <= words.length; i++) {
    const shingle = words.slice(i, i + 4).join(' ');
    let h = 0x811c9dc5;
    for (let c = 0; c < shingle.length; c++) h = Math.imul(h ^ shingle.charCodeAt(c), 0x01000193);
    shingles.add(referenceFmix32(h));
  }
  if (shingles.size < 20) return undefined;
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const value = referenceFmix32(shingle ^ referenceFmix32(Math.imul(i + 1, 0x9e3779b9)));
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

test('signatures and shingles are exactly those of the plain definitions (stored signatures stay comparable)', () => {
  const next = seededRandom(7);
  const alphabet = ['ä', 'ß', 'x', 'q', '9', 'Ω', 'é', 'z', 'k', 'a', '😀'];
  const randomText = () => Array.from({ length: 10 + Math.floor(next() * 300) }, () =>
    Array.from({ length: 1 + Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('')).join(next() < 0.5 ? ' ' : ', ');
  const texts = [...WIRE_COPIES.map((c) => c.text), ...SAME_TOPIC_STORIES, ...Array.from({ length: 200 }, randomText)];
  for (const text of texts) {
    const expected = referenceSignature(text);
    const actual = signatureOf(text);
    assert.deepEqual(actual && [...actual], expected && [...expected]);
  }
});
