/**
 * Which pattern matches of a sentence are events, and what clause each reads its modality from: the
 * parse-based tests codeSentence applies before it codes a match.
 */
import type { DateMention, DependencyLayer, Sentence, Token } from '../../doc/types.js';
import type { Codebook } from '../../knowledge/codebook.js';
import type { PatternMatch } from '../../knowledge/patterns.js';
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
