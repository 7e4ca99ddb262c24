import { z } from 'zod';
import type { Quantity, QuantityCategory } from '../../doc/types.js';
import { defineKnowledge, knowledgePath, readJsonl, type KnowledgeIssue } from '../../knowledge/files.js';

const NUMBER_WORDS_FILE = 'lexicon/number-words.jsonl';
const CUES_FILE = 'lexicon/casualty-cues.jsonl';

const qualifierSchema = z.enum(['at least', 'at most', 'about', 'more than', 'fewer than', 'up to']);

const numberWordSchema = z.union([
  z.object({
    word: z.string().regex(/^[a-z]+$/),
    kind: z.enum(['unit', 'tens', 'scale', 'dozen', 'vague', 'article']),
    value: z.number().int().nonnegative(),
    note: z.string().optional(),
  }).strict(),
  z.object({
    phrase: z.string().regex(/^[a-z]+( [a-z]+)*$/),
    kind: z.literal('qualifier'),
    qualifier: qualifierSchema,
  }).strict(),
]);

const cueCategorySchema = z.enum(['killed', 'injured', 'displaced', 'arrested', 'missing', 'kidnapped', 'other', 'hit', 'not-people', 'person', 'self']);

const cueSchema = z.object({
  word: z.string().min(1).optional(),
  lemma: z.string().min(1).optional(),
  phrase: z.string().regex(/^\S+( \S+)+$/).optional(),
  category: cueCategorySchema,
  /** A word cue only with this part of speech: "lives" counts the dead as a noun, not in "he lives". */
  pos: z.enum(['NOUN', 'VERB', 'ADJ', 'ADV']).optional(),
  /**
   * A singular noun naming one death ("a homicide", "the shooting death of …"): opened by a determiner for
   * one (or a headline's start) in a sentence with no other killed figure, it is one killed itself; before
   * another noun it modifies it and is no cue ("homicide detectives"); see oneDeaths in quantities.ts.
   */
  one: z.literal(true).optional(),
}).strict().refine((r) => [r.word, r.lemma, r.phrase].filter((v) => v !== undefined).length === 1, {
  message: 'exactly one of word, lemma, phrase',
});

export type NumberWordKind = 'unit' | 'tens' | 'scale' | 'dozen' | 'vague' | 'article';
export type Qualifier = Exclude<Quantity['qualifier'], 'vague' | undefined>;
/**
 * 'hit': people shot or struck, killed or not; such a figure is a Quantity of category 'other'. 'self': one
 * who killed taking their own life ("then himself", "took her own life"), a killed Quantity marked `self`.
 */
export type CueCategory = QuantityCategory | 'hit' | 'not-people' | 'person' | 'self';

export interface QuantityLexicon {
  numberWords: Map<string, { kind: NumberWordKind; value: number }>;
  /** Hedge phrases keyed by their first word, longest first so "about an estimated" wins over "about". */
  qualifiers: Map<string, Array<{ words: string[]; qualifier: Qualifier }>>;
  /** One lookup per token: the word's own category and the multi-word cues that start with it. */
  cueWords: Map<string, CueEntry>;
  cueLemmas: Map<string, CueCategory>;
}

export interface CueEntry {
  category?: CueCategory;
  pos?: string;
  one?: true;
  phrases?: Array<{ words: string[]; category: CueCategory; one?: true }>;
}

function load(issues: KnowledgeIssue[]): QuantityLexicon {
  const lexicon: QuantityLexicon = {
    numberWords: new Map(), qualifiers: new Map(), cueWords: new Map(), cueLemmas: new Map(),
  };
  for (const row of readJsonl(knowledgePath(NUMBER_WORDS_FILE), numberWordSchema, issues)) {
    if ('phrase' in row) {
      const words = row.phrase.split(' ');
      const list = lexicon.qualifiers.get(words[0]!) ?? [];
      list.push({ words, qualifier: row.qualifier });
      list.sort((a, b) => b.words.length - a.words.length);
      lexicon.qualifiers.set(words[0]!, list);
    } else lexicon.numberWords.set(row.word, { kind: row.kind, value: row.value });
  }
  for (const row of readJsonl(knowledgePath(CUES_FILE), cueSchema, issues)) {
    if (row.lemma !== undefined) {
      lexicon.cueLemmas.set(row.lemma.toLowerCase(), row.category);
      continue;
    }
    const words = (row.word ?? row.phrase ?? '').toLowerCase().split(' ');
    const entry = lexicon.cueWords.get(words[0]!) ?? {};
    if (words.length === 1) {
      entry.category = row.category;
      if (row.pos) entry.pos = row.pos;
      if (row.one) entry.one = true;
    }
    else {
      const phrase = { words, category: row.category, ...(row.one ? { one: true as const } : {}) };
      entry.phrases = [...(entry.phrases ?? []), phrase].sort((a, b) => b.words.length - a.words.length);
    }
    lexicon.cueWords.set(words[0]!, entry);
  }
  return lexicon;
}

const quantityLexicon = defineKnowledge(load);

/** Validates the number-word and casualty-cue files; every problem comes back as file:line. */
export const checkQuantityLexicon = quantityLexicon.check;

/** The lexicon, loaded once per process; throws KnowledgeError when a file is broken. */
export const getQuantityLexicon = quantityLexicon.get;
