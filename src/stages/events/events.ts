import type {
  Actor, CasualtyFigure, DateMention, Doc, Event, EventDate, EventLocation, Place, Quantity, Quote, Sentence, Token,
} from '../../doc/types.js';
import { firstTokenEndingAfter } from '../../doc/token-search.js';
import { getCodebook, type Codebook } from '../../knowledge/codebook.js';
import { getEventMatcher, wordTokens, type CompiledPattern, type PatternMatch } from '../../knowledge/patterns.js';
import { calibrationFeatures, probability } from '../../models/calibration/features.js';
import { shippedCalibration, type CalibrationModel } from '../../models/calibration/load.js';
import { defineStage } from '../../pipeline/stage.js';
import { clauseAround, flagsFor, type ClauseBounds } from './clauses.js';
import {
  attachMediators, conflictParties, dropSelfRecipients, fillUnnamedParties, keepConflictPartyRecipients, orientReciprocal, protestersIn,
  reciprocalAmongSubjects, recipientsFromEventNouns, recodeConflictPartyCalls,
} from './document-roles.js';
import { mergeEvents, type DraftEvent } from './merge.js';
import { buildCandidates, participantKey, toParticipant, type Candidate } from './participants.js';
import { assignRoles, type RoleContext } from './roles.js';
import { documentSetting } from './setting.js';

/** Speech acts whose later triggers in the same clause are their content ("the last chance to withdraw"). */
const SPEECH_ACTS = new Set(['AGREE', 'REQUEST', 'REJECT', 'THREATEN', 'ACCUSE']);
/** PLOVER defines these as statements about the future: "will" is part of them, not a future flag. */
const INHERENTLY_FUTURE = new Set(['AGREE', 'THREATEN', 'REQUEST', 'REJECT']);
const CASUALTY_TYPES = new Set(['ASSAULT', 'COERCE']);
const LOCATION_PREPOSITIONS = new Set(['in', 'at', 'near', 'over', 'inside', 'across', 'throughout', 'outside', 'into']);
const DAY_MS = 86_400_000;
const NONE: ReadonlySet<number> = new Set();

interface DocContext {
  doc: Readonly<Doc>;
  tokens: readonly Token[];
  codebook: Codebook;
  candidates: Candidate[];
  actorsById: Map<string, Actor>;
  quotes: readonly Quote[];
  published: string | undefined;
  /** Mentions grouped by the sentence they start in, so each trigger looks only at its own sentence. */
  datesIn: Map<number, DateMention[]>;
  placesIn: Map<number, Place[]>;
  quantitiesIn: Map<number, Quantity[]>;
}

function bySentence<T extends { start: number }>(tokens: readonly Token[], items: readonly T[]): Map<number, T[]> {
  const buckets = new Map<number, T[]>();
  for (const item of items) {
    const sentence = tokens[firstTokenEndingAfter(tokens, item.start)]?.sentence;
    if (sentence === undefined) continue;
    const list = buckets.get(sentence) ?? [];
    list.push(item);
    buckets.set(sentence, list);
  }
  return buckets;
}

function quoteAt(quotes: readonly Quote[], at: number): Quote | undefined {
  return quotes.find((quote) => quote.start <= at && at < quote.end);
}

/** Where a trigger stands, for the dates and places of its sentence that are its own. */
interface TriggerSite {
  sentence: Sentence;
  /** The trigger's first token. */
  token: number;
  clause: ClauseBounds;
  /** Whether a mention at a token is nearer this trigger than any other of the sentence. */
  owns: (tokenIndex: number) => boolean;
  /** The quote the trigger is reported in: where the event happened is in the quoted words, not the attribution. */
  quote: Quote | undefined;
  /** A material act (quad class 2 or 4): the place it names is where it happened, with or without a preposition. */
  material: boolean;
}

/**
 * A date that modifies a noun ("the March 16 shooting", "Friday’s talks") dates that noun's event only:
 * it follows a determiner or carries a possessive.
 */
function modifiesNoun(tokens: readonly Token[], first: number, last: number): boolean {
  const after = tokens[last + 1]?.normal;
  return tokens[first - 1]?.pos === 'DET' || after === "'s" || after === '’s' || /['’]s$/.test(tokens[last]!.normal);
}

/**
 * The event's own date: the nearest date of the sentence it owns, else one of another trigger of the
 * same clause ("shelled villages on Sunday and arrested dozens": both on Sunday) unless it modifies
 * that event's noun ("sentenced for the March 16 shooting").
 */
function eventDate(ctx: DocContext, site: TriggerSite): { date?: EventDate; historical: boolean } {
  const { sentence, clause } = site;
  const usable = (ctx.datesIn.get(sentence.index) ?? []).flatMap((d) => {
    if (d.end > sentence.end || !d.resolved || !d.value || d.granularity === 'duration') return [];
    return [{ mention: d, token: firstTokenEndingAfter(ctx.tokens, d.start), last: firstTokenEndingAfter(ctx.tokens, d.end - 1) }];
  });
  const owned = usable.filter((d) => site.owns(d.token));
  const candidates = owned.length > 0 ? owned
    : usable.filter((d) => d.token >= clause.wideStart && d.token < clause.wideEnd && !modifiesNoun(ctx.tokens, d.token, d.last));
  // A date after its trigger ("shot at home Thursday") is the usual order: preferred on ties.
  const distance = (token: number) => Math.abs(token - site.token) + (token < site.token ? 0.5 : 0);
  const nearest = candidates.sort((a, b) => distance(a.token) - distance(b.token))[0]?.mention;
  if (nearest?.value) {
    const date: EventDate = { value: nearest.value, granularity: nearest.granularity, basis: 'event', date: nearest.id };
    return { date, historical: isHistorical(nearest.value, ctx.published) };
  }
  if (ctx.published) return { date: { value: ctx.published.slice(0, 10), granularity: 'day', basis: 'report' }, historical: false };
  return { historical: false };
}

/** More than a year before publication, counting from the last day the date can mean. */
function isHistorical(value: string, published: string | undefined): boolean {
  if (!published) return false;
  const [year, month, day] = value.split('-').map(Number);
  if (!year) return false;
  const last = day ? Date.UTC(year, (month ?? 1) - 1, day) : month ? Date.UTC(year, month, 0) : Date.UTC(year, 11, 31);
  const publishedAt = Date.parse(published.slice(0, 10));
  return Number.isFinite(publishedAt) && publishedAt - last > 365 * DAY_MS;
}

/**
 * A place name that is a name of its own, not part of an address or a longer name ("2517 Shasta",
 * "Center St.", "Lincoln Way"): no number before it and no proper noun after it.
 */
function wholeName(tokens: readonly Token[], first: number, last: number): boolean {
  return tokens[first - 1]?.pos !== 'NUM' && tokens[last + 1]?.pos !== 'PROPN';
}

/**
 * The event's place in its sentence: a place it owns after a locative preposition ("in", "near"), or, for
 * a material act, a place (not a country) it names after the trigger in its own clause ("shelled the
 * outskirts of Aleppo", "villages around Donetsk"). An event reported in a quote happened at a place in
 * the quoted words: a place in the attribution is where it was said ("…, the army said in Damascus").
 */
function eventLocation(ctx: DocContext, site: TriggerSite): { location?: EventLocation; score: number } {
  let best: { location: EventLocation; score: number } | undefined;
  const { tokens } = ctx;
  const { sentence, quote } = site;
  for (const place of ctx.placesIn.get(sentence.index) ?? []) {
    if (place.end > sentence.end || (quote && (place.start < quote.start || place.end > quote.end))) continue;
    let before = sentence.tokenStart;
    while (before < sentence.tokenEnd && tokens[before]!.end <= place.start) before += 1;
    let preposition = before - 1;
    while (preposition >= sentence.tokenStart && (tokens[preposition]!.pos === 'DET' || tokens[preposition]!.pos === 'ADJ')) preposition -= 1;
    const locative = preposition >= sentence.tokenStart && LOCATION_PREPOSITIONS.has(tokens[preposition]!.normal);
    const namedByAct = site.material && place.resolution !== 'country' && before > site.token && before < site.clause.end
      && wholeName(tokens, before, firstTokenEndingAfter(tokens, place.end - 1));
    if (!(locative || namedByAct) || !site.owns(before)) continue;
    const distance = Math.abs(before - site.token);
    const score = (before > site.token ? 1 : 0.5) * (locative ? 1 : 0.5) / (1 + distance);
    if (best && best.score >= score) continue;
    const location: EventLocation = { place: place.id, name: place.name, placeId: place.placeId, lat: place.lat, lon: place.lon, resolution: place.resolution, from: 'sentence' };
    if (place.country) location.country = place.country;
    best = { location, score };
  }
  return best ?? { score: 0 };
}

/**
 * Where a statement was made: a place in the attribution of its quote, outside the quoted words
 * ("…," she said during a briefing in Geneva). Verbal events happen where they are said.
 */
function speechLocation(ctx: DocContext, quote: Quote): EventLocation | undefined {
  const at = quote.cue?.start ?? quote.speaker?.start ?? quote.end;
  const sentenceIndex = ctx.tokens[firstTokenEndingAfter(ctx.tokens, at)]?.sentence;
  if (sentenceIndex === undefined) return undefined;
  for (const place of ctx.placesIn.get(sentenceIndex) ?? []) {
    if (place.start >= quote.start && place.end <= quote.end) continue;
    const before = ctx.tokens[firstTokenEndingAfter(ctx.tokens, place.start) - 1];
    if (!before || !LOCATION_PREPOSITIONS.has(before.normal)) continue;
    const location: EventLocation = { place: place.id, name: place.name, placeId: place.placeId, lat: place.lat, lon: place.lon, resolution: place.resolution, from: 'speech' };
    if (place.country) location.country = place.country;
    return location;
  }
  return undefined;
}

function casualtiesIn(ctx: DocContext, sentence: Sentence): Event['casualties'] {
  const found: NonNullable<Event['casualties']> = {};
  for (const quantity of ctx.quantitiesIn.get(sentence.index) ?? []) {
    if (quantity.end > sentence.end || quantity.category === 'other') continue;
    const figure: CasualtyFigure = { min: quantity.min, exact: quantity.exact, text: quantity.text, quantity: quantity.id };
    if (quantity.max !== undefined) figure.max = quantity.max;
    const current = found[quantity.category];
    if (!current || figure.min > current.min) found[quantity.category] = figure;
  }
  return Object.keys(found).length > 0 ? found : undefined;
}

function draftFor(
  ctx: DocContext, sentence: Sentence, match: PatternMatch, words: number[], clause: ClauseBounds, roleCtx: RoleContext,
  owns: (tokenIndex: number) => boolean,
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
  if (flags.negated && !flags.hypothetical && (pattern.negatedAs ?? modality.negated[coding.plover])) {
    coding = pattern.negatedAs ?? modality.negated[coding.plover]!;
    flags.negated = false;
  } else if (flags.future && !flags.negated && !flags.hypothetical && modality.future[coding.plover]) {
    coding = modality.future[coding.plover]!;
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

const RELATION_TYPES = new Set(['SUPPORT', 'COOPERATE', 'AID']);

/** "forces backed by X", "groups funded by Y": a participle after a noun describes a standing relation, not an event. */
function describesRelation(tokens: readonly Token[], match: PatternMatch): boolean {
  if (!RELATION_TYPES.has(match.pattern.plover)) return false;
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
function asksQuestion(tokens: readonly Token[], match: PatternMatch, sentenceEnd: number): boolean {
  if (match.pattern.plover !== 'REQUEST' || match.end - match.start !== 1 || tokens[match.start]!.lemma !== 'ask') return false;
  for (let i = match.end; i < Math.min(sentenceEnd, match.end + QUESTION_REACH); i += 1) {
    const normal = tokens[i]!.normal;
    if (normal === 'to' || normal === 'for' || tokens[i]!.pos === 'PUNCT') return false;
    if (QUESTION_WORDS.has(normal)) return true;
  }
  return false;
}

/** "protested, calling for …", "marched to demand …": after a protest, a demand is its purpose, not an event. */
function statesPurpose(tokens: readonly Token[], match: PatternMatch): boolean {
  if (match.pattern.plover !== 'REQUEST') return false;
  return tokens[match.start]!.normal.endsWith('ing') || tokens[match.start - 1]?.normal === 'to';
}

function codeSentence(ctx: DocContext, sentence: Sentence, sentenceCandidates: Candidate[]): { drafts: DraftEvent[]; mediations: DraftEvent[] } {
  const matches = getEventMatcher().match(ctx.tokens, sentence.tokenStart, sentence.tokenEnd);
  if (matches.length === 0) return { drafts: [], mediations: [] };
  const wordsOf = new Map(matches.map((m) => [m, wordTokens(m, ctx.tokens)]));
  const kept: PatternMatch[] = [];
  const clauseOf = new Map<PatternMatch, ClauseBounds>();
  let contentUntil = -1;
  let protestSeen = false;
  const clauseEndByType = new Map<string, number>();
  for (const match of matches) {
    if (match.start < contentUntil || describesRelation(ctx.tokens, match)) continue;
    if (protestSeen && statesPurpose(ctx.tokens, match)) continue;
    if (asksQuestion(ctx.tokens, match, sentence.tokenEnd)) continue;
    if (match.pattern.plover === 'PROTEST') protestSeen = true;
    const mediation = match.pattern.attach === 'mediator';
    // "fighting between A and B killed 12": a second trigger of the same type in the clause is the same event.
    if (!mediation && match.start < (clauseEndByType.get(match.pattern.plover) ?? -1)) continue;
    const words = wordsOf.get(match)!;
    const clause = clauseAround(ctx.tokens, sentence.tokenStart, sentence.tokenEnd, match.start, (words[words.length - 1] ?? match.start) + 1);
    if (!mediation) clauseEndByType.set(match.pattern.plover, clause.wideEnd);
    if (SPEECH_ACTS.has(match.pattern.plover)) contentUntil = clause.end;
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
    const made = draftFor(ctx, sentence, match, wordsOf.get(match)!, clauseOf.get(match)!, roleCtx, owns);
    if (match.pattern.attach === 'mediator') mediations.push(...made);
    else drafts.push(...made);
  }
  return { drafts, mediations };
}

let patternIndex: Map<string, CompiledPattern> | undefined;
function patternsById(): Map<string, CompiledPattern> {
  return (patternIndex ??= new Map(getEventMatcher().patterns.map((pattern) => [pattern.id, pattern])));
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
  const spoken = new Set(events.flatMap((event) => (event.location?.place && (event.quadClass === 1 || event.quadClass === 3) ? [event.location.place] : [])));
  const setting = documentSetting(doc, spoken);
  for (const event of events) {
    // A material act the sentence does not place happened where the story is set; a statement is placed
    // only where it was made (its sentence or its quote's attribution).
    if (setting && !event.location && !event.historical && (event.quadClass === 2 || event.quadClass === 4)) event.location = { ...setting };
  }
  const calibration = options.calibration ?? shippedCalibration();
  return events.map((event, index) => ({
    ...event,
    id: `event-${index + 1}`,
    ...(calibration ? { confidence: calibratedConfidence(calibration, event, patterns.get(event.pattern)) } : {}),
  }));
}

/** The probability, from the calibration model, that an event is coded right (two decimals). */
function calibratedConfidence(model: CalibrationModel, event: Event, pattern: CompiledPattern | undefined): number {
  const pos: readonly string[] = Array.isArray(pattern?.pos) ? pattern.pos : pattern?.pos ? [pattern.pos] : [];
  const x = calibrationFeatures(event, { words: pattern?.length ?? 1, nominal: pos.includes('NOUN') && !pos.includes('VERB') });
  return Math.round(probability(model.weights, x) * 100) / 100;
}

export interface EventCodingOptions {
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
    version: 2,
    requires: ['sentences', 'tokens', 'entities', 'places', 'dates', 'quantities', 'actors', 'quotes'],
    provides: ['events'],
    run(doc) {
      return { events: codeDocument(doc, options) };
    },
  });
