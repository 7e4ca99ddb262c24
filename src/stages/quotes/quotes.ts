import { firstTokenStartingAtOrAfter } from '../../doc/token-search.js';
import type { Actor, Entity, Paragraph, Quote, Sentence, SpeakerRef, Token } from '../../doc/types.js';
import { defineStage } from '../../pipeline/stage.js';
import { cueAfter, cueBefore, standsAlone, type CueMatch } from './direct.js';
import { findIndirect } from './indirect.js';
import { findMarkedSpans, type MarkedSpan } from './marks.js';
import { phraseView, speakerRef } from './speaker.js';
import { getSpeechVerbs } from './speech-verbs.js';

export { checkSpeechVerbs, getSpeechVerbs } from './speech-verbs.js';

/** A quotation with no cue shorter than this is a scare quote or a quoted phrase, not a quote. */
const MIN_WORDS_WITHOUT_CUE = 4;

/**
 * Direct quotations (with their cue and speaker, or continuing the previous speaker) and reported speech
 * ("X said that …", "according to X, …"), speakers resolved to actors and entities.
 */
export const findQuotes = () =>
  defineStage({
    name: 'quotes',
    version: 1,
    requires: ['sentences', 'tokens', 'entities', 'actors'],
    provides: ['quotes'],
    run(doc) {
      const { sentences = [], tokens = [], entities = [], actors = [] } = doc.layers;
      if (tokens.length === 0) return { quotes: [] };
      const paragraphs = doc.layers.paragraphs ?? paragraphsOf(sentences);
      return { quotes: quotesIn(doc.text, paragraphs, sentences, tokens, entities, actors) };
    },
  });

function paragraphsOf(sentences: readonly Sentence[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const sentence of sentences) {
    const last = paragraphs[paragraphs.length - 1];
    if (last && last.index === sentence.paragraph) last.end = sentence.end;
    else paragraphs.push({ index: sentence.paragraph, start: sentence.start, end: sentence.end });
  }
  return paragraphs;
}

export function quotesIn(text: string, paragraphs: readonly Paragraph[], sentences: readonly Sentence[], tokens: readonly Token[], entities: readonly Entity[], actors: readonly Actor[]): Quote[] {
  const verbs = getSpeechVerbs();
  const words = tokens.map((token) => token.normal);
  const sortedEntities = [...entities].sort((a, b) => a.start - b.start);
  const input = { text, tokens, words, sentences, verbs, view: phraseView(text, tokens, sortedEntities) };
  const taken = new Uint8Array(tokens.length);
  const speakerOf = (match: CueMatch | undefined): SpeakerRef | undefined =>
    match?.speaker ? speakerRef(text, tokens, match.speaker, actors, sortedEntities) : undefined;
  const quotes: Array<Omit<Quote, 'id'>> = [];
  let previous: { speaker?: SpeakerRef; paragraph: number } | undefined;
  for (const span of findMarkedSpans(text, paragraphs)) {
    const paragraph = paragraphAt(paragraphs, span.outerStart);
    if (!paragraph) continue;
    const closing = paragraphAt(paragraphs, Math.max(span.outerStart, span.outerEnd - 1)) ?? paragraph;
    const opensSentence = standsAlone(text, span, paragraph.start);
    const match = (opensSentence ? cueAfter(input, span, closing.end) : undefined) ?? cueBefore(input, span);
    const wordCount = span.text.split(/\s+/).filter(Boolean).length;
    if (!match && (wordCount < MIN_WORDS_WITHOUT_CUE || !opensSentence)) continue;
    markTaken(taken, tokens, span.outerStart, span.outerEnd);
    let speaker = speakerOf(match);
    const continued = !match;
    if (continued && previous && previous.paragraph >= paragraph.index - 1) speaker = previous.speaker;
    if (match) for (let i = match.cue[0]; i < match.cue[1]; i += 1) taken[i] = 1;
    quotes.push({
      kind: 'direct', start: span.start, end: span.end, text: span.text,
      ...(match ? { cue: cueSpan(text, tokens, match.cue) } : {}),
      ...(speaker ? { speaker } : {}),
      continued, sentences: sentencesOver(sentences, span.start, span.end),
    });
    previous = { paragraph: closing.index, ...(speaker ? { speaker } : {}) };
  }
  const indirectInput = { ...input, taken };
  for (const sentence of sentences) {
    for (const match of findIndirect(indirectInput, sentence)) {
      const start = tokens[match.content[0]]!.start;
      const end = tokens[match.content[1] - 1]!.end;
      const speaker = speakerOf(match);
      quotes.push({
        kind: 'indirect', start, end, text: text.slice(start, end), cue: cueSpan(text, tokens, match.cue),
        ...(speaker ? { speaker } : {}), continued: false, sentences: [sentence.index],
      });
    }
  }
  quotes.sort((a, b) => a.start - b.start);
  return quotes.map((quote, index) => ({ id: `q${index + 1}`, ...quote }));
}

function paragraphAt(paragraphs: readonly Paragraph[], offset: number): Paragraph | undefined {
  let low = 0;
  let high = paragraphs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const paragraph = paragraphs[mid]!;
    if (offset < paragraph.start) high = mid - 1;
    else if (offset >= paragraph.end) low = mid + 1;
    else return paragraph;
  }
  return undefined;
}

function markTaken(taken: Uint8Array, tokens: readonly Token[], start: number, end: number): void {
  for (let i = firstTokenStartingAtOrAfter(tokens, start); i < tokens.length && tokens[i]!.start < end; i += 1) taken[i] = 1;
}

function cueSpan(text: string, tokens: readonly Token[], [from, to]: [number, number]): Quote['cue'] {
  const start = tokens[from]!.start;
  const end = tokens[to - 1]!.end;
  return { start, end, text: text.slice(start, end) };
}

function sentencesOver(sentences: readonly Sentence[], start: number, end: number): number[] {
  const indexes: number[] = [];
  for (const sentence of sentences) if (sentence.end > start && sentence.start < end) indexes.push(sentence.index);
  return indexes;
}

export type { MarkedSpan };
