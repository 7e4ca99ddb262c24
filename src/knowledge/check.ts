import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { checkFurniture } from '../ingest/furniture.js';
import { checkImpliedActors } from '../stages/events/carry-over.js';
import { checkActorRoles } from '../stages/actors/roles.js';
import { checkEntityCues } from '../stages/entities/cues.js';
import { checkQuantityLexicon } from '../stages/quantities/lexicon.js';
import { checkSpeechVerbs } from '../stages/quotes/speech-verbs.js';
import { checkAdmin1, checkPlaceNames } from './admin1.js';
import { checkActorsKnowledge } from './actors.js';
import { checkCodebook } from './codebook.js';
import { knowledgeDir, type KnowledgeIssue } from './files.js';
import { checkPatterns } from './patterns.js';
import { checkPlaces } from './places.js';

const manifestSchema = z.object({
  name: z.string(),
  version: z.string().regex(/^\d{4}\.\d+\.\d+$/, 'version is YEAR.MINOR.PATCH'),
  files: z.array(z.object({
    path: z.string(),
    what: z.string().min(1),
    source: z.string().min(1),
    licence: z.string().min(1),
  }).strict()),
});

export type KnowledgeManifest = z.infer<typeof manifestSchema>;

let manifest: KnowledgeManifest | undefined;

/** The manifest of the shipped knowledge: its version is recorded with every stage that reads it. */
export function knowledgeManifest(): KnowledgeManifest {
  return (manifest ??= manifestSchema.parse(JSON.parse(readFileSync(join(knowledgeDir(), 'manifest.json'), 'utf8'))));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]);
}

/** The manifest names every knowledge file exactly once, with its source and licence. */
function checkManifest(): KnowledgeIssue[] {
  const dir = knowledgeDir();
  const file = 'knowledge/manifest.json';
  let parsed: KnowledgeManifest;
  try {
    parsed = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  } catch (error) {
    return [{ file, line: 1, message: error instanceof Error ? error.message : String(error) }];
  }
  const issues: KnowledgeIssue[] = [];
  const listed = new Set(parsed.files.map((f) => f.path));
  const present = new Set(filesUnder(dir).map((path) => relative(dir, path)).filter((path) => path !== 'manifest.json'));
  for (const path of present) if (!listed.has(path)) issues.push({ file, line: 1, message: `${path} is not listed (add its source and licence)` });
  for (const path of listed) if (!present.has(path)) issues.push({ file, line: 1, message: `${path} is listed but does not exist` });
  return issues;
}

/** Lints every knowledge file: what `dyad knowledge check` runs. */
export function checkKnowledge(): KnowledgeIssue[] {
  return [
    ...checkManifest(), ...checkCodebook(), ...checkPatterns(), ...checkActorsKnowledge(), ...checkActorRoles(),
    ...checkPlaces(), ...checkAdmin1(), ...checkPlaceNames(), ...checkEntityCues(), ...checkFurniture(), ...checkSpeechVerbs(), ...checkQuantityLexicon(),
    ...checkImpliedActors(),
  ];
}
