/**
 * The per-word work in front of the tagger (normalising a form, looking it up in the vocabulary, its
 * spelling codes and shape) depends on the form alone, and news repeats its words, so it is remembered
 * per vocabulary for the forms seen lately (up to WORD_MEMORY forms, then forgotten all at once). What is
 * remembered is exactly what would be computed, so the parse does not depend on what came before.
 */
import { ROOT, normaliseWord, tagId, wordId } from './features.js';
import { SPELLING_CODES, emptyTaggerInput, setSpelling, spellingCodes, type TaggerInput } from './tagger.js';

export const WORD_MEMORY = 1 << 16;
/** Per remembered form: its word id, then its spelling codes. */
const COLUMNS = 1 + SPELLING_CODES;

interface WordMemory {
  rows: Map<string, number>;
  codes: Int32Array;
}

const memories = new WeakMap<ReadonlyMap<string, number>, WordMemory>();

function memoryOf(vocabulary: ReadonlyMap<string, number>): WordMemory {
  let memory = memories.get(vocabulary);
  if (!memory) {
    memory = { rows: new Map(), codes: new Int32Array(WORD_MEMORY * COLUMNS) };
    memories.set(vocabulary, memory);
  }
  return memory;
}

/** The row of a form in the memory's codes, computing its codes when the form is new. */
function rowOf(memory: WordMemory, vocabulary: ReadonlyMap<string, number>, form: string): number {
  const known = memory.rows.get(form);
  if (known !== undefined) return known;
  if (memory.rows.size >= WORD_MEMORY) memory.rows.clear();
  const row = memory.rows.size;
  const normalised = normaliseWord(form);
  memory.codes[row * COLUMNS] = wordId(vocabulary, form, normalised);
  spellingCodes(form, normalised, memory.codes, row * COLUMNS + 1);
  memory.rows.set(form, row);
  return row;
}

export interface EncodedTokens {
  /** Word ids, then the root's. */
  words: Int32Array;
  /** Tag ids of the given tags, then the root's. */
  tags: Int32Array;
  tagger: TaggerInput;
}

/** Word ids, tag ids and tagger input of a sentence's forms and tags. */
export function encodeTokens(vocabulary: ReadonlyMap<string, number>, tokens: ReadonlyArray<{ form: string; upos: string }>): EncodedTokens {
  const n = tokens.length;
  const memory = memoryOf(vocabulary);
  const words = new Int32Array(n + 1);
  const tags = new Int32Array(n + 1);
  const tagger = emptyTaggerInput(words, tags, n);
  for (let i = 0; i < n; i += 1) {
    const row = rowOf(memory, vocabulary, tokens[i]!.form) * COLUMNS;
    words[i] = memory.codes[row]!;
    tags[i] = tagId(tokens[i]!.upos);
    setSpelling(tagger, i, memory.codes, row + 1);
  }
  words[n] = ROOT;
  tags[n] = ROOT;
  return { words, tags, tagger };
}
