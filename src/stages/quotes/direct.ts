import { firstTokenStartingAtOrAfter } from '../../doc/token-search.js';
import type { Sentence, Token } from '../../doc/types.js';
import type { MarkedSpan } from './marks.js';
import { phraseAfter, phraseBefore, type PhraseView } from './speaker.js';
import { cueAt, type SpeechVerbs } from './speech-verbs.js';
import { QUOTE_TOKENS, STOPS } from './punctuation.js';

export interface CueMatch {
  /** Token range of the cue ("said", "according to") and of the speaker phrase. */
  cue: [number, number];
  speaker?: [number, number];
}

export interface Tokens {
  text: string;
  tokens: readonly Token[];
  view: PhraseView;
  words: readonly string[];
  sentences: readonly Sentence[];
  verbs: SpeechVerbs;
}

/** How far from a quotation mark a cue may stand. */
const AFTER_WINDOW = 16;
const DASHES = new Set(['―', '—', '–', '-', '--']);
const BEFORE_WINDOW = 7;
const INTRO_WINDOW = 6;

/** "“…,” Okafor said", "“…,” said Okafor, the minister", "“…,” he added", and the byline dash "“…” ― Okafor". */
export function cueAfter(input: Tokens, span: MarkedSpan, paragraphEnd: number): CueMatch | undefined {
  const { tokens, words, verbs } = input;
  let first = firstTokenStartingAtOrAfter(tokens, span.outerEnd);
  if (first < tokens.length && DASHES.has(words[first]!) && tokens[first]!.start < paragraphEnd) {
    const speaker = phraseAfter(input.view, first + 1, firstTokenStartingAtOrAfter(tokens, paragraphEnd));
    if (speaker && tokens[speaker[1] - 1]!.end >= paragraphEnd - 1) return { cue: [first, first + 1], speaker };
  }
  while (first < tokens.length && (words[first] === ',' || DASHES.has(words[first]!))) first += 1;
  let stop = first;
  while (stop < tokens.length && stop - first < AFTER_WINDOW && tokens[stop]!.start < paragraphEnd && !STOPS.has(words[stop]!) && !QUOTE_TOKENS.has(words[stop]!)) stop += 1;
  for (let v = first; v < stop; v += 1) {
    const cue = cueAt(verbs, words, v);
    if (!cue || cue.participle) {
      if (tokens[v]!.pos === 'VERB' && !input.view.nominal[v]) return undefined;
      continue;
    }
    const cueRange: [number, number] = [v, v + cue.words.length];
    if (cue.kind === 'phrase') {
      const speaker = phraseAfter(input.view, cueRange[1], stop);
      return v === first && speaker ? { cue: cueRange, speaker } : undefined;
    }
    const before = phraseAfter(input.view, first, v);
    if (before) return { cue: cueRange, speaker: before };
    if (tokens.slice(first, v).every((token) => token.pos === 'AUX' || token.pos === 'ADV')) {
      const after = phraseAfter(input.view, cueRange[1], stop);
      return after ? { cue: cueRange, speaker: after } : { cue: cueRange };
    }
    return undefined;
  }
  return undefined;
}

/**
 * "Okafor said: “…”", "Okafor told reporters, “…”", "according to Okafor, “…”". Only a colon or comma may
 * stand between cue and mark, and the quotation must open a sentence: "said that “…" and "says voter fraud
 * “would …”" are reported speech with a quoted phrase, not direct quotes.
 */
export function cueBefore(input: Tokens, span: MarkedSpan): CueMatch | undefined {
  const { tokens, words, verbs, sentences, text } = input;
  if (!/^\s*[\p{Lu}\p{N}([]/u.test(text.slice(span.start, span.start + 3))) return undefined;
  const mark = firstTokenStartingAtOrAfter(tokens, span.outerStart);
  const anchor = tokens[Math.min(mark, tokens.length - 1)];
  if (!anchor) return undefined;
  const sentence = sentences[anchor.sentence]!;
  let k = mark - 1;
  // "The Times reports:" may close the paragraph before the quotation.
  const cueSentence = k >= 0 && k < sentence.tokenStart && words[k] === ':' ? sentences[tokens[k]!.sentence]! : sentence;
  if (k < cueSentence.tokenStart) return undefined;
  if (words[k] === ':' || words[k] === ',') k -= 1;
  else if (!cueAt(verbs, words, k)) return undefined;
  for (let v = k; v >= cueSentence.tokenStart && v >= k - BEFORE_WINDOW; v -= 1) {
    const cue = cueAt(verbs, words, v);
    if (!cue) {
      const pos = tokens[v]!.pos;
      if (!input.view.nominal[v] && pos !== 'ADP' && pos !== 'ADV') return undefined;
      continue;
    }
    const cueRange: [number, number] = [v, v + cue.words.length];
    if (cue.kind === 'phrase') {
      const speaker = phraseAfter(input.view, cueRange[1], k + 1);
      return speaker ? { cue: cueRange, speaker } : undefined;
    }
    if (cue.participle) return { cue: cueRange, ...optional(subjectOf(input, cueSentence, v)) };
    return { cue: cueRange, ...optional(phraseBefore(input.view, v, cueSentence.tokenStart)) };
  }
  return undefined;
}

function optional(speaker: [number, number] | undefined): { speaker?: [number, number] } {
  return speaker ? { speaker } : {};
}

/** The subject of the main clause, for "…, saying …": the noun phrase that opens the sentence. */
export function subjectOf(input: Tokens, sentence: Sentence, before: number): [number, number] | undefined {
  let from = sentence.tokenStart;
  // An opening adverbial ("Meanwhile,", "On Friday,") is not the subject.
  for (let k = from; k < before && k < from + INTRO_WINDOW; k += 1) {
    if (input.tokens[k]!.pos === 'VERB' || input.tokens[k]!.pos === 'AUX') break;
    if (input.words[k] === ',') {
      from = k + 1;
      break;
    }
  }
  while (from < before && (QUOTE_TOKENS.has(input.words[from]!) || input.tokens[from]!.pos === 'PUNCT')) from += 1;
  return phraseAfter(input.view, from, before);
}

/** Whether the quotation stands as its own sentence (not a phrase quoted inside someone's reported speech). */
export function standsAlone(text: string, span: MarkedSpan, paragraphStart: number): boolean {
  const before = text.slice(Math.max(paragraphStart, span.outerStart - 40), span.outerStart).trimEnd();
  return before.length === 0 || /[.!?:”"]$/.test(before);
}
