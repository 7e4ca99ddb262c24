/**
 * The tags the parser sees at run time: each treebank sentence's text goes through Dyad's own tokens
 * stage (wink plus Dyad's fixes), and every treebank word takes the tag of the Dyad token its first
 * character falls in. wink tokenises a little differently ("gonna", "e-mail"), so a word can share a
 * token, and its tag, with its neighbour.
 */
import { createDoc } from '../../src/doc/doc.js';
import { tagsAt } from '../../src/stages/parse/parse.js';
import { splitSentences } from '../../src/stages/tokens/tokens.js';
import type { TreebankSentence } from './conllu.js';

/** Where each word starts in `text`: searched for in order, at the running position when not found. */
function wordStarts(text: string, forms: readonly string[]): number[] {
  let cursor = 0;
  return forms.map((form) => {
    const at = text.indexOf(form, cursor);
    if (at < 0 || at - cursor > 20) {
      while (cursor < text.length && text[cursor] === ' ') cursor += 1;
      return cursor;
    }
    cursor = at + form.length;
    return at;
  });
}

/** For each sentence, the tag Dyad's tokens stage gives each of its words. */
export function pipelineTags(sentences: readonly TreebankSentence[]): string[][] {
  const stage = splitSentences();
  const context = { report: () => undefined };
  return sentences.map((sentence) => {
    const forms = sentence.words.map((w) => w.form);
    const text = sentence.text || forms.join(' ');
    const doc = createDoc(text, {}, { paragraphs: [{ index: 0, start: 0, end: text.length }] });
    const { tokens } = stage.run(doc, context);
    return tagsAt(tokens, wordStarts(text, forms));
  });
}

/** The sentences with each word's UPOS replaced by the given tags. */
export function withTags(sentences: readonly TreebankSentence[], tags: readonly (readonly string[])[]): TreebankSentence[] {
  return sentences.map((sentence, s) => ({ ...sentence, words: sentence.words.map((word, i) => ({ ...word, upos: tags[s]![i]! })) }));
}

/** Share of words whose tag in `tags` equals the treebank's. */
export function tagAccuracy(gold: readonly TreebankSentence[], tags: readonly (readonly string[])[]): number {
  let words = 0;
  let right = 0;
  gold.forEach((sentence, s) => sentence.words.forEach((word, i) => {
    words += 1;
    if (tags[s]![i] === word.upos) right += 1;
  }));
  return words === 0 ? 0 : right / words;
}
