/**
 * What train/event-type fits on and how it chooses its settings, shared with train/calibration (which
 * refits the classifier per fold so that the confidence model learns from codings the classifier did
 * not see).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stagePipeline } from '../../src/eval/analyse.js';
import { isHeldOut, TRAINED_EVENT_SETS } from '../../src/eval/held-out.js';
import { readConll } from '../../src/eval/ner.js';
import { hash32 } from '../../src/util/hash.js';
import { getCodebook } from '../../src/knowledge/codebook.js';
import { getEventMatcher } from '../../src/knowledge/patterns.js';
import { shippedClusterOf } from '../../src/models/event-type/load.js';
import { classify, NO_EVENT, TYPE_LABELS, type EventTypeModel } from '../../src/models/event-type/model.js';
import { defaultPipeline } from '../../src/pipeline/default.js';
import { codeEvents } from '../../src/stages/events/events.js';
import { goldCandidates, GoldLabels, noEventCandidates, type GoldEvent, type SetCandidate } from './examples.js';
import { DEFAULT_FIT, fitEventTypes, type FitOptions, type TrainingCandidate } from './fit.js';

export const SETS = TRAINED_EVENT_SETS;
export const NO_EVENT_FILE = 'ner/conll2003_train.conll';
/** Sentences of NO_EVENT_FILE read for "no event" candidates, and how many make one document. */
export const NO_EVENT_SENTENCES = 6000;
const SENTENCES_PER_DOC = 30;
/** A lemma is a learned trigger when it is the gold predicate of this many training events the patterns missed. */
export const MIN_TRIGGER_COUNT = 2;
/**
 * …and when at least this share of its occurrences (gold predicates the patterns missed, against its
 * standing in CoNLL sentences no pattern matches) is an event.
 */
export const MIN_TRIGGER_EVENT_RATE = 0.35;
export const TRIGGER_THRESHOLD = 0.5;

interface Item { id?: string | number; text: string; date?: string | null; events: GoldEvent[] | null }

const round = (value: number) => Math.round(value * 10000) / 10000;
const argmax = (values: Float64Array, allowed: (k: number) => boolean) => {
  let best = -1;
  for (let k = 0; k < values.length; k += 1) if (allowed(k) && (best < 0 || values[k]! > values[best]!)) best = k;
  return best;
};

/** How the pattern coder and the model do on candidates: type and PentaClass accuracy, and how many learned triggers the model takes. */
export function score(model: EventTypeModel, candidates: readonly SetCandidate[]) {
  const none = TYPE_LABELS.indexOf(NO_EVENT);
  let typed = 0, patternTypeRight = 0, modelTypeRight = 0, classed = 0, modelClassRight = 0, learned = 0, learnedTaken = 0, learnedRight = 0;
  for (const candidate of candidates) {
    const { types, classes } = classify(model, candidate.features);
    const best = argmax(types, (k) => k !== none);
    const own = TYPE_LABELS.indexOf(candidate.patternPlover ?? '');
    const keeps = own >= 0 && (types[best]! - types[own]! <= model.retypeMargin || types[best]! < model.retypeMinimum);
    const type = candidate.fromPattern && keeps ? own : best;
    if (candidate.fromPattern && candidate.types.length > 0) {
      typed += 1;
      if (candidate.types.includes(TYPE_LABELS.indexOf(candidate.patternPlover ?? ''))) patternTypeRight += 1;
      if (candidate.types.includes(type)) modelTypeRight += 1;
    }
    if (candidate.classes.length > 0) {
      classed += 1;
      if (candidate.classes.includes(argmax(classes, () => true))) modelClassRight += 1;
    }
    if (!candidate.fromPattern) {
      learned += 1;
      if (types[none]! < model.triggerThreshold) {
        learnedTaken += 1;
        if (candidate.types.includes(type)) learnedRight += 1;
      }
    }
  }
  return {
    patternCandidates: typed, patternTypeAccuracy: round(patternTypeRight / Math.max(1, typed)), modelTypeAccuracy: round(modelTypeRight / Math.max(1, typed)),
    classCandidates: classed, modelClassAccuracy: round(modelClassRight / Math.max(1, classed)),
    missedByPatterns: learned, takenByModel: learnedTaken, takenAndTypedRight: learnedRight,
  };
}

export const FOLDS = 4;
/** The settings tried, by cross-validation on the training items only (the held-out fifth plays no part). */
const GRID: ReadonlyArray<Partial<FitOptions>> = [
  { l2: 1e-4, epochs: 12 }, { l2: 1e-3, epochs: 12 }, { l2: 3e-3, epochs: 12 }, { l2: 1e-3, epochs: 6 }, { l2: 1e-2, epochs: 12 },
];

/** Mean over folds of the type accuracy on pattern candidates, the class accuracy and the share of missed events taken and typed right. */
const RETYPE_MARGINS = [0, 0.1, 0.2, 0.35];
const RETYPE_MINIMA = [0, 0.6, 0.75, 0.9];
const CONSERVATIVE_TOLERANCE = 0.01;
const setOf = (candidate: SetCandidate) => candidate.group.slice(0, candidate.group.indexOf(':'));

/** One number per setting: type accuracy averaged over the sets (each set counts the same), class accuracy, missed events taken and typed right. */
function cvScore(model: EventTypeModel, candidates: readonly SetCandidate[]): number {
  const sets = [...new Set(candidates.map(setOf))];
  const typeAccuracy = sets.reduce((sum, set) => sum + score(model, candidates.filter((c) => setOf(c) === set)).modelTypeAccuracy, 0) / Math.max(1, sets.length);
  const all = score(model, candidates);
  return (typeAccuracy + all.modelClassAccuracy + all.takenAndTypedRight / Math.max(1, all.missedByPatterns)) / 3;
}

/**
 * The fit settings and the retyping rule (how much likelier than the pattern's type another type must
 * be, and how likely at least, before the model retypes a pattern hit), by cross-validation on the
 * training items only.
 */
export function chooseFit(train: readonly SetCandidate[], noEvents: readonly TrainingCandidate[], triggers: ReadonlySet<string>) {
  const grid = GRID.flatMap((settings) => {
    const options = { ...DEFAULT_FIT, ...settings };
    const rules = RETYPE_MARGINS.flatMap((retypeMargin) => RETYPE_MINIMA.map((retypeMinimum) => ({ retypeMargin, retypeMinimum })));
    const totals = rules.map(() => 0);
    for (let fold = 0; fold < FOLDS; fold += 1) {
      const heads = fitEventTypes([...train.filter((c) => !inFold(c.group, fold)), ...noEvents.filter((_, i) => i % FOLDS !== fold)], options);
      const held = train.filter((c) => inFold(c.group, fold));
      rules.forEach((rule, m) => (totals[m]! += cvScore({ ...heads, triggers, triggerThreshold: TRIGGER_THRESHOLD, ...rule }, held)));
    }
    return rules.map((rule, m) => ({ ...settings, ...rule, score: round(totals[m]! / FOLDS) }));
  });
  const top = Math.max(...grid.map((g) => g.score));
  // Cross-validation is in the training sets' own distribution; news elsewhere is not. Within
  // CONSERVATIVE_TOLERANCE of the best score, the rule that retypes least is taken.
  const conservative = (g: (typeof grid)[number]) => g.retypeMinimum * 10 + g.retypeMargin;
  const best = grid.filter((g) => g.score >= top - CONSERVATIVE_TOLERANCE).reduce((a, b) => (conservative(b) > conservative(a) || (conservative(b) === conservative(a) && b.score > a.score) ? b : a));
  const { score: _score, retypeMargin, retypeMinimum, ...settings } = best;
  return { options: { ...DEFAULT_FIT, ...settings }, retype: { retypeMargin, retypeMinimum }, grid };
}

export interface Candidates {
  train: SetCandidate[];
  heldOut: SetCandidate[];
  heldOutBySet: Record<string, SetCandidate[]>;
  noEvents: TrainingCandidate[];
  triggers: Set<string>;
}

/** The training and held-out candidates of the dev event sets under `gold`, and the "no event" ones. */
export function collectCandidates(gold: string): Candidates {
  const files = SETS.map((name) => join(gold, 'events', name));
  const stages = defaultPipeline({ parse: 'all' }).stages.map((stage) => (stage.name === 'events' ? codeEvents({ calibration: false, classifier: false }) : stage));
  const analyse = stagePipeline(stages);
  const codebook = getCodebook();
  const labels = new GoldLabels(codebook);
  const patterns = new Map(getEventMatcher().patterns.map((p) => [p.id, p]));
  const train: SetCandidate[] = [];
  const heldOut: SetCandidate[] = [];
  const heldOutBySet: Record<string, SetCandidate[]> = {};
  for (const [i, file] of files.entries()) {
    const items = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Item);
    for (const [index, item] of items.entries()) {
      if (!item.events || item.events.length === 0) continue;
      const id = String(item.id ?? index + 1);
      const published = typeof item.date === 'string' && /^\d{4}-\d\d-\d\d/.test(item.date) ? item.date.slice(0, 10) : undefined;
      const doc = analyse(item.text, published ? { published } : {});
      const candidates = goldCandidates(`${SETS[i]!}:${id}`, doc, item.events, labels, patterns, shippedClusterOf);
      if (isHeldOut(SETS[i]!, id)) {
        heldOut.push(...candidates);
        (heldOutBySet[SETS[i]!] ??= []).push(...candidates);
      } else train.push(...candidates);
    }
  }
  const counts = new Map<string, number>();
  for (const candidate of train) if (!candidate.fromPattern) counts.set(candidate.lemma, (counts.get(candidate.lemma) ?? 0) + 1);
  const seen = new Set([...counts].filter(([, n]) => n >= MIN_TRIGGER_COUNT).map(([lemma]) => lemma));
  const conll = readConll(join(gold, NO_EVENT_FILE)).slice(0, NO_EVENT_SENTENCES);
  const standing: Array<TrainingCandidate & { lemma: string }> = [];
  for (let from = 0; from < conll.length; from += SENTENCES_PER_DOC) {
    const text = conll.slice(from, from + SENTENCES_PER_DOC).map((sentence) => sentence.words.join(' ')).join('\n\n');
    standing.push(...noEventCandidates(analyse(text), seen, shippedClusterOf));
  }
  // A word that stands in many sentences without an event ("say", "give") is no trigger: it would send
  // most sentences of the news to the parser for nothing.
  const without = new Map<string, number>();
  for (const candidate of standing) without.set(candidate.lemma, (without.get(candidate.lemma) ?? 0) + 1);
  const rate = (lemma: string) => counts.get(lemma)! / (counts.get(lemma)! + (without.get(lemma) ?? 0));
  const triggers = new Set([...seen].filter((lemma) => rate(lemma) >= MIN_TRIGGER_EVENT_RATE));
  const noEvents: TrainingCandidate[] = standing.filter((candidate) => triggers.has(candidate.lemma)).map(({ lemma: _lemma, ...candidate }) => candidate);
  return { train, heldOut, heldOutBySet, noEvents, triggers };
}

/** Whether a training candidate or item is in fold `fold` of the cross-validation. */
export const inFold = (group: string, fold: number): boolean => hash32(group) % FOLDS === fold;
