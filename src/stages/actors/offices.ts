import type { Actor, Entity } from '../../doc/types.js';
import { getActorsKnowledge } from '../../knowledge/actors.js';
import { countryOf, noteCountry, type ResolveContext } from './context.js';
import { matchRole, type Role, type RoleKind } from './roles.js';

const POSSESSIVE = new Set(["'s", '’s', "'", '’']);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those']);
const MODIFIER = new Set<RoleKind>(['modifier']);
const PAIR = new Set<RoleKind>(['pair']);
const OWNER_TYPES = new Set(['COUNTRY', 'NATIONALITY', 'IGO', 'ORG']);

export const ROLE_KINDS = new Set<RoleKind>(['office', 'head', 'body', 'armed', 'civil']);
/**
 * Roles whose owner may be given by where they are ("the government in Kabul", "protesters in Lima",
 * "police in Belgrade"); troops in a place are often foreign ones, so armed roles only when they are police.
 */
function ownedByPlace(role: Role): boolean {
  return role.kind === 'body' || role.kind === 'civil' || (role.kind === 'armed' && role.sector === 'COP');
}

/** Who an office or group noun belongs to: a country, an organisation, or "both countries". */
export interface Owner {
  country?: string;
  organisation?: Actor;
  pair?: boolean;
  /** The countries of a coordinated owner ("of Kenya and Ethiopia", "Kenya and Ethiopia's"), with `pair`. */
  members?: string[];
}

export interface OwnerMatch {
  owner: Owner;
  /** First token of the whole phrase (determiner, owner, modifiers). */
  start: number;
  sector?: string;
}

/** Reads an owner written before token `at`: "Kenya's", "the Kenyan", "ethnic Kenyan", "Kenyan-backed", "both countries'". */
export function ownerBefore(context: ResolveContext, at: number, sentenceStart: number, organisationOf: (entity: Entity) => Actor | undefined): OwnerMatch | undefined {
  const { words } = context;
  let k = at - 1;
  let sector: string | undefined;
  while (k >= sentenceStart) {
    const modifier = matchRole(context.roles, words, k, MODIFIER);
    if (modifier && modifier.length === 1) {
      sector ??= modifier.sector;
      k -= 1;
    } else if (words[k] === '-' && k + 1 < at) {
      k -= 1;
    } else break;
  }
  if (k >= sentenceStart && POSSESSIVE.has(words[k]!)) k -= 1;
  let owner: Owner | undefined;
  const entity = k >= sentenceStart ? context.entityEndingAt.get(k) : undefined;
  if (entity && OWNER_TYPES.has(entity.type)) {
    owner = ownerFromEntity(context, entity, organisationOf);
    k = context.entityTokens.get(entity.id)![0] - 1;
    const earlier = k - 1 >= sentenceStart && words[k] === 'and' ? context.entityEndingAt.get(k - 1) : undefined;
    const first = earlier ? countryOf(earlier) : undefined;
    if (earlier && first && owner.country && first !== owner.country) {
      noteCountry(context, first, earlier.start);
      owner = { pair: true, members: [first, owner.country] };
      k = context.entityTokens.get(earlier.id)![0] - 1;
    }
  } else {
    const pairStart = pairEndingAt(context, k, sentenceStart);
    if (pairStart !== undefined) {
      owner = { pair: true };
      k = pairStart - 1;
    }
  }
  // "opposition leaders", "separatist rebels": no owner, but the modifier still says whose side they are on.
  if (!owner) return sector ? { owner: {}, start: k + 1, sector } : undefined;
  while (k >= sentenceStart) {
    if (DETERMINERS.has(words[k]!)) {
      k -= 1;
      continue;
    }
    const modifier = matchRole(context.roles, words, k, MODIFIER);
    if (modifier?.length !== 1) break;
    sector ??= modifier.sector;
    k -= 1;
  }
  return { owner, start: k + 1, ...(sector ? { sector } : {}) };
}

/** Reads an owner written after token `at` ("of Kenya", "of the WHO", "of both countries", "in Nairobi"); returns it and the end token. */
export function ownerAfter(context: ResolveContext, at: number, sentenceEnd: number, role: Role, organisationOf: (entity: Entity) => Actor | undefined): { owner: Owner; end: number } | undefined {
  const { words } = context;
  const preposition = words[at];
  if (preposition !== 'of' && !(preposition === 'in' && ownedByPlace(role))) return undefined;
  let j = at + 1;
  if (words[j] === 'the') j += 1;
  if (j >= sentenceEnd) return undefined;
  const entity = context.entityStartingAt.get(j);
  if (entity) {
    const [, end] = context.entityTokens.get(entity.id)!;
    if (preposition === 'in') {
      const country = countryOf(entity);
      return country && (entity.type === 'PLACE' || entity.type === 'COUNTRY') ? { owner: { country }, end } : undefined;
    }
    if (!OWNER_TYPES.has(entity.type)) return undefined;
    const owner = ownerFromEntity(context, entity, organisationOf);
    const second = words[end] === 'and' && end + 1 < sentenceEnd ? context.entityStartingAt.get(end + 1) : undefined;
    const other = second && OWNER_TYPES.has(second.type) ? countryOf(second) : undefined;
    if (second && other && owner.country && other !== owner.country) {
      noteCountry(context, other, second.start);
      return { owner: { pair: true, members: [owner.country, other] }, end: context.entityTokens.get(second.id)![1] };
    }
    return { owner, end };
  }
  const pair = preposition === 'of' ? matchRole(context.roles, words, j, PAIR) : undefined;
  if (pair && j + pair.length <= sentenceEnd) return { owner: { pair: true }, end: j + pair.length };
  return undefined;
}

function ownerFromEntity(context: ResolveContext, entity: Entity, organisationOf: (entity: Entity) => Actor | undefined): Owner {
  if (entity.type === 'IGO' || entity.type === 'ORG') {
    const organisation = organisationOf(entity);
    return organisation ? { organisation } : {};
  }
  const country = countryOf(entity);
  if (country) noteCountry(context, country, entity.start);
  return country ? { country } : {};
}

function pairEndingAt(context: ResolveContext, k: number, sentenceStart: number): number | undefined {
  for (let length = 1; length <= 3; length += 1) {
    const start = k - length + 1;
    if (start < sentenceStart) return undefined;
    const pair = matchRole(context.roles, context.words, start, PAIR);
    if (pair && pair.length === length) {
      return start > sentenceStart && context.words[start - 1] === 'the' ? start - 1 : start;
    }
  }
  return undefined;
}

export function ownerKey(owner: Owner): string {
  if (owner.country) return `c:${owner.country}`;
  if (owner.organisation) return `o:${owner.organisation.kbId ?? owner.organisation.name}`;
  return '';
}

export function ownerName(context: ResolveContext, owner: Owner): string {
  if (owner.country) return context.countryNames.get(owner.country) ?? getActorsKnowledge().countryByIso3.get(owner.country)?.name ?? owner.country;
  return owner.organisation?.name ?? '';
}

export function titleCase(term: string): string {
  return term.replace(/(^|[\s-])([a-z])/g, (_, space: string, letter: string) => space + letter.toUpperCase());
}
