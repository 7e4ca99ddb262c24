/**
 * NER training data as the run time sees it: each CoNLL sentence's words joined by spaces (as
 * src/eval/ner.ts does), tokenised by Dyad's own tokens stage, and the words' IOB labels projected onto
 * those tokens by character offset. Types are mapped to the shared scheme (canonicalType); a type outside
 * PER/ORG/LOC/MISC is outside any name.
 */
import { createDoc } from '../../src/doc/doc.js';
import type { Token } from '../../src/doc/types.js';
import { canonicalType, type NerSentence } from '../../src/eval/ner.js';
import { ENTITY_TYPES, OUTSIDE, beginClass, classType, insideClass, isInside } from '../../src/models/ner/features.js';
import { splitSentences } from '../../src/stages/tokens/tokens.js';

/** One sentence of Dyad's tokens stage with a class per token. */
export interface LabelledSentence {
  text: string;
  tokens: Token[];
  from: number;
  to: number;
  /** One class per token of [from, to). */
  classes: Int32Array;
}

/** The class a word's IOB2 tag stands for at the token that opens the word (`opens`) or a later one. */
export function wordClass(tag: string, opens: boolean): number {
  if (tag === 'O') return OUTSIDE;
  const type = ENTITY_TYPES.indexOf(canonicalType(tag.slice(2)) as (typeof ENTITY_TYPES)[number]);
  if (type < 0) return OUTSIDE;
  return tag.startsWith('B-') && opens ? beginClass(type) : insideClass(type);
}

/** The tokens stage's sentences of each CoNLL sentence, with the words' labels on the tokens. */
export function labelledSentences(gold: readonly NerSentence[]): LabelledSentence[] {
  const stage = splitSentences();
  const context = { report: () => undefined };
  const out: LabelledSentence[] = [];
  for (const { words, tags } of gold) {
    const starts: number[] = [];
    let offset = 0;
    for (const word of words) {
      starts.push(offset);
      offset += word.length + 1;
    }
    const text = words.join(' ');
    const doc = createDoc(text, {}, { paragraphs: [{ index: 0, start: 0, end: text.length }] });
    const { tokens, sentences } = stage.run(doc, context);
    const classes = new Int32Array(tokens.length);
    let word = 0;
    tokens.forEach((token, t) => {
      while (word + 1 < words.length && starts[word + 1]! <= token.start) word += 1;
      let c = wordClass(tags[word]!, token.start === starts[word]);
      // An I- whose name did not reach the token before (a word split oddly) opens the name.
      if (isInside(c) && (t === 0 || classes[t - 1] === OUTSIDE || classType(classes[t - 1]!) !== classType(c))) c = beginClass(classType(c));
      classes[t] = c;
    });
    for (const sentence of sentences) {
      const from = sentence.tokenStart;
      const to = sentence.tokenEnd;
      const own = classes.slice(from, to);
      if (own.length > 0 && isInside(own[0]!)) own[0] = beginClass(classType(own[0]!));
      out.push({ text, tokens, from, to, classes: own });
    }
  }
  return out;
}

/** Names as [first, last, type] keys of a class sequence, for scoring spans token by token. */
export function spanKeys(classes: ArrayLike<number>, n: number): Set<string> {
  const keys = new Set<string>();
  let first = -1;
  for (let i = 0; i <= n; i += 1) {
    const c = i < n ? classes[i]! : OUTSIDE;
    const continues = first >= 0 && isInside(c) && classType(c) === classType(classes[first]!);
    if (first >= 0 && !continues) {
      keys.add(`${first}:${i - 1}:${classType(classes[first]!)}`);
      first = -1;
    }
    if (c !== OUTSIDE && !continues) first = i;
  }
  return keys;
}
