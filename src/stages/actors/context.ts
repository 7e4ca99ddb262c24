import { firstTokenStartingAtOrAfter } from '../../doc/token-search.js';
import type { Entity, Sentence, Token } from '../../doc/types.js';
import type { ActorBook } from './book.js';
import type { RoleKnowledge } from './roles.js';

/** What the resolver knows about one document while it walks through it. */
export interface ResolveContext {
  text: string;
  tokens: readonly Token[];
  /** Lower-case token forms, indexable like `tokens`. */
  words: string[];
  sentences: readonly Sentence[];
  roles: RoleKnowledge;
  book: ActorBook;
  /** Entity beginning at a token index, and entity whose last token is at an index. */
  entityStartingAt: Map<number, Entity>;
  entityEndingAt: Map<number, Entity>;
  /** Token index range of each entity, by entity id. */
  entityTokens: Map<string, [number, number]>;
  /** Tokens covered by any entity. */
  insideEntity: Uint8Array;
  /** Every country mention in text order, with its offset, for "both countries". */
  countryMentions: Array<{ country: string; at: number }>;
  /** Date the roles of known people are read on (the publication date), when known. */
  published?: string;
  countryNames: Map<string, string>;
  /** Sentence index of each mention start, for pronoun look-back. */
  mentionSentence: Map<number, number>;
  /** The country the document is about, when one country clearly outweighs all others in its mentions and places. */
  dominantCountry?: string;
}

export function buildContext(text: string, sentences: readonly Sentence[], tokens: readonly Token[], entities: readonly Entity[], roles: RoleKnowledge, book: ActorBook): ResolveContext {
  const context: ResolveContext = {
    text, tokens, sentences, roles, book,
    words: tokens.map((token) => token.normal),
    entityStartingAt: new Map(), entityEndingAt: new Map(), entityTokens: new Map(),
    insideEntity: new Uint8Array(tokens.length),
    countryMentions: [], countryNames: new Map(), mentionSentence: new Map(),
  };
  const countryNames = new Map<string, string>();
  const countryCounts = new Map<string, number>();
  for (const entity of entities) {
    const first = firstTokenStartingAtOrAfter(tokens, entity.start);
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.end <= entity.end) last += 1;
    if (first >= tokens.length || tokens[first]!.start >= entity.end) continue;
    context.entityTokens.set(entity.id, [first, last + 1]);
    if (!context.entityStartingAt.has(first)) context.entityStartingAt.set(first, entity);
    context.entityEndingAt.set(last, entity);
    for (let i = first; i <= last; i += 1) context.insideEntity[i] = 1;
    const country = countryOf(entity);
    if (country && COUNTED_TYPES.has(entity.type)) countryCounts.set(country, (countryCounts.get(country) ?? 0) + 1);
    if (entity.type === 'COUNTRY' && country) countryNames.set(country, entity.kb?.name ?? entity.text);
    // A demonym's kb link names its country ("Kenyan" → Kenya); a country's own mention wins.
    if (entity.type === 'NATIONALITY' && country && entity.kb?.id === `country:${country}` && !countryNames.has(country)) countryNames.set(country, entity.kb.name);
  }
  for (const [country, name] of countryNames) context.countryNames.set(country, name);
  const dominant = dominantOf(countryCounts);
  if (dominant) context.dominantCountry = dominant;
  return context;
}

const COUNTED_TYPES = new Set<Entity['type']>(['COUNTRY', 'NATIONALITY', 'PLACE']);
/** How many times more mentions the dominant country needs than the runner-up. */
const DOMINANCE = 3;

function dominantOf(counts: ReadonlyMap<string, number>): string | undefined {
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (!top) return undefined;
  // One mention is too little to say what a document is about.
  return top[1] >= 2 && top[1] >= DOMINANCE * (second?.[1] ?? 0) ? top[0] : undefined;
}

/** ISO3 of the country an entity stands for or belongs to. */
export function countryOf(entity: Entity): string | undefined {
  if (entity.kb?.country) return entity.kb.country;
  if (entity.kb?.id.startsWith('country:')) return entity.kb.id.slice('country:'.length);
  return undefined;
}

export function noteCountry(context: ResolveContext, country: string, at: number): void {
  context.countryMentions.push({ country, at });
}

/** The last `count` distinct countries mentioned before offset `before`, most recent last. */
export function countriesBefore(context: ResolveContext, before: number, count: number): string[] {
  const found: string[] = [];
  for (let i = context.countryMentions.length - 1; i >= 0 && found.length < count; i -= 1) {
    const { country, at } = context.countryMentions[i]!;
    if (at < before && !found.includes(country)) found.unshift(country);
  }
  return found;
}
