import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineKnowledge, knowledgePath, type KnowledgeIssue } from '../../knowledge/files.js';

const words = z.array(z.string().trim().min(1));
const cuesSchema = z.object({
  titles: words, orgHeads: words, speechVerbs: words, particles: words, locatives: words, notNames: words,
  /** Last words that make a name a place ("Barrack Street", "Madina Lake"). */
  placeHeads: words,
  /** Last words of events, awards and documents, which are neither people nor places ("Camp David Accords"). */
  otherHeads: words,
}).strict();

/** Word lists that type a proper-noun run: each a Set of lower-case words. */
export type EntityCues = { [K in keyof z.infer<typeof cuesSchema> | 'givenNames']: ReadonlySet<string> };

const FILE = 'actors/entity-cues.json';
const GIVEN_NAMES = 'actors/given-names.txt';

/** One lower-case given name a line; '#' starts a comment line. */
function loadGivenNames(issues: KnowledgeIssue[]): ReadonlySet<string> {
  const names = new Set<string>();
  let text: string;
  try {
    text = readFileSync(knowledgePath(GIVEN_NAMES), 'utf8');
  } catch (error) {
    issues.push({ file: `knowledge/${GIVEN_NAMES}`, line: 1, message: (error as Error).message });
    return names;
  }
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (!/^[\p{Ll}'-]+$/u.test(line)) issues.push({ file: `knowledge/${GIVEN_NAMES}`, line: index + 1, message: `not one lower-case name: ${line}` });
    else if (names.has(line)) issues.push({ file: `knowledge/${GIVEN_NAMES}`, line: index + 1, message: `duplicate ${line}` });
    names.add(line);
  });
  return names;
}

function load(issues: KnowledgeIssue[]): EntityCues | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(knowledgePath(FILE), 'utf8'));
  } catch (error) {
    issues.push({ file: `knowledge/${FILE}`, line: 1, message: (error as Error).message });
    return undefined;
  }
  const parsed = cuesSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push({ file: `knowledge/${FILE}`, line: 1, message: `${issue.path.join('.')}: ${issue.message}` });
    return undefined;
  }
  const lower = (list: string[]): ReadonlySet<string> => new Set(list.map((word) => word.toLowerCase()));
  const data = parsed.data;
  return {
    titles: lower(data.titles), orgHeads: lower(data.orgHeads), speechVerbs: lower(data.speechVerbs),
    particles: lower(data.particles), locatives: lower(data.locatives), notNames: lower(data.notNames),
    placeHeads: lower(data.placeHeads), otherHeads: lower(data.otherHeads), givenNames: loadGivenNames(issues),
  };
}

const entityCues = defineKnowledge(load);

/** Validates the entity cue and given-name files and returns every problem. */
export const checkEntityCues = entityCues.check;

/** The entity cues, loaded once per process; throws KnowledgeError when a file is broken. */
export const getEntityCues = entityCues.get;
