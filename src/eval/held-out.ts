/**
 * The fifth of each dev event set that no trainer (train/event-type, train/calibration) ever fits on,
 * chosen by a hash of the set's file name and the item id, so every run and machine holds out the same
 * items. `dyad eval events` reports every set on all items and on this fifth alone.
 */
import { basename } from 'node:path';
import { hash32 } from '../util/hash.js';

export const HELD_OUT_ONE_IN = 5;

export function isHeldOut(setFile: string, id: string): boolean {
  return hash32(`${basename(setFile)}:${id}`) % HELD_OUT_ONE_IN === 0;
}

/** The dev event sets the trainers fit on (the other sets are untouched as a whole). */
export const TRAINED_EVENT_SETS: readonly string[] = ['zsp_plover_plv_train.jsonl', 'plover_gsr_cameo.jsonl', 'conflibert_cameo_train.jsonl'];

export const isTrainedEventSet = (setFile: string): boolean => TRAINED_EVENT_SETS.includes(basename(setFile));
