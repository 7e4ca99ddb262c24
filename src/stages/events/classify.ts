/**
 * The trained event classifier inside the coder: it decides the PLOVER type and CAMEO code of each event a
 * pattern found (a pattern marked `force` keeps its own), and in a sentence where no pattern matched it
 * takes a learned trigger for an event when it is confident enough. Patterns stay the source of
 * triggers and roles; the model decides what they mean in their sentence.
 */
import type { DependencyLayer, Sentence, Token } from '../../doc/types.js';
import { getEventMatcher, type CompiledPattern, type PatternMatch } from '../../knowledge/patterns.js';
import { candidateFeatures, type CandidateView, type ClusterOf } from '../../models/event-type/features.js';
import { shippedClusterOf, shippedEventTypeModel } from '../../models/event-type/load.js';
import { classify, LEARNED_PATTERN_PREFIX, NO_EVENT, TYPE_LABELS, type Classification, type EventTypeModel } from '../../models/event-type/model.js';
import { pentaclassOf } from '../../knowledge/pentaclass.js';

export interface Classifier {
  model: EventTypeModel;
  clusterOf: ClusterOf;
}

export interface TypeDecision {
  plover: string;
  cameo: string;
  /** The classifier's probability of the type decided (1 − P(no event) for a forced pattern). */
  probability: number;
}

/** A PentaClass holding at least this share of a type's patterns is one the type is coded in. */
const CLASS_SHARE = 0.2;

interface TypeCodes {
  /**
   * Per PentaClass the type is coded in: the CAMEO root (two digits) most of its patterns there use, the
   * general code for an event the model retyped (a retyped event is no arrest, 173, just because most
   * COERCE patterns are).
   */
  byClass: Map<number, string>;
  /** The class most of the type's patterns are in. */
  primary: number;
}

let codeIndex: { patterns: readonly CompiledPattern[]; byType: Map<string, TypeCodes> } | undefined;

/**
 * How knowledge/patterns codes each PLOVER type, by PentaClass: REQUEST is an appeal (02) or a demand
 * (10) about as often, so the class head chooses; a type with a stray code in another class (one COERCE
 * pattern of CAMEO 16) is coded in its main class.
 */
function typeCodes(): Map<string, TypeCodes> {
  const patterns = getEventMatcher().patterns;
  if (codeIndex?.patterns === patterns) return codeIndex.byType;
  const counts = new Map<string, Map<number, Map<string, number>>>();
  for (const pattern of patterns) {
    const pentaclass = pentaclassOf(pattern.cameo);
    if (pentaclass === undefined) continue;
    const classes = counts.get(pattern.plover) ?? new Map<number, Map<string, number>>();
    const codes = classes.get(pentaclass) ?? new Map<string, number>();
    const root = pattern.cameo.slice(0, 2);
    codes.set(root, (codes.get(root) ?? 0) + 1);
    classes.set(pentaclass, codes);
    counts.set(pattern.plover, classes);
  }
  const byType = new Map<string, TypeCodes>();
  for (const [plover, classes] of counts) {
    const sizes = [...classes].map(([c, codes]) => [c, [...codes.values()].reduce((a, b) => a + b, 0)] as const);
    const total = sizes.reduce((sum, [, n]) => sum + n, 0);
    const primary = sizes.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    const byClass = new Map<number, string>();
    for (const [c, n] of sizes) {
      if (n / total < CLASS_SHARE && c !== primary) continue;
      const ranked = [...classes.get(c)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      byClass.set(c, ranked[0]![0]);
    }
    byType.set(plover, { byClass, primary });
  }
  codeIndex = { patterns, byType };
  return byType;
}

/** PLOVER types of the pattern hits of a sentence other than the one at `trigger`. */
export function otherTypesAt(tokens: readonly Token[], sentence: Sentence, trigger: number): string[] {
  return getEventMatcher().match(tokens, sentence.tokenStart, sentence.tokenEnd).filter((m) => m.start !== trigger).map((m) => m.pattern.plover);
}

function bestType(classification: Classification): { plover: string; probability: number } {
  let best = 0;
  for (let k = 1; k < TYPE_LABELS.length; k += 1) {
    if (TYPE_LABELS[k] !== NO_EVENT && classification.types[k]! > classification.types[best]!) best = k;
  }
  return { plover: TYPE_LABELS[best]!, probability: classification.types[best]! };
}

/** How much likelier the class head must find another class before the default class of a type gives way. */
const CLASS_SWITCH_FACTOR = 2;

/**
 * The CAMEO code for an event the model types `plover`: the type's code in its primary class unless the
 * class head finds another class the type is coded in CLASS_SWITCH_FACTOR times likelier (REQUEST: an
 * appeal, 02, or a demand, 10).
 */
function cameoFor(plover: string, classes: Float64Array): string | undefined {
  const codes = typeCodes().get(plover);
  if (!codes) return undefined;
  let best = codes.primary;
  for (const c of codes.byClass.keys()) {
    const bar = classes[best]! * (best === codes.primary ? CLASS_SWITCH_FACTOR : 1);
    if (c !== best && classes[c]! > bar) best = c;
  }
  return codes.byClass.get(best);
}

/**
 * The coding of a pattern hit in its sentence. The model never drops a hit: its "no event" was learned
 * from words no pattern lists (the event sets have no sentence without an event), so it speaks only of
 * learned triggers.
 */
export function decidePatternType(classifier: Classifier, view: CandidateView, pattern: CompiledPattern): TypeDecision {
  const classification = classify(classifier.model, candidateFeatures(view, classifier.clusterOf));
  const none = classification.types[TYPE_LABELS.indexOf(NO_EVENT)]!;
  if (pattern.force) return { plover: pattern.plover, cameo: pattern.cameo, probability: 1 - none };
  let best = bestType(classification);
  const own = classification.types[TYPE_LABELS.indexOf(pattern.plover)] ?? 0;
  if (best.probability - own <= classifier.model.retypeMargin || best.probability < classifier.model.retypeMinimum) best = { plover: pattern.plover, probability: own };
  // A hit the model does not retype keeps its pattern's own code: the class head speaks only for a new type.
  if (best.plover === pattern.plover) return { plover: pattern.plover, cameo: pattern.cameo, probability: best.probability };
  return { plover: best.plover, cameo: cameoFor(best.plover, classification.classes) ?? pattern.cameo, probability: best.probability };
}

export interface LearnedView {
  tokens: readonly Token[];
  dependencies: DependencyLayer | undefined;
  sentence: Sentence;
}

/**
 * In a sentence no pattern matched: the learned trigger the model is surest is an event, as a pattern
 * hit of a pattern made for it (`learned.<lemma>`), or undefined when none is below the threshold of "no event".
 */
export function learnedEvent(classifier: Classifier, view: LearnedView): { match: PatternMatch; probability: number } | undefined {
  const { tokens, sentence } = view;
  const { model } = classifier;
  let best: { trigger: number; none: number; classification: Classification } | undefined;
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
    const token = tokens[i]!;
    if ((token.pos !== 'VERB' && token.pos !== 'NOUN') || !model.triggers.has(token.lemma)) continue;
    const classification = classify(model, candidateFeatures({ ...view, trigger: i, otherTypes: [] }, classifier.clusterOf));
    const none = classification.types[TYPE_LABELS.indexOf(NO_EVENT)]!;
    if (!best || none < best.none) best = { trigger: i, none, classification };
  }
  if (!best || best.none >= model.triggerThreshold) return undefined;
  const type = bestType(best.classification);
  const cameo = cameoFor(type.plover, best.classification.classes);
  if (!cameo) return undefined;
  const lemma = tokens[best.trigger]!.lemma;
  const pattern: CompiledPattern = {
    id: `${LEARNED_PATTERN_PREFIX}${lemma.replace(/[^a-z0-9-]+/g, '-') || 'word'}`, match: lemma, cameo, plover: type.plover, roles: 'subject-object',
    steps: [{ words: new Set([tokens[best.trigger]!.normal]) }], length: 1,
  };
  return { match: { pattern, start: best.trigger, end: best.trigger + 1 }, probability: type.probability };
}

let shipped: Classifier | Error | undefined;

/**
 * The shipped classifier, or the error that kept models/event-type from loading (the events stage
 * then codes with the patterns alone and says so in a message).
 */
export function shippedClassifier(): Classifier | Error {
  if (shipped === undefined) {
    try {
      shipped = { model: shippedEventTypeModel(), clusterOf: shippedClusterOf };
    } catch (error) {
      shipped = error instanceof Error ? error : new Error(String(error));
    }
  }
  return shipped;
}
