/**
 * Training candidates for the event classifier, from the dev event sets and from news sentences without
 * events:
 * - for each gold event, the event the pattern coder gives for it (eval/event-judging chooseEvent) is a
 *   candidate at its trigger, labelled with the gold type (or PentaClass); where the coder found no event
 *   in the sentence at all, the candidate is the predicate that joins the gold source and target in the
 *   parse (their lowest common head that is a verb or noun), labelled the same and marked as a learned
 *   trigger;
 * - the words the learned triggers are, standing in news sentences where no pattern matches (CoNLL-2003
 *   train, Reuters news), are "no event" candidates: what keeps the model from taking every such word
 *   for an event. Some of them are events the patterns miss; the label is noisy, and the threshold on
 *   "no event" is what an analyst can tune.
 */
import type { Doc, Event, Token } from '../../src/doc/types.js';
import { firstTokenEndingAfter } from '../../src/doc/token-search.js';
import { chooseEvent } from '../../src/eval/event-judging.js';
import { acceptedTypes } from '../../src/eval/event-types.js';
import { codePointsToUtf16 } from '../../src/eval/gold-files.js';
import type { Interval } from '../../src/eval/metrics.js';
import type { Codebook } from '../../src/knowledge/codebook.js';
import { getEventMatcher } from '../../src/knowledge/patterns.js';
import { pentaclassOf } from '../../src/knowledge/pentaclass.js';
import { candidateFeatures, type ClusterOf } from '../../src/models/event-type/features.js';
import { NO_EVENT, TYPE_LABELS } from '../../src/models/event-type/model.js';
import { otherTypesAt } from '../../src/stages/events/classify.js';
import type { TrainingCandidate } from './fit.js';

interface GoldActor { start?: number; end?: number }
export interface GoldEvent {
  plover?: string | null;
  pentaclass?: number | null;
  source?: GoldActor | null;
  target?: GoldActor | null;
  sources?: GoldActor[];
  targets?: GoldActor[];
}

export interface SetCandidate extends TrainingCandidate {
  /** `set:id` of the item: folds of the cross-validation keep an item's candidates together. */
  group: string;
  /** The candidate came from a pattern hit (else: a learned trigger at the gold predicate). */
  fromPattern: boolean;
  lemma: string;
  /** The pattern's own coding, to compare the model with. */
  patternPlover?: string;
  patternCameo?: string;
}

const located = (actors: ReadonlyArray<GoldActor | null | undefined>, toUtf16: (offset: number) => number): Interval[] =>
  actors.flatMap((a) => (a && Number.isInteger(a.start) && Number.isInteger(a.end) ? [{ start: toUtf16(a.start!), end: toUtf16(a.end!) }] : []));

/** Which labels a gold event accepts, from its PLOVER type or its PentaClass, through the codebook. */
export class GoldLabels {
  private readonly classesOfType = new Map<string, Set<number>>();

  constructor(codebook: Codebook) {
    for (const entry of codebook.cameoCodes) {
      const pentaclass = pentaclassOf(entry.code);
      if (!entry.plover || pentaclass === undefined) continue;
      const classes = this.classesOfType.get(entry.plover) ?? new Set<number>();
      classes.add(pentaclass);
      this.classesOfType.set(entry.plover, classes);
    }
  }

  of(gold: GoldEvent): { types: number[]; classes: number[] } | undefined {
    if (gold.plover) {
      const types = acceptedTypes(gold.plover).map((t) => TYPE_LABELS.indexOf(t)).filter((k) => k >= 0);
      const classes = new Set<number>();
      for (const type of acceptedTypes(gold.plover)) for (const c of this.classesOfType.get(type) ?? []) classes.add(c);
      // A type with codes in one class says which; one spread over several says nothing of the class.
      return types.length > 0 ? { types, classes: classes.size === 1 ? [...classes] : [] } : undefined;
    }
    if (Number.isInteger(gold.pentaclass)) {
      const pentaclass = gold.pentaclass!;
      const types = [...this.classesOfType].filter(([, classes]) => classes.has(pentaclass)).map(([type]) => TYPE_LABELS.indexOf(type)).filter((k) => k >= 0);
      return { types, classes: [pentaclass] };
    }
    return undefined;
  }
}

function headOf(doc: Doc, spans: readonly Interval[]): number | undefined {
  const tokens = doc.layers.tokens!;
  const dependencies = doc.layers.dependencies;
  const span = spans[0];
  if (!span || !dependencies) return undefined;
  const from = firstTokenEndingAfter(tokens, span.start);
  let to = from;
  while (to < tokens.length && tokens[to]!.start < span.end) to += 1;
  for (let i = from; i < to; i += 1) {
    const head = dependencies[i]?.head ?? -1;
    if (head < from || head >= to) return i;
  }
  return from < to ? from : undefined;
}

function ancestors(doc: Doc, token: number): number[] {
  const chain: number[] = [];
  const dependencies = doc.layers.dependencies!;
  for (let at = token, steps = 0; at >= 0 && steps < 256; steps += 1) {
    chain.push(at);
    at = dependencies[at]?.head ?? -1;
  }
  return chain;
}

const predicative = (token: Token) => token.pos === 'VERB' || token.pos === 'NOUN';

/** The verb or noun that joins a gold source and target in the parse (or heads the source alone). */
export function goldPredicate(doc: Doc, sources: readonly Interval[], targets: readonly Interval[]): number | undefined {
  const tokens = doc.layers.tokens!;
  const source = headOf(doc, sources);
  const target = headOf(doc, targets);
  const start = source ?? target;
  if (start === undefined) return undefined;
  const up = ancestors(doc, start);
  let joint = up[1];
  if (source !== undefined && target !== undefined) {
    const targetUp = new Set(ancestors(doc, target));
    joint = up.find((t) => targetUp.has(t) && t !== source && t !== target) ?? up.find((t) => targetUp.has(t));
  }
  if (joint === undefined) return undefined;
  for (const t of ancestors(doc, joint)) if (predicative(tokens[t]!) && t !== source && t !== target) return t;
  return undefined;
}

export function goldCandidates(group: string, doc: Doc, golds: readonly GoldEvent[], labels: GoldLabels, patternsById: ReadonlyMap<string, { plover: string; cameo: string; id: string }>, clusterOf: ClusterOf): SetCandidate[] {
  const events: Event[] = doc.layers.events ?? [];
  const tokens = doc.layers.tokens ?? [];
  const sentences = doc.layers.sentences ?? [];
  const toUtf16 = codePointsToUtf16(doc.text);
  const out: SetCandidate[] = [];
  for (const gold of golds) {
    const label = labels.of(gold);
    if (!label) continue;
    const sources = located(gold.sources ?? [gold.source], toUtf16);
    const targets = located(gold.targets ?? [gold.target], toUtf16);
    const chosen = chooseEvent(events, sources, targets);
    const trigger = chosen ? firstTokenEndingAfter(tokens, chosen.trigger.start) : goldPredicate(doc, sources, targets);
    if (trigger === undefined || trigger >= tokens.length) continue;
    const sentence = sentences[tokens[trigger]!.sentence];
    if (!sentence) continue;
    const pattern = chosen ? patternsById.get(chosen.pattern) : undefined;
    if (chosen && !pattern) continue;
    const view = {
      tokens, dependencies: doc.layers.dependencies, sentence, trigger,
      otherTypes: pattern ? otherTypesAt(tokens, sentence, trigger) : [], ...(pattern ? { pattern } : {}),
    };
    out.push({
      group, features: candidateFeatures(view, clusterOf), ...label, fromPattern: pattern !== undefined, lemma: tokens[trigger]!.lemma,
      ...(pattern ? { patternPlover: pattern.plover, patternCameo: pattern.cameo } : {}),
    });
  }
  return out;
}

/** "No event" candidates: the learned triggers standing in sentences of `doc` where no pattern matches. */
export function noEventCandidates(doc: Doc, triggers: ReadonlySet<string>, clusterOf: ClusterOf): Array<TrainingCandidate & { lemma: string }> {
  const tokens = doc.layers.tokens ?? [];
  const none = [TYPE_LABELS.indexOf(NO_EVENT)];
  const out: Array<TrainingCandidate & { lemma: string }> = [];
  for (const sentence of doc.layers.sentences ?? []) {
    if (getEventMatcher().match(tokens, sentence.tokenStart, sentence.tokenEnd).length > 0) continue;
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
      if (!predicative(tokens[i]!) || !triggers.has(tokens[i]!.lemma)) continue;
      out.push({ features: candidateFeatures({ tokens, dependencies: doc.layers.dependencies, sentence, trigger: i, otherTypes: [] }, clusterOf), types: none, classes: [], lemma: tokens[i]!.lemma });
    }
  }
  return out;
}
