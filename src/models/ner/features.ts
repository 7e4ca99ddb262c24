/**
 * Features of the named-entity recogniser, shared by the run time and the trainer so both see exactly the
 * same ones. Every form gets a row of codes that depend on it alone (word, shape, prefixes and suffixes,
 * clusters, knowledge flags), remembered per form and looked up only for the tokens the tagger scores and
 * their neighbours; a sentence adds the tokens' part of speech, gazetteer codes and whether it is an
 * all-caps headline. Features are written as (template, a, b, c) values (see ../parser/dense.ts): the
 * trainer hashes them all, the run time looks the templates of small values up in dense rows.
 */
import { normaliseWord, tagId, TAG_COUNT } from '../parser/features.js';
import { putFeature, type ValueSizes } from '../parser/dense.js';
import { CLUSTER_BRANCHES, NO_CLUSTER, clusterAt } from './clusters.js';
import { GAZETTEER_CODES, gazetteerCodes, type GazetteerName, type NerLexicon, type TokenLike } from './lexicon.js';

/** Classes: O, then B- and I- of each type. */
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof ENTITY_TYPES)[number];
export const CLASSES = 1 + 2 * ENTITY_TYPES.length;
export const OUTSIDE = 0;
export const beginClass = (type: number): number => 1 + 2 * type;
export const insideClass = (type: number): number => 2 + 2 * type;
/** The type of a class other than OUTSIDE. */
export const classType = (c: number): number => (c - 1) >> 1;
export const isInside = (c: number): boolean => c > 0 && (c & 1) === 0;
/** The "class" before the first token. */
export const START = CLASSES;

/** Columns of a form's row of codes. */
const WORD = 0;
const SHAPE = 1;
const CAPS = 2;
const PREFIX = 3;
const SUFFIX = 7;
/** Three columns: the clusters at each level. */
const CLUSTER = 11;
const FLAGS = 14;
export const CODE_COLUMNS = 15;
const AFFIXES = 4;

/** Small-valued codes and what stands for "before the first token" and "after the last" in each. */
const CAPS_CLASSES = 6;
const FLAG_VALUES = 64;
const LEVELS = CLUSTER_BRANCHES.length;
const clusterCount = (level: number): number => CLUSTER_BRANCHES.slice(0, level + 1).reduce((product, k) => product * k, 1);
/** Per kind of code: its value before the sentence; after it is one more. */
const EDGE = { caps: CAPS_CLASSES, flags: FLAG_VALUES, gazetteer: GAZETTEER_CODES, pos: 0, cluster: [0, 1, 2].map((level) => clusterCount(level) + 1) };
/** Hashed codes (words, shapes) beyond the sentence. */
const BEFORE = 0x7fff0001;
const AFTER = 0x7fff0002;

function hashString(value: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < value.length; i += 1) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A form's shape with runs collapsed: "Xx", "X.X.", "d-d", "xX"; non-Latin letters count as letters. */
function shortShape(form: string): string {
  let shape = '';
  let previous = '';
  for (let i = 0; i < form.length && shape.length < 8; i += 1) {
    const char = form[i]!;
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    const kind = char >= '0' && char <= '9' ? 'd' : lower !== upper ? (char === upper ? 'X' : 'x') : char;
    if (kind !== previous) shape += kind;
    previous = kind;
  }
  return shape;
}

/** 0 lower case, 1 capitalised, 2 all capitals (two or more letters), 3 mixed ("iPhone"), 4 with digits, 5 no letters. */
function capsClass(form: string): number {
  let upper = 0;
  let lower = 0;
  let digits = 0;
  for (let i = 0; i < form.length; i += 1) {
    const char = form[i]!;
    if (char >= '0' && char <= '9') digits += 1;
    else if (char !== char.toLowerCase()) upper += 1;
    else if (char !== char.toUpperCase()) lower += 1;
  }
  if (upper + lower === 0) return digits > 0 ? 4 : 5;
  if (digits > 0) return 4;
  if (upper === 0) return 0;
  if (lower === 0) return upper > 1 ? 2 : 1;
  return form[0] !== form[0]!.toLowerCase() && upper === 1 ? 1 : 3;
}

/** Writes the codes of a form (`normal` its lower-case form) into `out` from `at`. */
export function formCodes(form: string, normal: string, lexicon: NerLexicon, out: Int32Array, at: number): void {
  const word = normaliseWord(form);
  out[at + WORD] = hashString(word, 1);
  out[at + SHAPE] = hashString(shortShape(form), 2);
  out[at + CAPS] = capsClass(form);
  for (let k = 1; k <= AFFIXES; k += 1) {
    out[at + PREFIX + k - 1] = hashString(word.slice(0, k), 10 + k);
    out[at + SUFFIX + k - 1] = hashString(word.slice(-k), 20 + k);
  }
  const leaf = lexicon.clusters.get(normal) ?? lexicon.clusters.get(word) ?? NO_CLUSTER;
  for (let level = 0; level < LEVELS; level += 1) out[at + CLUSTER + level] = leaf === NO_CLUSTER ? clusterCount(level) : clusterAt(leaf, level);
  out[at + FLAGS] = lexicon.wordFlags(normal) & (FLAG_VALUES - 1);
}

const FORM_MEMORY = 1 << 15;

/**
 * Codes per form, remembered for the forms seen lately: when a sentence might not fit in `capacity`
 * forms, all are forgotten before it (so the rows handed out for a sentence stay valid while it is
 * tagged). What is remembered is exactly what would be computed, so results do not depend on what came
 * before. The trainer, which keeps every sentence encoded at once, gives a capacity it never reaches.
 */
export class FormMemory {
  private readonly rows = new Map<string, number>();
  codes = new Int32Array(1024 * CODE_COLUMNS);
  /** How many times the memory forgot every form; what is kept per row elsewhere is valid for one generation. */
  generation = 0;

  constructor(readonly lexicon: NerLexicon, readonly capacity = FORM_MEMORY) {}

  /** Room for `forms` more forms before the next sentence: forgets all when they might not fit. */
  reserve(forms: number): void {
    if (this.rows.size + forms <= this.capacity) return;
    this.rows.clear();
    this.generation += 1;
  }

  /** The first index in `codes` of the form's row. */
  row(form: string, normal: string): number {
    const known = this.rows.get(form);
    if (known !== undefined) return known;
    const row = this.rows.size * CODE_COLUMNS;
    if (row + CODE_COLUMNS > this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    formCodes(form, normal, this.lexicon, this.codes, row);
    this.rows.set(form, row);
    return row;
  }
}

/** Whether the text from `start` to `end` holds an upper-case letter. */
function hasCapital(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (code >= 65 && code <= 90) return true;
    } else {
      const char = String.fromCharCode(code);
      if (char !== char.toLowerCase()) return true;
    }
  }
  return false;
}

/**
 * One sentence ready for tagging. The codes of a token's form are fetched from the memory the first
 * time a feature needs them, so the many tokens the tagger settles without scoring cost only a test
 * for capitals.
 */
export class EncodedSentence {
  n = 0;
  headline = 0;
  /** Per token: the first index of its row in the memory's codes, or -1 until it is needed. */
  rows: Int32Array;
  upper: Uint8Array;
  pos: Int32Array;
  gazetteer: Int32Array;
  private text = '';
  private tokens: readonly TokenLike[] = [];
  private from = 0;
  private memory: FormMemory | undefined;

  constructor(capacity = 64) {
    this.rows = new Int32Array(capacity);
    this.upper = new Uint8Array(capacity);
    this.pos = new Int32Array(capacity);
    this.gazetteer = new Int32Array(capacity);
  }

  /**
   * Fills the sentence from tokens [from, to) of a document's `text`, given the gazetteer's names in it
   * (gazetteerNames) and whether it is an all-caps headline (isShouting).
   */
  encode(memory: FormMemory, text: string, tokens: ReadonlyArray<TokenLike & { pos: string }>, from: number, to: number, names: readonly GazetteerName[], headline: boolean): void {
    const n = to - from;
    if (this.pos.length < n) {
      const size = n * 2;
      this.rows = new Int32Array(size);
      this.upper = new Uint8Array(size);
      this.pos = new Int32Array(size);
      this.gazetteer = new Int32Array(size);
    }
    this.n = n;
    this.text = text;
    this.tokens = tokens;
    this.from = from;
    this.memory = memory;
    memory.reserve(n);
    for (let i = 0; i < n; i += 1) {
      const token = tokens[from + i]!;
      this.rows[i] = -1;
      this.upper[i] = hasCapital(text, token.start, token.end) ? 1 : 0;
      this.pos[i] = tagId(token.pos);
    }
    gazetteerCodes(names, from, to, this.gazetteer);
    this.headline = headline ? 1 : 0;
  }

  /** The memory's codes, which row() indexes. */
  codes(): Int32Array {
    return this.memory!.codes;
  }

  /** The first index of token i's row in the memory's codes. */
  row(i: number): number {
    let row = this.rows[i]!;
    if (row < 0) {
      const token = this.tokens[this.from + i]!;
      // Without a capital the form is its lower-case normal, a string the token already holds.
      row = this.memory!.row(this.upper[i] ? this.text.slice(token.start, token.end) : token.normal, token.normal);
      this.rows[i] = row;
    }
    return row;
  }

  /** Whether token `i` needs no scoring: it has no capital and follows a token outside any name (or opens the sentence). */
  settled(i: number, previous: number): boolean {
    return this.upper[i] === 0 && (previous === OUTSIDE || previous === START);
  }
}

export const FEATURES = 44;

/** Templates of nerValues with small values, looked up densely at run time (see ../parser/dense.ts). */
export function nerValueSizes(): ValueSizes {
  const caps = CAPS_CLASSES + 2;
  const flags = FLAG_VALUES + 2;
  const gazetteer = GAZETTEER_CODES + 2;
  const pos = TAG_COUNT;
  const cluster = EDGE.cluster.map((edge) => edge + 2);
  const classes = CLASSES + 1;
  const sizes: Array<readonly [number, number, number] | undefined> = [];
  sizes[0] = [1, 1, 1];
  sizes[11] = [caps, 2, 2];
  sizes[12] = [caps, caps, caps];
  sizes[21] = [pos, caps, 1];
  sizes[22] = [pos, pos, 1];
  sizes[23] = [pos, pos, 1];
  sizes[24] = [cluster[0]!, 1, 1];
  sizes[25] = [cluster[1]!, 1, 1];
  sizes[26] = [cluster[2]!, 1, 1];
  sizes[27] = [cluster[1]!, 1, 1];
  sizes[28] = [cluster[1]!, 1, 1];
  sizes[29] = [cluster[0]!, cluster[0]!, 1];
  sizes[30] = [cluster[0]!, cluster[0]!, 1];
  sizes[31] = [gazetteer, caps, 2];
  sizes[32] = [gazetteer, gazetteer, 1];
  sizes[33] = [gazetteer, gazetteer, 1];
  sizes[34] = [flags, caps, 1];
  sizes[35] = [flags, 1, 1];
  sizes[36] = [flags, 1, 1];
  sizes[37] = [cluster[2]!, caps, 2];
  sizes[38] = [classes, 1, 1];
  sizes[39] = [classes, classes, 1];
  sizes[42] = [classes, caps, pos];
  sizes[43] = [classes, cluster[1]!, 1];
  return sizes;
}

/** Roles a form plays for the token being tagged: the token itself, the one before, the one after. */
export const SELF = 0;
export const PREVIOUS = 1;
export const NEXT = 2;
export const ROLES = 3;

/**
 * Writes the features that depend on one form alone, in one role (`row` its first index in `codes`, -1
 * beyond the sentence's edge), into `out` from feature `f`; returns the next feature number. The run
 * time sums their weights once per form (see tagger.ts), the trainer uses them one by one.
 */
export function formValues(codes: Int32Array, row: number, role: number, out: Int32Array, f: number): number {
  if (role === SELF) {
    for (let k = 0; k < AFFIXES; k += 1) {
      putFeature(out, f + k, 13 + k, codes[row + PREFIX + k]!, 0, 0);
      putFeature(out, f + AFFIXES + k, 17 + k, codes[row + SUFFIX + k]!, 0, 0);
    }
    putFeature(out, f + 8, 24, codes[row + CLUSTER]!, 0, 0);
    putFeature(out, f + 9, 25, codes[row + CLUSTER + 1]!, 0, 0);
    putFeature(out, f + 10, 26, codes[row + CLUSTER + 2]!, 0, 0);
    putFeature(out, f + 11, 34, codes[row + FLAGS]!, codes[row + CAPS]!, 0);
    return f + 12;
  }
  const edge = role === PREVIOUS ? 0 : 1;
  putFeature(out, f, role === PREVIOUS ? 2 : 3, row < 0 ? BEFORE + edge : codes[row + WORD]!, 0, 0);
  putFeature(out, f + 1, role === PREVIOUS ? 27 : 28, row < 0 ? EDGE.cluster[1]! + edge : codes[row + CLUSTER + 1]!, 0, 0);
  putFeature(out, f + 2, role === PREVIOUS ? 35 : 36, row < 0 ? EDGE.flags + edge : codes[row + FLAGS]!, 0, 0);
  return f + 3;
}

/** Writes the features of token `i` as values into `out`, given the classes already chosen before it; returns their count. */
export function nerValues(s: EncodedSentence, i: number, classes: Int32Array, out: Int32Array): number {
  const codes = s.codes();
  let f = formValues(codes, s.row(i), SELF, out, 0);
  f = formValues(codes, i > 0 ? s.row(i - 1) : -1, PREVIOUS, out, f);
  f = formValues(codes, i + 1 < s.n ? s.row(i + 1) : -1, NEXT, out, f);
  return contextValues(s, i, classes, out, f);
}

/** Writes the features of token `i` that are not form features (see formValues) from feature `f`; returns the next feature number. */
export function contextValues(s: EncodedSentence, i: number, classes: Int32Array, out: Int32Array, f: number): number {
  const n = s.n;
  const here = s.row(i);
  const before = i > 0 ? s.row(i - 1) : -1;
  const after = i + 1 < n ? s.row(i + 1) : -1;
  const before2 = i > 1 ? s.row(i - 2) : -1;
  const after2 = i + 2 < n ? s.row(i + 2) : -1;
  const codes = s.codes();
  const w0 = codes[here + WORD]!;
  const wb = before < 0 ? BEFORE : codes[before + WORD]!;
  const wa = after < 0 ? AFTER : codes[after + WORD]!;
  const shape0 = codes[here + SHAPE]!;
  const shapeBefore = before < 0 ? BEFORE : codes[before + SHAPE]!;
  const shapeAfter = after < 0 ? AFTER : codes[after + SHAPE]!;
  const caps0 = codes[here + CAPS]!;
  const capsBefore = before < 0 ? EDGE.caps : codes[before + CAPS]!;
  const capsAfter = after < 0 ? EDGE.caps + 1 : codes[after + CAPS]!;
  const c0 = codes[here + CLUSTER]!;
  const c1 = codes[here + CLUSTER + 1]!;
  const c2 = codes[here + CLUSTER + 2]!;
  const pos0 = s.pos[i]!;
  const posBefore = i > 0 ? s.pos[i - 1]! : EDGE.pos;
  const posAfter = i + 1 < n ? s.pos[i + 1]! : EDGE.pos + 1;
  const gazetteer0 = s.gazetteer[i]!;
  const gazetteerBefore = i > 0 ? s.gazetteer[i - 1]! : EDGE.gazetteer;
  const gazetteerAfter = i + 1 < n ? s.gazetteer[i + 1]! : EDGE.gazetteer + 1;
  const p1 = i > 0 ? classes[i - 1]! : START;
  const p2 = i > 1 ? classes[i - 2]! : START;
  const first = i === 0 ? 1 : 0;
  const h = s.headline;
  putFeature(out, f, 0, 0, 0, 0);
  putFeature(out, f + 1, 1, w0, h, 0);
  putFeature(out, f + 2, 4, before2 < 0 ? BEFORE : codes[before2 + WORD]!, 0, 0);
  putFeature(out, f + 3, 5, after2 < 0 ? AFTER : codes[after2 + WORD]!, 0, 0);
  putFeature(out, f + 4, 6, wb, w0, 0);
  putFeature(out, f + 5, 7, w0, wa, 0);
  putFeature(out, f + 6, 8, shape0, h, first);
  putFeature(out, f + 7, 9, shapeBefore, shape0, h);
  putFeature(out, f + 8, 10, shape0, shapeAfter, h);
  putFeature(out, f + 9, 11, caps0, first, h);
  putFeature(out, f + 10, 12, capsBefore, caps0, capsAfter);
  putFeature(out, f + 11, 21, pos0, caps0, 0);
  putFeature(out, f + 12, 22, posBefore, pos0, 0);
  putFeature(out, f + 13, 23, pos0, posAfter, 0);
  putFeature(out, f + 14, 29, before < 0 ? EDGE.cluster[0]! : codes[before + CLUSTER]!, c0, 0);
  putFeature(out, f + 15, 30, c0, after < 0 ? EDGE.cluster[0]! + 1 : codes[after + CLUSTER]!, 0);
  putFeature(out, f + 16, 31, gazetteer0, caps0, h);
  putFeature(out, f + 17, 32, gazetteerBefore, gazetteer0, 0);
  putFeature(out, f + 18, 33, gazetteer0, gazetteerAfter, 0);
  putFeature(out, f + 19, 37, c2, caps0, first);
  putFeature(out, f + 20, 38, p1, 0, 0);
  putFeature(out, f + 21, 39, p1, p2, 0);
  putFeature(out, f + 22, 40, p1, w0, 0);
  putFeature(out, f + 23, 41, p1, shape0, 0);
  putFeature(out, f + 24, 42, p1, caps0, pos0);
  putFeature(out, f + 25, 43, p1, c1, 0);
  return f + 26;
}
