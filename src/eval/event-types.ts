/**
 * Judging a predicted PLOVER type against a sentence's gold events. Some sets use an older scheme:
 * Zero-Shot-PLOVER's YIELD is PLOVER 2021's CONCEDE and RETREAT together, so either one is right.
 */
const ACCEPTED: Record<string, readonly string[]> = { YIELD: ['CONCEDE', 'RETREAT'] };

/** The current PLOVER types a gold label stands for. */
export function acceptedTypes(goldType: string): readonly string[] {
  return ACCEPTED[goldType] ?? [goldType];
}

export interface SentenceJudgement {
  /** The first gold event's type, as the file names it: the row of the per-type table. */
  label: string;
  /** The prediction is a type the first gold event stands for. */
  strict: boolean;
  /** The prediction is a type any gold event stands for. */
  any: boolean;
}

export function judgeSentence(goldTypes: readonly string[], guess: string | undefined): SentenceJudgement {
  const label = goldTypes[0] ?? '(none)';
  if (guess === undefined) return { label, strict: false, any: false };
  return { label, strict: acceptedTypes(label).includes(guess), any: goldTypes.some((type) => acceptedTypes(type).includes(guess)) };
}
