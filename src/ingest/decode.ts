import { analyse } from 'chardet';
import { TextDecoder } from 'node:util';
import type { Severity } from '../doc/types.js';

/** Something the reader of a source has to say about it; ingest copies it into the Doc's messages. */
export interface SourceMessage {
  ruleId: string;
  severity: Severity;
  reason: string;
}

export interface Decoded {
  text: string;
  /** WHATWG name of the encoding used (`utf-8`, `utf-16le`, `windows-1252` …). */
  encoding: string;
  messages: SourceMessage[];
}

/** Where a declared charset came from, for the messages: "the Content-Type header", "<meta charset>". */
export interface Declaration {
  charset: string;
  from: string;
}

/** The charset a page declares in <meta charset> or <meta http-equiv="content-type">, from its first bytes. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

/** The encoding an XML document declares in `<?xml … encoding="…"?>` (feeds, sitemaps). */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  return /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, ''));
  } catch {
    return undefined;
  }
}

/** Windows-1252 in 0x80-0x9F (undefined bytes stay as their C1 code); Node 20's decoder treats it as latin1 there. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  return encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
}

interface Utf8Census {
  /** Well-formed sequences of two to four bytes: evidence that the text is UTF-8. */
  multibyte: number;
  /** Maximal ill-formed subsequences, each of which a decoder replaces with one U+FFFD. */
  invalid: number;
  firstInvalid: number;
}

/** Counts well- and ill-formed UTF-8 in one pass (the rules of the Unicode standard, table 3-7). */
function utf8Census(bytes: Uint8Array): Utf8Census {
  let multibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    }
    let used = 1;
    while (length > 0 && used < length) {
      const next = bytes[i + used];
      if (next === undefined || next < (used === 1 ? low : 0x80) || next > (used === 1 ? high : 0xbf)) break;
      used++;
    }
    if (length > 0 && used === length) multibyte++;
    else {
      invalid++;
      if (firstInvalid < 0) firstInvalid = i;
    }
    i += length > 0 && used === length ? length : Math.max(1, used);
  }
  return { multibyte, invalid, firstInvalid };
}

const UTF16_SAMPLE = 4096;

/**
 * UTF-16 without a byte order mark: text in the Latin range has a zero in every other byte, which
 * no 8-bit encoding of text has. Returns the byte order, or undefined when the pattern is absent.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(bytes.length, UTF16_SAMPLE) / 2);
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** chardet's names for encodings it can tell but that are better decoded as their WHATWG superset. */
const SUPERSET: Record<string, string> = { 'iso-8859-1': 'windows-1252', 'iso-8859-9': 'windows-1254' };
/** Below this chardet confidence (0–100) a legacy guess is not taken over UTF-8 with replacements. */
const MIN_DETECTION_CONFIDENCE = 20;

/** The legacy encoding chardet finds most likely among those a TextDecoder can decode. */
function detectLegacy(bytes: Uint8Array): { encoding: string; confidence: number } | undefined {
  for (const match of analyse(bytes)) {
    if (match.confidence < MIN_DETECTION_CONFIDENCE) return undefined;
    const name = match.name.toLowerCase();
    if (name === 'utf-8' || name === 'ascii') return undefined;
    const decoder = decoderFor(SUPERSET[name] ?? name);
    if (decoder && !decoder.encoding.startsWith('utf-')) return { encoding: decoder.encoding, confidence: match.confidence };
  }
  return undefined;
}

function utf8WithReplacements(bytes: Uint8Array, census: Utf8Census, why: string): Decoded {
  const count = `${census.invalid} byte sequence${census.invalid === 1 ? '' : 's'}`;
  return {
    text: new TextDecoder('utf-8').decode(bytes),
    encoding: 'utf-8',
    messages: [{
      ruleId: 'invalid-utf8',
      severity: 'warning',
      reason: `${count} not valid UTF-8 (first at byte ${census.firstInvalid}) replaced with U+FFFD; ${why}`,
    }],
  };
}

/**
 * Bytes to text, saying what was done. A BOM decides first, then a declared charset. Otherwise UTF-8:
 * a few invalid bytes in otherwise UTF-8 text are replaced (with a warning) rather than reading the
 * whole text in another encoding. A legacy encoding is used only when the bytes hold no UTF-8 at all
 * and chardet names one; UTF-16 without a BOM is recognised by its zero bytes.
 */
export function decodeText(bytes: Uint8Array, declared?: Declaration): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3), 'UTF-8 by its byte order mark');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', messages: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', messages: [] };
  const messages: SourceMessage[] = [];
  if (declared) {
    const decoder = decoderFor(declared.charset);
    if (!decoder) {
      messages.push({ ruleId: 'unknown-charset', severity: 'warning', reason: `charset ${JSON.stringify(declared.charset.slice(0, 40))} declared in ${declared.from} is unknown; ignored` });
    } else if (decoder.encoding === 'utf-8') {
      return decodeUtf8(bytes, `UTF-8 as declared in ${declared.from}`);
    } else {
      return { text: decodeWith(decoder.encoding, bytes), encoding: decoder.encoding, messages: [{ ruleId: 'encoding', severity: 'info', reason: `decoded as ${decoder.encoding}, declared in ${declared.from}` }] };
    }
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    messages.push({ ruleId: 'encoding', severity: 'info', reason: `decoded as ${utf16}: no byte order mark, but every other byte is zero` });
    return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, messages };
  }
  const census = utf8Census(bytes);
  if (census.invalid === 0) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', messages };
  // Well-formed multi-byte sequences hardly ever occur by chance in legacy text: where they outnumber
  // the broken ones, the text is UTF-8 with a few damaged bytes, and reading it as windows-1252 would
  // turn every quote and accent in it into mojibake.
  if (census.multibyte >= census.invalid) {
    const decoded = utf8WithReplacements(bytes, census, `the rest is UTF-8 (${census.multibyte} multi-byte characters)`);
    return { ...decoded, messages: [...messages, ...decoded.messages] };
  }
  const legacy = detectLegacy(bytes);
  if (legacy) {
    messages.push({ ruleId: 'encoding', severity: 'warning', reason: `not UTF-8; decoded as ${legacy.encoding} (detected, confidence ${legacy.confidence}%)` });
    return { text: decodeWith(legacy.encoding, bytes), encoding: legacy.encoding, messages };
  }
  const decoded = utf8WithReplacements(bytes, census, 'no other encoding could be detected');
  return { ...decoded, messages: [...messages, ...decoded.messages] };
}

function decodeUtf8(bytes: Uint8Array, why: string): Decoded {
  const census = utf8Census(bytes);
  if (census.invalid === 0) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', messages: [] };
  return utf8WithReplacements(bytes, census, why);
}
