/**
 * Dependency parsing on CoNLL-U: the parser is given the gold words of each sentence and scored per
 * word on its head (UAS), head and relation (LAS; the universal relation, subtypes after ":" ignored,
 * as in the CoNLL 2018 shared task) and its universal part of speech (UPOS). Punctuation counts.
 */
import { readFileSync } from 'node:fs';
import { defaultPipeline } from '../pipeline/default.js';
import type { AnyStage } from '../pipeline/stage.js';
import { firstDataLines, goldFiles, GoldFormatError, isTextDataFile } from './gold-files.js';
import { ratio } from './metrics.js';
import type { Miss, SetResult } from './types.js';

export const PARSE_FORMAT = 'CoNLL-U files: ten tab-separated columns per word, a blank line after each sentence';

export interface ParsedSentence {
  heads: number[];
  deprels: string[];
  upos: string[];
}

/** What `dyad eval parse` needs of a parser: the analysis of a sentence whose words are given. */
export type DependencyParser = (sentence: { forms: string[] }) => ParsedSentence;

export interface GoldSentence extends ParsedSentence {
  id: string;
  forms: string[];
}

export function isConlluFile(path: string): boolean {
  if (!isTextDataFile(path, ['.conllu', '.conll', '.txt'])) return false;
  const lines = firstDataLines(path, 20);
  return lines.length > 0 && lines.every((line) => line.split('\t').length === 10);
}

/** Sentences of a CoNLL-U file; multi-word token lines (1-2) and empty nodes (1.1) are left out. */
export function readConllu(path: string): GoldSentence[] {
  const sentences: GoldSentence[] = [];
  let current: GoldSentence | undefined;
  let sentId: string | undefined;
  const close = () => {
    if (current && current.forms.length > 0) sentences.push(current);
    current = undefined;
    sentId = undefined;
  };
  readFileSync(path, 'utf8').split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return close();
    if (line.startsWith('#')) {
      const match = /^#\s*sent_id\s*=\s*(.+)$/.exec(line);
      if (match) sentId = match[1]!.trim();
      return;
    }
    const columns = line.split('\t');
    if (columns.length !== 10) throw new GoldFormatError(`${path}:${index + 1}: expected 10 tab-separated CoNLL-U columns, got ${columns.length}`);
    const [id, form, , upos, , , head, deprel] = columns as [string, string, string, string, string, string, string, string];
    if (!/^\d+$/.test(id)) return;
    if (!/^\d+$/.test(head)) throw new GoldFormatError(`${path}:${index + 1}: HEAD must be a number, got "${head}"`);
    current ??= { id: sentId ?? `s${sentences.length + 1}`, forms: [], heads: [], deprels: [], upos: [] };
    current.forms.push(form);
    current.heads.push(Number(head));
    current.deprels.push(deprel);
    current.upos.push(upos);
  });
  close();
  return sentences;
}

const universal = (deprel: string | undefined) => (deprel ?? '').split(':')[0];

export function scoreParse(file: string, sentences: readonly GoldSentence[], parser: DependencyParser): SetResult {
  let words = 0, heads = 0, labelled = 0, tags = 0;
  const misses: Miss[] = [];
  for (const sentence of sentences) {
    const parsed = parser({ forms: [...sentence.forms] });
    sentence.forms.forEach((form, i) => {
      words += 1;
      const headRight = parsed.heads[i] === sentence.heads[i];
      const labelRight = universal(parsed.deprels[i]) === universal(sentence.deprels[i]);
      if (headRight) heads += 1;
      if (headRight && labelRight) labelled += 1;
      if (parsed.upos[i] === sentence.upos[i]) tags += 1;
      if (!headRight || !labelRight) {
        misses.push({
          id: sentence.id,
          text: `"${form}" (word ${i + 1}) gold ${sentence.heads[i]}/${sentence.deprels[i]}, got ${parsed.heads[i] ?? '-'}/${parsed.deprels[i] ?? '-'} in: ${sentence.forms.join(' ')}`,
        });
      }
    });
  }
  return { file, items: sentences.length, metrics: { uas: ratio(heads, words), las: ratio(labelled, words), upos: ratio(tags, words), words }, misses };
}

/** Raised when Dyad has no parser to evaluate: the CLI says so and exits 1. */
export class NoParserError extends Error {
  override name = 'NoParserError';
}

const PARSER_LAYER = 'dependencies';

/**
 * The parser of the pipeline, as a function of given words: the stage that provides the `dependencies`
 * layer offers it as `parseForms` (a stage cannot be handed gold tokens through a Doc). Without such a
 * stage there is nothing to evaluate, and that is said plainly.
 */
export function installedParser(stages: readonly AnyStage[] = defaultPipeline().stages): DependencyParser {
  const stage = stages.find((s) => (s.provides as readonly string[]).includes(PARSER_LAYER));
  if (!stage) throw new NoParserError('no parser is installed: no stage of the pipeline provides a dependencies layer, so there is nothing to evaluate');
  const parseForms = (stage as { parseForms?: unknown }).parseForms;
  if (typeof parseForms !== 'function') throw new NoParserError(`the ${stage.name} stage provides dependencies but no parseForms({ forms }) to parse given words, so dyad eval parse cannot score it`);
  return parseForms as DependencyParser;
}

export function evaluateParse(path: string, parser: DependencyParser = installedParser()): SetResult[] {
  const files = goldFiles(path, 'parse', PARSE_FORMAT, isConlluFile);
  return files.map((file) => scoreParse(file, readConllu(file), parser));
}
