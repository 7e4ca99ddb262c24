import type { Parse, ParserModel, ParserToken } from '../../src/models/parser/parser.js';
import type { TreebankSentence } from './conllu.js';

export interface AttachmentScores {
  words: number;
  /** Share of words with the right head. */
  uas: number;
  /** Share with the right head and the right relation, subtypes included (`obl:tmod` ≠ `obl`). */
  las: number;
  /** The same, comparing only the universal relation before the colon (the CoNLL 2018 shared task LAS). */
  lasUniversal: number;
}

const universal = (deprel: string) => deprel.split(':')[0]!;

/** Attachment scores over every word, punctuation included, as the UD evaluation counts them. */
export function evaluateParser(
  model: ParserModel,
  sentences: readonly TreebankSentence[],
  parse: (model: ParserModel, tokens: readonly ParserToken[]) => Parse,
): AttachmentScores {
  let words = 0;
  let heads = 0;
  let labelled = 0;
  let labelledUniversal = 0;
  for (const sentence of sentences) {
    const result = parse(model, sentence.words);
    sentence.words.forEach((word, i) => {
      words += 1;
      if (result.heads[i] !== word.head) return;
      heads += 1;
      if (result.deprels[i] === word.deprel) labelled += 1;
      if (universal(result.deprels[i]!) === universal(word.deprel)) labelledUniversal += 1;
    });
  }
  const share = (count: number) => (words === 0 ? 0 : count / words);
  return { words, uas: share(heads), las: share(labelled), lasUniversal: share(labelledUniversal) };
}
