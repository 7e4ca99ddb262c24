/**
 * Which pattern matches of a sentence are events, and what clause each reads its modality from: the
 * parse-based tests codeSentence applies before it codes a match.
 */
import type { DateMention, DependencyLayer, Sentence, Token } from '../../doc/types.js';
import type { Codebook } from '../../knowledge/codebook.js';
import { getEventMatcher, type CompiledPattern, type PatternMatch } from '../../knowledge/patterns.js';
import type { ClauseBounds } from './clauses.js';
import { ownClauseStart } from './predicates.js';
import { hasOwnSubject } from './syntax-roles.js';

/** One sentence as the filters see it: its tokens, its parse (undefined when not parsed) and its dates. */
export interface SentenceView {
  tokens: readonly Token[];
  sentence: Sentence;
  dependencies: DependencyLayer | undefined;
  dates: readonly DateMention[];
}

/**
 * A trigger heading a clause of its own in the parse (adverbial, relative, reported, or a conjunct with
 * its own subject) reads its modality from that clause only, and its word-order subject too when the
 * parse gives it one of its own ("after rebels attacked"; "troops withdrew after shelling X" shares one).
 */
export function ownClause(view: SentenceView, trigger: number, clause: ClauseBounds): ClauseBounds {
  const own = view.dependencies ? ownClauseStart(view.tokens, view.dependencies, view.sentence, trigger) : undefined;
  if (own === undefined) return clause;
  const start = Math.max(clause.start, own.start);
  const wideStart = own.hasSubject ? Math.max(clause.wideStart, own.start) : clause.wideStart;
  return { ...clause, start, wideStart };
}

/** "Posted: Wednesday, March 12": a trigger word inside a date mention is the date's word (a month), not an act. */
export function insideDate(view: SentenceView, match: PatternMatch): boolean {
  const first = view.tokens[match.start]!;
  return view.dates.some((date) => date.start <= first.start && first.end <= date.end);
}

const VERBAL_QUAD_CLASSES = new Set([1, 3]);

/**
 * "life-threatening injuries", "a federally recognized tribe": a statement verb used as a modifier of a
 * noun (its parse relation is amod, or it is glued by a hyphen to the word before it) describes the
 * noun; nobody says or does anything.
 */
export function describesNoun(view: SentenceView, match: PatternMatch, words: readonly number[], codebook: Codebook): boolean {
  const quadClass = codebook.plover(match.pattern.plover)?.quadClass;
  if (quadClass === undefined || !VERBAL_QUAD_CLASSES.has(quadClass)) return false;
  const first = words[0] ?? match.start;
  const before = view.tokens[first - 1];
  if (before?.normal === '-' && before.end === view.tokens[first]!.start) return true;
  if (words.length !== 1 || view.dependencies?.[first]?.deprel !== 'amod') return false;
  // "officials demanded support", misread as a modifier of "support", has a subject of its own.
  return !view.dependencies.some((dependency, i) => dependency?.head === first && i >= view.sentence.tokenStart && i < view.sentence.tokenEnd
    && (dependency.deprel === 'nsubj' || dependency.deprel === 'nsubj:pass'));
}

/** A trigger the parse gives a subject of its own is its own event, even after one of its type in the clause. */
export function ownPredicate(view: SentenceView, words: readonly number[]): boolean {
  const dependencies = view.dependencies;
  return dependencies !== undefined && words.some((word) => hasOwnSubject(view.tokens, dependencies, view.sentence, word));
}

let patternIndex: Map<string, CompiledPattern> | undefined;
/** knowledge/patterns by id, built once per matcher. */
export function patternsById(): Map<string, CompiledPattern> {
  return (patternIndex ??= new Map(getEventMatcher().patterns.map((pattern) => [pattern.id, pattern])));
}

const RELATION_TYPES = new Set(['SUPPORT', 'COOPERATE', 'AID']);

/** The type of a hit's pattern as knowledge/patterns lists it: rules about a pattern's words go by it, not by the classifier's retyping. */
function listedPlover(match: PatternMatch): string {
  return patternsById().get(match.pattern.id)?.plover ?? match.pattern.plover;
}

/** "forces backed by X", "groups funded by Y": a participle after a noun describes a standing relation, not an event. */
export function describesRelation(tokens: readonly Token[], match: PatternMatch): boolean {
  if (!RELATION_TYPES.has(listedPlover(match))) return false;
  const trigger = tokens[match.start]!;
  const before = tokens[match.start - 1];
  return trigger.normal.endsWith('ed') && tokens[match.end]?.normal === 'by'
    && before !== undefined && (before.pos === 'NOUN' || before.pos === 'PROPN');
}

const QUESTION_WORDS = new Set(['whether', 'if', 'why', 'how', 'what', 'when', 'where', 'who', 'which', 'about']);
/** How far after "asked" its question word may stand ("asked the minister whether …"). */
const QUESTION_REACH = 4;

/**
 * "asked whether he had heard …", "asked the minister about the strike": asking a question is no request;
 * asking someone to do something ("asked the UN to intervene") is.
 */
export function asksQuestion(tokens: readonly Token[], match: PatternMatch, sentenceEnd: number): boolean {
  if (listedPlover(match) !== 'REQUEST' || match.end - match.start !== 1 || tokens[match.start]!.lemma !== 'ask') return false;
  for (let i = match.end; i < Math.min(sentenceEnd, match.end + QUESTION_REACH); i += 1) {
    const normal = tokens[i]!.normal;
    if (normal === 'to' || normal === 'for' || tokens[i]!.pos === 'PUNCT') return false;
    if (QUESTION_WORDS.has(normal)) return true;
  }
  return false;
}

/** "protested, calling for …", "marched to demand …": after a protest, a demand is its purpose, not an event. */
export function statesPurpose(tokens: readonly Token[], match: PatternMatch): boolean {
  if (listedPlover(match) !== 'REQUEST') return false;
  return tokens[match.start]!.normal.endsWith('ing') || tokens[match.start - 1]?.normal === 'to';
}
