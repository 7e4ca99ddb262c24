import type { Entity, Token } from '../../doc/types.js';
import { defineStage } from '../../pipeline/stage.js';
import { getEntityCues } from './cues.js';
import { entriesForNormal, type GazetteerEntry } from './gazetteer.js';
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

/**
 * Typed entity mentions: first the one precompiled gazetteer (countries, demonyms, IGOs, regions, known
 * people; longest match wins), then proper-noun runs typed by titles, organisation head words, speech
 * verbs, locative prepositions and the city gazetteer.
 */
export const findEntities = () =>
  defineStage({
    name: 'entities',
    version: 3,
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
      for (const sentence of sentences) {
        scan.shouting = isShouting(text, sentence.start, sentence.end);
        scan.sentenceEnd = sentence.tokenEnd;
        scanSentence(scan, sentence.tokenStart, mentions, documentCountries);
      }
      const typing = new RunTyper(scan, documentCountries);
      const typed: Mention[] = [];
      for (const mention of mentions) {
        const result = mention.source === 'proper-noun' ? typing.type(mention) : mention;
        if (result) typed.push(result);
      }
      typing.resolveSurnames(typed);
      const entities: Entity[] = [];
      for (const mention of typed) entities.push(toEntity(text, tokens, mention, entities.length + 1));
      return { entities };
    },
  });

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
