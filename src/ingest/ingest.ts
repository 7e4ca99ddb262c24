import { createDoc } from '../doc/doc.js';
import type { OffsetMapBuilder } from '../doc/offsets.js';
import type { Doc, Message, OffsetMap, Severity, SkipReason, SourceInfo } from '../doc/types.js';
import { cleanLines, looksBinary, truncateText } from './clean.js';
import { cleanLinesMapped, joinMapped } from './clean-mapped.js';
import { furnitureLines, getFurniture, removeFurniture, type Furniture } from './furniture.js';
import { bodyLeadsWith, headlineOf } from './headline.js';
import { extractHtml } from './html.js';
import { DEFAULT_MAX_HTML_DEPTH, DEFAULT_MAX_HTML_ELEMENTS, type HtmlLimits } from './html-bounds.js';
import { normaliseDate } from './html-meta.js';
import type { SourceMessage } from './decode.js';
import { identifyLanguage, normaliseLanguage } from './language.js';
import { splitParagraphs } from './paragraphs.js';
import { refuseSourceUrl } from './url.js';

export const INGEST_STAGE = 'ingest';
export const INGEST_VERSION = 1;
export const DEFAULT_MAX_CHARS = 2_000_000;
/** Markup is bulkier than its text; raw HTML gets this many times the text limit. */
const HTML_SIZE_FACTOR = 5;

export interface IngestInput {
  content: string;
  /** Sniffed from the content when absent. */
  kind?: 'text' | 'html';
  url?: string;
  /** YYYY-MM-DD or ISO date-time from the user: wins over the page's own date. */
  published?: string;
  /** Publication date for a document that carries none: used only when neither `published` nor the page gives one. */
  defaultPublished?: string;
  /** The caller's id for this input; kept as `source.inputId`. */
  inputId?: string;
  retrievedAt?: string;
  /** ISO 639-3 code the caller vouches for this input (a JSON Lines `language` field): wins over detection and the option. */
  language?: string;
  /** What reading the source had to say (decoding warnings, the field used): copied into the Doc's messages. */
  messages?: readonly SourceMessage[];
  /** The article's title from the caller (a JSON Lines `title`, a feed item): wins over the page's own. */
  title?: string;
}

export interface IngestOptions {
  /** Longest text kept, in UTF-16 units; longer text is cut with a warning. */
  maxChars?: number;
  /** ISO 639-3 code the caller vouches for: language identification is skipped. */
  language?: string;
  /** Furniture patterns to use instead of the shipped ones (tests, custom deployments). */
  furniture?: Furniture;
  /** Nesting depth and element count the HTML parser is given (defaults in html-bounds.ts). */
  htmlLimits?: HtmlLimits;
  /** Put the title before the body as the first line, to be coded with it (headline.ts; default true). */
  headline?: boolean;
}

/** Looks like HTML: a doctype or <html> at the start, or <p>/<body> tags near it. */
export function sniffKind(content: string): 'text' | 'html' {
  const head = content.length > 65536 ? content.slice(0, 65536) : content;
  if (/^\s*(?:\ufeff)?\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)/i.test(head)) return 'html';
  return /<(?:p|body|div|article|br)(?:\s[^>]*)?>/i.test(head) && /<\/(?:p|body|div|article)>/i.test(head) ? 'html' : 'text';
}

class MessageLog {
  readonly messages: Message[] = [];
  add(ruleId: string, severity: Severity, reason: string): void {
    this.messages.push({ stage: INGEST_STAGE, ruleId, severity, reason });
  }
}

function quoteLine(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}…` : line);
}

/** A publication date the caller gave, normalised; a value that is not a real date is a warning and ignored. */
function userDate(value: string | undefined, log: MessageLog): string | undefined {
  if (!value) return undefined;
  const date = normaliseDate(value);
  if (!date) log.add('bad-published', 'warning', `publication date ${quoteLine(value)} is not a valid YYYY-MM-DD or ISO date; ignored`);
  return date;
}

interface PlainText {
  text: string;
  map: OffsetMapBuilder;
  /** What cleaning changed, in words for the text-changed message. */
  changes: string[];
  removedLines: number;
}

/** Plain text: clean lines without furniture (each removed line in a message), and the map back to the input. */
function cleanPlainText(body: string, furniture: Furniture, log: MessageLog): PlainText {
  const clean = cleanLinesMapped(body);
  const drop = furnitureLines(clean.lines.map((line) => line.text), furniture);
  clean.lines.forEach((line, i) => {
    if (drop[i]) log.add('furniture-removed', 'info', `removed page furniture ${JSON.stringify(line.text)} (input offset ${line.anchors[0]?.[1] ?? 0})`);
  });
  const { text, map } = joinMapped(clean.lines, drop);
  const removedLines = drop.filter(Boolean).length;
  return { text, map, changes: describeChanges(clean.changed, removedLines), removedLines };
}

/** The offset map of a body that now follows a prefix of `shift` characters (which has no place in the input). */
function shiftedMap(map: OffsetMapBuilder, shift: number, length: number): OffsetMap | undefined {
  if (shift === 0) return map.finish(length);
  const anchors = map.finish(length - shift) ?? [[0, 0]];
  const shifted: OffsetMap = anchors.map(([clean, input]) => [clean + shift, input]);
  return shifted;
}

/** What cleaning did to a plain-text input, in words. */
function describeChanges(changed: { whitespace: boolean; invisible: number; normalised: boolean }, furnitureLines: number): string[] {
  const changes: string[] = [];
  if (changed.whitespace) changes.push('white space collapsed');
  if (changed.invisible > 0) changes.push(`${changed.invisible} invisible or control character${changed.invisible === 1 ? '' : 's'} removed`);
  if (changed.normalised) changes.push('Unicode composed (NFC)');
  if (furnitureLines > 0) changes.push(`${furnitureLines} furniture line${furnitureLines === 1 ? '' : 's'} removed`);
  return changes;
}

/** Raw input in, a Doc out: clean main text with one paragraph per line, metadata, language, skip reason. */
export function ingest(input: IngestInput, options: IngestOptions = {}): Doc {
  const started = performance.now();
  const log = new MessageLog();
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const kind = input.kind ?? sniffKind(input.content);
  const source: SourceInfo = { format: kind };
  if (input.url) {
    const refused = refuseSourceUrl(input.url);
    if (refused) log.add('url-dropped', 'warning', `source URL ${quoteLine(input.url)} dropped: ${refused}`);
    else source.url = input.url;
  }
  if (input.inputId) source.inputId = input.inputId;
  if (input.retrievedAt) source.retrievedAt = input.retrievedAt;

  for (const message of input.messages ?? []) log.add(message.ruleId, message.severity, message.reason);
  let skip: SkipReason | undefined;
  let raw = input.content;
  if (looksBinary(raw)) {
    skip = { stage: INGEST_STAGE, ruleId: 'binary', reason: 'content looks binary (NUL, replacement or control characters)' };
    raw = '';
  }
  const rawLimit = kind === 'html' ? maxChars * HTML_SIZE_FACTOR : maxChars;
  if (raw.length > rawLimit) {
    log.add('truncated', 'warning', `input of ${raw.length} chars cut to ${rawLimit}`);
    raw = truncateText(raw, rawLimit);
  }

  let body = raw;
  if (kind === 'html' && raw !== '') {
    const page = extractHtml(raw, options.htmlLimits);
    body = page.text;
    if (page.cutAt !== undefined) {
      log.add('truncated', 'warning', `page of more than ${options.htmlLimits?.maxElements ?? DEFAULT_MAX_HTML_ELEMENTS} elements cut at offset ${page.cutAt} of its markup`);
    }
    if (page.droppedDeepTags) {
      log.add('deep-nesting', 'warning', `${page.droppedDeepTags} tags nested more than ${options.htmlLimits?.maxDepth ?? DEFAULT_MAX_HTML_DEPTH} levels deep were left out; their text was kept`);
    }
    if (page.method === 'body') log.add('no-article', 'info', 'Readability found no article; read the page body block by block');
    if (page.meta.title) source.title = page.meta.title;
    if (page.meta.byline) source.byline = page.meta.byline;
    if (page.meta.siteName) source.siteName = page.meta.siteName;
    if (page.meta.published && page.meta.publishedFrom) {
      source.published = page.meta.published;
      source.publishedFrom = page.meta.publishedFrom;
    }
  }
  if (input.title?.trim()) source.title = input.title.replace(/\s+/g, ' ').trim();
  const given = userDate(input.published, log);
  const fallback = userDate(input.defaultPublished, log);
  if (given) {
    source.published = given;
    source.publishedFrom = 'user';
  } else if (fallback && !source.published) {
    source.published = fallback;
    source.publishedFrom = 'user';
  }

  const furniture = options.furniture ?? getFurniture();
  let text: string;
  let plain: PlainText | undefined;
  if (kind === 'text') {
    plain = cleanPlainText(body, furniture, log);
    text = plain.text;
  } else {
    const { kept, removed } = removeFurniture(cleanLines(body), furniture);
    for (const line of removed) log.add('furniture-removed', 'info', `removed page furniture ${JSON.stringify(line)}`);
    text = kept.join('\n');
  }
  if (text.length > maxChars) {
    log.add('truncated', 'warning', `text of ${text.length} chars cut to ${maxChars}`);
    text = truncateText(text, maxChars);
  }
  const headline = options.headline === false || text === '' ? undefined : headlineOf(source.title, source.siteName);
  const prefix = headline && !bodyLeadsWith(text, headline) ? `${headline}\n` : '';
  if (prefix) {
    text = prefix + text;
    source.headlineEnd = headline!.length;
    log.add('headline', 'info', 'the title was put before the body as its first line, to be coded with it');
  }
  if (plain) {
    const offsetMap = shiftedMap(plain.map, prefix.length, text.length);
    if (offsetMap) source.offsetMap = offsetMap;
    if (offsetMap || plain.removedLines > 0) {
      log.add('text-changed', 'info', `text differs from the input (${plain.changes.join(', ') || 'trimmed'})`
        + `${offsetMap ? '; source.offsetMap maps its offsets back to the input' : ''}`);
    }
  }

  if (!skip && text === '') skip = { stage: INGEST_STAGE, ruleId: 'empty', reason: 'no text left after cleaning' };
  if (text !== '') {
    const stated = input.language ?? options.language;
    const given = stated === undefined ? undefined : (normaliseLanguage(stated) ?? stated);
    if (given) source.language = given;
    else {
      const guess = identifyLanguage(text);
      source.language = guess.language;
      if (!guess.confident) {
        log.add('language-uncertain', 'warning', `${guess.detail}: coded as English`);
      } else if (!skip && guess.language !== 'eng') {
        skip = { stage: INGEST_STAGE, ruleId: 'not-english', reason: `language detected as ${guess.language} (${guess.detail})` };
      }
    }
    if (!skip && given && given !== 'eng') {
      skip = { stage: INGEST_STAGE, ruleId: 'not-english', reason: `language given as ${given}` };
    }
  }

  const doc = createDoc(text, source, { paragraphs: splitParagraphs(text) });
  doc.messages.push(...log.messages);
  if (skip) doc.skip = skip;
  doc.provenance.push({
    stage: INGEST_STAGE,
    version: INGEST_VERSION,
    ms: performance.now() - started,
    at: new Date().toISOString(),
    status: 'ok',
  });
  return doc;
}
