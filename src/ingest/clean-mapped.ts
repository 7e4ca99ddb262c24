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

const UNKNOWN = 0;
const NORMAL = 1;
const SPACE = 2;
const INVISIBLE = 3;
const SURROGATE = 4;
/**
 * The class of each UTF-16 unit, from the same expressions `cleanLines` uses: worked out the first
 * time a unit is seen, since a text uses few distinct ones.
 */
const classes = new Uint8Array(0x10000);

function classOf(code: number): number {
  const known = classes[code] ?? UNKNOWN;
  if (known !== UNKNOWN) return known;
  const char = String.fromCharCode(code);
  const kind = code >= 0xd800 && code <= 0xdfff ? SURROGATE : INVISIBLE_CHAR.test(char) ? INVISIBLE : SPACE_CHAR.test(char) ? SPACE : NORMAL;
  classes[code] = kind;
  return kind;
}

/** Code points that start a new normalisation chunk (a starter and the marks after it). */
const CHUNK = /[^\p{M}\u1160-\u11ff][\p{M}\u1160-\u11ff]*|[\p{M}\u1160-\u11ff]+/gsu;

/**
 * A line's kept text turned into NFC, its anchors carried along: chunk by chunk (a starter and its
 * marks), so only a rewritten chunk loses exact positions inside it.
 */
function normalise(kept: string, anchors: OffsetMap, rawEnd: number): MappedLine {
  const origin = new Int32Array(kept.length);
  anchors.forEach(([clean, raw], i) => {
    const next = anchors[i + 1]?.[0] ?? kept.length;
    for (let unit = clean; unit < next; unit++) origin[unit] = raw + (unit - clean);
  });
  const whole = kept.normalize('NFC');
  const map = new OffsetMapBuilder();
  let text = '';
  CHUNK.lastIndex = 0;
  for (let match = CHUNK.exec(kept); match; match = CHUNK.exec(kept)) {
    const chunk = match[0];
    const normal = chunk.normalize('NFC');
    // Inside a sequence NFC rewrote there is no exact position: its units all map to where it starts.
    for (let j = 0; j < normal.length; j++) map.map(text.length + j, origin[match.index + (normal === chunk ? j : 0)] ?? 0);
    text += normal;
  }
  if (text !== whole) {
    // Composition reached across a chunk boundary: map the line as one piece, exact at its ends only.
    const fallback = new OffsetMapBuilder();
    for (let j = 0; j < whole.length; j++) fallback.map(j, Math.min((origin[0] ?? 0) + j, rawEnd - 1));
    return { text: whole, anchors: fallback.finish(whole.length) ?? [[0, 0]], rawEnd };
  }
  return { text, anchors: map.finish(text.length) ?? [[0, 0]], rawEnd };
}

/** Plain ASCII is always NFC; other text is checked. */
function isNfc(line: string): boolean {
  // eslint-disable-next-line no-control-regex -- any character outside ASCII
  return !/[^\u0000-\u007f]/.test(line) || line.normalize('NFC') === line;
}

/**
 * Cleans one raw line [start, end) that needs more than trimming: drops invisible characters and lone
 * surrogates, turns each run of spaces between kept characters into one space (so nothing is left to
 * trim), then NFC.
 */
function cleanLine(raw: string, start: number, end: number, stats: MappedClean['changed']): MappedLine | undefined {
  const parts: string[] = [];
  const anchors: OffsetMap = [];
  let length = 0;
  let runStart = -1;
  let runEnd = -1;
  let pendingSpace = -1;
  for (let i = start; i < end; i++) {
    const code = raw.charCodeAt(i);
    const kind = classOf(code);
    if (kind === SPACE) {
      if (pendingSpace < 0) pendingSpace = i;
      if (code !== 0x20 || length === 0 || (i + 1 < end && classOf(raw.charCodeAt(i + 1)) === SPACE)) stats.whitespace = true;
      continue;
    }
    let units = 1;
    if (kind === SURROGATE) {
      if (code <= 0xdbff && i + 1 < end && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) units = 2;
      else units = 0;
    }
    if (kind === INVISIBLE || units === 0) {
      stats.invisible++;
      continue;
    }
    if (pendingSpace >= 0 && length > 0) {
      if (runStart >= 0) parts.push(raw.slice(runStart, runEnd));
      parts.push(' ');
      if (pendingSpace !== runEnd) anchors.push([length, pendingSpace]);
      length++;
      runStart = -1;
    }
    pendingSpace = -1;
    if (runStart >= 0 && runEnd === i) runEnd += units;
    else {
      if (runStart >= 0) parts.push(raw.slice(runStart, runEnd));
      // The space pushed just before (if any) ends at pendingSpace + 1; a new anchor unless that is i.
      const previous = anchors[anchors.length - 1];
      const continues = previous !== undefined && length > 0 && previous[1] + (length - previous[0]) === i;
      if (!continues) anchors.push([length, i]);
      runStart = i;
      runEnd = i + units;
    }
    length += units;
    i += units - 1;
  }
  if (pendingSpace >= 0) stats.whitespace = true;
  if (length === 0) return undefined;
  if (runStart >= 0) parts.push(raw.slice(runStart, runEnd));
  const kept = parts.join('');
  const rawEnd = runEnd;
  if (isNfc(kept)) return { text: kept, anchors, rawEnd };
  stats.normalised = true;
  return normalise(kept, anchors, rawEnd);
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
