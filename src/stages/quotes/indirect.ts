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
/** What may follow a final "…, X said": a time or place adverbial ("on Monday", "in a statement"), no clause. */
const TRAILING_ADVERBIAL = new Set(['ADP', 'DET', 'NOUN', 'PROPN', 'NUM', 'ADJ', 'ADV', 'PUNCT']);
/** Auxiliaries that make a participle finite ("is saying", "was warning"). */
const PROGRESSIVE = new Set(['is', 'are', 'was', 'were', 'been', 'be', "'s", '’s', "'re", '’re']);
/** "I think", "we believe": the writer's or a quoted speaker's own view, not reported speech. */
const FIRST_AND_SECOND_PERSON = new Set(['i', 'we', 'you']);
/** Words that join a second attribution to the first ("X said A, while Y said B"). */
const JOINERS = new Set([',', ';', 'and', 'but', 'while', 'whereas', 'although', 'though', 'as', '-', '—', '–']);
/** A reported clause needs at least this many tokens. */
const MIN_CONTENT = 3;
/** How many tokens a source may run past its noun phrase before the comma that closes "according to …,". */
const SOURCE_TAIL = 20;

/**
 * Reported speech in one sentence: "X said (that) …", "X told reporters …", "X is saying …", "…, saying …",
 * "according to X" at the start, middle or end, "…, X said (on Monday)." and "…, said X." Every attribution of
 * the sentence is taken; a content runs to the sentence end or to where the next attribution starts
 * ("X said A, while Y said B").
 */
export function findIndirect(input: Input, sentence: Sentence): IndirectMatch[] {
  const { words, taken } = input;
  const end = contentEnd(input, sentence);
  const matches: IndirectMatch[] = [];
  for (let v = sentence.tokenStart; v < end; v += 1) {
    if (taken[v]) continue;
    const cue = cueAt(input.verbs, words, v);
    if (!cue) continue;
    const cueRange: [number, number] = [v, v + cue.words.length];
    const match = cue.kind === 'phrase' ? accordingTo(input, sentence, cueRange, end) : reported(input, sentence, cue, cueRange, end);
    if (!match) continue;
    matches.push(match);
    v = cueRange[1] - 1;
  }
  splitAtNextAttribution(input, matches);
  return matches.filter((match) => match.content[1] - match.content[0] >= MIN_CONTENT && !mostlyTaken(taken, match.content));
}

/** Where a match's attribution (speaker and cue) starts, if it lies after `after`. */
function attributionStart(match: IndirectMatch, after: number): number {
  const speakerStart = match.speaker?.[0];
  return speakerStart !== undefined && speakerStart > after ? Math.min(speakerStart, match.cue[0]) : match.cue[0];
}

/** "X said A, while Y said B": A stops before ", while Y said"; a nested "X said Y said …" is left whole. */
function splitAtNextAttribution(input: Input, matches: IndirectMatch[]): void {
  for (let i = 0; i + 1 < matches.length; i += 1) {
    const current = matches[i]!;
    const next = matches[i + 1]!;
    const start = attributionStart(next, current.content[0]);
    if (start <= current.content[0] || start >= current.content[1]) continue;
    let cut = start;
    while (cut > current.content[0] && JOINERS.has(input.words[cut - 1]!)) cut -= 1;
    if (cut < start) current.content = [current.content[0], cut];
  }
}

/** Whether most of the content is a direct quotation, already reported as one. */
function mostlyTaken(taken: Uint8Array, [start, end]: [number, number]): boolean {
  let inside = 0;
  for (let i = start; i < end; i += 1) inside += taken[i]!;
  return inside * 2 > end - start;
}

function contentEnd(input: Input, sentence: Sentence): number {
  let end = sentence.tokenEnd;
  while (end > sentence.tokenStart && (input.tokens[end - 1]!.pos === 'PUNCT' && !QUOTE_TOKENS.has(input.words[end - 1]!))) end -= 1;
  return end;
}

/**
 * The content is the sentence without the attribution phrase. When the phrase sits in the middle, the span is
 * the larger of the parts before and after it (a span cannot be discontinuous).
 */
function accordingTo(input: Input, sentence: Sentence, cue: [number, number], end: number): IndirectMatch | undefined {
  const { words, tokens } = input;
  const speaker = phraseAfter(input.view, cue[1], end);
  if (!speaker) return undefined;
  let leftEnd = cue[0];
  if (leftEnd - 1 >= sentence.tokenStart && words[leftEnd - 1] === ',') leftEnd -= 1;
  // A long source ("early results of polls conducted for …") runs past the noun phrase to the next comma.
  let rightStart = speaker[1];
  while (rightStart < end && rightStart - speaker[1] < SOURCE_TAIL && words[rightStart] !== ',') rightStart += 1;
  if (rightStart < end && words[rightStart] === ',') rightStart += 1;
  else if (rightStart < end) return undefined;
  while (rightStart < end && tokens[rightStart]!.pos === 'CCONJ') rightStart += 1;
  const left = leftEnd - sentence.tokenStart;
  const right = end - rightStart;
  if (left <= 0 && right <= 0) return undefined;
  return { cue, speaker, content: left >= right ? [sentence.tokenStart, leftEnd] : [rightStart, end] };
}

function reported(input: Input, sentence: Sentence, cue: SpeechCue, cueRange: [number, number], end: number): IndirectMatch | undefined {
  const { words } = input;
  const [v, afterCue] = cueRange;
  if (cue.participle && !PROGRESSIVE.has(words[v - 1] ?? '')) {
    if (words[v - 1] !== ',') return undefined;
    const content = contentAfter(input, cue, afterCue, end);
    const speaker = subjectOf(input, sentence, v - 1);
    return content ? { cue: cueRange, ...(speaker ? { speaker } : {}), content: [content, end] } : undefined;
  }
  const subject = phraseBefore(input.view, v, sentence.tokenStart);
  if (subject && cue.thinking && FIRST_AND_SECOND_PERSON.has(words[subject[1] - 1]!)) return undefined;
  if (subject) {
    const content = contentAfter(input, cue, afterCue, end);
    if (content !== undefined) return { cue: cueRange, speaker: subject, content: [content, end] };
    // "…, a source said (on Monday)." and the parenthetical "…, the ministry said, including …"
    if (subject[0] - 1 > sentence.tokenStart && words[subject[0] - 1] === ',') {
      const before: [number, number] = [sentence.tokenStart, subject[0] - 1];
      if (onlyAdverbial(input, afterCue, end)) return { cue: cueRange, speaker: subject, content: before };
      if (words[afterCue] === ',' && afterCue + 1 < end) return { cue: cueRange, speaker: subject, content: mainPart(before, [afterCue + 1, end]) };
    }
    return undefined;
  }
  // "…, said a spokesman (on Monday)."
  if (words[v - 1] === ',' && v - 1 > sentence.tokenStart) {
    const speaker = phraseAfter(input.view, afterCue, end);
    if (speaker && onlyAdverbial(input, speaker[1], end)) return { cue: cueRange, speaker, content: [sentence.tokenStart, v - 1] };
  }
  return undefined;
}

/** "A, the envoy said, B": A holds the main clause unless B is much longer (B is often a trailing "including …"). */
function mainPart(before: [number, number], after: [number, number]): [number, number] {
  return 2 * (before[1] - before[0]) >= after[1] - after[0] ? before : after;
}

/** Whether the tokens from..end hold no clause of their own: nothing, or a short time or place adverbial. */
function onlyAdverbial(input: Input, from: number, end: number): boolean {
  if (end - from > 6) return false;
  for (let k = from; k < end; k += 1) if (!TRAILING_ADVERBIAL.has(input.tokens[k]!.pos)) return false;
  return true;
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
