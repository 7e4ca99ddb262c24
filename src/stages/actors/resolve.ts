import type { Actor, Entity, Sentence, Token } from '../../doc/types.js';
import { ActorBook } from './book.js';
import { getActorsKnowledge, rolesOn } from '../../knowledge/actors.js';
import { buildContext, countriesBefore, countryOf, noteCountry, type ResolveContext } from './context.js';
import { ROLE_KINDS, ownerAfter, ownerBefore, ownerKey, ownerName, titleCase, type Owner } from './offices.js';
import { resolvePronouns } from './pronouns.js';
import { matchRole, toWords, type Role, type RoleKind, type RoleKnowledge } from './roles.js';

const TITLE_KINDS = new Set<RoleKind>(['office', 'head', 'honorific', 'modifier']);
const OFFICE_KINDS = new Set<RoleKind>(['office', 'head']);
const NAME_SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);
const NOMINAL_POS = new Set(['NOUN', 'PROPN']);
const PAIR_KIND = new Set<RoleKind>(['pair']);

/** Groups the document's mentions (names, titles, offices, groups, pronouns) into actors. */
export function resolveActorsIn(text: string, sentences: readonly Sentence[], tokens: readonly Token[], entities: readonly Entity[], roles: RoleKnowledge, published?: string): ReturnType<ActorBook['finish']> {
  const book = new ActorBook();
  // An organisation name that is only a role noun ("Police") is an unowned force or body, resolved as a role phrase.
  const sorted = entities.filter((entity) => !isRoleNoun(roles, entity)).sort((a, b) => a.start - b.start);
  const context = buildContext(text, sentences, tokens, sorted, roles, book);
  if (published) context.published = published;
  const organisationOf = (entity: Entity) => organisationActor(context, entity);
  let next = 0;
  for (const sentence of sentences) {
    while (next < sorted.length && sorted[next]!.start < sentence.start) next += 1;
    for (; next < sorted.length && sorted[next]!.start < sentence.end; next += 1) resolveEntity(context, sorted[next]!, sentence);
    resolveRolePhrases(context, sentence, organisationOf);
    resolvePronouns(context, sentence);
  }
  return book.finish();
}

function isRoleNoun(roles: RoleKnowledge, entity: Entity): boolean {
  if (entity.type !== 'ORG' || entity.kb) return false;
  const words = toWords(entity.text.toLowerCase().replace(/^the\s+/, ''));
  return matchRole(roles, words, 0, ROLE_KINDS)?.length === words.length;
}

function addMention(context: ResolveContext, actor: Actor, start: number, end: number, via: Actor['mentions'][number]['via'], sentence: number): void {
  context.book.mention(actor, { start, end, text: context.text.slice(start, end), via });
  context.mentionSentence.set(start, sentence);
}

function countryActor(context: ResolveContext, country: string): Actor {
  const key = `country:${country}`;
  return context.book.get(key) ?? context.book.create({ name: context.countryNames.get(country) ?? country, type: 'COUNTRY', kbId: key, country }, [key]);
}

function governmentActor(context: ResolveContext, country: string, countryName: string): Actor {
  const key = `gov:${country}`;
  return context.book.get(key) ?? context.book.create({ name: `Government of ${countryName}`, type: 'GOVERNMENT', kbId: `country:${country}`, country, sector: 'GOV' }, [key]);
}

function organisationActor(context: ResolveContext, entity: Entity): Actor {
  const seatOf = entity.kb?.id.startsWith('seat:') && entity.kb.sector === 'GOV' ? entity.kb.country : undefined;
  // "the Kremlin" is the government of Russia, the same actor as "the Russian government".
  if (seatOf) return governmentActor(context, seatOf, context.countryNames.get(seatOf) ?? seatOf);
  const key = entity.kb?.id ?? `org:${entity.text.toLowerCase()}`;
  const existing = context.book.get(key);
  if (existing) return existing;
  const isIgo = entity.type === 'IGO';
  return context.book.create({
    name: entity.kb?.name ?? entity.text, type: isIgo ? 'IGO' : 'ORG', kbId: entity.kb?.id,
    country: entity.kb?.country, sector: entity.kb?.sector ?? (isIgo ? 'IGO' : undefined),
  }, [key]);
}

function resolveEntity(context: ResolveContext, entity: Entity, sentence: Sentence): void {
  const country = countryOf(entity);
  switch (entity.type) {
    case 'COUNTRY':
      if (!country) return;
      noteCountry(context, country, entity.start);
      addMention(context, countryActor(context, country), entity.start, entity.end, 'name', sentence.index);
      return;
    case 'NATIONALITY': {
      if (!country) return;
      noteCountry(context, country, entity.start);
      const range = context.entityTokens.get(entity.id);
      const after = range ? context.tokens[range[1]] : undefined;
      const standsAlone = !after || after.sentence !== sentence.index || !NOMINAL_POS.has(after.pos) && after.normal !== '-';
      if (entity.text.endsWith('s') && standsAlone) {
        const key = `people:${country}`;
        const people = context.book.get(key) ?? context.book.create({ name: entity.text, type: 'PEOPLE', country, sector: 'CVL' }, [key]);
        addMention(context, people, entity.start, entity.end, 'demonym', sentence.index);
      }
      return;
    }
    case 'IGO':
    case 'ORG':
      addMention(context, organisationActor(context, entity), entity.start, entity.end, 'name', sentence.index);
      return;
    case 'PERSON':
      resolvePerson(context, entity, sentence);
      return;
    default:
  }
}

function resolvePerson(context: ResolveContext, entity: Entity, sentence: Sentence): void {
  const { book } = context;
  const pieces = [...entity.text.matchAll(/[^\s-]+|-/g)];
  let first = 0;
  let title: Role | undefined;
  while (first < pieces.length) {
    const words = pieces.slice(first).map((piece) => piece[0].toLowerCase());
    const role = matchRole(context.roles, words, 0, TITLE_KINDS);
    if (!role || first + role.length >= pieces.length) break;
    if (role.kind === 'office' || role.kind === 'head') title = role;
    first += role.length;
  }
  const nameStart = pieces[first]?.index ?? 0;
  const name = entity.text.slice(nameStart).replace(/['’]s$/, '').trim();
  const nameWords = toWords(name.toLowerCase()).filter((word) => word !== '-' && !NAME_SUFFIXES.has(word.replace(/,$/, '')));
  if (nameWords.length === 0) return;
  const full = nameWords.join(' ');
  const surname = nameWords[nameWords.length - 1]!;
  const kbKey = entity.kb?.id ? `kb:${entity.kb.id}` : undefined;
  let via: Actor['mentions'][number]['via'] = 'name';
  let actor = (kbKey && book.get(kbKey)) || book.get(`name:${full}`);
  if (actor && kbKey && !book.get(`name:${full}`)) via = 'alias';
  if (!actor && nameWords.length === 1) {
    actor = book.get(`surname:${surname}`);
    if (actor) via = 'surname';
  }
  if (!actor) {
    actor = book.create({ name, type: 'PERSON', kbId: entity.kb?.id, country: entity.kb?.country, sector: entity.kb?.sector }, []);
    takeKnownOffice(context, actor, entity);
  }
  book.addKey(`name:${full}`, actor);
  if (kbKey) book.addKey(kbKey, actor);
  if (nameWords.length > 1) for (const key of [`surname:${surname}`]) book.addKey(key, actor);
  addMention(context, actor, entity.start, entity.end, via, sentence.index);
  if (title) {
    const [startToken] = context.entityTokens.get(entity.id) ?? [0];
    const owner = ownerBefore(context, startToken, sentence.tokenStart, (e) => organisationActor(context, e));
    giveOffice(context, actor, title, owner?.owner ?? {}, owner?.sector);
  }
}

/**
 * A person the knowledge base knows (people.jsonl, by the entity's kb id) gets the office held on the
 * publication date, and takes over an unnamed actor the document made for that office ("the head of the WHO").
 */
function takeKnownOffice(context: ResolveContext, person: Actor, entity: Entity): void {
  const known = entity.kb?.id ? getActorsKnowledge().personById.get(entity.kb.id) : undefined;
  const roles = known ? rolesOn(known, context.published) : [];
  const current = roles.find((role) => !role.to) ?? roles[roles.length - 1];
  if (!current) {
    if (entity.kb?.sector?.startsWith('IGO')) mergeUnnamedHead(context, person, (actor) => actor.sector?.startsWith('IGO') === true);
    return;
  }
  person.country ??= current.country;
  person.sector ??= current.sector;
  const role = matchRole(context.roles, toWords(current.title.toLowerCase()), 0, OFFICE_KINDS);
  if (role && role.length === toWords(current.title).length) person.role ??= role.term;
  else person.role ??= current.title.toLowerCase();
  if (current.org) {
    person.organisation ??= `igo:${current.org}`;
    mergeUnnamedHead(context, person, (actor) => actor.kbId === `igo:${current.org}`);
    context.book.addKey(`office:${person.role}:o:igo:${current.org}`, person);
  } else if (current.country && role) {
    giveOffice(context, person, role, { country: current.country });
  }
}

function mergeUnnamedHead(context: ResolveContext, person: Actor, test: (actor: Actor) => boolean): void {
  const heads = context.book.actors.filter((actor) => context.book.isSynthetic(actor) && actor.type === 'PERSON' && test(actor));
  if (heads.length === 1) context.book.merge(heads[0]!, person);
}

/** Records that `person` holds `role`, merging any unnamed actor the document made for that office. */
function giveOffice(context: ResolveContext, person: Actor, role: Role, givenOwner: Owner, sectorOverride?: string): void {
  const owner: Owner = ownerKey(givenOwner) || !person.country ? givenOwner : { country: person.country };
  person.role ??= role.term;
  if (owner.country) person.country ??= owner.country;
  if (owner.organisation) {
    person.sector ??= owner.organisation.sector ?? 'IGO';
    person.organisation ??= owner.organisation.kbId;
  }
  person.sector ??= sectorOverride ?? role.sector;
  const key = `office:${role.term}:${ownerKey(owner)}`;
  let holder = context.book.get(key);
  if (!ownerKey(owner)) {
    const unnamed = context.book.actors.filter((actor) => context.book.isSynthetic(actor) && actor.role === role.term);
    if (unnamed.length === 1) holder = unnamed[0];
  }
  if (holder && holder !== person && context.book.isSynthetic(holder)) context.book.merge(holder, person);
  if (ownerKey(owner)) context.book.addKey(key, person);
}

function resolveRolePhrases(context: ResolveContext, sentence: Sentence, organisationOf: (entity: Entity) => Actor | undefined): void {
  const { words, tokens } = context;
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
    if (context.insideEntity[i]) continue;
    const role = matchRole(context.roles, words, i, ROLE_KINDS);
    if (!role) {
      i = standalonePair(context, sentence, i) ?? i;
      continue;
    }
    const last = i + role.length - 1;
    if (!NOMINAL_POS.has(tokens[last]!.pos) && role.length === 1 && role.kind !== 'body') continue;
    let start = i;
    let end = last + 1;
    const before = ownerBefore(context, i, sentence.tokenStart, organisationOf);
    let owner: Owner = before?.owner ?? {};
    if (before) start = before.start;
    else if (i > sentence.tokenStart && ['the', 'its', 'their'].includes(words[i - 1]!)) start = i - 1;
    if (!before || (!ownerKey(owner) && !owner.pair)) {
      const after = ownerAfter(context, end, sentence.tokenEnd, role, organisationOf);
      if (after) {
        owner = after.owner;
        end = after.end;
      }
    }
    const span = { start: tokens[start]!.start, end: tokens[end - 1]!.end };
    resolveRole(context, sentence, role, owner, span, before?.sector, start, end);
    i = end - 1;
  }
}

/** Tokens after which a pair phrase stands alone as a noun phrase ("both sides agreed", "talks between the two countries."). */
const AFTER_NOUN_PHRASE = new Set(['VERB', 'AUX', 'PUNCT', 'ADP', 'CCONJ', 'ADV']);

/**
 * "Both sides agreed", "the two delegations met": a pair phrase standing alone (not the owner of an
 * office, "both countries' ministers") is the group of the two countries last mentioned. Returns the
 * last token it covers.
 */
function standalonePair(context: ResolveContext, sentence: Sentence, at: number): number | undefined {
  const pair = matchRole(context.roles, context.words, at, PAIR_KIND);
  if (!pair) return undefined;
  const end = at + pair.length;
  const next = context.tokens[end];
  if (end < sentence.tokenEnd && next && !AFTER_NOUN_PHRASE.has(next.pos)) return undefined;
  const start = at > sentence.tokenStart && context.words[at - 1] === 'the' ? at - 1 : at;
  const span = { start: context.tokens[start]!.start, end: context.tokens[end - 1]!.end };
  resolveRole(context, sentence, pair, { pair: true }, span, undefined, start, end);
  return end - 1;
}

function resolveRole(context: ResolveContext, sentence: Sentence, role: Role, owner: Owner, span: { start: number; end: number }, sectorOverride: string | undefined, startToken: number, endToken: number): void {
  const { book } = context;
  const sector = sectorOverride ?? (owner.organisation && role.kind === 'head' ? owner.organisation.sector ?? 'IGO' : role.sector);
  if (owner.pair) {
    const members = owner.members ?? countriesBefore(context, span.start, 2);
    if (members.length < 2) return;
    const memberIds = members.map((country) => countryActor(context, country).id);
    const key = `group:${sector}:${[...members].sort().join('+')}`;
    const group = book.get(key) ?? book.create({ name: context.text.slice(span.start, span.end).replace(/^the\s+/i, ''), type: 'GROUP', sector, role: role.term, members: memberIds }, [key]);
    addMention(context, group, span.start, span.end, 'nominal', sentence.index);
    return;
  }
  if (role.kind === 'armed') {
    if (!owner.country && sector !== 'REB') {
      // "the army" after "Mali's army" is that army; other unowned forces belong to the country the document is about.
      const earlier = latestActor(context, (actor) => actor.type === 'ARMED_GROUP' && actor.sector === sector && actor.country !== undefined);
      if (earlier) {
        addMention(context, earlier, span.start, span.end, 'nominal', sentence.index);
        return;
      }
      if (!context.dominantCountry) return;
      owner = { country: context.dominantCountry };
    }
    const key = `armed:${owner.country ?? ''}:${sector}:${owner.country ? '' : role.term}`;
    const name = context.text.slice(span.start, span.end).replace(/^(the|its|their)\s+/i, '');
    const group = book.get(key) ?? book.create({ name, type: 'ARMED_GROUP', country: owner.country, sector, role: role.term }, [key]);
    addMention(context, group, span.start, span.end, 'nominal', sentence.index);
    return;
  }
  if (role.kind === 'civil' || (role.plural && !owner.country && sectorOverride)) {
    // Protesters, or "opposition leaders": a collective of the place they are in or of the document's country.
    const country = owner.country ?? context.dominantCountry;
    const key = `collective:${country ?? ''}:${sector ?? ''}`;
    const name = context.text.slice(span.start, span.end).replace(/^(the|its|their)\s+/i, '');
    const collective = book.get(key) ?? book.create({ name, type: role.kind === 'civil' ? 'PEOPLE' : 'GROUP', country, sector, role: role.term }, [key]);
    addMention(context, collective, span.start, span.end, 'nominal', sentence.index);
    return;
  }
  if (role.kind === 'body' || role.plural) {
    if (!owner.country) {
      const latest = role.term === 'government' ? latestActor(context, (actor) => actor.type === 'GOVERNMENT') : undefined;
      if (latest) addMention(context, latest, span.start, span.end, 'nominal', sentence.index);
      return;
    }
    const government = governmentActor(context, owner.country, ownerName(context, owner));
    addMention(context, government, span.start, span.end, 'nominal', sentence.index);
    return;
  }
  const person = namedPersonNextTo(context, sentence, startToken, endToken);
  if (person) {
    giveOffice(context, person, role, owner, sectorOverride);
    addMention(context, person, span.start, span.end, 'title', sentence.index);
    return;
  }
  const key = `office:${role.term}:${ownerKey(owner)}`;
  let holder = ownerKey(owner) ? book.get(key) ?? knownHolder(context, role, owner) : latestActor(context, (actor) => actor.type === 'PERSON' && actor.role === role.term);
  if (!holder && ownerKey(owner) && role.term !== 'counterpart') {
    const kbId = owner.country ? `country:${owner.country}` : owner.organisation?.kbId;
    holder = book.create({ name: `${titleCase(role.term)} of ${ownerName(context, owner)}`, type: 'PERSON', kbId, country: owner.country, organisation: owner.organisation?.kbId, sector, role: role.term }, [key], true);
  }
  if (holder) addMention(context, holder, span.start, span.end, 'nominal', sentence.index);
}

/** "President Jane Okafor", "Kenya's president, Jane Okafor" and "Jane Okafor, Kenya's president": the person the title belongs to. */
function namedPersonNextTo(context: ResolveContext, sentence: Sentence, startToken: number, endToken: number): Actor | undefined {
  const { words } = context;
  let after = context.entityStartingAt.get(endToken);
  if (!after && words[endToken] === ',') after = context.entityStartingAt.get(endToken + 1);
  if (after?.type === 'PERSON' && endToken < sentence.tokenEnd) return actorOfMentionAt(context, after.start);
  if (startToken - 2 >= sentence.tokenStart && words[startToken - 1] === ',') {
    const before = context.entityEndingAt.get(startToken - 2);
    if (before?.type === 'PERSON') return actorOfMentionAt(context, before.start);
  }
  return undefined;
}

function actorOfMentionAt(context: ResolveContext, start: number): Actor | undefined {
  for (let i = context.book.mentions.length - 1; i >= 0; i -= 1) {
    const entry = context.book.mentions[i]!;
    if (entry.mention.start === start && entry.actor.type === 'PERSON') return entry.actor;
  }
  return undefined;
}

function latestActor(context: ResolveContext, test: (actor: Actor) => boolean): Actor | undefined {
  for (let i = context.book.mentions.length - 1; i >= 0; i -= 1) {
    const actor = context.book.mentions[i]!.actor;
    if (test(actor)) return actor;
  }
  return undefined;
}

/** A named person already in the document who holds the office: same role and country, or the only government person of that country. */
function knownHolder(context: ResolveContext, role: Role, owner: Owner): Actor | undefined {
  if (!owner.country) return undefined;
  const people = context.book.actors.filter((actor) => actor.type === 'PERSON' && actor.country === owner.country && !context.book.isSynthetic(actor));
  const sameRole = people.filter((actor) => actor.role === role.term);
  if (sameRole.length === 1) return claim(context, sameRole[0]!, role, owner);
  const unassigned = people.filter((actor) => !actor.role && actor.sector === role.sector);
  return unassigned.length === 1 && sameRole.length === 0 ? claim(context, unassigned[0]!, role, owner) : undefined;
}

function claim(context: ResolveContext, person: Actor, role: Role, owner: Owner): Actor {
  person.role ??= role.term;
  context.book.addKey(`office:${role.term}:${ownerKey(owner)}`, person);
  return person;
}
