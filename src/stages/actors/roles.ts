import { z } from 'zod';
import { defineKnowledge, knowledgePath, readJsonl, type KnowledgeIssue } from '../../knowledge/files.js';
import { PhraseIndex } from '../../knowledge/phrase-index.js';

const roleSchema = z.object({
  term: z.string().min(1).regex(/^[a-z.'’-]+( [a-z.'’-]+)*$/, 'lower-case words separated by single spaces'),
  kind: z.enum(['pair', 'office', 'head', 'body', 'armed', 'civil', 'modifier', 'honorific']),
  sector: z.string().regex(/^[A-Z]{3}$/).optional(),
  plural: z.string().min(1).optional(),
});

export type RoleKind = z.infer<typeof roleSchema>['kind'];

export interface Role {
  /** The singular term, used as the actor's role. */
  term: string;
  kind: RoleKind;
  sector?: string;
  plural: boolean;
  /** The matched form as words (hyphens are words of their own, as the tokenizer splits them). */
  words: string[];
  length: number;
}

export interface RoleKnowledge {
  /** Every form of every term (plurals included). */
  forms: PhraseIndex<Role>;
}

const FILE = 'actors/roles.jsonl';

function load(issues: KnowledgeIssue[]): RoleKnowledge {
  const records = readJsonl(knowledgePath(FILE), roleSchema, issues);
  const forms = new PhraseIndex<Role>();
  const seen = new Set<string>();
  const add = (form: string, record: z.infer<typeof roleSchema>, plural: boolean) => {
    const key = `${record.kind}:${form}`;
    if (seen.has(key)) {
      issues.push({ file: FILE, line: 0, message: `duplicate ${record.kind} term "${form}"` });
      return;
    }
    seen.add(key);
    const words = toWords(form);
    const role: Role = { term: record.term, kind: record.kind, plural, words, length: words.length };
    if (record.sector) role.sector = record.sector;
    forms.add(role);
  };
  for (const record of records) {
    const pluralByDefault = record.term.endsWith('s') && (record.kind === 'body' || record.kind === 'armed' || record.kind === 'civil');
    add(record.term, record, pluralByDefault);
    if (record.kind === 'office' || record.kind === 'head') add(record.plural ?? `${record.term}s`, record, true);
  }
  return { forms };
}

const actorRoles = defineKnowledge(load);

/** Validates knowledge/actors/roles.jsonl and returns every problem. */
export const checkActorRoles = actorRoles.check;

/** The role lexicon, loaded once per process; throws KnowledgeError when the file is broken. */
export const getActorRoles = actorRoles.get;

/** The multi-word form of a role found at `words[from]`, longest first. */
export function matchRole(knowledge: RoleKnowledge, words: readonly string[], from: number, kinds?: ReadonlySet<RoleKind>): Role | undefined {
  return knowledge.forms.longestAt(words, from, kinds && ((role) => kinds.has(role.kind)));
}

export function toWords(form: string): string[] {
  return form.replace(/-/g, ' - ').trim().split(/\s+/);
}
