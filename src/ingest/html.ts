import { createRequire } from 'node:module';
import { ELEMENT_NODE, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './dom.js';
import { boundHtml, type HtmlLimits } from './html-bounds.js';
import { readPageMeta, type PageMeta } from './html-meta.js';

/**
 * linkedom and Readability are loaded on the first HTML page, not at start-up: linkedom alone adds
 * ~110 ms to every cold start, and plain text never needs them.
 */
const requireLazily = createRequire(import.meta.url);
let linkedom: typeof import('linkedom') | undefined;
let readability: typeof import('@mozilla/readability') | undefined;

export interface HtmlExtract {
  /** Main text with one block (paragraph, heading, list item …) per line, not yet cleaned. */
  text: string;
  meta: PageMeta;
  /** `readability` when Readability found the article, `body` when the whole body was read block by block. */
  method: 'readability' | 'body';
  /** Open tags left out because they nested deeper than the depth limit (absent when none were). */
  droppedDeepTags?: number;
  /** Set when the page had more elements than the limit: the markup was cut at this offset. */
  cutAt?: number;
}

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL', 'BR',
]);
const CELL_TAGS = new Set(['TD', 'TH']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD', 'TITLE', 'BUTTON', 'SELECT', 'TEXTAREA']);
/** Page chrome dropped before reading a body that Readability could not make sense of. */
const CHROME_SELECTOR = 'script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select, [role="navigation"], [aria-hidden="true"]';

/** A comment (`<!-->` and `<!--->` close at once, as browsers read them; an unclosed one runs to the end) or an <html> tag. */
const COMMENT_OR_HTML_TAG = /<!--(?:>|->|[\s\S]*?(?:-->|$))|<html[\s>]/gi;

/**
 * Where the first <html> tag outside a comment starts, or -1. Pages for old Internet Explorer put
 * `<!--[if IE 8]><html class="ie8"><![endif]-->` before the real tag; cutting there would hand linkedom
 * a root that ends at once and an empty body.
 */
function firstHtmlTag(html: string): number {
  COMMENT_OR_HTML_TAG.lastIndex = 0;
  for (let match = COMMENT_OR_HTML_TAG.exec(html); match; match = COMMENT_OR_HTML_TAG.exec(html)) {
    if (match[0].charCodeAt(1) !== 33) return match.index;
  }
  return -1;
}

/**
 * Puts the markup into a shape linkedom parses into a full document: it takes the first element
 * as the root, so a page that starts with <style> before <html> (or a bare fragment) would have no body.
 */
export function prepareHtml(html: string): string {
  const htmlTag = firstHtmlTag(html);
  if (htmlTag >= 0) return `<!doctype html>${html.slice(htmlTag)}`;
  if (/<body[\s>]/i.test(html)) return `<!doctype html><html>${html}</html>`;
  return `<!doctype html><html><head></head><body>${html}</body></html>`;
}

/** Parses the page with its nesting and size bounded, so the parser's cost stays linear (html-bounds.ts). */
export function parseDocument(html: string, limits: HtmlLimits = {}): DomDocument {
  return parsePrepared(boundHtml(prepareHtml(html), limits).html);
}

function parsePrepared(html: string): DomDocument {
  linkedom ??= requireLazily('linkedom') as typeof import('linkedom');
  const { document } = linkedom.parseHTML(html) as unknown as { document: DomDocument };
  return document;
}

/** Text of a subtree with a line break around every block element, so paragraphs never run together. */
export function blockText(root: DomNode): string {
  const parts: string[] = [];
  // An explicit stack: malformed pages can nest thousands of unclosed tags.
  const stack: Array<DomNode | string> = [root];
  let preDepth = 0;
  while (stack.length > 0) {
    const item = stack.pop() as DomNode | string;
    if (typeof item === 'string') {
      if (item === '\u0000pre-end') preDepth--;
      else parts.push(item);
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      const text = item.textContent ?? '';
      parts.push(preDepth > 0 ? text : text.replace(/\s+/g, ' '));
      continue;
    }
    if (item.nodeType !== ELEMENT_NODE && item !== root) continue;
    const tag = item.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) continue;
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) parts.push('\n');
    if (CELL_TAGS.has(tag)) parts.push(' ');
    if (tag === 'PRE') {
      preDepth++;
      stack.push('\u0000pre-end');
    }
    if (isBlock) stack.push('\n');
    const children = item.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as DomNode);
  }
  return parts.join('');
}

/** A list whose text is nearly all link text is a menu or a link farm, not article prose. */
function removeLinkLists(root: DomElement): void {
  for (const list of Array.from(root.querySelectorAll('ul, ol'))) {
    const items = list.querySelectorAll('li').length;
    const text = (list.textContent ?? '').replace(/\s+/g, '').length;
    if (items < 3 || text === 0) continue;
    let linkText = 0;
    for (const link of Array.from(list.querySelectorAll('a'))) linkText += (link.textContent ?? '').replace(/\s+/g, '').length;
    if (linkText / text >= 0.8) list.remove();
  }
}

/** A class or id naming a caption or credit: `caption`, `image-caption`, `photo_credit`, `wp-caption-text`. */
const CAPTION_NAME = /(?:^|[\s_-])(?:caption|credit)s?(?:$|[\s_-])/i;

/**
 * Captions are about a picture, not part of the article's running text (and a gallery repeats them):
 * <figcaption> and elements whose class or id says caption or credit.
 */
function removeCaptions(root: DomElement): void {
  for (const element of Array.from(root.querySelectorAll('figcaption, [class], [id]'))) {
    if (element.nodeName.toUpperCase() === 'FIGCAPTION' || CAPTION_NAME.test(element.getAttribute('class') ?? '') || CAPTION_NAME.test(element.getAttribute('id') ?? '')) {
      element.remove();
    }
  }
}

/** Blocks whose text is at least this share link text are links to elsewhere ("On example.com: another headline"). */
const LINK_BLOCK_SHARE = 0.7;

/** A paragraph or minor heading longer than this (non-space characters) is prose even when it is one link. */
const MAX_LINK_PARAGRAPH = 200;
/** Link text that is an address written out (`www.example.org`, `https://…`): a source cited in the text, kept. */
const ADDRESS_TEXT = /^(?:https?:\/\/|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+(?:\/\S*)?$/i;

/**
 * Blocks that are nearly all link text: cross-links ("On example.com: another headline") and rows of
 * teasers, not prose. A short paragraph or minor heading that is one link goes; a division or section only
 * when it holds two links or more (a whole article can sit in one <div> with a link in it).
 */
function removeLinkBlocks(root: DomElement): void {
  for (const block of Array.from(root.querySelectorAll('p, h3, h4, h5, h6, div, section'))) {
    const links = Array.from(block.querySelectorAll('a'));
    if (links.length === 0) continue;
    const text = (block.textContent ?? '').replace(/\s+/g, '').length;
    if (text === 0) continue;
    const isDivision = /^(?:DIV|SECTION)$/i.test(block.nodeName);
    if (isDivision ? links.length < 2 : text > MAX_LINK_PARAGRAPH) continue;
    let linkText = 0;
    for (const link of links) {
      const words = (link.textContent ?? '').trim();
      if (!ADDRESS_TEXT.test(words)) linkText += words.replace(/\s+/g, '').length;
    }
    if (linkText / text >= LINK_BLOCK_SHARE) block.remove();
  }
}

/** What is left out of any main text: link menus, link-only blocks and captions (again: Readability may have made new ones). */
function removeNonProse(root: DomElement): void {
  removeLinkLists(root);
  removeLinkBlocks(root);
  removeCaptions(root);
}

function bodyText(document: DomDocument): string {
  const body = document.body ?? document.documentElement;
  if (!body) return '';
  for (const element of Array.from(body.querySelectorAll(CHROME_SELECTOR))) element.remove();
  removeNonProse(body);
  return blockText(body);
}

/** Readability's cost grows steeply with nesting depth (1,000 nested divs take ~10 s) and element count. */
const MAX_DEPTH_FOR_READABILITY = 80;
const MAX_ELEMENTS_FOR_READABILITY = 20_000;

/** Whether the tree is shallow and small enough to hand to Readability. */
export function fitForReadability(root: DomNode): boolean {
  const stack: Array<[DomNode, number]> = [[root, 0]];
  let elements = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [DomNode, number];
    if (depth > MAX_DEPTH_FOR_READABILITY || ++elements > MAX_ELEMENTS_FOR_READABILITY) return false;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as DomNode;
      if (child.nodeType === ELEMENT_NODE) stack.push([child, depth + 1]);
    }
  }
  return true;
}

interface ReadabilityArticle {
  text: string;
  title?: string;
  byline?: string;
  siteName?: string;
}

/** The article Readability finds, or undefined; call only on a document `fitForReadability` accepts. */
function readabilityText(document: DomDocument): ReadabilityArticle | undefined {
  try {
    readability ??= requireLazily('@mozilla/readability') as typeof import('@mozilla/readability');
    const reader = new readability.Readability(document as never, {
      serializer: (node: unknown) => node as DomElement,
      maxElemsToParse: MAX_ELEMENTS_FOR_READABILITY,
    });
    const article = reader.parse();
    if (!article?.content) return undefined;
    removeNonProse(article.content);
    const text = blockText(article.content);
    if (text.trim() === '') return undefined;
    const result: ReadabilityArticle = { text };
    if (article.title) result.title = article.title;
    if (article.byline) result.byline = article.byline;
    if (article.siteName) result.siteName = article.siteName;
    return result;
  } catch {
    // Readability throws on some malformed trees; the body fallback still gives the text.
    return undefined;
  }
}

/** Main text and metadata of an HTML page. Never throws on malformed markup. */
export function extractHtml(html: string, limits: HtmlLimits = {}): HtmlExtract {
  const bounded = boundHtml(prepareHtml(html), limits);
  const bounds: Pick<HtmlExtract, 'droppedDeepTags' | 'cutAt'> = {};
  if (bounded.dropped > 0) bounds.droppedDeepTags = bounded.dropped;
  if (bounded.cutAt !== undefined) bounds.cutAt = bounded.cutAt;
  let markup = bounded.html;
  let document: DomDocument;
  try {
    document = parsePrepared(markup);
  } catch {
    markup = prepareHtml(html.replace(/<[^>]*>/g, ' '));
    document = parsePrepared(markup);
  }
  let meta: PageMeta = {};
  try {
    meta = readPageMeta(document);
  } catch {
    // Metadata is optional; an odd page must still give its text.
  }
  if (!document.documentElement || !fitForReadability(document.documentElement)) {
    return { text: bodyText(document), meta, method: 'body', ...bounds };
  }
  // Before Readability, which strips class names from what it returns.
  removeCaptions(document.documentElement);
  const article = readabilityText(document);
  if (article) {
    const filled: PageMeta = { ...meta };
    if (!filled.title && article.title) filled.title = article.title;
    if (!filled.byline && article.byline) filled.byline = article.byline;
    if (!filled.siteName && article.siteName) filled.siteName = article.siteName;
    return { text: article.text, meta: filled, method: 'readability', ...bounds };
  }
  // Readability changed the document while it tried; start again from the markup.
  return { text: bodyText(parsePrepared(markup)), meta, method: 'body', ...bounds };
}
