import type { Entity, Token } from '../../doc/types.js';
import { defineStage } from '../../pipeline/stage.js';
import { getEntityCues } from './cues.js';
import { entriesForNormal, type GazetteerEntry } from './gazetteer.js';
import { shippedNer } from '../../models/ner/load.js';
import { NerTagger, type NerModel } from '../../models/ner/tagger.js';
import { gazetteerNames } from '../../models/ner/lexicon.js';
import { mergeNames } from './named.js';
import { placesByForm } from './place-pairs.js';
import { capitalAt, hasDigit, isLowercased, isShouting, lowerText, matchesAt } from './text.js';
import { RunTyper, type Mention, type Scan } from './typing.js';

const isArticleParticle = (normal: string): boolean => normal === 'al' || normal === 'el';

/** Index of the token ending exactly at `end`, searching forward from token `from` within the sentence. */
function tokenEndingAt(tokens: Token[], from: number, end: number, sentenceEnd: number): number {
  for (let j = from; j < sentenceEnd; j += 1) {
    const tokenEnd = tokens[j]!.end;
    if (tokenEnd === end) return j;
    if (tokenEnd > end) return -1;
  }
  return -1;
}

/** Longest gazetteer name starting at token `i`, ending on a token boundary inside the sentence; -1 for none. */
function matchGazetteer(scan: Scan, i: number): { entry: GazetteerEntry; last: number } | undefined {
  const token = scan.tokens[i]!;
  const entries = entriesForNormal(token.normal);
  if (!entries) return undefined;
  for (const entry of entries) {
    if (entry.caseSensitive && scan.shouting) continue;
    if (!matchesAt(scan.text, scan.lower, token.start, entry.phrase, entry.caseSensitive)) continue;
    const last = tokenEndingAt(scan.tokens, i, token.start + entry.phrase.length, scan.sentenceEnd);
    if (last < 0) continue;
    return { entry, last };
  }
  return undefined;
}

/** How many tokens from j continue a proper-noun run that has reached token j-1 (0: the run ends). */
function continuesRun(scan: Scan, j: number): number {
  const { text, tokens, cues, sentenceEnd } = scan;
  if (j >= sentenceEnd) return 0;
  const token = tokens[j];
  if (!token) return 0;
  const next = j + 1 < sentenceEnd ? tokens[j + 1] : undefined;
  const nextCapital = next !== undefined && capitalAt(text, next.start);
  if (token.normal === '-' && token.start === tokens[j - 1]!.end && next && next.start === token.end && nextCapital) return 2;
  if (nextCapital && cues.particles.has(token.normal)) {
    if (next!.start === token.end + 1 && text.charCodeAt(token.end) === 45) return 0;
    return 1;
  }
  if (isArticleParticle(token.normal) && tokens[j + 1]?.normal === '-' && tokens[j + 1]!.start === token.end) return 1;
  if ((token.pos === 'PROPN' || token.pos === 'NOUN' || token.pos === 'ADJ') && capitalAt(text, token.start) && !hasDigit(token.normal)) return 1;
  return 0;
}

/** "Armenian Defence Ministry", "Russian Armed Forces": a demonym or country that opens an organisation's name. */
function orgTail(scan: Scan, from: number): number {
  let last = -1;
  for (let j = from; j < scan.sentenceEnd && j < from + 4; j += 1) {
    const token = scan.tokens[j]!;
    if (!capitalAt(scan.text, token.start)) break;
    if (scan.cues.orgHeads.has(token.normal)) last = j;
  }
  return last;
}

export interface EntitiesOptions {
  /**
   * The NER model that finds names, or what loads it (the shipped one by default, loaded on first use);
   * `false` finds them by the rules alone (proper-noun runs typed by cues), as before the model.
   */
  ner?: NerModel | (() => NerModel) | false;
}

/** The model to use, or undefined with a warning when it cannot be loaded: then the rules find the names. */
function modelFor(ner: EntitiesOptions['ner'], report: (ruleId: string, severity: 'warning', reason: string) => void): NerModel | undefined {
  if (ner === false) return undefined;
  if (ner && typeof ner !== 'function') return ner;
  try {
    return (ner ?? shippedNer)();
  } catch (error) {
    report('ner-model-unavailable', 'warning', `the NER model could not be loaded (${(error as Error).message}): names were found by the rules alone`);
    return undefined;
  }
}

const taggers = new WeakMap<NerModel, NerTagger>();

/** One tagger per model, so its buffers and remembered forms are shared by every document. */
function taggerFor(model: NerModel): NerTagger {
  let tagger = taggers.get(model);
  if (!tagger) {
    tagger = new NerTagger(model);
    taggers.set(model, tagger);
  }
  return tagger;
}

/**
 * Typed entity mentions. With the NER model (the default): the model's spans, linked and finely typed
 * by the one precompiled gazetteer (countries, demonyms, IGOs, regions, known people) and GeoNames
 * places (see named.ts). Without it: the gazetteer first (longest match wins), then proper-noun runs
 * typed by titles, organisation head words, speech verbs, locative prepositions and the city gazetteer.
 * Either way a dateline's place and "Town, State" pairs are places by their form (place-pairs.ts).
 * A lower-cased text is read by the gazetteer alone either way.
 */
export const findEntities = (options: EntitiesOptions = {}) =>
  defineStage({
    name: 'entities',
    version: 5,
    requires: ['sentences', 'tokens'],
    provides: ['entities'],
    run(doc, ctx) {
      const text = doc.text;
      const tokens = doc.layers.tokens ?? [];
      const sentences = doc.layers.sentences ?? [];
      const lowercase = isLowercased(text, sentences.map((sentence) => sentence.start));
      if (lowercase) {
        ctx.report('lowercase-text', 'warning', 'the text has (almost) no capital letters: names were looked up in the gazetteer whatever their case, and names it does not know were not found');
      }
      const scan: Scan = { text, lower: lowerText(text), tokens, cues: getEntityCues(), shouting: false, lowercase, sentenceEnd: 0 };
      const mentions: Mention[] = [];
      const documentCountries = new Set<string>();
      const model = lowercase ? undefined : modelFor(options.ner, (ruleId, severity, reason) => ctx.report(ruleId, severity, reason));
      for (const sentence of sentences) {
        scan.shouting = isShouting(text, sentence.start, sentence.end);
        scan.sentenceEnd = sentence.tokenEnd;
        if (model) scanSentenceWithModel(scan, taggerFor(model), sentence.tokenStart, mentions, documentCountries);
        else scanSentence(scan, sentence.tokenStart, mentions, documentCountries);
      }
      const typing = new RunTyper(scan, documentCountries);
      const typed: Mention[] = [];
      for (const mention of placesByForm(scan, mentions)) {
        if (mention.source === 'model' && !mention.kb) linkPlace(typing, tokens, mention);
        const result = mention.source === 'proper-noun' ? typing.type(mention) : mention;
        if (result) typed.push(result);
      }
      if (!model) typing.resolveSurnames(typed);
      const entities: Entity[] = [];
      for (const mention of typed) entities.push(toEntity(text, tokens, mention, entities.length + 1));
      return { entities };
    },
  });

/** Prepositions after which a name is where something is or happens ("in Lyon", "near Goma"). */
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'inside', 'around']);

/**
 * A model LOC span takes the GeoNames place it names, when it names one; so does an ORG span right after
 * a preposition of place: the model learnt from sports results, where a city's name stands for its team.
 */
function linkPlace(typing: RunTyper, tokens: Token[], mention: Mention): void {
  const before = mention.first > 0 ? tokens[mention.first - 1] : undefined;
  const afterPreposition = before !== undefined && before.sentence === tokens[mention.first]!.sentence && PLACE_PREPOSITIONS.has(before.normal);
  if (mention.type !== 'PLACE' && !(mention.type === 'ORG' && afterPreposition)) return;
  const kb = typing.place(mention.first, mention.last);
  if (!kb) return;
  mention.kb = kb;
  mention.type = 'PLACE';
}

function toEntity(text: string, tokens: Token[], mention: Mention, index: number): Entity {
  const start = tokens[mention.first]!.start;
  const end = tokens[mention.last]!.end;
  const entity: Entity = { id: `e${index}`, start, end, text: text.slice(start, end), type: mention.type, source: mention.source, confidence: mention.confidence };
  if (mention.kb) entity.kb = mention.kb;
  return entity;
}

/**
 * In a lower-cased text no capital marks a name, so only the gazetteer's names are found, in any case;
 * a one-word name after "a" or "an" is an ordinary noun ("a turkey", "a china plate").
 */
function scanLowercaseSentence(scan: Scan, tokenStart: number, mentions: Mention[], documentCountries: Set<string>): void {
  let i = tokenStart;
  while (i < scan.sentenceEnd) {
    const match = matchGazetteer(scan, i);
    const previous = i > 0 ? scan.tokens[i - 1]!.normal : '';
    if (!match || (match.last === i && (previous === 'a' || previous === 'an'))) {
      i += 1;
      continue;
    }
    const { entry, last } = match;
    if (entry.kb.country && entry.type !== 'PERSON') documentCountries.add(entry.kb.country);
    mentions.push({ first: i, last, type: entry.type, kb: entry.kb, source: 'gazetteer', confidence: 0.6 });
    i = last + 1;
  }
}

/** The model's names of one sentence merged with the gazetteer's (see named.ts), in text order. */
function scanSentenceWithModel(scan: Scan, tagger: NerTagger, tokenStart: number, mentions: Mention[], documentCountries: Set<string>): void {
  const { text, lower, tokens, sentenceEnd } = scan;
  const names = gazetteerNames(text, lower, tokens, tokenStart, sentenceEnd);
  const spans = tagger.tag(text, lower, tokens, tokenStart, sentenceEnd, { names, headline: scan.shouting });
  for (const mention of mergeNames(scan, spans, names)) {
    if (mention.kb?.country && mention.type !== 'PERSON') documentCountries.add(mention.kb.country);
    mentions.push(mention);
  }
}

/** Gazetteer matches and untyped proper-noun runs of one sentence, in text order. */
function scanSentence(scan: Scan, tokenStart: number, mentions: Mention[], documentCountries: Set<string>): void {
  if (scan.lowercase) return scanLowercaseSentence(scan, tokenStart, mentions, documentCountries);
  const { text, tokens, cues, sentenceEnd } = scan;
  let i = tokenStart;
  while (i < sentenceEnd) {
    const token = tokens[i]!;
    if (!capitalAt(text, token.start) && !(isArticleParticle(token.normal) && tokens[i + 1]?.normal === '-')) {
      i += 1;
      continue;
    }
    const match = matchGazetteer(scan, i);
    if (match) {
      const { entry, last } = match;
      const orgEnd = entry.type === 'COUNTRY' || entry.type === 'NATIONALITY' ? orgTail(scan, last + 1) : -1;
      if (orgEnd >= 0) {
        mentions.push({ first: i, last: orgEnd, type: 'ORG', source: 'pattern', confidence: 0.7 });
        i = orgEnd + 1;
        continue;
      }
      if (entry.kb.country && entry.type !== 'PERSON') documentCountries.add(entry.kb.country);
      mentions.push({ first: i, last, type: entry.type, kb: entry.kb, source: 'gazetteer', confidence: entry.caseSensitive ? 0.8 : 0.95 });
      i = last + 1;
      continue;
    }
    if (scan.shouting || token.pos === 'DET' || hasDigit(token.normal) || cues.notNames.has(token.normal)) {
      i += 1;
      continue;
    }
    let last = i;
    for (;;) {
      const step = continuesRun(scan, last + 1);
      if (step === 0) break;
      if (step === 1 && !cues.orgHeads.has(tokens[last + 1]!.normal) && matchGazetteer(scan, last + 1) && orgTail(scan, last + 1) < 0) break;
      last += step;
    }
    while (last > i && cues.particles.has(tokens[last]!.normal)) last -= 1;
    mentions.push({ first: i, last, type: 'OTHER', source: 'proper-noun', confidence: 0 });
    i = last + 1;
  }
}
