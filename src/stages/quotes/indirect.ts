import type { Sentence } from '../../doc/types.js';
import { subjectOf, type CueMatch, type Tokens } from './direct.js';
import { phraseAfter, phraseBefore } from './speaker.js';
import { cueAt, type SpeechCue } from './speech-verbs.js';
import { QUOTE_TOKENS } from './punctuation.js';

export interface IndirectMatch extends CueMatch {
  content: [number, number];
}

interface Input extends Tokens {
  /** Tokens inside a direct quotation or already used as a direct quote's cue. */
  taken: Uint8Array;
}

const CLAUSE_OPENERS = new Set(['DET', 'PROPN', 'PRON', 'NOUN', 'NUM', 'ADJ']);
const BEFORE_THAT = new Set(['ADP', 'DET', 'NOUN', 'PROPN', 'NUM', 'ADJ', 'PRON', 'ADV']);
const CLAUSE_VERBS = new Set(['VERB', 'AUX']);
/** A reported clause needs at least this many tokens. */
const MIN_CONTENT = 3;

/**
 * Reported speech in one sentence: "X said (that) …", "X told reporters …", "…, saying …", "according to X, …",
 * "…, X said." and "…, said X." The first attribution of the sentence is taken; its content runs to the sentence end.
 */
export function findIndirect(input: Input, sentence: Sentence): IndirectMatch | undefined {
  const { words, taken } = input;
  const end = contentEnd(input, sentence);
  for (let v = sentence.tokenStart; v < end; v += 1) {
    if (taken[v]) continue;
    const cue = cueAt(input.verbs, words, v);
    if (!cue) continue;
    const cueRange: [number, number] = [v, v + cue.words.length];
    const match = cue.kind === 'phrase' ? accordingTo(input, sentence, cueRange, end) : reported(input, sentence, cue, cueRange, end);
    if (match && match.content[1] - match.content[0] >= MIN_CONTENT && !overlapsTaken(taken, match.content)) return match;
  }
  return undefined;
}

function overlapsTaken(taken: Uint8Array, [start, end]: [number, number]): boolean {
  let inside = 0;
  for (let i = start; i < end; i += 1) inside += taken[i]!;
  return inside === end - start;
}

function contentEnd(input: Input, sentence: Sentence): number {
  let end = sentence.tokenEnd;
  while (end > sentence.tokenStart && (input.tokens[end - 1]!.pos === 'PUNCT' && !QUOTE_TOKENS.has(input.words[end - 1]!))) end -= 1;
  return end;
}

function accordingTo(input: Input, sentence: Sentence, cue: [number, number], end: number): IndirectMatch | undefined {
  const speaker = phraseAfter(input.view, cue[1], end);
  if (!speaker) return undefined;
  if (input.words[speaker[1]] === ',' && speaker[1] + 1 < end) return { cue, speaker, content: [speaker[1] + 1, end] };
  if (cue[0] - 1 > sentence.tokenStart && input.words[cue[0] - 1] === ',') return { cue, speaker, content: [sentence.tokenStart, cue[0] - 1] };
  return undefined;
}

function reported(input: Input, sentence: Sentence, cue: SpeechCue, cueRange: [number, number], end: number): IndirectMatch | undefined {
  const { words } = input;
  const [v, afterCue] = cueRange;
  if (cue.participle) {
    if (words[v - 1] !== ',') return undefined;
    const content = contentAfter(input, cue, afterCue, end);
    const speaker = subjectOf(input, sentence, v - 1);
    return content ? { cue: cueRange, ...(speaker ? { speaker } : {}), content: [content, end] } : undefined;
  }
  const subject = phraseBefore(input.view, v, sentence.tokenStart);
  if (subject) {
    const content = contentAfter(input, cue, afterCue, end);
    if (content !== undefined) return { cue: cueRange, speaker: subject, content: [content, end] };
    // "…, a source said."
    if (afterCue >= end && subject[0] - 1 > sentence.tokenStart && words[subject[0] - 1] === ',') {
      return { cue: cueRange, speaker: subject, content: [sentence.tokenStart, subject[0] - 1] };
    }
    return undefined;
  }
  // "…, said a spokesman."
  if (words[v - 1] === ',' && v - 1 > sentence.tokenStart) {
    const speaker = phraseAfter(input.view, afterCue, end);
    if (speaker && speaker[1] >= end - 1) return { cue: cueRange, speaker, content: [sentence.tokenStart, v - 1] };
  }
  return undefined;
}

/** Where the reported clause starts after the cue, or undefined when what follows is not a clause. */
function contentAfter(input: Input, cue: SpeechCue, from: number, end: number): number | undefined {
  const { tokens, words } = input;
  let j = from;
  for (let k = j; k < end && k < j + 7; k += 1) {
    if (words[k] === 'that') return k + 1 < end ? k + 1 : undefined;
    if (!BEFORE_THAT.has(tokens[k]!.pos) && words[k] !== ',') break;
  }
  if (cue.object) {
    if (tokens[j]?.pos === 'DET') j += 1;
    while (j < end && (tokens[j]!.pos === 'NOUN' || tokens[j]!.pos === 'PROPN' || tokens[j]!.pos === 'PRON')) j += 1;
    if (j === from) return undefined;
  }
  if (j >= end || !CLAUSE_OPENERS.has(tokens[j]!.pos)) return undefined;
  for (let k = j + 1; k < end; k += 1) if (CLAUSE_VERBS.has(tokens[k]!.pos)) return j;
  return undefined;
}
