import type { Doc, Event, Sentence } from '../../doc/types.js';
import { getCodebook } from '../../knowledge/codebook.js';
import { getEventMatcher, wordTokens, type CompiledPattern, type PatternMatch } from '../../knowledge/patterns.js';
import { calibrationFeatures, probability, sentenceEventCounts } from '../../models/calibration/features.js';
import { shippedCalibration, type CalibrationModel } from '../../models/calibration/load.js';
import { defineStage } from '../../pipeline/stage.js';
import { decidePatternType, learnedEvent, shippedClassifier, type Classifier } from './classify.js';
import { clauseAround, flagsFor, type ClauseBounds } from './clauses.js';
import {
  attachMediators, conflictParties, dropSelfRecipients, fillUnnamedParties, keepConflictPartyRecipients, orientReciprocal, protestersIn,
  reciprocalAmongSubjects, recipientsFromEventNouns, recodeConflictPartyCalls,
} from './document-roles.js';
import { mergeEvents, type DraftEvent } from './merge.js';
import { buildCandidates, participantKey, toParticipant, type Candidate } from './participants.js';
import { assignRoles, type RoleContext } from './roles.js';
import {
  asksQuestion, describesNoun, describesRelation, insideDate, ownClause, ownPredicate, patternsById, statesPurpose, type SentenceView,
} from './match-filters.js';
import { isContentOf } from './predicates.js';
import { documentSetting } from './setting.js';
import { carryOverCasualties } from './carry-casualties.js';
import { carryOverActors, carryOverDates, happensInSetting, leadPlace } from './carry-over.js';
import {
  bySentence, casualtiesIn, eventDate, eventLocation, quoteAt, speechLocation, type DocContext, type TriggerSite,
} from './circumstances.js';

/** Speech acts whose later triggers in the same clause are their content ("the last chance to withdraw"). */
const SPEECH_ACTS = new Set(['AGREE', 'REQUEST', 'REJECT', 'THREATEN', 'ACCUSE']);
/** PLOVER defines these as statements about the future: "will" is part of them, not a future flag. */
const INHERENTLY_FUTURE = new Set(['AGREE', 'THREATEN', 'REQUEST', 'REJECT']);
const CASUALTY_TYPES = new Set(['ASSAULT', 'COERCE']);
const NONE: ReadonlySet<number> = new Set();

function draftFor(
  ctx: DocContext, sentence: Sentence, match: PatternMatch, words: number[], clause: ClauseBounds, roleCtx: RoleContext,
  owns: (tokenIndex: number) => boolean, typeProbability: number | undefined,
): DraftEvent[] {
  const { tokens, codebook } = ctx;
  const pattern = match.pattern;
  const triggerEnd = (words[words.length - 1] ?? match.start) + 1;
  const roles = assignRoles(roleCtx, match, triggerEnd, clause);
  const protesters = pattern.plover === 'PROTEST' && roles.actors.length === 0 ? protestersIn(roleCtx.sentenceCandidates) : undefined;
  if (protesters) roles.actors = [protesters];
  const flags = flagsFor(tokens, clause, match.start, pattern.plover === 'REJECT');
  let coding = { plover: pattern.plover, cameo: pattern.cameo };
  const modality = getEventMatcher().modality;
  // PLOVER's rules for negated and future acts are the manual's: they recode the pattern's own type,
  // whatever the classifier made of the hit.
  const listed = patternsById().get(pattern.id) ?? pattern;
  if (flags.negated && !flags.hypothetical && (listed.negatedAs ?? modality.negated[listed.plover])) {
    coding = listed.negatedAs ?? modality.negated[listed.plover]!;
    flags.negated = false;
  } else if (flags.future && !flags.negated && !flags.hypothetical && modality.future[listed.plover]) {
    coding = modality.future[listed.plover]!;
  }
  if (INHERENTLY_FUTURE.has(coding.plover)) flags.future = false;
  const entry = codebook.cameo(coding.cameo);
  const type = codebook.plover(coding.plover);
  const first = tokens[match.start]!;
  const last = tokens[triggerEnd - 1]!;
  const quadClass = type?.quadClass ?? entry?.quadClass ?? 1;
  const site: TriggerSite = { sentence, token: match.start, clause, owns, quote: roleCtx.quote, material: quadClass === 2 || quadClass === 4 };
  const { date, historical } = eventDate(ctx, site);
  const { location, score } = eventLocation(ctx, site);
  const actors = roles.actors.map(toParticipant);
  const recipients = roles.recipients.map(toParticipant);
  const mode = coding.plover === pattern.plover ? pattern.mode ?? entry?.mode : entry?.mode;
  let confidence = 0.35 + 0.1 * Math.min(pattern.length - 1, 2) + (actors.length > 0 ? 0.2 : 0) + (recipients.length > 0 ? 0.2 : 0);
  if (roles.viaSpeaker) confidence -= 0.05;
  if (flags.hypothetical) confidence -= 0.1;
  const event: Event = {
    id: '', plover: coding.plover, cameo: coding.cameo, quadClass,
    goldstein: entry?.goldstein ?? null, actors, recipients, ...flags, historical,
    confidence: Math.max(0.05, Math.min(1, Math.round(confidence * 100) / 100)),
    trigger: { start: first.start, end: last.end, text: ctx.doc.text.slice(first.start, last.end) },
    evidence: { sentences: [{ start: sentence.start, end: sentence.end, index: sentence.index }] },
    pattern: pattern.id,
  };
  if (entry) event.cameoName = entry.name;
  if (typeProbability !== undefined && coding.plover === pattern.plover) event.typeProbability = Math.round(typeProbability * 1000) / 1000;
  if (mode && type?.modes.includes(mode)) event.mode = mode;
  if (date) event.date = date;
  if (location) event.location = location;
  if (roleCtx.quote) event.evidence.quote = roleCtx.quote.id;
  if (CASUALTY_TYPES.has(coding.plover)) {
    const casualties = casualtiesIn(ctx, sentence);
    if (casualties) event.casualties = casualties;
  }
  return [{ event, reciprocal: roles.reciprocal, locationScore: score, position: first.start, recipientsFromContext: roles.recipientsFromContext }];
}

/** Of the triggers in a sentence, the one nearest to a mention owns it (a date or place belongs to one event). */
function nearestTrigger(triggers: readonly number[], tokenIndex: number): number {
  let best = -1;
  let bestDistance = Infinity;
  for (const trigger of triggers) {
    // A mention after its trigger ("fought near X on Monday") is the usual order: prefer it on ties.
    const distance = Math.abs(tokenIndex - trigger) + (tokenIndex < trigger ? 0.5 : 0);
    if (distance < bestDistance) {
      best = trigger;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The classifier's coding of a pattern hit: the hit itself, or a copy whose pattern carries the type and
 * CAMEO code the model decided (its negated form then follows the new type).
 */
function classifiedMatch(ctx: DocContext, sentence: Sentence, match: PatternMatch, matches: readonly PatternMatch[]): { match: PatternMatch; probability?: number } {
  if (!ctx.classifier || match.pattern.attach === 'mediator') return { match };
  const view = {
    tokens: ctx.tokens, dependencies: ctx.doc.layers.dependencies, sentence, trigger: match.start, pattern: match.pattern,
    otherTypes: matches.filter((m) => m.start !== match.start).map((m) => m.pattern.plover),
  };
  const decision = decidePatternType(ctx.classifier, view, match.pattern);
  if (decision.plover === match.pattern.plover && decision.cameo === match.pattern.cameo) return { match, probability: decision.probability };
  const pattern: CompiledPattern = { ...match.pattern, plover: decision.plover, cameo: decision.cameo };
  if (decision.plover !== match.pattern.plover) delete pattern.negatedAs;
  return { match: { ...match, pattern }, probability: decision.probability };
}

function codeSentence(ctx: DocContext, sentence: Sentence, sentenceCandidates: Candidate[]): { drafts: DraftEvent[]; mediations: DraftEvent[] } {
  const found = getEventMatcher().match(ctx.tokens, sentence.tokenStart, sentence.tokenEnd);
  const probabilities = new Map<PatternMatch, number>();
  let matches: PatternMatch[] = [];
  for (const hit of found) {
    const classified = classifiedMatch(ctx, sentence, hit, found);
    matches.push(classified.match);
    if (classified.probability !== undefined) probabilities.set(classified.match, classified.probability);
  }
  if (found.length === 0 && ctx.classifier) {
    const learned = learnedEvent(ctx.classifier, { tokens: ctx.tokens, dependencies: ctx.doc.layers.dependencies, sentence });
    if (learned) {
      matches = [learned.match];
      probabilities.set(learned.match, learned.probability);
    }
  }
  if (matches.length === 0) return { drafts: [], mediations: [] };
  const wordsOf = new Map(matches.map((m) => [m, wordTokens(m, ctx.tokens)]));
  const kept: PatternMatch[] = [];
  const clauseOf = new Map<PatternMatch, ClauseBounds>();
  let contentUntil = -1;
  let protestSeen = false;
  const dependencies = ctx.doc.layers.dependencies ?? undefined;
  const view: SentenceView = { tokens: ctx.tokens, sentence, dependencies, dates: ctx.datesIn.get(sentence.index) ?? [] };
  const speechActWords = new Set<number>();
  const clauseEndByType = new Map<string, number>();
  for (const match of matches) {
    if (match.start < contentUntil || describesRelation(ctx.tokens, match)) continue;
    if (protestSeen && statesPurpose(ctx.tokens, match)) continue;
    if (asksQuestion(ctx.tokens, match, sentence.tokenEnd)) continue;
    if (describesNoun(view, match, wordsOf.get(match)!, ctx.codebook) || insideDate(view, match)) continue;
    if (match.pattern.plover === 'PROTEST') protestSeen = true;
    const mediation = match.pattern.attach === 'mediator';
    // "fighting between A and B killed 12": a second trigger of the same type in the clause is the same event.
    const words = wordsOf.get(match)!;
    // "denied that troops had attacked the village": what a speech act says is its content, not an event.
    if (!mediation && dependencies && isContentOf(dependencies, sentence, words[0] ?? match.start, speechActWords)) continue;
    if (!mediation && match.start < (clauseEndByType.get(match.pattern.plover) ?? -1) && !ownPredicate(view, words)) continue;
    const clause = ownClause(view, words[0] ?? match.start,
      clauseAround(ctx.tokens, sentence.tokenStart, sentence.tokenEnd, match.start, (words[words.length - 1] ?? match.start) + 1));
    if (!mediation) clauseEndByType.set(match.pattern.plover, clause.wideEnd);
    if (SPEECH_ACTS.has(match.pattern.plover)) {
      contentUntil = clause.end;
      for (const word of words) speechActWords.add(word);
    }
    kept.push(match);
    clauseOf.set(match, clause);
  }
  const triggers = kept.filter((m) => m.pattern.attach !== 'mediator').map((m) => m.start);
  const drafts: DraftEvent[] = [];
  const mediations: DraftEvent[] = [];
  for (const match of kept) {
    const others = match.pattern.roles === 'between' ? new Set(matches.filter((m) => m !== match).flatMap((m) => wordsOf.get(m)!)) : NONE;
    const quote = quoteAt(ctx.quotes, ctx.tokens[match.start]!.start);
    const speakerId = quote?.speaker?.actor;
    const roleCtx: RoleContext = {
      text: ctx.doc.text, tokens: ctx.tokens, sentence, sentenceCandidates, allCandidates: ctx.candidates, actorsById: ctx.actorsById,
      quote, speaker: speakerId ? ctx.actorsById.get(speakerId) : undefined, otherTriggerTokens: others,
      ...(ctx.doc.layers.dependencies ? { dependencies: ctx.doc.layers.dependencies } : {}),
      notParticipants: ctx.datesIn.get(sentence.index) ?? [],
    };
    const owns = (tokenIndex: number) => match.pattern.attach === 'mediator' || nearestTrigger(triggers, tokenIndex) === match.start;
    const made = draftFor(ctx, sentence, match, wordsOf.get(match)!, clauseOf.get(match)!, roleCtx, owns, probabilities.get(match));
    if (match.pattern.attach === 'mediator') mediations.push(...made);
    else drafts.push(...made);
  }
  return { drafts, mediations };
}


/** Every event in a document that has sentences, tokens and (possibly empty) mention layers. */
export function codeDocument(doc: Readonly<Doc>, options: EventCodingOptions = {}): Event[] {
  const tokens = doc.layers.tokens ?? [];
  const sentences = doc.layers.sentences ?? [];
  const ctx: DocContext = {
    doc, tokens, codebook: getCodebook(), candidates: buildCandidates(doc),
    actorsById: new Map((doc.layers.actors ?? []).map((actor) => [actor.id, actor])),
    quotes: doc.layers.quotes ?? [], published: doc.source.published,
    datesIn: bySentence(tokens, doc.layers.dates ?? []), placesIn: bySentence(tokens, doc.layers.places ?? []),
    quantitiesIn: bySentence(tokens, doc.layers.quantities ?? []),
    classifier: options.classifier === false ? undefined : options.classifier ?? loadedClassifier(),
  };
  const candidatesIn = bySentence(tokens, ctx.candidates);
  const drafts: DraftEvent[] = [];
  const mediations: DraftEvent[] = [];
  for (const sentence of sentences) {
    const found = codeSentence(ctx, sentence, candidatesIn.get(sentence.index) ?? []);
    drafts.push(...found.drafts);
    mediations.push(...found.mediations);
  }
  drafts.push(...attachMediators(drafts, mediations));
  dropSelfRecipients(drafts);
  reciprocalAmongSubjects(drafts);
  fillUnnamedParties(drafts);
  recipientsFromEventNouns(drafts, tokens);
  const parties = conflictParties(drafts);
  const patterns = patternsById();
  for (const draft of drafts) {
    const pattern = patterns.get(draft.event.pattern);
    if (pattern?.recipientsAmong === 'conflict-parties') keepConflictPartyRecipients(draft, parties);
    if (pattern?.fallbackRecipients !== 'conflict-parties' || parties.length === 0) continue;
    if (draft.event.recipients.length > 0 && !draft.recipientsFromContext) continue;
    const own = new Set(draft.event.actors.map(participantKey));
    draft.event.recipients = parties.filter((p) => !own.has(participantKey(p)));
  }
  recodeConflictPartyCalls(drafts, parties, ctx.codebook);
  const merged = mergeEvents(drafts);
  dropSelfRecipients(merged);
  orientReciprocal(merged);
  const events = merged.map((draft) => draft.event);
  for (const event of events) {
    if (event.location || !event.evidence.quote || event.quadClass === 2 || event.quadClass === 4) continue;
    const quote = ctx.quotes.find((q) => q.id === event.evidence.quote);
    const location = quote && speechLocation(ctx, quote);
    if (location) event.location = location;
  }
  carryOverActors(doc, events, ctx.candidates);
  carryOverDates(doc, events);
  carryOverCasualties(doc, events);
  const spoken = new Set(events.flatMap((event) => (event.location?.place && (event.quadClass === 1 || event.quadClass === 3) ? [event.location.place] : [])));
  const setting = documentSetting(doc, spoken) ?? leadPlace(doc, events, spoken);
  for (const event of events) {
    // A material act (or an investigation) the sentence does not place happened where the story is set; a statement is placed
    // only where it was made (its sentence or its quote's attribution).
    if (setting && !event.location && !event.historical && happensInSetting(event)) event.location = { ...setting };
  }
  const calibration = options.calibration ?? shippedCalibration();
  const sentenceCounts = sentenceEventCounts(events);
  return events.map((event, index) => ({
    ...event,
    id: `event-${index + 1}`,
    ...(calibration ? { confidence: calibratedConfidence(calibration, event, patterns.get(event.pattern), sentenceCounts) } : {}),
  }));
}

/** The probability, from the calibration model, that an event is coded right (two decimals). */
function calibratedConfidence(model: CalibrationModel, event: Event, pattern: CompiledPattern | undefined, sentenceCounts: ReadonlyMap<number, number>): number {
  const pos: readonly string[] = Array.isArray(pattern?.pos) ? pattern.pos : pattern?.pos ? [pattern.pos] : [];
  const sentenceEvents = sentenceCounts.get(event.evidence.sentences[0]?.index ?? -1) ?? 1;
  const x = calibrationFeatures(event, { words: pattern?.length ?? 1, nominal: pos.includes('NOUN') && !pos.includes('VERB'), sentenceEvents });
  return Math.round(probability(model.weights, x) * 100) / 100;
}

function loadedClassifier(): Classifier | undefined {
  const shipped = shippedClassifier();
  return shipped instanceof Error ? undefined : shipped;
}

export interface EventCodingOptions {
  /**
   * The trained event classifier that decides the type of each candidate (models/event-type by default);
   * `false` codes with the patterns alone (what train/event-type learns from).
   */
  classifier?: Classifier | false;
  /**
   * The model that turns what the coder found into a confidence; `false` keeps the coder's own
   * rule-of-thumb score (what train/calibration learns from). Default: models/calibration.
   */
  calibration?: CalibrationModel | false;
}

/** Codes PLOVER/CAMEO events from the patterns in knowledge/patterns/events.jsonl. */
export const codeEvents = (options: EventCodingOptions = {}) =>
  defineStage({
    name: 'events',
    version: 4,
    requires: ['sentences', 'tokens', 'entities', 'places', 'dates', 'quantities', 'actors', 'quotes'],
    provides: ['events'],
    run(doc, ctx) {
      const shipped = options.classifier === undefined ? shippedClassifier() : undefined;
      if (shipped instanceof Error) ctx.report('no-classifier', 'warning', `event classifier not loaded, the patterns alone code: ${shipped.message}`);
      return { events: codeDocument(doc, options) };
    },
  });
