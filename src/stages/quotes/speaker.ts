import type { Actor, Entity, Span, SpeakerRef, Token } from '../../doc/types.js';

const NOUN_PHRASE = new Set(['PROPN', 'NOUN', 'PRON', 'DET', 'ADJ', 'NUM', 'PART']);
const HEADS = new Set(['PROPN', 'NOUN', 'PRON']);
const INSIDE_PHRASE = new Set(['of', '-', "'s", '’s', '.', '&', '(', ')']);
const SKIP_BEFORE_VERB = new Set(['AUX', 'ADV', 'PART']);
/** Subjects that cannot speak: relative and expletive pronouns. */
const NOT_SPEAKERS = new Set(['who', 'which', 'that', 'it', 'there', 'what']);

/** Tokens with what the noun-phrase reader needs: whether each can be part of a phrase, and whether it can be its head. */
export interface PhraseView {
  tokens: readonly Token[];
  nominal: Uint8Array;
  head: Uint8Array;
}

/** Names inside entities or capitalised count as nouns even when the tagger says otherwise ("Rose" as a verb). */
export function phraseView(text: string, tokens: readonly Token[], entities: readonly Entity[]): PhraseView {
  const nominal = new Uint8Array(tokens.length);
  const head = new Uint8Array(tokens.length);
  let e = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    while (e < entities.length && entities[e]!.end <= token.start) e += 1;
    const inEntity = e < entities.length && entities[e]!.start <= token.start;
    const capitalised = token.pos !== 'PUNCT' && i > 0 && tokens[i - 1]!.sentence === token.sentence && isUpper(text.charCodeAt(token.start));
    nominal[i] = NOUN_PHRASE.has(token.pos) || inEntity || capitalised ? 1 : 0;
    head[i] = HEADS.has(token.pos) || inEntity || capitalised ? 1 : 0;
  }
  return { tokens, nominal, head };
}

function isUpper(code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase();
}

/** Token range [start, end) of the noun phrase that ends just before a verb at `verb` (skipping "has", "also", …). */
export function phraseBefore(view: PhraseView, verb: number, limit: number): [number, number] | undefined {
  const { tokens } = view;
  let end = verb;
  while (end - 1 >= limit && SKIP_BEFORE_VERB.has(tokens[end - 1]!.pos) && tokens[end - 1]!.normal !== "'s" && tokens[end - 1]!.normal !== '’s') end -= 1;
  if (end - 1 >= limit && tokens[end - 1]!.normal === ',') {
    // "Okafor, the president, said": the appositive is skipped for the name before it.
    let comma = end - 2;
    while (comma >= limit && comma >= end - 10 && tokens[comma]!.normal !== ',') comma -= 1;
    if (comma < limit || tokens[comma]!.normal !== ',') return undefined;
    const named = phraseEndingAt(view, comma, limit);
    return named;
  }
  return phraseEndingAt(view, end, limit);
}

function phraseEndingAt(view: PhraseView, end: number, limit: number): [number, number] | undefined {
  const { tokens } = view;
  let start = end;
  while (start - 1 >= limit) {
    const token = tokens[start - 1]!;
    if (view.nominal[start - 1] || (INSIDE_PHRASE.has(token.normal) && start < end)) start -= 1;
    else break;
  }
  while (start < end && (tokens[start]!.normal === 'of' || tokens[start]!.pos === 'PART')) start += 1;
  return usable(view, start, end);
}

/** Token range of the noun phrase that starts at `from` ("said Okafor, …", "according to the ministry"). */
export function phraseAfter(view: PhraseView, from: number, limit: number): [number, number] | undefined {
  const { tokens } = view;
  let end = from;
  while (end < limit) {
    const token = tokens[end]!;
    if (view.nominal[end] || (INSIDE_PHRASE.has(token.normal) && end > from)) end += 1;
    else break;
  }
  while (end > from && (tokens[end - 1]!.normal === 'of' || tokens[end - 1]!.pos === 'DET')) end -= 1;
  return usable(view, from, end);
}

function usable(view: PhraseView, start: number, end: number): [number, number] | undefined {
  const { tokens } = view;
  if (end <= start || end - start > 12) return undefined;
  let hasHead = false;
  for (let i = start; i < end; i += 1) if (view.head[i]) hasHead = true;
  if (!hasHead) return undefined;
  if (end - start === 1 && NOT_SPEAKERS.has(tokens[start]!.normal)) return undefined;
  return [start, end];
}

/** The speaker reference for a token range, with the actor and entity its words belong to. */
export function speakerRef(text: string, tokens: readonly Token[], range: [number, number], actors: readonly Actor[], entities: readonly Entity[]): SpeakerRef {
  const start = tokens[range[0]]!.start;
  const end = tokens[range[1] - 1]!.end;
  const ref: SpeakerRef = { text: text.slice(start, end), start, end };
  const actor = bestActor(actors, start, end);
  if (actor) ref.actor = actor;
  const entity = bestEntity(entities, start, end);
  if (entity) ref.entity = entity;
  return ref;
}

/** How well a mention names the speaker of the phrase start..end; 0 when they do not overlap. */
function speakerScore(mention: Span, isPerson: boolean, start: number, end: number): number {
  const overlap = Math.min(end, mention.end) - Math.max(start, mention.start);
  if (overlap <= 0) return 0;
  // The mention that reaches the phrase's head (its end) names the speaker; "Kenya" in "Kenya's president" does not.
  return overlap + (mention.end >= end ? 1000 : 0) + (isPerson ? 1 : 0);
}

function bestActor(actors: readonly Actor[], start: number, end: number): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const actor of actors) {
    for (const mention of actor.mentions) {
      const score = speakerScore(mention, actor.type === 'PERSON', start, end);
      if (score > bestScore) {
        bestScore = score;
        best = actor.id;
      }
    }
  }
  return best;
}

function bestEntity(entities: readonly Entity[], start: number, end: number): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const entity of entities) {
    if (entity.start >= end) break;
    const score = speakerScore(entity, entity.type === 'PERSON', start, end);
    if (score > bestScore) {
      bestScore = score;
      best = entity.id;
    }
  }
  return best;
}
