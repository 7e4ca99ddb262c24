import { createDoc } from '../doc/doc.js';
import type { Doc, Message, Severity, SkipReason, SourceInfo } from '../doc/types.js';
import { cleanLines, looksBinary, truncateText } from './clean.js';
import { getFurniture, removeFurniture, type Furniture } from './furniture.js';
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

  const { kept, removed } = removeFurniture(cleanLines(body), options.furniture ?? getFurniture());
  for (const line of removed) log.add('furniture-removed', 'info', `removed page furniture ${quoteLine(line)}`);
  let text = kept.join('\n');
  if (text.length > maxChars) {
    log.add('truncated', 'warning', `text of ${text.length} chars cut to ${maxChars}`);
    text = truncateText(text, maxChars);
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
