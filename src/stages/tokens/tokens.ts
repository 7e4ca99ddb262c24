import type { Sentence, Token } from '../../doc/types.js';
import { wink } from '../../nlp/wink.js';
import { defineStage } from '../../pipeline/stage.js';

const LETTERS = /^[\p{L}\p{M}]+$/u;
const BLANK = /^\s+$/;

/** White space is below 0x21 or above 0x7E, so most tokens are settled without the expression. */
function isBlank(value: string): boolean {
  const first = value.charCodeAt(0);
  return (first < 0x21 || first > 0x7e) && BLANK.test(value);
}
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
  // The cheap ASCII test first: most pieces without a space between them are ASCII ("U.S", "'s").
  return (NON_ASCII.test(here) || NON_ASCII.test(next)) && LETTERS.test(here) && LETTERS.test(next);
}

/**
 * Sentences, tokens, part of speech and lemmas from wink-nlp. wink is lossless (each token keeps its
 * preceding white space), which is how token offsets into the unchanged text are recovered.
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
      // One wink document for the whole text costs less than one per paragraph; paragraph breaks
      // (new lines in the clean text) then end sentences, so none crosses a paragraph.
      const wdoc = nlp.readDoc(doc.text);
      const values = wdoc.tokens().out() as string[];
      const spaces = wdoc.tokens().out(its.precedingSpaces) as string[];
      const tags = wdoc.tokens().out(its.pos) as string[];
      // wink's typings omit the model add-on signature of its.lemma, which the lite model does provide.
      const lemmas = wdoc.tokens().out(its.lemma as Parameters<ReturnType<typeof wdoc.tokens>['out']>[0]) as string[];
      const opensSentence = new Uint8Array(values.length + 1);
      for (const [from] of wdoc.sentences().out(its.span) as unknown as Array<[number, number]>) opensSentence[from] = 1;
      const paragraphs = doc.layers.paragraphs ?? [];
      let paragraph = 0;
      let offset = 0;
      let sentence: Sentence | undefined;
      let lineBreak = false;
      for (let i = 0; i < values.length; i += 1) {
        offset += spaces[i]!.length;
        const start = offset;
        // wink keeps a line break as a token of its own: here it only ends the sentence.
        if (isBlank(values[i]!)) {
          offset += values[i]!.length;
          lineBreak = true;
          if (opensSentence[i]) opensSentence[i + 1] = 1;
          continue;
        }
        let last = i;
        while (last + 1 < values.length && !opensSentence[last + 1] && joinsNext(values, spaces, last)) last += 1;
        for (let j = i; j <= last; j += 1) offset += (j > i ? spaces[j]!.length : 0) + values[j]!.length;
        if (!sentence || opensSentence[i] || lineBreak || spaces[i]!.includes('\n')) {
          lineBreak = false;
          while (paragraph + 1 < paragraphs.length && paragraphs[paragraph]!.end <= start) paragraph += 1;
          sentence = { index: sentences.length, paragraph, start, end: offset, tokenStart: tokens.length, tokenEnd: tokens.length };
          sentences.push(sentence);
        }
        if (last === i) {
          const value = values[i]!;
          tokens.push({ start, end: offset, pos: tags[i]!, normal: value.toLowerCase(), lemma: lemmas[i]!, sentence: sentence.index });
        } else {
          const normal = doc.text.slice(start, offset).toLowerCase();
          const pos = values[i]![0] !== normal[0] ? 'PROPN' : tags[i] === 'X' ? 'NOUN' : tags[i]!;
          tokens.push({ start, end: offset, pos, normal, lemma: normal, sentence: sentence.index });
          i = last;
        }
        sentence.end = offset;
        sentence.tokenEnd = tokens.length;
      }
      return { sentences, tokens };
    },
  });
