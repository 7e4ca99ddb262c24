import { hash32 } from '../util/hash.js';
import type { Miss, TypeScore } from './types.js';

/** Precision, recall and F1 from counts; an empty side scores 0, not NaN. */
export function prf(matched: number, predicted: number, gold: number): TypeScore {
  const precision = predicted === 0 ? 0 : matched / predicted;
  const recall = gold === 0 ? 0 : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted };
}

export const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export interface Interval {
  start: number;
  end: number;
}

export const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;

/**
 * One-to-one matching: each prediction, in order, takes the first gold item not yet taken that it
 * overlaps. Returns for each prediction the index of its gold item, or -1. The same rule scores Dyad
 * and every baseline, so their numbers can be compared.
 */
export function matchOneToOne<P extends Interval, G extends Interval>(predicted: readonly P[], gold: readonly G[]): number[] {
  const taken = new Uint8Array(gold.length);
  return predicted.map((prediction) => {
    for (let i = 0; i < gold.length; i += 1) {
      if (taken[i] === 0 && overlaps(prediction, gold[i]!)) {
        taken[i] = 1;
        return i;
      }
    }
    return -1;
  });
}

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export { hash32 };

/**
 * `count` errors chosen by a hash of their item id and text: the same gold file and the same Dyad
 * give the same sample on every run and machine, and the sample is spread over the file.
 */
export function sampleMisses(misses: readonly Miss[], count: number): Miss[] {
  if (count <= 0) return [];
  return misses
    .map((miss) => ({ miss, key: hash32(`${miss.id}\u0000${miss.text}`) }))
    .sort((a, b) => a.key - b.key || (a.miss.id < b.miss.id ? -1 : a.miss.id > b.miss.id ? 1 : 0) || (a.miss.text < b.miss.text ? -1 : 1))
    .slice(0, count)
    .map(({ miss }) => miss);
}
