import type { Actor, Entity } from '../../doc/types.js';
import { getActorsKnowledge } from '../../knowledge/actors.js';
import { countryOf, noteCountry, type ResolveContext } from './context.js';
import { matchRole, type Role, type RoleKind } from './roles.js';

const POSSESSIVE = new Set(["'s", '’s', "'", '’']);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those']);
const MODIFIER = new Set<RoleKind>(['modifier']);
const PAIR = new Set<RoleKind>(['pair']);
const OWNER_TYPES = new Set(['COUNTRY', 'NATIONALITY', 'IGO', 'ORG']);

export const ROLE_KINDS = new Set<RoleKind>(['office', 'head', 'body', 'armed']);

/** Who an office or group noun belongs to: a country, an organisation, or "both countries". */
export interface Owner {
  country?: string;
  organisation?: Actor;
  pair?: boolean;
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
  } else {
    const pairStart = pairEndingAt(context, k, sentenceStart);
    if (pairStart !== undefined) {
      owner = { pair: true };
      k = pairStart - 1;
    }
  }
  if (!owner) return undefined;
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
  if (preposition !== 'of' && !(preposition === 'in' && role.kind === 'body')) return undefined;
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
    return { owner: ownerFromEntity(context, entity, organisationOf), end };
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
