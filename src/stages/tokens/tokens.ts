import type { Sentence, Token } from '../../doc/types.js';
import { wink } from '../../nlp/wink.js';
import { defineStage } from '../../pipeline/stage.js';

const LETTERS = /^[\p{L}\p{M}]+$/u;
const NON_ASCII = /[^ -~]/;

/**
 * wink's English tokenizer splits words at letters outside Latin-1 ("Petrović" → "Petrovi" + "ć",
 * "Wałęsa" → "Wa" + "łę" + "sa"). Letter pieces with no space between them, one of them non-ASCII,
 * are one word again; pieces wink splits on purpose ("can" + "not") are ASCII and stay apart.
 */
function joinsNext(values: readonly string[], spaces: readonly string[], i: number): boolean {
  if (spaces[i + 1] !== '') return false;
  const here = values[i]!;
  const next = values[i + 1]!;
  return LETTERS.test(here) && LETTERS.test(next) && (NON_ASCII.test(here) || NON_ASCII.test(next));
}

/**
 * Sentences, tokens, part of speech and lemmas from wink-nlp, one paragraph at a time so that no
 * sentence runs across a paragraph break. wink is lossless (each token keeps its preceding white
 * space), which is how token offsets into the unchanged text are recovered.
 */
export const splitSentences = () =>
  defineStage({
    name: 'tokens',
    version: 1,
    requires: ['paragraphs'],
    provides: ['sentences', 'tokens'],
    run(doc) {
      const nlp = wink();
      const its = nlp.its;
      const sentences: Sentence[] = [];
      const tokens: Token[] = [];
      for (const paragraph of doc.layers.paragraphs ?? []) {
        const text = doc.text.slice(paragraph.start, paragraph.end);
        const wdoc = nlp.readDoc(text);
        const values = wdoc.tokens().out() as string[];
        const spaces = wdoc.tokens().out(its.precedingSpaces) as string[];
        const tags = wdoc.tokens().out(its.pos) as string[];
        // wink's typings omit the model add-on signature of its.lemma, which the lite model does provide.
        const lemmas = wdoc.tokens().out(its.lemma as Parameters<ReturnType<typeof wdoc.tokens>['out']>[0]) as string[];
        const starts: number[] = [];
        let offset = paragraph.start;
        for (let i = 0; i < values.length; i += 1) {
          offset += spaces[i]!.length;
          starts.push(offset);
          offset += values[i]!.length;
        }
        for (const [from, to] of wdoc.sentences().out(its.span) as unknown as Array<[number, number]>) {
          const index = sentences.length;
          const tokenStart = tokens.length;
          for (let i = from; i <= to; i += 1) {
            let last = i;
            while (last < to && joinsNext(values, spaces, last)) last += 1;
            if (last === i) {
              const value = values[i]!;
              tokens.push({
                start: starts[i]!, end: starts[i]! + value.length,
                pos: tags[i]!, normal: value.toLowerCase(), lemma: lemmas[i]!, sentence: index,
              });
              continue;
            }
            const word = values.slice(i, last + 1).join('');
            const normal = word.toLowerCase();
            tokens.push({
              start: starts[i]!, end: starts[last]! + values[last]!.length,
              pos: word[0] !== normal[0] ? 'PROPN' : tags[i] === 'X' ? 'NOUN' : tags[i]!, normal, lemma: normal, sentence: index,
            });
            i = last;
          }
          sentences.push({
            index, paragraph: paragraph.index,
            start: starts[from]!, end: starts[to]! + values[to]!.length,
            tokenStart, tokenEnd: tokens.length,
          });
        }
      }
      return { sentences, tokens };
    },
  });
