import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Token } from '../doc/types.js';
import { getCodebook } from './codebook.js';
import { defineKnowledge, knowledgePath, readJsonl, type KnowledgeIssue } from './files.js';

const PATTERN_FILE = 'patterns/events.jsonl';
/** How many tokens a `*` in a pattern may skip. */
export const MAX_GAP = 4;

const roles = z.enum(['subject-object', 'between', 'passive-by', 'speaker-addressee']);
const posTag = z.enum(['NOUN', 'PROPN', 'VERB', 'AUX', 'ADJ', 'ADV', 'ADP']);

const patternSchema = z.object({
  id: z.string().regex(/^[a-z]+(\.[a-z0-9-]+)+$/, 'ids look like "type.name"'),
  match: z.string().min(1),
  /** Part of speech the first token must have (disambiguates "strike" the noun from the verb). */
  pos: z.union([posTag, z.array(posTag)]).optional(),
  cameo: z.string().regex(/^\d{2,4}$/),
  plover: z.string().regex(/^[A-Z]+$/),
  mode: z.string().optional(),
  roles,
  /** The actor found is a third party (mediator) of the CONSULT event in the sentence, not a party to it. */
  attach: z.literal('mediator').optional(),
  /** Without an explicit recipient, the recipients are the parties of the document's main ASSAULT event. */
  fallbackRecipients: z.literal('conflict-parties').optional(),
  /**
   * The recipients can only be parties of the document's main ASSAULT event (an offer to mediate is made to
   * the sides of the conflict): a recipient that is none of them ("in a call with the Russian minister")
   * gives way to the parties, and without a recipient the parties are the recipients.
   */
  recipientsAmong: z.literal('conflict-parties').optional(),
  /** What the event becomes when negated ("won't make concessions" is a refusal to yield, not a concession). */
  negatedAs: z.object({ plover: z.string().regex(/^[A-Z]+$/), cameo: z.string().regex(/^\d{2,4}$/) }).optional(),
  /** The pattern's coding stands: the event classifier does not retype it (an analyst's own pattern). */
  force: z.boolean().optional(),
  note: z.string().optional(),
}).strict();

export type EventPattern = z.infer<typeof patternSchema>;
export type PatternRoles = z.infer<typeof roles>;

/** One step of a compiled pattern: a set of word forms, or a gap of up to MAX_GAP tokens. */
type Step = { words: ReadonlySet<string> } | { gap: true };

export interface CompiledPattern extends EventPattern {
  steps: Step[];
  /** Number of words (not gaps): longer patterns are more specific and win overlaps. */
  length: number;
}

export interface PatternMatch {
  pattern: CompiledPattern;
  /** Token indexes into the tokens layer, end exclusive. */
  start: number;
  end: number;
}

export interface Coding {
  plover: string;
  cameo: string;
}

/** How future or negated framing recodes an event type (knowledge/patterns/modality.json). */
export interface ModalityRules {
  future: Readonly<Record<string, Coding>>;
  negated: Readonly<Record<string, Coding>>;
  /** By CAMEO code of a call to end the fighting: its coding when a conflict party makes it. */
  conflictPartyCalls: Readonly<Record<string, Coding>>;
}

export interface EventMatcher {
  patterns: readonly CompiledPattern[];
  modality: ModalityRules;
  /** Every pattern that matches from token `from` up to (not including) token `to`, overlaps resolved. */
  match(tokens: readonly Token[], from: number, to: number): PatternMatch[];
}

/**
 * The inflected forms of a pattern word, generated once at load time so that matching is two Map or
 * Set look-ups per token (lemma and lower-cased form) with no allocation: wink's lemmatiser misses
 * some forms ("mediated" stays "mediated", "airstrikes" stays "airstrikes").
 */
export function inflections(word: string): string[] {
  const forms = new Set([word, `${word}s`, `${word}es`, `${word}ed`, `${word}d`, `${word}ing`]);
  if (word.endsWith('e')) forms.add(`${word.slice(0, -1)}ing`);
  if (word.endsWith('y')) forms.add(`${word.slice(0, -1)}ies`).add(`${word.slice(0, -1)}ied`);
  // Doubled final consonant after a short vowel: "ban" → "banned", "shell" is already double.
  if (/[^aeiou][aeiou][bdglmnprt]$/.test(word) && word.length <= 6) {
    const last = word[word.length - 1];
    forms.add(`${word}${last}ed`).add(`${word}${last}ing`);
  }
  return [...forms];
}

function tokenMatches(words: ReadonlySet<string>, token: Token): boolean {
  return words.has(token.lemma) || words.has(token.normal);
}

function compile(pattern: EventPattern, file: string, line: number, issues: KnowledgeIssue[]): CompiledPattern | undefined {
  const parts = pattern.match.toLowerCase().trim().split(/\s+/);
  const steps: Step[] = parts.map((part) => (part === '*' ? { gap: true } : { words: new Set(part.split('|').flatMap(inflections)) }));
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last || 'gap' in first || 'gap' in last) {
    issues.push({ file, line, message: `${pattern.id}: a pattern must begin and end with a word` });
    return undefined;
  }
  return { ...pattern, steps, length: steps.filter((step) => !('gap' in step)).length };
}

function stepMatches(step: { words: ReadonlySet<string> }, token: Token): boolean {
  return tokenMatches(step.words, token);
}

/** Matches steps from token `at`; returns the end token index (exclusive) or -1. Gaps are lazy. */
function matchFrom(steps: Step[], stepIndex: number, tokens: readonly Token[], at: number, to: number): number {
  if (stepIndex === steps.length) return at;
  const step = steps[stepIndex]!;
  if ('gap' in step) {
    for (let skip = 0; skip <= MAX_GAP && at + skip < to; skip += 1) {
      const end = matchFrom(steps, stepIndex + 1, tokens, at + skip, to);
      if (end >= 0) return end;
      const skipped = tokens[at + skip]!;
      if (skipped.pos === 'PUNCT' && skipped.normal !== '-') break;
    }
    return -1;
  }
  const token = tokens[at];
  if (at >= to || !token || !stepMatches(step, token)) return -1;
  return matchFrom(steps, stepIndex + 1, tokens, at + 1, to);
}

const MODALITY_FILE = 'patterns/modality.json';
const codingSchema = z.object({ plover: z.string().regex(/^[A-Z]+$/), cameo: z.string().regex(/^\d{2,4}$/) }).strict();
const modalitySchema = z.object({
  comment: z.string().optional(),
  future: z.record(z.string(), codingSchema),
  negated: z.record(z.string(), codingSchema),
  conflictPartyCalls: z.record(z.string().regex(/^\d{2,4}$/), codingSchema).optional(),
}).strict();

function loadModality(issues: KnowledgeIssue[]): ModalityRules {
  const empty: ModalityRules = { future: {}, negated: {}, conflictPartyCalls: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(knowledgePath(MODALITY_FILE), 'utf8'));
  } catch (error) {
    issues.push({ file: MODALITY_FILE, line: 1, message: (error as Error).message });
    return empty;
  }
  const parsed = modalitySchema.safeParse(raw);
  if (!parsed.success) {
    issues.push({ file: MODALITY_FILE, line: 1, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    return empty;
  }
  const codebook = getCodebook();
  for (const [kind, rules] of [['future', parsed.data.future], ['negated', parsed.data.negated]] as const) {
    for (const [from, to] of Object.entries(rules)) {
      const entry = codebook.cameo(to.cameo);
      if (!codebook.plover(from)) issues.push({ file: MODALITY_FILE, line: 1, message: `${kind}.${from}: unknown PLOVER type` });
      if (!entry || (entry.plover && entry.plover !== to.plover)) {
        issues.push({ file: MODALITY_FILE, line: 1, message: `${kind}.${from}: CAMEO ${to.cameo} is not a ${to.plover} code` });
      }
    }
  }
  const conflictPartyCalls = parsed.data.conflictPartyCalls ?? {};
  for (const [from, to] of Object.entries(conflictPartyCalls)) {
    const entry = codebook.cameo(to.cameo);
    if (!codebook.cameo(from)) issues.push({ file: MODALITY_FILE, line: 1, message: `conflictPartyCalls.${from}: CAMEO ${from} is not in the codebook` });
    if (!entry || (entry.plover && entry.plover !== to.plover)) {
      issues.push({ file: MODALITY_FILE, line: 1, message: `conflictPartyCalls.${from}: CAMEO ${to.cameo} is not a ${to.plover} code` });
    }
  }
  return { future: parsed.data.future, negated: parsed.data.negated, conflictPartyCalls };
}

function buildMatcher(patterns: CompiledPattern[], modality: ModalityRules): EventMatcher {
  const byFirstWord = new Map<string, CompiledPattern[]>();
  for (const pattern of patterns) {
    const first = pattern.steps[0] as { words: ReadonlySet<string> };
    for (const word of first.words) {
      const list = byFirstWord.get(word) ?? [];
      list.push(pattern);
      byFirstWord.set(word, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.length - a.length);
  return {
    patterns,
    modality,
    match(tokens, from, to) {
      const found: PatternMatch[] = [];
      for (let i = from; i < to; i += 1) {
        const token = tokens[i]!;
        const byLemma = byFirstWord.get(token.lemma);
        const byNormal = token.normal === token.lemma ? undefined : byFirstWord.get(token.normal);
        if (!byLemma && !byNormal) continue;
        for (const list of [byLemma, byNormal]) {
          for (const pattern of list ?? []) {
            if (list === byNormal && byLemma?.includes(pattern)) continue;
            if (!posAllowed(pattern, token.pos)) continue;
            const end = matchFrom(pattern.steps, 0, tokens, i, to);
            if (end >= 0) found.push({ pattern, start: i, end });
          }
        }
      }
      return resolveOverlaps(found, tokens);
    },
  };
}

/**
 * Keeps the most specific reading where matches share a word token: longer patterns first, then the
 * earlier one. A gap is not a claim on its tokens, so "call for * ceasefire" consumes "ceasefire".
 */
function resolveOverlaps(found: PatternMatch[], tokens: readonly Token[]): PatternMatch[] {
  if (found.length < 2) return found;
  const ranked = [...found].sort((a, b) => b.pattern.length - a.pattern.length || a.start - b.start);
  const claimed = new Set<number>();
  const kept: PatternMatch[] = [];
  for (const match of ranked) {
    const words = wordTokens(match, tokens);
    if (words.some((index) => claimed.has(index))) continue;
    for (const index of words) claimed.add(index);
    kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Token indexes a match's words (not its gaps) landed on. */
export function wordTokens(match: PatternMatch, tokens: readonly Token[]): number[] {
  const indexes: number[] = [];
  let step = 0;
  for (let i = match.start; i < match.end && step < match.pattern.steps.length; i += 1) {
    const current = match.pattern.steps[step]!;
    if ('gap' in current) {
      const next = match.pattern.steps[step + 1] as { words: ReadonlySet<string> } | undefined;
      if (next && stepMatches(next, tokens[i]!)) {
        indexes.push(i);
        step += 2;
      }
      continue;
    }
    indexes.push(i);
    step += 1;
  }
  return indexes;
}

/** Line numbers of the records in a JSON Lines file (only exact when every line parses), for messages. */
function dataLines(path: string): number[] {
  const lines: number[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#')) lines.push(index + 1);
  });
  return lines;
}

function posAllowed(pattern: EventPattern, pos: string): boolean {
  if (!pattern.pos) return true;
  const allowed: readonly string[] = Array.isArray(pattern.pos) ? pattern.pos : [pattern.pos];
  // wink tags capitalised nouns at the start of a sentence ("Talks began …") as proper nouns.
  return allowed.includes(pos) || (pos === 'PROPN' && allowed.includes('NOUN'));
}

function load(issues: KnowledgeIssue[]): EventMatcher {
  const codebook = getCodebook();
  const path = knowledgePath(PATTERN_FILE);
  const records = readJsonl(path, patternSchema, issues);
  const recordLines = dataLines(path);
  const compiled: CompiledPattern[] = [];
  const ids = new Set<string>();
  records.forEach((pattern, index) => {
    const line = recordLines[index] ?? 0;
    if (ids.has(pattern.id)) issues.push({ file: PATTERN_FILE, line, message: `${pattern.id}: duplicate id` });
    ids.add(pattern.id);
    for (const coding of [pattern, ...(pattern.negatedAs ? [pattern.negatedAs] : [])]) {
      const entry = codebook.cameo(coding.cameo);
      if (!entry) issues.push({ file: PATTERN_FILE, line, message: `${pattern.id}: CAMEO ${coding.cameo} is not in the codebook` });
      if (!codebook.plover(coding.plover)) issues.push({ file: PATTERN_FILE, line, message: `${pattern.id}: unknown PLOVER type ${coding.plover}` });
      if (entry?.plover && entry.plover !== coding.plover) {
        issues.push({ file: PATTERN_FILE, line, message: `${pattern.id}: CAMEO ${coding.cameo} maps to ${entry.plover}, not ${coding.plover}` });
      }
    }
    if (pattern.mode && !codebook.plover(pattern.plover)?.modes.includes(pattern.mode)) {
      issues.push({ file: PATTERN_FILE, line, message: `${pattern.id}: ${pattern.plover} has no mode "${pattern.mode}"` });
    }
    const result = compile(pattern, PATTERN_FILE, line, issues);
    if (result) compiled.push(result);
  });
  return buildMatcher(compiled, loadModality(issues));
}

const eventMatcher = defineKnowledge(load, { reportThrownIn: PATTERN_FILE });

/** Validates the event patterns (syntax, CAMEO codes, PLOVER types and modes) and returns every problem. */
export const checkPatterns = eventMatcher.check;

/** The event pattern matcher, compiled once per process; throws KnowledgeError on any problem. */
export const getEventMatcher = eventMatcher.get;
