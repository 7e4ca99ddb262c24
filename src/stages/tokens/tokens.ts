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

/** A quotation mark glued to the word it opens ("'we", "‘It"), and a word with a clitic tail ("Trump’s", "don’t"). */
const LEADING_MARK = /^['‘"“]/;
const CLITIC = /^(\p{L}[\p{L}\p{M}.-]*?)(n['’]t|['’](?:s|d|ll|re|ve|m))$/iu;
/** Part of speech of a clitic by its letters; a mark before one of these is its apostrophe ("'s"), not a quote. */
const CLITIC_POS: Record<string, string> = { s: 'PART', t: 'PART', d: 'AUX', ll: 'AUX', re: 'AUX', ve: 'AUX', m: 'AUX' };
const WORD = /^\p{L}/u;
const PERSONAL_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they', 'me', 'him', 'her', 'us', 'them']);

interface Piece {
  text: string;
  pos: string;
}

/**
 * wink splits "Trump’s" into "Trump" + "’s" and "'we" into "'" + "we" — until some text makes it learn
 * the glued form as a word of its own, after which its cache keeps that form whole in every later
 * document. Splitting them here keeps a document's tokens the same whatever was read before it.
 */
function splitGlued(value: string, tag: string): Piece[] | undefined {
  if (value.length < 2 || (value.indexOf('’') < 0 && value.indexOf("'") < 0 && !LEADING_MARK.test(value))) return undefined;
  const pieces: Piece[] = [];
  let word = value;
  if (LEADING_MARK.test(word) && WORD.test(word.slice(1)) && !CLITIC_POS[word.slice(1).toLowerCase()]) {
    pieces.push({ text: word[0]!, pos: 'PUNCT' });
    word = word.slice(1);
  }
  const clitic = CLITIC.exec(word);
  if (clitic) {
    const suffix = clitic[2]!;
    const kind = suffix.toLowerCase().endsWith('t') ? 't' : suffix.slice(1).toLowerCase();
    pieces.push({ text: clitic[1]!, pos: tag }, { text: suffix, pos: CLITIC_POS[kind] ?? 'PART' });
  } else if (pieces.length > 0) {
    // wink tagged the glued form, often as a proper noun: personal pronouns (a closed class) are retagged.
    const pos = PERSONAL_PRONOUNS.has(word.toLowerCase()) ? 'PRON' : tag === 'PUNCT' || (tag === 'PROPN' && word[0] === word[0]!.toLowerCase()) ? 'X' : tag;
    pieces.push({ text: word, pos });
  }
  return pieces.length > 1 ? pieces : undefined;
}

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
      const sentences: Sentence[] = [];
      const tokens: Token[] = [];
      // One wink document for the whole text costs less than one per paragraph; paragraph breaks
      // (new lines in the clean text) then end sentences, so none crosses a paragraph.
      const session = wink();
      const { values, spaces, tags, lemmas, sentenceStarts } = session.read(doc.text, (wdoc, its) => ({
        values: wdoc.tokens().out() as string[],
        spaces: wdoc.tokens().out(its.precedingSpaces) as string[],
        tags: wdoc.tokens().out(its.pos) as string[],
        // wink's typings omit the model add-on signature of its.lemma, which the lite model does provide.
        lemmas: wdoc.tokens().out(its.lemma as Parameters<ReturnType<typeof wdoc.tokens>['out']>[0]) as string[],
        sentenceStarts: (wdoc.sentences().out(its.span) as unknown as Array<[number, number]>).map(([from]) => from),
      }));
      const opensSentence = new Uint8Array(values.length + 1);
      for (const from of sentenceStarts) opensSentence[from] = 1;
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
        const pieces = last === i ? splitGlued(values[i]!, tags[i]!) : undefined;
        if (pieces) {
          let at = start;
          for (const piece of pieces) {
            const normal = piece.text.toLowerCase();
            tokens.push({ start: at, end: at + piece.text.length, pos: piece.pos, normal, lemma: normal, sentence: sentence.index });
            at += piece.text.length;
          }
        } else if (last === i) {
          const value = values[i]!;
          const normal = value.toLowerCase();
          tokens.push({ start, end: offset, pos: tags[i]!, normal, lemma: session.lemma(lemmas[i], normal), sentence: sentence.index });
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
