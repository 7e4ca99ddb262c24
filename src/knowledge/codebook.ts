import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineKnowledge, knowledgePath, readTsv, type KnowledgeIssue } from './files.js';

export type QuadClass = 1 | 2 | 3 | 4;

export interface CameoCode {
  code: string;
  name: string;
  goldstein: number | null;
  quadClass: QuadClass;
  /** PLOVER type the code maps to; absent for CAMEO 01/02 statements and appeals, which PLOVER dropped. */
  plover?: string;
  mode?: string;
}

export interface PloverType {
  name: string;
  quadCategory: string;
  quadClass: QuadClass;
  requiresRecipient: boolean;
  modes: string[];
}

export interface Codebook {
  cameo(code: string): CameoCode | undefined;
  plover(name: string): PloverType | undefined;
  ploverTypes: readonly PloverType[];
  cameoCodes: readonly CameoCode[];
}

const CAMEO_FILE = 'codebooks/cameo.tsv';
const PLOVER_FILE = 'codebooks/plover.json';

const quadSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

const cameoRow = z.object({
  code: z.string().regex(/^\d{2,4}$/, 'a CAMEO code has 2 to 4 digits'),
  name: z.string().min(1),
  goldstein: z.string().regex(/^-?\d+(\.\d+)?$/).optional(),
  quadclass: z.string().regex(/^[1-4]$/),
  plover: z.string().regex(/^[A-Z]+$/).optional(),
  mode: z.string().optional(),
});

const ploverFile = z.object({
  types: z.array(z.object({
    name: z.string().regex(/^[A-Z]+$/),
    quadCategory: z.string(),
    quadClass: quadSchema,
    requiresRecipient: z.boolean(),
    modes: z.array(z.string()),
  })),
});

function load(issues: KnowledgeIssue[]): Codebook {
  const ploverTypes: PloverType[] = [];
  try {
    const parsed = ploverFile.safeParse(JSON.parse(readFileSync(knowledgePath(PLOVER_FILE), 'utf8')));
    if (parsed.success) ploverTypes.push(...parsed.data.types);
    else issues.push({ file: PLOVER_FILE, line: 1, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  } catch (error) {
    issues.push({ file: PLOVER_FILE, line: 1, message: (error as Error).message });
  }
  if (ploverTypes.length !== 16) issues.push({ file: PLOVER_FILE, line: 1, message: `expected 16 PLOVER types, found ${ploverTypes.length}` });
  const ploverByName = new Map(ploverTypes.map((type) => [type.name, type]));

  const cameoCodes: CameoCode[] = [];
  const seen = new Set<string>();
  for (const row of readTsv(knowledgePath(CAMEO_FILE), cameoRow, issues)) {
    if (seen.has(row.code)) issues.push({ file: CAMEO_FILE, line: 0, message: `code ${row.code} appears twice` });
    seen.add(row.code);
    if (row.plover && !ploverByName.has(row.plover)) {
      issues.push({ file: CAMEO_FILE, line: 0, message: `code ${row.code}: unknown PLOVER type ${row.plover}` });
    }
    const entry: CameoCode = {
      code: row.code, name: row.name,
      goldstein: row.goldstein === undefined ? null : Number(row.goldstein),
      quadClass: Number(row.quadclass) as QuadClass,
    };
    if (row.plover) entry.plover = row.plover;
    if (row.mode) entry.mode = row.mode;
    cameoCodes.push(entry);
  }
  const cameoByCode = new Map(cameoCodes.map((entry) => [entry.code, entry]));
  return {
    cameo: (code) => cameoByCode.get(code),
    plover: (name) => ploverByName.get(name),
    ploverTypes, cameoCodes,
  };
}

const codebook = defineKnowledge(load, { reportThrownIn: CAMEO_FILE });

/** Validates the codebook files and returns every problem found. */
export const checkCodebook = codebook.check;

/** The CAMEO and PLOVER codebooks, loaded once per process; throws KnowledgeError on any problem. */
export const getCodebook = codebook.get;
