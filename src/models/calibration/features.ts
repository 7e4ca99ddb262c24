/**
 * What the confidence of an event is learned from: how the pattern coder found it (how specific its
 * pattern, whether its roles are filled and by named parties, whether it is quoted, framed or repeated)
 * and its type. The same function serves the trainer (train/calibration) and the run time.
 */
import type { Event } from '../../doc/types.js';
import { PLOVER_TYPES } from '../../knowledge/plover-types.js';
import { LEARNED_PATTERN_PREFIX } from '../event-type/model.js';


export { PLOVER_TYPES };

/** What the events stage knows of an event's pattern besides the event itself. */
export interface PatternFacts {
  /** Words (not gaps) of the pattern: longer patterns are more specific. */
  words: number;
  /** The pattern's trigger is a noun ("talks", "airstrikes"). */
  nominal: boolean;
  /** Events coded in the event's (first) sentence, itself included: one of several is less surely the sentence's. */
  sentenceEvents: number;
}

export const FEATURE_NAMES: readonly string[] = [
  'bias', 'pattern-two-words', 'pattern-three-words', 'nominal-trigger', 'has-actor', 'named-actor', 'has-recipient',
  'named-recipient', 'quoted', 'negated', 'hypothetical', 'future', 'historical', 'repeated', 'casualties', 'located',
  'own-date', 'learned-trigger', 'type-probability', 'type-logit', 'shares-sentence', 'actor-from-document', ...PLOVER_TYPES.map((type) => `type-${type}`),
];

const named = (participants: Event['actors']) => participants.some((p) => p.code !== undefined || p.country !== undefined || p.kbId !== undefined);

/** How many of a document's events start in each sentence (PatternFacts.sentenceEvents). */
export function sentenceEventCounts(events: readonly Event[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const event of events) {
    const sentence = event.evidence.sentences[0]?.index ?? -1;
    counts.set(sentence, (counts.get(sentence) ?? 0) + 1);
  }
  return counts;
}

/** The feature vector of an event, in FEATURE_NAMES order. */
export function calibrationFeatures(event: Event, pattern: PatternFacts): Float64Array {
  const x = new Float64Array(FEATURE_NAMES.length);
  const values = [
    1, pattern.words === 2 ? 1 : 0, pattern.words >= 3 ? 1 : 0, pattern.nominal ? 1 : 0,
    event.actors.length > 0 ? 1 : 0, named(event.actors) ? 1 : 0, event.recipients.length > 0 ? 1 : 0, named(event.recipients) ? 1 : 0,
    event.evidence.quote ? 1 : 0, event.negated ? 1 : 0, event.hypothetical ? 1 : 0, event.future ? 1 : 0, event.historical ? 1 : 0,
    event.evidence.sentences.length > 1 ? 1 : 0, event.casualties ? 1 : 0, event.location ? 1 : 0,
    event.date && event.date.basis !== 'report' ? 1 : 0, event.pattern.startsWith(LEARNED_PATTERN_PREFIX) ? 1 : 0,
    // Centred, so that the bias stays the coder's rate where the classifier is unsure.
    event.typeProbability !== undefined ? event.typeProbability - 0.5 : 0,
    event.typeProbability !== undefined ? logit(event.typeProbability) : 0,
    pattern.sentenceEvents > 1 ? 1 : 0, event.actors.some((a) => a.from === 'document') ? 1 : 0,
  ];
  x.set(values);
  const type = PLOVER_TYPES.indexOf(event.plover as (typeof PLOVER_TYPES)[number]);
  if (type >= 0) x[values.length + type] = 1;
  return x;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** log(p / (1 − p)), kept finite at 0 and 1. */
function logit(p: number): number {
  const q = Math.min(0.999, Math.max(0.001, p));
  return Math.log(q / (1 - q));
}

/** The probability a logistic model with `weights` gives an event of features `x`. */
export function probability(weights: ArrayLike<number>, x: Float64Array): number {
  let z = 0;
  for (let i = 0; i < x.length; i += 1) z += weights[i]! * x[i]!;
  return sigmoid(z);
}
