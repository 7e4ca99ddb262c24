import { z } from 'zod';
import { assertNoIssues, knowledgePath, readJsonl, type KnowledgeIssue } from '../../knowledge/files.js';

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
  /** First word of a term → roles starting with it, longest first. */
  byFirstWord: Map<string, Role[]>;
}

const FILE = 'actors/roles.jsonl';

function load(issues: KnowledgeIssue[]): RoleKnowledge {
  const records = readJsonl(knowledgePath(FILE), roleSchema, issues);
  const byFirstWord = new Map<string, Role[]>();
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
    const list = byFirstWord.get(words[0]!) ?? [];
    list.push(role);
    list.sort((a, b) => b.length - a.length);
    byFirstWord.set(words[0]!, list);
  };
  for (const record of records) {
    const pluralByDefault = record.term.endsWith('s') && (record.kind === 'body' || record.kind === 'armed' || record.kind === 'civil');
    add(record.term, record, pluralByDefault);
    if (record.kind === 'office' || record.kind === 'head') add(record.plural ?? `${record.term}s`, record, true);
  }
  return { byFirstWord };
}

/** Validates knowledge/actors/roles.jsonl and returns every problem. */
export function checkActorRoles(): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  load(issues);
  return issues;
}

let cached: RoleKnowledge | undefined;

/** The role lexicon, loaded once per process; throws KnowledgeError when the file is broken. */
export function getActorRoles(): RoleKnowledge {
  if (cached) return cached;
  const issues: KnowledgeIssue[] = [];
  const knowledge = load(issues);
  assertNoIssues(issues);
  return (cached = knowledge);
}

/** The multi-word form of a role found at `words[from]`, longest first. */
export function matchRole(knowledge: RoleKnowledge, words: readonly string[], from: number, kinds?: ReadonlySet<RoleKind>): Role | undefined {
  const candidates = knowledge.byFirstWord.get(words[from]!);
  if (!candidates) return undefined;
  for (const role of candidates) {
    if (kinds && !kinds.has(role.kind)) continue;
    if (from + role.length > words.length) continue;
    let same = true;
    for (let i = 1; i < role.length && same; i += 1) same = words[from + i] === role.words[i];
    if (same) return role;
  }
  return undefined;
}

export function toWords(form: string): string[] {
  return form.replace(/-/g, ' - ').trim().split(/\s+/);
}
