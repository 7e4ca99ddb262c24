import { z } from 'zod';
import { defineKnowledge, knowledgePath, readJsonl, type KnowledgeIssue } from '../knowledge/files.js';

/** Lines longer than this are prose, never furniture, however they start. */
export const MAX_FURNITURE_LINE = 120;

const FURNITURE_FILE = 'lexicon/furniture.jsonl';

const furnitureRecord = z
  .object({
    pattern: z.string().min(1),
    flags: z.enum(['i']).optional(),
    where: z.enum(['line', 'trailing']),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((record, ctx) => {
    try {
      new RegExp(record.pattern, `${record.flags ?? ''}u`);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `bad regular expression: ${(error as Error).message}` });
      return;
    }
    if (new RegExp(`^(?:${record.pattern})$`, `${record.flags ?? ''}u`).test('')) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'pattern matches an empty line' });
    }
  });

type FurnitureRecord = z.infer<typeof furnitureRecord>;

/** Compiled patterns: one combined expression per placement and case mode, built once. */
export interface Furniture {
  /** True when the whole trimmed line is furniture wherever it stands. */
  isLine(line: string): boolean;
  /** True when the line is furniture that only counts at the end of the text (copyright, credits). */
  isTrailing(line: string): boolean;
  patternCount: number;
}

function combine(records: FurnitureRecord[], caseless: boolean): RegExp | undefined {
  const chosen = records.filter((record) => (record.flags === 'i') === caseless);
  if (chosen.length === 0) return undefined;
  return new RegExp(`^(?:${chosen.map((record) => `(?:${record.pattern})`).join('|')})$`, caseless ? 'iu' : 'u');
}

function tester(records: FurnitureRecord[]): (line: string) => boolean {
  const caseless = combine(records, true);
  const cased = combine(records, false);
  return (line) => line.length <= MAX_FURNITURE_LINE && ((caseless?.test(line) ?? false) || (cased?.test(line) ?? false));
}

export function compileFurniture(records: FurnitureRecord[]): Furniture {
  return {
    isLine: tester(records.filter((record) => record.where === 'line')),
    isTrailing: tester(records.filter((record) => record.where === 'trailing')),
    patternCount: records.length,
  };
}

function loadFurniture(issues: KnowledgeIssue[], path = knowledgePath(FURNITURE_FILE)): Furniture {
  const records = readJsonl(path, furnitureRecord, issues);
  try {
    return compileFurniture(records);
  } catch (error) {
    // Each pattern compiles alone; a combined one can still fail (e.g. duplicate group names).
    issues.push({ file: FURNITURE_FILE, line: 0, message: `combined pattern does not compile: ${(error as Error).message}` });
    return compileFurniture([]);
  }
}

const furniture = defineKnowledge(loadFurniture);

/** Validates the furniture patterns (the shipped file unless a path is given) and returns every problem as file:line. */
export const checkFurniture = furniture.check;

/** The page-furniture patterns, loaded once per process; throws KnowledgeError when the file is broken. */
export const getFurniture = furniture.get;

/**
 * Which lines are furniture: `line` patterns anywhere, `trailing` patterns only in the run of
 * furniture that ends the text.
 */
export function furnitureLines(lines: readonly string[], patterns: Furniture = getFurniture()): boolean[] {
  let end = lines.length;
  while (end > 0) {
    const line = lines[end - 1] as string;
    if (!patterns.isTrailing(line) && !patterns.isLine(line)) break;
    end--;
  }
  return lines.map((line, i) => i >= end || patterns.isLine(line));
}

/** Drops furniture lines (see `furnitureLines`); returns the kept lines and the removed ones in text order. */
export function removeFurniture(lines: readonly string[], patterns: Furniture = getFurniture()): { kept: string[]; removed: string[] } {
  const furniture = furnitureLines(lines, patterns);
  return { kept: lines.filter((_, i) => !furniture[i]), removed: lines.filter((_, i) => furniture[i]) };
}
