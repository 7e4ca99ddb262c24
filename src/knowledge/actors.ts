import { z } from 'zod';
import { defineKnowledge, knowledgePath, readJsonl, type KnowledgeIssue } from './files.js';

const iso3 = z.string().regex(/^[A-Z]{3}$/, 'ISO 3166-1 alpha-3 code');
const isoDate = z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'YYYY or YYYY-MM-DD');
const nonEmpty = z.string().trim().min(1);

export const countrySchema = z.object({
  iso3,
  iso2: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code'),
  name: nonEmpty,
  aliases: z.array(nonEmpty),
  demonyms: z.array(nonEmpty),
  capital: nonEmpty,
  capitalId: z.string().optional(),
  capitalLat: z.number().min(-90).max(90).optional(),
  capitalLon: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** What lat/lon stand for. */
  coordinates: z.enum(['country-centre', 'capital']),
}).strict();

export const igoSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]+$/, 'upper-case code'),
  name: nonEmpty,
  aliases: z.array(nonEmpty),
  sector: z.enum(['IGO', 'NGO']),
  /** CAMEO-style issue code (HLH, REF, MIL …) for specialised bodies. */
  topic: z.string().regex(/^[A-Z]{3}$/).optional(),
}).strict();

/** A building or street whose name stands for the government (or ministry) that sits there. */
export const seatSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case slug'),
  name: nonEmpty,
  aliases: z.array(nonEmpty),
  country: iso3,
  sector: z.string().regex(/^[A-Z]{3}$/),
}).strict();

const roleSchema = z.object({
  title: nonEmpty,
  country: iso3.optional(),
  org: z.string().optional(),
  region: z.string().optional(),
  sector: z.string().regex(/^[A-Z]{3}$/),
  from: isoDate,
  to: isoDate.optional(),
}).strict().refine((role) => role.country || role.org, 'a role needs a country or an org');

export const personSchema = z.object({
  id: z.string().regex(/^person:[a-z0-9-]+$/, 'person:<slug>'),
  name: nonEmpty,
  aliases: z.array(nonEmpty),
  roles: z.array(roleSchema).min(1),
}).strict();

export type Country = z.infer<typeof countrySchema>;
export type Igo = z.infer<typeof igoSchema>;
export type Person = z.infer<typeof personSchema>;
export type Seat = z.infer<typeof seatSchema>;
export type PersonRole = Person['roles'][number];

export interface ActorsKnowledge {
  countries: Country[];
  igos: Igo[];
  people: Person[];
  seats: Seat[];
  countryByIso3: Map<string, Country>;
  countryByIso2: Map<string, Country>;
  igoByCode: Map<string, Igo>;
  personById: Map<string, Person>;
}

function load(issues: KnowledgeIssue[]): ActorsKnowledge {
  const countries = readJsonl(knowledgePath('actors/countries.jsonl'), countrySchema, issues);
  const igos = readJsonl(knowledgePath('actors/igos.jsonl'), igoSchema, issues);
  const people = readJsonl(knowledgePath('actors/people.jsonl'), personSchema, issues);
  const seats = readJsonl(knowledgePath('actors/seats.jsonl'), seatSchema, issues);
  const countryByIso3 = uniqueIndex(countries, (c) => c.iso3, 'actors/countries.jsonl', issues);
  const countryByIso2 = uniqueIndex(countries, (c) => c.iso2, 'actors/countries.jsonl', issues);
  const igoByCode = uniqueIndex(igos, (i) => i.code, 'actors/igos.jsonl', issues);
  const personById = uniqueIndex(people, (p) => p.id, 'actors/people.jsonl', issues);
  for (const person of people) {
    for (const role of person.roles) {
      if (role.country && !countryByIso3.has(role.country)) {
        issues.push({ file: 'knowledge/actors/people.jsonl', line: 0, message: `${person.id}: unknown country ${role.country}` });
      }
      if (role.org && !igoByCode.has(role.org)) {
        issues.push({ file: 'knowledge/actors/people.jsonl', line: 0, message: `${person.id}: unknown org ${role.org}` });
      }
    }
  }
  uniqueIndex(seats, (s) => s.id, 'actors/seats.jsonl', issues);
  for (const seat of seats) {
    if (!countryByIso3.has(seat.country)) issues.push({ file: 'knowledge/actors/seats.jsonl', line: 0, message: `${seat.id}: unknown country ${seat.country}` });
  }
  return { countries, igos, people, seats, countryByIso3, countryByIso2, igoByCode, personById };
}

function uniqueIndex<T>(items: T[], key: (item: T) => string, file: string, issues: KnowledgeIssue[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) issues.push({ file: `knowledge/${file}`, line: 0, message: `duplicate key ${k}` });
    map.set(k, item);
  }
  return map;
}

const actorsKnowledge = defineKnowledge(load);

/** Validates the countries, IGOs, seats of government and people files and returns every problem. */
export const checkActorsKnowledge = actorsKnowledge.check;

/** Countries, IGOs, seats of government and people, loaded once per process; throws KnowledgeError on any problem. */
export const getActorsKnowledge = actorsKnowledge.get;

/** The roles a person held on an ISO date (all roles when no date is given). */
export function rolesOn(person: Person, date?: string): PersonRole[] {
  if (!date) return person.roles;
  const day = date.slice(0, 10);
  return person.roles.filter((role) => role.from.slice(0, 10) <= day && (!role.to || day < role.to.slice(0, 10)));
}
