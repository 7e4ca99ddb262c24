/**
 * Named entities on CoNLL files (`TOKEN<TAB>TAG`, IOB2, `-DOCSTART-` lines, a blank line after each
 * sentence). Each sentence is one item, its tokens joined by spaces; an entity is right when its type
 * and its first and last token are right.
 */
import { readFileSync } from 'node:fs';
import type { EntityType } from '../doc/types.js';
import { findEntities } from '../stages/entities/entities.js';
import type { AnyStage } from '../pipeline/stage.js';
import { splitSentences } from '../stages/tokens/tokens.js';
import { stagePipeline } from './analyse.js';
import { firstDataLines, goldFiles, GoldFormatError, isTextDataFile } from './gold-files.js';
import { prf } from './metrics.js';
import type { Miss, SetResult, TypeScore } from './types.js';

export const NER_FORMAT = 'CoNLL NER files: TOKEN<TAB>TAG lines in IOB2, a blank line after each sentence';

export interface NerSentence {
  id: string;
  words: string[];
  tags: string[];
}

/** The main types every NER set shares, whatever each file calls them. */
const MAIN_TYPES = ['PER', 'ORG', 'LOC'] as const;

const CANONICAL: Record<string, string> = {
  per: 'PER', person: 'PER',
  org: 'ORG', organisation: 'ORG', organization: 'ORG',
  loc: 'LOC', location: 'LOC',
  misc: 'MISC', nationality: 'MISC', norp: 'MISC',
};

/** A file's tag name in the shared scheme (`Person` → PER, `Organisation` → ORG); other types keep their name. */
export function canonicalType(tag: string): string {
  return CANONICAL[tag.toLowerCase()] ?? tag;
}

/** Dyad's entity types in the same scheme; mentions it cannot type (`OTHER`) are not predictions. */
const DYAD_TYPE: Partial<Record<EntityType, string>> = {
  PERSON: 'PER', ORG: 'ORG', IGO: 'ORG', COUNTRY: 'LOC', PLACE: 'LOC', REGION: 'LOC', NATIONALITY: 'MISC',
};

const IOB = /^(O|[BI]-\S+)$/;

export function isNerFile(path: string): boolean {
  if (!isTextDataFile(path, ['.conll', '.txt', '.tsv', '.iob', '.bio'])) return false;
  const lines = firstDataLines(path, 20);
  return lines.length > 0 && lines.every((line) => {
    const columns = line.split('\t');
    return columns.length === 2 && IOB.test(columns[1]!);
  });
}

export function readConll(path: string): NerSentence[] {
  const sentences: NerSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  const close = () => {
    if (words.length > 0) sentences.push({ id: `s${sentences.length + 1}`, words, tags });
    words = [];
    tags = [];
  };
  readFileSync(path, 'utf8').split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return close();
    const [word, tag, ...rest] = line.split('\t');
    if (word === '-DOCSTART-') return close();
    if (tag === undefined || rest.length > 0 || !IOB.test(tag)) throw new GoldFormatError(`${path}:${index + 1}: expected TOKEN<TAB>TAG (IOB2), got "${line.slice(0, 80)}"`);
    words.push(word!);
    tags.push(tag);
  });
  close();
  return sentences;
}

interface Span { type: string; first: number; last: number }

/** IOB2 tags to spans; an `I-` that does not continue an entity of its type opens one, as conlleval does. */
export function goldSpans(tags: readonly string[]): Span[] {
  const spans: Span[] = [];
  let open: Span | undefined;
  tags.forEach((tag, index) => {
    const type = tag === 'O' ? undefined : canonicalType(tag.slice(2));
    if (open && (tag === 'O' || tag.startsWith('B-') || type !== open.type)) {
      spans.push(open);
      open = undefined;
    }
    if (type !== undefined) {
      if (open) open.last = index;
      else open = { type, first: index, last: index };
    }
  });
  if (open) spans.push(open);
  return spans;
}

/** Entity spans as tokens of the sentence; a prediction that ends inside a token ends on that token. */
export type NerTagger = (sentence: NerSentence) => Span[];

/** Dyad's entities as a tagger; `entities` replaces the default entities stage (another model, the rules alone). */
export function dyadTagger(entities: readonly AnyStage[] = [findEntities()]): NerTagger {
  const analyse = stagePipeline([splitSentences(), ...entities]);
  return ({ words }) => {
    const starts: number[] = [];
    let offset = 0;
    for (const word of words) {
      starts.push(offset);
      offset += word.length + 1;
    }
    const wordAt = (char: number) => starts.findLastIndex((start) => start <= char);
    const doc = analyse(words.join(' '));
    const spans: Span[] = [];
    for (const entity of doc.layers.entities ?? []) {
      const type = DYAD_TYPE[entity.type];
      if (type) spans.push({ type, first: wordAt(entity.start), last: wordAt(entity.end - 1) });
    }
    return spans;
  };
}

const key = (span: Span) => `${span.type}:${span.first}:${span.last}`;

export function scoreNer(file: string, sentences: readonly NerSentence[], tagger: NerTagger): SetResult {
  const counts = new Map<string, { matched: number; predicted: number; gold: number }>();
  const count = (type: string) => counts.get(type) ?? counts.set(type, { matched: 0, predicted: 0, gold: 0 }).get(type)!;
  const fileTypes = new Set<string>();
  const misses: Miss[] = [];
  for (const sentence of sentences) {
    const gold = goldSpans(sentence.tags);
    for (const span of gold) fileTypes.add(span.type);
    const goldKeys = new Set(gold.map(key));
    const predicted = new Map(tagger(sentence).map((span) => [key(span), span]));
    const text = (span: Span) => sentence.words.slice(span.first, span.last + 1).join(' ');
    for (const span of gold) {
      count(span.type).gold += 1;
      if (predicted.has(key(span))) count(span.type).matched += 1;
      else misses.push({ id: sentence.id, text: `missed ${span.type} "${text(span)}" in: ${sentence.words.join(' ')}` });
    }
    for (const span of predicted.values()) {
      count(span.type).predicted += 1;
      if (!goldKeys.has(key(span))) misses.push({ id: sentence.id, text: `spurious ${span.type} "${text(span)}" in: ${sentence.words.join(' ')}` });
    }
  }
  // A type the file does not annotate is not held against Dyad, and a type it does is counted even if Dyad never predicts it.
  const micro = (types: Iterable<string>): TypeScore => {
    let matched = 0, predicted = 0, gold = 0;
    for (const type of types) {
      const c = counts.get(type);
      if (!c) continue;
      matched += c.matched; predicted += c.predicted; gold += c.gold;
    }
    return prf(matched, predicted, gold);
  };
  const main = micro(MAIN_TYPES.filter((type) => fileTypes.has(type)));
  const perType: Record<string, TypeScore> = {};
  for (const type of [...fileTypes].sort()) perType[type] = micro([type]);
  return {
    file,
    items: sentences.length,
    metrics: { f1: main.f1, precision: main.precision, recall: main.recall, f1_all: micro(fileTypes).f1, per_type: perType },
    misses,
  };
}

export function evaluateNer(path: string): SetResult[] {
  const tagger = dyadTagger();
  return goldFiles(path, 'ner', NER_FORMAT, isNerFile).map((file) => scoreNer(file, readConll(file), tagger));
}
