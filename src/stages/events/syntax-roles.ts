/**
 * Event roles read off the dependency parse of the trigger's sentence: the subject (or a passive's
 * `by`-agent) is the actor, the object, a passive's subject or the object of a directed preposition
 * ("against X", "on X") the recipient. Roles pass through coordination ("Armenia and Azerbaijan"),
 * appositions ("X, the foreign minister of Y"), relative clauses ("rebels who attacked …"), shared
 * subjects ("attacked and killed") and control ("agreed to withdraw": the withdrawal is the agreer's;
 * "urged X to withdraw": X's). A slot the parse does not fill is left to the word-order rules.
 */
import type { DependencyLayer, Sentence, Token } from '../../doc/types.js';
import { getEventMatcher } from '../../knowledge/patterns.js';
import { roleSector, type Candidate } from './participants.js';

export interface SyntaxContext {
  text: string;
  tokens: readonly Token[];
  sentence: Sentence;
  dependencies: DependencyLayer;
  /** The sentence's candidates that may fill a role, in text order. */
  candidates: readonly Candidate[];
  /** Spans a bare noun phrase may not overlap to become a participant (dates). */
  notParticipants: ReadonlyArray<{ start: number; end: number }>;
}

export interface SyntaxRoles {
  actors: Candidate[];
  recipients: Candidate[];
}

/** Prepositions whose object is what a verb or noun is directed at ("sanctions against X", "called on X"). */
const DIRECTED = new Set(['against', 'on', 'upon', 'with', 'to', 'toward', 'towards', 'into', 'at']);
const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom']);

function dependentsOf(ctx: SyntaxContext, head: number, relation: (deprel: string) => boolean): number[] {
  const found: number[] = [];
  for (let i = ctx.sentence.tokenStart; i < ctx.sentence.tokenEnd; i += 1) {
    const dependency = ctx.dependencies[i];
    if (dependency && dependency.head === head && relation(dependency.deprel)) found.push(i);
  }
  return found;
}

const is = (...names: string[]) => (deprel: string) => names.includes(deprel);

/** Clauses inside a noun phrase hold other events' participants, not this phrase's. */
const CLAUSAL = new Set(['acl', 'acl:relcl', 'advcl', 'ccomp', 'xcomp', 'parataxis', 'conj', 'appos']);

function withinPhrase(ctx: SyntaxContext, i: number, root: number): boolean {
  for (let at = i, steps = 0; at >= 0 && steps <= ctx.sentence.tokenEnd - ctx.sentence.tokenStart; steps += 1) {
    if (at === root) return true;
    const dependency = ctx.dependencies[at];
    if (!dependency || CLAUSAL.has(dependency.deprel)) return false;
    at = dependency.head;
  }
  return false;
}

/**
 * The candidate a noun phrase headed by `head` stands for: the one covering its head word, else the one
 * of its own phrase nearest the head ("the foreign ministry of Armenia" → Armenia when only Armenia is known).
 */
function candidateOfPhrase(ctx: SyntaxContext, head: number): Candidate | undefined {
  const covering = ctx.candidates.find((c) => c.tokenStart <= head && head < c.tokenEnd);
  if (covering) return covering;
  let best: Candidate | undefined;
  for (const candidate of ctx.candidates) {
    if (!withinPhrase(ctx, candidate.tokenStart, head)) continue;
    if (!best || Math.abs(candidate.tokenStart - head) < Math.abs(best.tokenStart - head)) best = candidate;
  }
  return best;
}

const PHRASE_HEADS = new Set(['NOUN', 'PROPN']);
/** Agent nouns ("protesters", "peacekeepers", "rioters") name the people who act, not an act. */
const AGENT_NOUN = /(?:er|or|ist)s?$/;

let eventNouns: Set<string> | undefined;

/**
 * Nouns that name an act (the one-word noun triggers of the event patterns: "ceasefire", "talks",
 * "sanctions"): "agree to a ceasefire" has no party called "a ceasefire".
 */
function isEventNoun(token: Token): boolean {
  eventNouns ??= new Set(getEventMatcher().patterns.flatMap((pattern) => {
    const pos: readonly string[] = Array.isArray(pattern.pos) ? pattern.pos : pattern.pos ? [pattern.pos] : [];
    const only = pattern.steps.length === 1 ? pattern.steps[0]! : undefined;
    return only && 'words' in only && pos.includes('NOUN') ? [...only.words].filter((word) => !AGENT_NOUN.test(word)) : [];
  }));
  return eventNouns.has(token.lemma) || eventNouns.has(token.normal);
}
const EDGE_TAGS = new Set(['PUNCT', 'CCONJ', 'ADP']);

/**
 * A participant that no mention covers, such as "the rebels" or "a car bomb": the noun phrase of `head`
 * (its own words, without the clauses, coordinated phrases or appositions hanging from it), trimmed of
 * punctuation. Only nouns head one, and not those naming an act: a pronoun or "a ceasefire" is not a
 * participant an analyst can read.
 */
function phraseCandidate(ctx: SyntaxContext, head: number): Candidate | undefined {
  const token = ctx.tokens[head]!;
  if (!PHRASE_HEADS.has(token.pos) || isEventNoun(token)) return undefined;
  let first = head;
  let last = head;
  for (let i = ctx.sentence.tokenStart; i < ctx.sentence.tokenEnd; i += 1) {
    if (i === head || !withinPhrase(ctx, i, head)) continue;
    first = Math.min(first, i);
    last = Math.max(last, i);
  }
  while (first < head && EDGE_TAGS.has(ctx.tokens[first]!.pos)) first += 1;
  while (last > head && EDGE_TAGS.has(ctx.tokens[last]!.pos)) last -= 1;
  const whole = spanCandidate(ctx, first, last, (i) => withinPhrase(ctx, i, head));
  if (whole) return whole;
  // "charged a teenager with murder on Monday": the phrase without its prepositional tail.
  const core = nounPhraseTokens(ctx, head);
  return spanCandidate(ctx, core.first, core.last, (i) => core.words.has(i));
}

/** The candidate covering tokens first..last, when every one belongs and no date overlaps it. */
function spanCandidate(ctx: SyntaxContext, first: number, last: number, belongs: (i: number) => boolean): Candidate | undefined {
  for (let i = first; i <= last; i += 1) if (!belongs(i)) return undefined;
  const start = ctx.tokens[first]!.start;
  const end = ctx.tokens[last]!.end;
  if (ctx.notParticipants.some((span) => span.start < end && start < span.end)) return undefined;
  return { start, end, text: ctx.text.slice(start, end), tokenStart: first, tokenEnd: last + 1, locative: false };
}

/** The relations that keep a word inside the noun phrase an analyst reads as one participant. */
const NOUN_PHRASE = new Set(['det', 'amod', 'compound', 'nmod:poss', 'flat', 'flat:name', 'nummod', 'det:poss']);

/**
 * The words of the noun phrase headed by `head` that name one participant: its determiners, modifiers,
 * compounds, possessors and the rest of a flat name ("Iranian Foreign Minister Mohammad Javad Zarif",
 * "a U.S. Supreme Court decision"), and an apposition only where it continues the name without a comma.
 */
function nounPhraseTokens(ctx: SyntaxContext, head: number): { first: number; last: number; words: Set<number> } {
  let first = head;
  let last = head;
  const words = new Set([head]);
  const pending = [head];
  while (pending.length > 0) {
    const at = pending.pop()!;
    for (const child of dependentsOf(ctx, at, (deprel) => NOUN_PHRASE.has(deprel) || deprel === 'appos' || deprel === 'case')) {
      const deprel = ctx.dependencies[child]!.deprel;
      const adjacent = child === last + 1 || child === first - 1;
      if (deprel === 'appos' && !adjacent) continue;
      // Only the possessive marker of a possessor ("the town's mayor"), not a preposition.
      if (deprel === 'case' && ctx.dependencies[at]!.deprel !== 'nmod:poss') continue;
      if (child < first) first = child;
      if (child > last) last = child;
      words.add(child);
      pending.push(child);
    }
  }
  return { first, last, words };
}

const widenedFor = new WeakMap<SyntaxContext, Map<Candidate, Candidate>>();

/**
 * A mention stretched to the whole noun phrase it stands for, so that its span can be compared with
 * gold and shown as evidence; the same mention always gives the same object within one context, as
 * callers compare candidates by identity.
 */
function widened(ctx: SyntaxContext, candidate: Candidate, head: number): Candidate {
  let memo = widenedFor.get(ctx);
  if (!memo) widenedFor.set(ctx, (memo = new Map()));
  const known = memo.get(candidate);
  if (known) return known;
  const phrase = nounPhraseTokens(ctx, head);
  let first = Math.min(phrase.first, candidate.tokenStart);
  let last = Math.max(phrase.last, candidate.tokenEnd - 1);
  while (first < candidate.tokenStart && EDGE_TAGS.has(ctx.tokens[first]!.pos)) first += 1;
  while (last >= candidate.tokenEnd && EDGE_TAGS.has(ctx.tokens[last]!.pos)) last -= 1;
  let result = candidate;
  const inside = (i: number) => (i >= candidate.tokenStart && i < candidate.tokenEnd) || phrase.words.has(i) || withinPhrase(ctx, i, head);
  let whole = first < candidate.tokenStart || last >= candidate.tokenEnd;
  for (let i = first; whole && i <= last; i += 1) if (!inside(i)) whole = false;
  if (whole) {
    const start = Math.min(ctx.tokens[first]!.start, candidate.start);
    const end = Math.max(ctx.tokens[last]!.end, candidate.end);
    if (!ctx.notParticipants.some((span) => span.start < end && start < span.end)) {
      result = { ...candidate, start, end, text: ctx.text.slice(start, end), tokenStart: first, tokenEnd: last + 1 };
    }
  }
  memo.set(candidate, result);
  return result;
}

/** The candidates of a phrase and of the phrases coordinated with it or set beside it as an apposition. */
function candidatesOf(ctx: SyntaxContext, head: number, phrases = false): Candidate[] {
  const heads = [head];
  for (let k = 0; k < heads.length && heads.length < 8; k += 1) {
    for (const next of dependentsOf(ctx, heads[k]!, is('conj', 'appos'))) if (!heads.includes(next)) heads.push(next);
  }
  const found: Candidate[] = [];
  for (const phrase of heads) {
    const mention = candidateOfPhrase(ctx, phrase);
    const candidate = mention ? widened(ctx, mention, phrase) : phrases && phrase === head ? phraseCandidate(ctx, phrase) : undefined;
    if (candidate && !candidate.locative && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

/** The object of a preposition whose case marker is directed, among the dependents of `head`. */
function directedObliques(ctx: SyntaxContext, head: number): number[] {
  return dependentsOf(ctx, head, is('obl', 'nmod')).filter((oblique) => {
    const marker = dependentsOf(ctx, oblique, is('case'))[0];
    return marker !== undefined && DIRECTED.has(ctx.tokens[marker]!.normal);
  });
}

/** The first of `heads` whose phrase holds a mention; with `phrases`, else the first noun phrase among them. */
function firstFilled(ctx: SyntaxContext, heads: readonly number[], phrases = false): Candidate[] {
  for (const head of heads) {
    const found = candidatesOf(ctx, head);
    if (found.length > 0) return found;
  }
  if (!phrases) return [];
  for (const head of heads) {
    const found = candidatesOf(ctx, head, true);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The subjects of a predicate, split by voice: a subject the parser labels `nsubj` beside a passive
 * auxiliary ("a man was shot") is the one acted on, as `nsubj:pass` is, unless the verb is a progressive.
 */
function subjectsOf(ctx: SyntaxContext, predicate: number): { active: number[]; passive: number[] } {
  const subjects = dependentsOf(ctx, predicate, is('nsubj'));
  const passive = dependentsOf(ctx, predicate, is('nsubj:pass'));
  // A progressive ("is suing") is active whatever the parser calls its auxiliary.
  const participle = !ctx.tokens[predicate]!.normal.endsWith('ing');
  if (participle && dependentsOf(ctx, predicate, is('aux:pass')).length > 0) return { active: [], passive: [...passive, ...subjects].sort((a, b) => a - b) };
  return { active: subjects, passive };
}

/** The subject a predicate shares with the one it hangs from: coordination or control. */
function inheritedSubject(ctx: SyntaxContext, predicate: number, phrases: boolean): Candidate[] {
  const dependency = ctx.dependencies[predicate];
  if (!dependency || dependency.head < 0) return [];
  const head = dependency.head;
  if (dependency.deprel === 'xcomp') {
    // Object control ("urged X to withdraw") before subject control ("agreed to withdraw").
    const controllers = firstFilled(ctx, [...dependentsOf(ctx, head, is('obj', 'iobj')), ...subjectsOf(ctx, head).active], phrases);
    return controllers.length > 0 ? controllers : reporterFor(ctx, head, subjectsOf(ctx, head).active);
  }
  // "was shot and wounded": the shared subject of a passive was acted on, so it is no actor.
  if (dependency.deprel === 'conj') return firstFilled(ctx, subjectsOf(ctx, head).active, phrases);
  return [];
}

/** "Another man was shot and wounded": the passive subject a coordinated predicate shares with its head. */
function inheritedPassiveSubject(ctx: SyntaxContext, predicate: number, phrases: boolean): Candidate[] {
  const dependency = ctx.dependencies[predicate];
  if (!dependency || dependency.head < 0 || dependency.deprel !== 'conj') return [];
  if (dependentsOf(ctx, predicate, is('nsubj', 'nsubj:pass', 'obj')).length > 0) return [];
  return firstFilled(ctx, subjectsOf(ctx, dependency.head).passive, phrases);
}

/**
 * A role filled by a relative pronoun stands for the noun the relative clause modifies ("rebels who
 * attacked …" → the rebels; "the town, which was shelled …" → the town).
 */
function phraseOrAntecedent(ctx: SyntaxContext, predicate: number, heads: readonly number[], phrases: boolean): Candidate[] {
  const dependency = ctx.dependencies[predicate]!;
  if (dependency.deprel === 'acl:relcl' && heads.some((h) => RELATIVE_PRONOUNS.has(ctx.tokens[h]!.normal))) return candidatesOf(ctx, dependency.head, phrases);
  const own = firstFilled(ctx, heads, phrases);
  return own.length > 0 ? own : reporterFor(ctx, predicate, heads);
}

/** Third-person pronouns, and whether the party they stand for is a person. */
const PERSONAL_PRONOUNS: ReadonlyMap<string, boolean | undefined> = new Map([['it', false], ['he', true], ['she', true], ['they', undefined]]);
/** How many clause links (xcomp, conj) a reported predicate may sit below the clause its reporter says. */
const REPORT_REACH = 6;

/**
 * "Syria says it is willing to withdraw", "the minister said he would resign": a pronoun subject of a
 * reported clause stands for the one who reports it, when they agree (a person for he/she, no person for it).
 */
function reporterFor(ctx: SyntaxContext, predicate: number, heads: readonly number[]): Candidate[] {
  const pronoun = heads.length === 1 ? ctx.tokens[heads[0]!]!.normal : undefined;
  if (pronoun === undefined || !PERSONAL_PRONOUNS.has(pronoun)) return [];
  const person = PERSONAL_PRONOUNS.get(pronoun);
  let at = predicate;
  for (let steps = 0; steps < REPORT_REACH; steps += 1) {
    const dependency = ctx.dependencies[at];
    if (!dependency || dependency.head < 0) return [];
    if (dependency.deprel === 'ccomp') {
      const reporters = firstFilled(ctx, subjectsOf(ctx, dependency.head).active);
      const agrees = (c: Candidate) => person === undefined || (c.actor?.type === 'PERSON' || c.entity?.type === 'PERSON') === person;
      return reporters.length > 0 && reporters.every(agrees) ? reporters : [];
    }
    if (dependency.deprel !== 'xcomp' && dependency.deprel !== 'conj') return [];
    at = dependency.head;
  }
  return [];
}

/** Actors and recipients of the predicate at token `trigger`, or undefined when the sentence has no parse. */
export function rolesFromParse(ctx: SyntaxContext, trigger: number): SyntaxRoles | undefined {
  if (!ctx.dependencies[trigger]) return undefined;
  const { active: subjects, passive: passiveSubjects } = subjectsOf(ctx, trigger);
  const agents = dependentsOf(ctx, trigger, is('obl:agent'));
  const actorsWith = (phrases: boolean) => {
    const own = subjects.length > 0 ? phraseOrAntecedent(ctx, trigger, subjects, phrases) : firstFilled(ctx, agents, phrases);
    return own.length > 0 || subjects.length > 0 || passiveSubjects.length > 0 ? own : inheritedSubject(ctx, trigger, phrases);
  };
  const actors = actorsWith(false).length > 0 ? actorsWith(false) : actorsWith(true);
  const objects = dependentsOf(ctx, trigger, is('obj', 'iobj'));
  // "imposed sanctions on X", "launched an attack against X": the recipient may hang from the object noun.
  const recipientHeads = [...objects, ...directedObliques(ctx, trigger), ...objects.flatMap((object) => directedObliques(ctx, object))];
  const recipientsWith = (phrases: boolean) => {
    if (passiveSubjects.length > 0) return phraseOrAntecedent(ctx, trigger, passiveSubjects, phrases);
    const own = firstFilled(ctx, recipientHeads, phrases);
    return own.length > 0 || recipientHeads.length > 0 ? own : inheritedPassiveSubject(ctx, trigger, phrases);
  };
  const recipients = recipientsWith(false).length > 0 ? recipientsWith(false) : recipientsWith(true);
  const actorSet = new Set(actors);
  return { actors, recipients: recipients.filter((candidate) => !actorSet.has(candidate)) };
}

/**
 * Roles of an act named by a noun: its own directed oblique is the recipient ("an attack on the convoy");
 * when the noun is the object of a verb ("police made an arrest", "rebels launched an offensive against
 * X"), that verb's subject acts, and the verb's recipient stands in for a missing one of the noun's.
 */
export function nominalRolesFromParse(ctx: SyntaxContext, noun: number): SyntaxRoles | undefined {
  const dependency = ctx.dependencies[noun];
  if (!dependency) return undefined;
  const own = firstFilled(ctx, directedObliques(ctx, noun));
  const agents = nounAgents(ctx, noun).filter((c) => !own.includes(c));
  const head = dependency.head;
  if (dependency.deprel === 'obj' && head >= 0 && ctx.tokens[head]!.pos === 'VERB') {
    const verb = rolesFromParse(ctx, head);
    if (verb) {
      const actors = verb.actors.length > 0 ? verb.actors : agents;
      const actorSet = new Set(actors);
      return { actors, recipients: (own.length > 0 ? own : verb.recipients).filter((c) => !actorSet.has(c)) };
    }
  }
  return { actors: agents, recipients: own };
}

/**
 * Who does an act named by a noun, inside its own phrase: a "by" phrase ("firing by the police"), else a
 * possessor or modifier that names a party ("the army's shelling", "Israeli air strikes", "police
 * firing"; a modifier that is only a role word counts when the role lexicon gives it a sector).
 */
function nounAgents(ctx: SyntaxContext, noun: number): Candidate[] {
  const byPhrases = dependentsOf(ctx, noun, is('nmod', 'obl')).filter((oblique) => {
    const marker = dependentsOf(ctx, oblique, is('case'))[0];
    return marker !== undefined && ctx.tokens[marker]!.normal === 'by';
  });
  const byAgent = firstFilled(ctx, byPhrases, true);
  if (byAgent.length > 0) return byAgent;
  for (const modifier of dependentsOf(ctx, noun, is('nmod:poss', 'compound', 'amod'))) {
    const named = candidatesOf(ctx, modifier);
    if (named.length > 0) return named;
    if (roleSector(ctx.tokens[modifier]!.normal)) return candidatesOf(ctx, modifier, true);
  }
  return [];
}

/**
 * Whether the predicate at `trigger` has a subject of its own that names a party rather than an act:
 * in "troops shelled the town and the rebels ambushed a convoy" the second attack is its own event
 * with its own roles; in "fighting between A and B killed 12" the killing is the fighting.
 */
export function hasOwnSubject(tokens: readonly Token[], dependencies: DependencyLayer, sentence: Sentence, trigger: number): boolean {
  if (!dependencies[trigger]) return false;
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
    const dependency = dependencies[i];
    if (!dependency || dependency.head !== trigger || (dependency.deprel !== 'nsubj' && dependency.deprel !== 'nsubj:pass')) continue;
    if (!isEventNoun(tokens[i]!) && tokens[i]!.pos !== 'PRON') return true;
  }
  return false;
}
