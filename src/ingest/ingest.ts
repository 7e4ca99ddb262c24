import { createDoc } from '../doc/doc.js';
import type { OffsetMapBuilder } from '../doc/offsets.js';
import type { Doc, Message, Severity, SkipReason, SourceInfo } from '../doc/types.js';
import { cleanLines, looksBinary, truncateText } from './clean.js';
import { cleanLinesMapped, joinMapped } from './clean-mapped.js';
import { furnitureLines, getFurniture, removeFurniture, type Furniture } from './furniture.js';
import { extractHtml } from './html.js';
import { normaliseDate } from './html-meta.js';
import { identifyLanguage } from './language.js';
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
  /** The caller's id for this input; kept as `source.inputId`. */
  inputId?: string;
  retrievedAt?: string;
}

export interface IngestOptions {
  /** Longest text kept, in UTF-16 units; longer text is cut with a warning. */
  maxChars?: number;
  /** ISO 639-3 code the caller vouches for: language identification is skipped. */
  language?: string;
  /** Furniture patterns to use instead of the shipped ones (tests, custom deployments). */
  furniture?: Furniture;
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
    const page = extractHtml(raw);
    body = page.text;
    if (page.method === 'body') log.add('no-article', 'info', 'Readability found no article; read the page body block by block');
    if (page.meta.title) source.title = page.meta.title;
    if (page.meta.byline) source.byline = page.meta.byline;
    if (page.meta.siteName) source.siteName = page.meta.siteName;
    if (page.meta.published && page.meta.publishedFrom) {
      source.published = page.meta.published;
      source.publishedFrom = page.meta.publishedFrom;
    }
  }
  if (input.published) {
    const published = normaliseDate(input.published);
    if (published) {
      source.published = published;
      source.publishedFrom = 'user';
    } else log.add('bad-published', 'warning', `publication date ${quoteLine(input.published)} is not YYYY-MM-DD or ISO; ignored`);
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
  if (plain) {
    const offsetMap = plain.map.finish(text.length);
    if (offsetMap) source.offsetMap = offsetMap;
    if (offsetMap || plain.removedLines > 0) {
      log.add('text-changed', 'info', `text differs from the input (${plain.changes.join(', ') || 'trimmed'})`
        + `${offsetMap ? '; source.offsetMap maps its offsets back to the input' : ''}`);
    }
  }

  if (!skip && text === '') skip = { stage: INGEST_STAGE, ruleId: 'empty', reason: 'no text left after cleaning' };
  if (text !== '') {
    if (options.language) source.language = options.language;
    else {
      const guess = identifyLanguage(text);
      source.language = guess.language;
      if (guess.method === 'too-short') {
        log.add('language-uncertain', 'warning', `${guess.detail}: coded as English`);
      } else if (!skip && guess.language !== 'eng') {
        skip = { stage: INGEST_STAGE, ruleId: 'not-english', reason: `language detected as ${guess.language} (${guess.detail})` };
      }
    }
    if (!skip && options.language && options.language !== 'eng') {
      skip = { stage: INGEST_STAGE, ruleId: 'not-english', reason: `language given as ${source.language}` };
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
