import type { Dependency } from '../../doc/types.js';
import { shippedParser } from '../../models/parser/load.js';
import { parseSentence, type ParserModel, type ParserToken } from '../../models/parser/parser.js';
import { defineStage } from '../../pipeline/stage.js';

/**
 * Longer sentences (a table or list read as one sentence) are parsed in pieces of this many tokens, each
 * with a root of its own, which keeps the work per sentence bounded.
 */
export const MAX_SENTENCE_TOKENS = 200;

/**
 * Heads and relations for every token, sentence by sentence, from the parser in models/parser (loaded
 * once per process on first use) or the model given.
 */
export const parseDependencies = (model?: ParserModel) =>
  defineStage({
    name: 'parse',
    version: 1,
    requires: ['sentences', 'tokens'],
    provides: ['dependencies'],
    run(doc, ctx) {
      const parser = model ?? shippedParser();
      const tokens = doc.layers.tokens ?? [];
      const dependencies: Dependency[] = new Array(tokens.length);
      for (const sentence of doc.layers.sentences ?? []) {
        if (sentence.tokenEnd - sentence.tokenStart > MAX_SENTENCE_TOKENS) {
          ctx.report('long-sentence', 'info', `sentence of ${sentence.tokenEnd - sentence.tokenStart} tokens parsed in pieces of ${MAX_SENTENCE_TOKENS}`, sentence);
        }
        for (let from = sentence.tokenStart; from < sentence.tokenEnd; from += MAX_SENTENCE_TOKENS) {
          const to = Math.min(from + MAX_SENTENCE_TOKENS, sentence.tokenEnd);
          const words: ParserToken[] = [];
          for (let i = from; i < to; i += 1) words.push({ form: doc.text.slice(tokens[i]!.start, tokens[i]!.end), upos: tokens[i]!.pos });
          const parse = parseSentence(parser, words);
          for (let i = 0; i < words.length; i += 1) {
            const head = parse.heads[i]!;
            dependencies[from + i] = { head: head < 0 ? -1 : from + head, deprel: parse.deprels[i]! };
          }
        }
      }
      for (let i = 0; i < tokens.length; i += 1) {
        if (!dependencies[i]) throw new Error(`token ${i} lies in no sentence, so it has no parse`);
      }
      return { dependencies };
    },
  });
