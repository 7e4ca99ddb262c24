/**
 * A greedy left-to-right named-entity tagger: an averaged perceptron over hashed features (features.ts)
 * chooses O, B- or I- of PER, ORG, LOC or MISC for each token, knowing the classes it chose before; an
 * I- only continues a name of its own type. A token without a capital after a token outside any name is
 * O without scoring, at training time too: names open on a capital ("de Gaulle" is found as "Gaulle"),
 * and most tokens of news are settled so.
 */
import { VALUE_WIDTH, scoreValues, tablesFor } from '../parser/dense.js';
import type { Weights } from '../parser/features.js';
import { isShouting } from '../../stages/entities/text.js';
import { CLASSES, ENTITY_TYPES, EncodedSentence, FEATURES, FormMemory, OUTSIDE, START, classType, isInside, nerValueSizes, nerValues, type NerType } from './features.js';
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
 * Chooses the classes of an encoded sentence left to right into `classes` (and each scored token's
 * lead over the next best class into `margins`); returns whether any token is in a name.
 */
export function decode(weights: Weights, mask: number, s: EncodedSentence, classes: Int32Array, margins?: Float64Array): boolean {
  const tables = tablesFor(weights, CLASSES, mask, nerValueSizes);
  const n = s.n;
  let any = false;
  for (let i = 0; i < n; i += 1) {
    const previous = i > 0 ? classes[i - 1]! : START;
    if (s.settled(i, previous)) {
      classes[i] = OUTSIDE;
      continue;
    }
    const count = nerValues(s, i, classes, values);
    scoreValues(tables, values, count, scores);
    classes[i] = bestAllowed(scores, previous, margin);
    if (margins) margins[i] = margin[0]!;
    if (classes[i] !== OUTSIDE) any = true;
  }
  return any;
}

/** What the caller may already know of a sentence: its gazetteer names and whether it is an all-caps headline. */
export interface SentenceContext {
  names: readonly GazetteerName[];
  headline: boolean;
}

/** Tags sentences one after another, keeping its buffers and remembered forms between calls. */
export class NerTagger {
  private readonly memory: FormMemory;
  private readonly sentence = new EncodedSentence();
  private classes = new Int32Array(64);
  private margins = new Float64Array(64);

  constructor(readonly model: NerModel) {
    this.memory = new FormMemory(model.lexicon);
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
    if (!decode(this.model.weights, this.model.mask, s, this.classes, this.margins)) return [];
    const spans = spansOf(this.classes, this.margins, s.n, this.model.scale);
    for (const span of spans) {
      span.first += from;
      span.last += from;
    }
    return spans;
  }
}
