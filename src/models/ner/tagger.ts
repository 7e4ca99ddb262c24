/**
 * A greedy left-to-right named-entity tagger: an averaged perceptron over hashed features (features.ts)
 * chooses O, B- or I- of PER, ORG, LOC or MISC for each token, knowing the classes it chose before; an
 * I- only continues a name of its own type. A token without a capital after a token outside any name is
 * O without scoring, at training time too: names open on a capital ("de Gaulle" is found as "Gaulle"),
 * and most tokens of news are settled so.
 */
import { VALUE_WIDTH, scoreValues, tablesFor, type ScoringTables } from '../parser/dense.js';
import type { Weights } from '../parser/features.js';
import { isShouting } from '../../stages/entities/text.js';
import { CLASSES, CODE_COLUMNS, ENTITY_TYPES, EncodedSentence, FEATURES, FormMemory, NEXT, OUTSIDE, PREVIOUS, ROLES, SELF, START, classType, contextValues, formValues, isInside, nerValueSizes, nerValues, type NerType } from './features.js';
import { gazetteerNames, type GazetteerName, type NerLexicon, type TokenLike } from './lexicon.js';

export interface NerModel {
  /** Bucket count minus one. */
  mask: number;
  /** `mask + 1` rows of CLASSES weights. */
  weights: Weights;
  /** Weights are the trained ones times this (16-bit quantisation); 1 for unquantised weights. */
  scale: number;
  lexicon: NerLexicon;
}

/** A name found: tokens [first, last] of the tokens given, its type, and how sure the model is (0.5–0.99). */
export interface NerSpan {
  first: number;
  last: number;
  type: NerType;
  confidence: number;
}

/** Whether class `c` may follow class `previous`: an I- only after a B- or I- of its type. */
export function allowed(c: number, previous: number): boolean {
  return !isInside(c) || (previous !== OUTSIDE && previous < CLASSES && classType(previous) === classType(c));
}

/** The best class allowed after `previous`; `margin[0]` gets its lead over the next best allowed. */
export function bestAllowed(scores: Float64Array, previous: number, margin?: Float64Array): number {
  let best = -1;
  let second = -Infinity;
  for (let c = 0; c < CLASSES; c += 1) {
    if (!allowed(c, previous)) continue;
    if (best < 0 || scores[c]! > scores[best]!) {
      if (best >= 0) second = Math.max(second, scores[best]!);
      best = c;
    } else second = Math.max(second, scores[c]!);
  }
  if (margin) margin[0] = scores[best]! - second;
  return best;
}

/** Names in classes (O/B-/I- per token) as spans; `margins` per token (in weight units × scale) give the confidence. */
export function spansOf(classes: Int32Array, margins: Float64Array, n: number, scale: number): NerSpan[] {
  const spans: NerSpan[] = [];
  let open: NerSpan | undefined;
  for (let i = 0; i < n; i += 1) {
    const c = classes[i]!;
    if (open && !(isInside(c) && classType(c) === ENTITY_TYPES.indexOf(open.type))) {
      spans.push(open);
      open = undefined;
    }
    if (c === OUTSIDE) continue;
    const confidence = Math.min(0.99, Math.max(0.5, 1 / (1 + Math.exp(-margins[i]! / scale))));
    if (open) {
      open.last = i;
      open.confidence = Math.min(open.confidence, confidence);
    } else open = { first: i, last: i, type: ENTITY_TYPES[classType(c)]!, confidence };
  }
  if (open) spans.push(open);
  return spans;
}

const values = new Int32Array(FEATURES * VALUE_WIDTH);
const scores = new Float64Array(CLASSES);
const margin = new Float64Array(1);

/**
 * The summed weights of each form's form features (features.ts formValues) in each role, computed the
 * first time a form is scored in that role and kept as long as the memory keeps the form. Sums of 16-bit
 * weights are exact in any order, so the scores are those of the features one by one.
 */
class FormScores {
  private readonly sums: Float32Array;
  private readonly done: Int32Array;
  private readonly edges = new Float32Array(ROLES * CLASSES);
  private readonly scratch = new Float64Array(CLASSES);

  constructor(private readonly memory: FormMemory, private readonly tables: ScoringTables) {
    this.sums = new Float32Array(memory.capacity * ROLES * CLASSES);
    this.done = new Int32Array(memory.capacity * ROLES);
    for (const role of [PREVIOUS, NEXT]) {
      this.score(-1, role);
      this.edges.set(this.scratch, role * CLASSES);
    }
  }

  private score(row: number, role: number): void {
    const count = formValues(this.memory.codes, row, role, values, 0);
    scoreValues(this.tables, values, count, this.scratch);
  }

  /** Adds the form sums of the form at `row` (-1: beyond the sentence) in `role` into `into`. */
  add(row: number, role: number, into: Float64Array): void {
    let at: number;
    let table: Float32Array;
    if (row < 0) {
      table = this.edges;
      at = role * CLASSES;
    } else {
      const slot = (row / CODE_COLUMNS) * ROLES + role;
      if (slot >= this.done.length) {
        // A sentence longer than the memory's capacity: its forms are scored each time.
        this.score(row, role);
        for (let c = 0; c < CLASSES; c += 1) into[c]! += this.scratch[c]!;
        return;
      }
      at = slot * CLASSES;
      table = this.sums;
      if (this.done[slot] !== this.memory.generation + 1) {
        this.score(row, role);
        for (let c = 0; c < CLASSES; c += 1) table[at + c] = this.scratch[c]!;
        this.done[slot] = this.memory.generation + 1;
      }
    }
    for (let c = 0; c < CLASSES; c += 1) into[c]! += table[at + c]!;
  }
}

/**
 * Chooses the classes of an encoded sentence left to right into `classes` (and each scored token's
 * lead over the next best class into `margins`); returns whether any token is in a name. With
 * `formScores` (16-bit weights only) the form features are added from their per-form sums.
 */
function decodeWith(tables: ScoringTables, s: EncodedSentence, classes: Int32Array, margins: Float64Array | undefined, formScores: FormScores | undefined): boolean {
  const n = s.n;
  let any = false;
  for (let i = 0; i < n; i += 1) {
    const previous = i > 0 ? classes[i - 1]! : START;
    if (s.settled(i, previous)) {
      classes[i] = OUTSIDE;
      continue;
    }
    if (formScores) {
      const count = contextValues(s, i, classes, values, 0);
      scoreValues(tables, values, count, scores);
      formScores.add(s.row(i), SELF, scores);
      formScores.add(i > 0 ? s.row(i - 1) : -1, PREVIOUS, scores);
      formScores.add(i + 1 < n ? s.row(i + 1) : -1, NEXT, scores);
    } else {
      const count = nerValues(s, i, classes, values);
      scoreValues(tables, values, count, scores);
    }
    classes[i] = bestAllowed(scores, previous, margin);
    if (margins) margins[i] = margin[0]!;
    if (classes[i] !== OUTSIDE) any = true;
  }
  return any;
}

/** decodeWith for any weights, every feature scored one by one (the trainer's view). */
export function decode(weights: Weights, mask: number, s: EncodedSentence, classes: Int32Array, margins?: Float64Array): boolean {
  return decodeWith(tablesFor(weights, CLASSES, mask, nerValueSizes), s, classes, margins, undefined);
}

/** What the caller may already know of a sentence: its gazetteer names and whether it is an all-caps headline. */
export interface SentenceContext {
  names: readonly GazetteerName[];
  headline: boolean;
}

/** Tags sentences one after another, keeping its buffers and remembered forms between calls. */
export class NerTagger {
  private readonly memory: FormMemory;
  private readonly tables: ScoringTables;
  private readonly formScores: FormScores | undefined;
  private readonly sentence = new EncodedSentence();
  private classes = new Int32Array(64);
  private margins = new Float64Array(64);

  constructor(readonly model: NerModel) {
    this.memory = new FormMemory(model.lexicon);
    this.tables = tablesFor(model.weights, CLASSES, model.mask, nerValueSizes);
    // Per-form sums are exact only for integer weights.
    this.formScores = model.weights instanceof Int16Array ? new FormScores(this.memory, this.tables) : undefined;
  }

  /**
   * Names among tokens [from, to) of `text` (one sentence; `lower` the text lower-cased when that keeps
   * every offset); token indices in the spans are absolute.
   */
  tag(text: string, lower: string | undefined, tokens: ReadonlyArray<TokenLike & { pos: string }>, from: number, to: number, context?: SentenceContext): NerSpan[] {
    if (to <= from) return [];
    const s = this.sentence;
    const names = context?.names ?? gazetteerNames(text, lower, tokens, from, to);
    const headline = context?.headline ?? isShouting(text, tokens[from]!.start, tokens[to - 1]!.end);
    s.encode(this.memory, text, tokens, from, to, names, headline);
    if (this.classes.length < s.n) {
      this.classes = new Int32Array(s.n * 2);
      this.margins = new Float64Array(s.n * 2);
    }
    if (!decodeWith(this.tables, s, this.classes, this.margins, this.formScores)) return [];
    const spans = spansOf(this.classes, this.margins, s.n, this.model.scale);
    for (const span of spans) {
      span.first += from;
      span.last += from;
    }
    return spans;
  }
}
