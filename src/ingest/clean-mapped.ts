/**
 * `cleanLines` with a record of where each clean character came from, for plain-text input: the same
 * lines (a property test holds the two to that), plus offsets back into the raw text so annotations
 * can be shown on the user's own copy.
 */

import { OffsetMapBuilder } from '../doc/offsets.js';
import type { OffsetMap } from '../doc/types.js';

/** One clean line: its text, and anchors from offsets in it to the raw text it came from. */
export interface MappedLine {
  text: string;
  /** `[offset in text, raw offset]`, the first at 0; between anchors both advance together. */
  anchors: OffsetMap;
  /** Raw offset just after the line's last kept character. */
  rawEnd: number;
}

export interface MappedClean {
  lines: MappedLine[];
  /** What cleaning changed, beyond dropping blank lines and trimming. */
  changed: { whitespace: boolean; invisible: number; normalised: boolean };
}

// eslint-disable-next-line no-control-regex -- vertical tab and form feed break lines, as in cleanLines
const LINE_BREAK = /\r\n?|[\n\u000b\u000c\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- the characters cleanLines removes (see clean.ts)
const INVISIBLE_CHAR = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufeff\u00ad\u200b\u2060\ufffe\uffff]/;
const SPACE_CHAR = /[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;
/**
 * A line with something to drop or collapse: an invisible character, a space other than one plain
 * space, or a surrogate (paired ones are kept, lone ones dropped; the careful path tells them apart).
 * A line without one only needs trimming and, rarely, NFC.
 */
const NEEDS_EDIT = new RegExp(`${INVISIBLE_CHAR.source}|(?! )${SPACE_CHAR.source}| {2}|[\\ud800-\\udfff]`);

const NORMAL = 0;
const SPACE = 1;
const INVISIBLE = 2;
const SURROGATE = 3;
/** The class of each UTF-16 unit, built once from the same expressions `cleanLines` uses. */
let classes: Uint8Array | undefined;

function unitClasses(): Uint8Array {
  if (classes) return classes;
  classes = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) classes[code] = SURROGATE;
    else {
      const char = String.fromCharCode(code);
      classes[code] = INVISIBLE_CHAR.test(char) ? INVISIBLE : SPACE_CHAR.test(char) ? SPACE : NORMAL;
    }
  }
  return classes;
}

/** Code points that start a new normalisation chunk (a starter and the marks after it). */
const CHUNK = /[^\p{M}\u1160-\u11ff][\p{M}\u1160-\u11ff]*|[\p{M}\u1160-\u11ff]+/gsu;

/** A line in kept units with their raw offsets, turned into NFC with offsets carried along. */
function normalise(kept: string, origin: Int32Array): { text: string; origin: Int32Array; end: Int32Array; changed: boolean } {
  const whole = kept.normalize('NFC');
  const plainEnd = (o: Int32Array): Int32Array => o.map((value) => value + 1);
  if (whole === kept) return { text: kept, origin, end: plainEnd(origin), changed: false };
  const units: number[] = [];
  const ends: number[] = [];
  let text = '';
  CHUNK.lastIndex = 0;
  for (let match = CHUNK.exec(kept); match; match = CHUNK.exec(kept)) {
    const chunk = match[0];
    const start = match.index;
    const normal = chunk.normalize('NFC');
    const same = normal === chunk;
    const chunkEnd = (origin[start + chunk.length - 1] ?? 0) + 1;
    // Inside a sequence NFC rewrote there is no exact position: its units all map to where it starts.
    for (let j = 0; j < normal.length; j++) {
      units.push(origin[start + (same ? j : 0)] ?? 0);
      ends.push(same ? (origin[start + j] ?? 0) + 1 : chunkEnd);
    }
    text += normal;
  }
  if (text !== whole) {
    // Composition reached across a chunk boundary: map the line as one piece, exact at its ends only.
    const first = origin[0] ?? 0;
    const last = (origin[kept.length - 1] ?? 0) + 1;
    return {
      text: whole,
      origin: Int32Array.from({ length: whole.length }, (_, j) => (j === 0 ? first : Math.min(first + j, last - 1))),
      end: new Int32Array(whole.length).fill(last),
      changed: true,
    };
  }
  return { text, origin: Int32Array.from(units), end: Int32Array.from(ends), changed: true };
}

/** Plain ASCII is always NFC; other text is checked. */
function isNfc(line: string): boolean {
  // eslint-disable-next-line no-control-regex -- any character outside ASCII
  return !/[^\u0000-\u007f]/.test(line) || line.normalize('NFC') === line;
}

/** Cleans one raw line [start, end) that needs more than trimming. */
function cleanLine(raw: string, start: number, end: number, stats: MappedClean['changed']): MappedLine | undefined {
  const table = unitClasses();
  const parts: string[] = [];
  const origin = new Int32Array(end - start + 1);
  let length = 0;
  let runStart = -1;
  let runEnd = -1;
  let pendingSpace = -1;
  const flush = (): void => {
    if (runStart >= 0) parts.push(raw.slice(runStart, runEnd));
    runStart = -1;
  };
  const keep = (at: number, units: number): void => {
    if (pendingSpace >= 0) {
      flush();
      parts.push(' ');
      origin[length++] = pendingSpace;
      pendingSpace = -1;
    }
    if (runStart < 0 || runEnd !== at) {
      flush();
      runStart = at;
    }
    runEnd = at + units;
    for (let k = 0; k < units; k++) origin[length++] = at + k;
  };
  for (let i = start; i < end; i++) {
    const code = raw.charCodeAt(i);
    const kind = table[code];
    if (kind === NORMAL) keep(i, 1);
    else if (kind === SPACE) {
      if (pendingSpace < 0) pendingSpace = i;
      if (code !== 0x20 || (i + 1 < end && table[raw.charCodeAt(i + 1)] === SPACE)) stats.whitespace = true;
    } else if (kind === INVISIBLE) stats.invisible++;
    else if (code <= 0xdbff && i + 1 < end && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      keep(i, 2);
      i++;
    } else stats.invisible++;
  }
  flush();
  const kept = parts.join('');
  const normal = normalise(kept, origin.subarray(0, length));
  if (normal.changed) stats.normalised = true;
  let from = 0;
  let to = normal.text.length;
  while (from < to && normal.text.charCodeAt(from) === 0x20) from++;
  while (to > from && normal.text.charCodeAt(to - 1) === 0x20) to--;
  if (from > 0 || to < normal.text.length) stats.whitespace = true;
  if (from === to) return undefined;
  const builder = new OffsetMapBuilder();
  for (let j = from; j < to; j++) builder.map(j - from, normal.origin[j] ?? 0);
  return { text: normal.text.slice(from, to), anchors: builder.finish(to - from) ?? [[0, 0]], rawEnd: normal.end[to - 1] ?? 0 };
}

/** The non-blank lines of raw text, cleaned exactly as `cleanLines` cleans them, with raw offsets. */
export function cleanLinesMapped(raw: string): MappedClean {
  const result: MappedClean = { lines: [], changed: { whitespace: false, invisible: 0, normalised: false } };
  let start = 0;
  LINE_BREAK.lastIndex = 0;
  for (;;) {
    const match = LINE_BREAK.exec(raw);
    const end = match ? match.index : raw.length;
    if (match && match[0] !== '\n') result.changed.whitespace = true;
    const line = raw.slice(start, end);
    if (!NEEDS_EDIT.test(line) && isNfc(line)) {
      const trimmed = line.trim();
      if (trimmed !== line || (trimmed === '' && match)) result.changed.whitespace = true;
      if (trimmed !== '') {
        const at = start + line.indexOf(trimmed);
        result.lines.push({ text: trimmed, anchors: [[0, at]], rawEnd: at + trimmed.length });
      }
    } else {
      const cleaned = cleanLine(raw, start, end, result.changed);
      if (cleaned) result.lines.push(cleaned);
      else if (match) result.changed.whitespace = true;
    }
    if (!match) break;
    start = match.index + match[0].length;
  }
  return result;
}

/**
 * The lines not dropped joined by line breaks, and the map from that text back to the raw input: a
 * line break stands where the line before it ended in the input.
 */
export function joinMapped(lines: readonly MappedLine[], drop: readonly boolean[]): { text: string; map: OffsetMapBuilder } {
  const map = new OffsetMapBuilder();
  const texts: string[] = [];
  let offset = 0;
  let previousEnd = -1;
  lines.forEach((line, i) => {
    if (drop[i]) return;
    if (previousEnd >= 0) map.map(offset++, previousEnd);
    for (const [clean, raw] of line.anchors) map.map(offset + clean, raw);
    texts.push(line.text);
    offset += line.text.length;
    previousEnd = line.rawEnd;
  });
  if (previousEnd >= 0) map.map(offset, previousEnd);
  return { text: texts.join('\n'), map };
}
