import { firstTokenEndingAfter } from '../../doc/token-search.js';
import type { Actor, DependencyLayer, Quote, Sentence, Token } from '../../doc/types.js';
import { wordTokens, type PatternMatch } from '../../knowledge/patterns.js';
import type { ClauseBounds } from './clauses.js';
import { expandGroup, sameSide, type Candidate } from './participants.js';
import { nominalRolesFromParse, rolesFromParse, type SyntaxRoles } from './syntax-roles.js';

const FIRST_PERSON = new Set(['i', 'we', 'me', 'us', 'our', 'my', 'ourselves']);
/** In reported speech, the speaker referring to itself: "the minister said he would", "Syria says it is willing". */
const THIRD_SINGULAR = new Set(['he', 'she', 'it']);
const THIRD_PLURAL = new Set(['they', 'them', 'their']);
const BE = new Set(['be', 'is', 'was', 'were', 'are', 'been', 'being']);
/** How far after a nominal trigger its "between A and B" may start. */
const BETWEEN_REACH = 10;

export interface RoleContext {
  text: string;
  tokens: readonly Token[];
  sentence: Sentence;
  sentenceCandidates: readonly Candidate[];
  /** Every candidate of the document in text order, for the addressee of a quote. */
  allCandidates: readonly Candidate[];
  actorsById: ReadonlyMap<string, Actor>;
  quote: Quote | undefined;
  speaker: Actor | undefined;
  /** Word tokens of the other triggers in the sentence: a "between" after one of them is not ours. */
  otherTriggerTokens: ReadonlySet<number>;
  /** The parse stage's layer, when the pipeline has one (null for the tokens of unparsed sentences). */
  dependencies?: DependencyLayer;
  /** Spans no bare noun phrase may take as a participant (the sentence's dates: "on Sunday"). */
  notParticipants?: ReadonlyArray<{ start: number; end: number }>;
}

export interface Roles {
  actors: Candidate[];
  recipients: Candidate[];
  /** The source was the quote's speaker ("we", "I", or reported speech), not a mention in the clause. */
  viaSpeaker: boolean;
  reciprocal: boolean;
  /** The recipients are the quote's addressee found in the context, not a mention in the clause. */
  recipientsFromContext: boolean;
}

interface SpeakerCandidate extends Candidate {
  actor: Actor;
}

function speakerCandidate(ctx: RoleContext): SpeakerCandidate | undefined {
  const { quote, speaker, tokens } = ctx;
  if (!quote?.speaker || !speaker) return undefined;
  const { start, end, text } = quote.speaker;
  const tokenStart = firstTokenEndingAfter(tokens, start);
  return { start, end, text, tokenStart, tokenEnd: tokenStart + 1, actor: speaker, locative: false };
}

function usable(ctx: RoleContext, candidate: Candidate): boolean {
  if (candidate.locative) return false;
  if (!ctx.quote) return true;
  return candidate.start >= ctx.quote.start && candidate.end <= ctx.quote.end;
}

function expand(ctx: RoleContext, candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  const result: Candidate[] = [];
  for (const candidate of candidates.flatMap((one) => expandGroup(one, ctx.actorsById))) {
    const key = candidate.actor?.id ?? candidate.entity?.kb?.id ?? candidate.text;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(candidate);
  }
  return result;
}

/** "A and B held talks": the subject and the mentions coordinated with it. */
function subjectsBefore(ctx: RoleContext, at: number, from: number): Candidate[] {
  const before = ctx.sentenceCandidates.filter((c) => c.tokenEnd <= at && c.tokenStart >= from && usable(ctx, c));
  const nearest = before[before.length - 1];
  if (!nearest) return [];
  const subjects = [nearest];
  let head = nearest;
  for (let i = before.length - 2; i >= 0; i -= 1) {
    const previous = before[i]!;
    const joiner = ctx.tokens[head.tokenStart - 1];
    if (previous.tokenEnd !== head.tokenStart - 1 || !joiner || (joiner.normal !== 'and' && joiner.normal !== ',')) break;
    subjects.unshift(previous);
    head = previous;
  }
  return subjects;
}

function nearestPronoun(ctx: RoleContext, words: ReadonlySet<string>, from: number, to: number): number {
  for (let i = to - 1; i >= from; i -= 1) if (words.has(ctx.tokens[i]!.normal)) return i;
  return -1;
}

/** A mention followed by a verb starts a new clause of its own ("…, Ecuador could retaliate"). */
function hasSubjectLater(ctx: RoleContext, from: number): boolean {
  const candidate = ctx.sentenceCandidates.find((c) => c.tokenStart >= from && c.tokenStart <= from + 1);
  const next = candidate ? ctx.tokens[candidate.tokenEnd] : undefined;
  return next !== undefined && (next.pos === 'VERB' || next.pos === 'AUX');
}

function hasPronoun(ctx: RoleContext, words: ReadonlySet<string>, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (words.has(ctx.tokens[i]!.normal)) return true;
  return false;
}

/** Who a speaker addresses: another side named in the quote, else in the two sentences before it. */
function addressee(ctx: RoleContext, at: number): Candidate | undefined {
  const { quote, speaker } = ctx;
  if (!quote) return undefined;
  const position = ctx.tokens[at]!.start;
  const other = (c: Candidate) => !c.locative && !sameSide(c, speaker);
  const inQuote = ctx.allCandidates.filter((c) => c.start >= quote.start && c.end <= quote.end && other(c));
  if (inQuote.length > 0) {
    return inQuote.reduce((best, c) => (Math.abs(c.start - position) < Math.abs(best.start - position) ? c : best));
  }
  const contextStart = Math.max(0, ctx.sentence.index - 2);
  const earlier = ctx.allCandidates.filter((c) => c.end <= quote.start && other(c)
    && ctx.tokens[c.tokenStart]!.sentence >= contextStart);
  return earlier[earlier.length - 1];
}

function betweenParties(ctx: RoleContext, triggerEnd: number, clause: ClauseBounds): Candidate[] {
  const limit = Math.min(clause.wideEnd, triggerEnd + BETWEEN_REACH);
  for (let i = triggerEnd; i < limit; i += 1) {
    if (ctx.otherTriggerTokens.has(i)) return [];
    if (ctx.tokens[i]!.normal !== 'between') continue;
    const parties = ctx.sentenceCandidates.filter((c) => c.tokenStart > i && c.tokenStart < clause.wideEnd && !c.locative);
    const first = parties[0];
    if (!first) return [];
    const result = [first];
    const second = parties[1];
    const joiner = ctx.tokens[first.tokenEnd];
    if (second && joiner?.normal === 'and' && second.tokenStart === first.tokenEnd + 1) result.push(second);
    return result;
  }
  return [];
}

function isAgentlessPassive(ctx: RoleContext, at: number): boolean {
  const trigger = ctx.tokens[at]!;
  const previous = ctx.tokens[at - 1];
  return (trigger.pos === 'VERB' || trigger.pos === 'ADJ') && /(ed|en)$/.test(trigger.normal)
    && previous !== undefined && BE.has(previous.normal);
}

function isPassive(ctx: RoleContext, at: number, triggerEnd: number): boolean {
  const by = ctx.tokens[triggerEnd]?.normal === 'by' || ctx.tokens[triggerEnd + 1]?.normal === 'by';
  if (!by) return false;
  const trigger = ctx.tokens[at]!;
  if (trigger.pos !== 'VERB' && trigger.pos !== 'ADJ') return false;
  for (let i = Math.max(ctx.sentence.tokenStart, at - 3); i < at; i += 1) if (BE.has(ctx.tokens[i]!.normal)) return true;
  return trigger.normal.endsWith('ed') || trigger.normal.endsWith('en');
}

const NOMINAL_OBJECT_MARKERS = new Set(['with', 'against', 'on', 'to', 'toward', 'towards', 'into', 'of']);
const NOUN_TAGS = new Set(['NOUN', 'PROPN']);

function isNominal(ctx: RoleContext, match: PatternMatch): boolean {
  return NOUN_TAGS.has(ctx.tokens[match.start]!.pos) && match.pattern.roles !== 'speaker-addressee';
}

/**
 * A noun trigger has no subject of its own: its source is a possessor or modifier right before it
 * ("Russia's offensive", "Russian airstrikes") and its recipient follows a preposition ("talks with X").
 */
function nominalRoles(ctx: RoleContext, at: number, triggerEnd: number, clause: ClauseBounds, roles: Roles): Roles {
  let before = at - 1;
  while (before >= clause.start && ['ADJ', 'PART'].includes(ctx.tokens[before]!.pos) && ctx.tokens[before]!.normal !== 'to') before -= 1;
  const owner = ctx.sentenceCandidates.find((c) => c.tokenEnd === before + 1 && usable(ctx, c))
    ?? ctx.sentenceCandidates.find((c) => c.tokenStart >= triggerEnd && c.tokenStart < clause.end && usable(ctx, c) && precedingWord(ctx, c.tokenStart) === 'by');
  if (owner) roles.actors = expand(ctx, [owner]);
  const owners = new Set(roles.actors.map((c) => c.actor?.id ?? c.text));
  const object = ctx.sentenceCandidates.find((c) => c.tokenStart >= triggerEnd && c.tokenStart < clause.end && usable(ctx, c)
    && !owners.has(c.actor?.id ?? c.text) && NOMINAL_OBJECT_MARKERS.has(precedingWord(ctx, c.tokenStart)));
  if (object) roles.recipients = expand(ctx, [object]);
  return roles;
}

/** The word before a mention, skipping determiners ("with the rebels" → "with"). */
function precedingWord(ctx: RoleContext, tokenStart: number): string {
  let i = tokenStart - 1;
  while (i >= 0 && ctx.tokens[i]!.pos === 'DET') i -= 1;
  return ctx.tokens[i]?.normal ?? '';
}

/**
 * The roles the parse gives a trigger: a verb's from its first word, or (for a slot the first word leaves
 * empty) from the pattern's later words ("agreed to meet with X": X hangs from "meet"); a noun's from
 * nominalRolesFromParse.
 */
function parsedRoles(ctx: RoleContext, match: PatternMatch): SyntaxRoles | undefined {
  if (!ctx.dependencies) return undefined;
  const syntax = {
    text: ctx.text, tokens: ctx.tokens, sentence: ctx.sentence, dependencies: ctx.dependencies,
    candidates: ctx.sentenceCandidates.filter((c) => usable(ctx, c)), notParticipants: ctx.notParticipants ?? [],
  };
  const words = wordTokens(match, ctx.tokens);
  if (isNominal(ctx, match)) return nominalRolesFromParse(syntax, words[0] ?? match.start);
  const found = rolesFromParse(syntax, words[0] ?? match.start);
  if (!found) return undefined;
  // The trigger's own words are no participant ("opened fire": "fire" is the object of "opened").
  const notTrigger = (c: Candidate) => !words.includes(c.tokenStart);
  const first = { actors: found.actors.filter(notTrigger), recipients: found.recipients.filter(notTrigger) };
  for (const word of words.slice(1)) {
    if (first.actors.length > 0 && first.recipients.length > 0) break;
    const later = rolesFromParse(syntax, word);
    if (!later) continue;
    if (first.actors.length === 0) first.actors = later.actors.filter(notTrigger);
    if (first.recipients.length === 0) first.recipients = later.recipients.filter((c) => notTrigger(c) && !first.actors.includes(c));
  }
  return first;
}

/**
 * Fills the source and recipient roles of one pattern match: from the parse where the sentence has one
 * and it fills a slot, else from the mentions around the trigger in word order. A quote's speaker
 * ("we will respond") stays the source of what it says.
 */
export function assignRoles(ctx: RoleContext, match: PatternMatch, triggerEnd: number, clause: ClauseBounds): Roles {
  const roles = wordOrderRoles(ctx, match, triggerEnd, clause);
  if (roles.reciprocal) return roles;
  const parsed = parsedRoles(ctx, match);
  if (!parsed) return roles;
  // A bare noun phrase from the parse ("the decision") does not replace a named party found in word order.
  const named = (candidates: readonly Candidate[]) => candidates.some((c) => c.actor !== undefined || c.entity !== undefined);
  const better = (found: readonly Candidate[], current: readonly Candidate[]) => found.length > 0 && (named(found) || !named(current));
  if (better(parsed.actors, roles.actors) && !roles.viaSpeaker) roles.actors = expand(ctx, parsed.actors);
  if (better(parsed.recipients, roles.recipients)) {
    const sources = new Set(roles.actors.map((c) => c.actor?.id ?? c.text));
    const recipients = expand(ctx, parsed.recipients).filter((c) => !sources.has(c.actor?.id ?? c.text));
    if (recipients.length > 0) {
      roles.recipients = recipients;
      roles.recipientsFromContext = false;
    }
  }
  return roles;
}

/** The roles of one pattern match from the mentions around it, in word order. */
function wordOrderRoles(ctx: RoleContext, match: PatternMatch, triggerEnd: number, clause: ClauseBounds): Roles {
  const at = match.start;
  const roles: Roles = { actors: [], recipients: [], viaSpeaker: false, reciprocal: false, recipientsFromContext: false };
  if (match.pattern.roles === 'between') {
    const parties = expand(ctx, betweenParties(ctx, triggerEnd, clause));
    // Reciprocal: each party acts on the other, so actors and recipients are the same list, in text order.
    if (parties.length > 0) return { ...roles, actors: parties, recipients: parties, reciprocal: true };
  }
  if (match.pattern.roles === 'passive-by' || isPassive(ctx, at, triggerEnd)) {
    const byIndex = ctx.tokens[triggerEnd]?.normal === 'by' ? triggerEnd : triggerEnd + 1;
    const agent = ctx.sentenceCandidates.find((c) => c.tokenStart > byIndex && c.tokenStart < clause.wideEnd && usable(ctx, c));
    if (agent) {
      roles.actors = expand(ctx, [agent]);
      roles.recipients = expand(ctx, subjectsBefore(ctx, at, clause.wideStart));
      return roles;
    }
  }
  if (isNominal(ctx, match)) return nominalRoles(ctx, at, triggerEnd, clause, roles);
  const subjects = subjectsBefore(ctx, at, clause.wideStart);
  if (isAgentlessPassive(ctx, at)) {
    // "X was attacked": X is the target and the attacker is not named.
    roles.recipients = expand(ctx, subjects);
    return roles;
  }
  const speaker = speakerCandidate(ctx);
  if (speaker) {
    const lastSubjectToken = subjects.length > 0 ? subjects[subjects.length - 1]!.tokenEnd - 1 : -1;
    const firstPerson = nearestPronoun(ctx, FIRST_PERSON, clause.wideStart, at);
    const reported = ctx.quote?.kind === 'indirect' && nearestPronoun(ctx, THIRD_SINGULAR, clause.wideStart, at) > lastSubjectToken;
    const speaksForSelf = match.pattern.roles === 'speaker-addressee' && ctx.quote?.kind === 'direct';
    if (firstPerson > lastSubjectToken || reported || speaksForSelf) {
      roles.actors = [speaker];
      roles.viaSpeaker = true;
    }
  }
  if (!roles.viaSpeaker) roles.actors = expand(ctx, subjects);
  const sourceIds = new Set(roles.actors.map((c) => c.actor?.id ?? c.text));
  const isObject = (c: Candidate) => c.tokenStart > at && usable(ctx, c) && !sourceIds.has(c.actor?.id ?? c.text);
  // The object stays in the trigger's clause; across a comma only as an apposition right after it.
  const object = ctx.sentenceCandidates.find((c) => isObject(c) && c.tokenStart < clause.end)
    ?? (ctx.tokens[clause.end]?.normal === ',' && !hasSubjectLater(ctx, clause.end + 1)
      ? ctx.sentenceCandidates.find((c) => isObject(c) && c.tokenStart > clause.end && c.tokenStart <= clause.end + 2)
      : undefined);
  if (object) roles.recipients = expand(ctx, [object]);
  else if (ctx.quote && (match.pattern.roles === 'speaker-addressee' || hasPronoun(ctx, THIRD_PLURAL, clause.wideStart, clause.wideEnd))) {
    const target = addressee(ctx, at);
    if (target) {
      roles.recipients = expand(ctx, [target]);
      roles.recipientsFromContext = true;
    }
  }
  return roles;
}
