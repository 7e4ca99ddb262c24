import type { Token } from '../../doc/types.js';

/** Tokens that end a clause for every purpose: role search does not cross them. */
const HARD_BOUNDARIES = new Set([';', ':', '–', '—', '(', ')', 'but', 'while', 'whereas', 'although', 'though', 'because', 'which', 'who', 'whom']);
/** Words that open a subordinate clause only when tagged as conjunctions ("as" in "regard X as" does not). */
const SUBORDINATORS = new Set(['since', 'as', 'when', 'that']);

export interface ClauseBounds {
  /** Token range of the clause around the trigger, end exclusive, with commas as boundaries. */
  start: number;
  end: number;
  /** The same range, crossing commas (appositions "Lavrov, the Russian minister, said …"). */
  wideStart: number;
  wideEnd: number;
}

function isHard(token: Token): boolean {
  return HARD_BOUNDARIES.has(token.normal) || (SUBORDINATORS.has(token.normal) && token.pos === 'SCONJ');
}

/** The clause around token `at`, inside the sentence tokens [from, to). */
export function clauseAround(tokens: readonly Token[], from: number, to: number, at: number, triggerEnd = at + 1): ClauseBounds {
  let start = at;
  while (start > from && !isHard(tokens[start - 1]!) && tokens[start - 1]!.normal !== ',') start -= 1;
  let wideStart = at;
  while (wideStart > from && !isHard(tokens[wideStart - 1]!)) wideStart -= 1;
  let end = triggerEnd;
  while (end < to && !isHard(tokens[end]!) && tokens[end]!.normal !== ',') end += 1;
  let wideEnd = triggerEnd;
  while (wideEnd < to && !isHard(tokens[wideEnd]!)) wideEnd += 1;
  return { start, end, wideStart, wideEnd };
}

const NEGATORS = new Set(['not', "n't", 'n’t', 'never', 'no', 'without']);
const REFUSALS = new Set(['refuse', 'decline', 'fail', 'reject']);
const FUTURE = new Set(['will', "'ll", '’ll', 'shall', 'would', 'wo']);
const FUTURE_PHRASES = [['plan', 'to'], ['be', 'to'], ['go', 'to'], ['intend', 'to'], ['expect', 'to'], ['set', 'to']];
const HYPOTHETICAL = new Set(['if', 'unless', 'whether', 'could', 'may', 'might', 'should', 'fear', 'fears', 'concern', 'risk', 'possibility', 'possible', 'hope', 'consider', 'potential']);

export interface Flags {
  negated: boolean;
  future: boolean;
  hypothetical: boolean;
}

/** How many tokens before the trigger a negation or a future auxiliary may stand. */
const AUXILIARY_REACH = 5;

/**
 * Modality of the trigger at `at` read from its own clause: negation and future in the few tokens
 * before it ("will not attack"), hypothetical framing anywhere before it in the clause ("if they …",
 * "fears of …"). A refusal verb negates the trigger it governs unless the pattern is itself a refusal.
 */
export function flagsFor(tokens: readonly Token[], clause: ClauseBounds, at: number, isRefusal: boolean): Flags {
  const flags: Flags = { negated: false, future: false, hypothetical: false };
  const reach = Math.max(clause.start, at - AUXILIARY_REACH);
  for (let i = clause.start; i < at; i += 1) {
    const token = tokens[i]!;
    const lemma = token.lemma;
    if (HYPOTHETICAL.has(token.normal) || HYPOTHETICAL.has(lemma)) flags.hypothetical = true;
    if (i < reach) continue;
    if (NEGATORS.has(token.normal) || NEGATORS.has(lemma)) flags.negated = true;
    if (!isRefusal && REFUSALS.has(lemma) && tokens[i + 1]?.normal === 'to') flags.negated = true;
    if (FUTURE.has(token.normal) || FUTURE.has(lemma)) flags.future = true;
    const next = tokens[i + 1];
    if (next && FUTURE_PHRASES.some(([first, second]) => lemma === first && next.normal === second)) flags.future = true;
  }
  return flags;
}
