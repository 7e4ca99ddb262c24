import { createDoc } from '../../doc/doc.js';
import type { Dependency, DependencyLayer, Doc, Sentence, Token } from '../../doc/types.js';
import { getEventMatcher } from '../../knowledge/patterns.js';
import { shippedTriggers } from '../../models/event-type/load.js';
import { shippedParser } from '../../models/parser/load.js';
import { parseSentence, type ParserModel, type ParserToken, tagTokens } from '../../models/parser/parser.js';
import { defineStage } from '../../pipeline/stage.js';
import { splitSentences } from '../tokens/tokens.js';

/**
 * Longer sentences (a table or list read as one sentence) are parsed in pieces of this many tokens, each
 * with a root of its own, which keeps the work per sentence bounded.
 */
export const MAX_SENTENCE_TOKENS = 200;

/**
 * Which sentences the stage parses. `event-candidates`: those where an event pattern of
 * knowledge/patterns matches or a trigger the event classifier learned stands, the sentences whose roles the events stage assigns (a third of the tokens
 * of real news, so the parse costs a third); `all`: every sentence.
 */
export type ParseSelection = 'all' | 'event-candidates';

export interface ParseOptions {
  /** A model to use instead of the shipped one in models/parser (loaded once per process on first use). */
  model?: ParserModel;
  sentences?: ParseSelection;
  /** Learned trigger lemmas that make a sentence an event candidate (default: the shipped event classifier's). */
  triggers?: ReadonlySet<string>;
}

/** A sentence where a pattern matches or a word the event classifier learned to take for a trigger stands. */
function isEventCandidate(tokens: readonly Token[], sentence: Sentence, triggers: ReadonlySet<string>): boolean {
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
    const token = tokens[i]!;
    if ((token.pos === 'VERB' || token.pos === 'NOUN') && triggers.has(token.lemma)) return true;
  }
  return getEventMatcher().match(tokens, sentence.tokenStart, sentence.tokenEnd).length > 0;
}

/** Heads and relations of the tokens of one sentence, written into `dependencies`. */
function parseInto(parser: ParserModel, doc: Doc, sentence: Sentence, dependencies: DependencyLayer): void {
  const tokens = doc.layers.tokens!;
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

/**
 * Heads and relations for the tokens of the selected sentences (see ParseSelection), `null` for the
 * others, from the parser in models/parser or the model given.
 */
export const parseDependencies = (options: ParseOptions = {}) => {
  const selection = options.sentences ?? 'event-candidates';
  const parser = () => options.model ?? shippedParser();
  return Object.assign(defineStage({
    name: 'parse',
    version: 2,
    requires: ['sentences', 'tokens'],
    provides: ['dependencies'],
    run(doc, ctx) {
      const tokens = doc.layers.tokens ?? [];
      const dependencies: DependencyLayer = new Array<Dependency | null>(tokens.length).fill(null);
      for (const sentence of doc.layers.sentences ?? []) {
        if (selection === 'event-candidates' && !isEventCandidate(tokens, sentence, options.triggers ?? shippedTriggers())) continue;
        if (sentence.tokenEnd - sentence.tokenStart > MAX_SENTENCE_TOKENS) {
          ctx.report('long-sentence', 'info', `sentence of ${sentence.tokenEnd - sentence.tokenStart} tokens parsed in pieces of ${MAX_SENTENCE_TOKENS}`, sentence);
        }
        parseInto(parser(), doc, sentence, dependencies);
      }
      return { dependencies };
    },
  }), { parseForms: (sentence: { forms: readonly string[] }) => parseForms(parser(), sentence.forms) });
};

/** For each word start, the tag of the token it falls in (wink may join or split words differently). */
export function tagsAt(tokens: readonly Token[], starts: readonly number[]): string[] {
  let t = 0;
  return starts.map((start) => {
    while (t < tokens.length && tokens[t]!.end <= start) t += 1;
    return tokens[t]?.pos ?? 'X';
  });
}

/**
 * Parses words given from outside (a treebank's): they go through the tokens stage as one line of
 * text, as an article's would, and each word takes the tag of the token it starts in. Heads are
 * CoNLL-U style (1-based, 0 for the root), so gold files compare directly.
 */
export function parseForms(model: ParserModel, forms: readonly string[]): { heads: number[]; deprels: string[]; upos: string[] } {
  const text = forms.join(' ');
  const starts: number[] = [];
  let at = 0;
  for (const form of forms) {
    starts.push(at);
    at += form.length + 1;
  }
  const doc = createDoc(text, {}, { paragraphs: [{ index: 0, start: 0, end: text.length }] });
  const { tokens } = splitSentences().run(doc, { report: () => undefined });
  const tags = tagsAt(tokens, starts);
  const words: ParserToken[] = forms.map((form, i) => ({ form, upos: tags[i]! }));
  const parse = parseSentence(model, words);
  return { heads: parse.heads.map((head) => head + 1), deprels: [...parse.deprels], upos: tagTokens(model, words) };
}
