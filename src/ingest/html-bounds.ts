/**
 * Bounds how deep the markup nests before linkedom parses it. htmlparser2 (linkedom's parser) keeps its
 * open elements in an array it `unshift`s onto and searches with `indexOf`, so a page of 100,000 nested
 * tags takes tens of seconds and 400,000 several minutes. One linear pass here finds the tags that would
 * open beyond `maxDepth` and leaves them out, so the parser never sees a deep tree.
 *
 * The pass follows htmlparser2's tokenizer (comments, CDATA, declarations, attribute quoting, the raw
 * text of script/style/title/textarea/xmp) and the part of its tree building that changes depth: void
 * elements, the open tags that implicitly close the current one, and end tags that close up to the
 * nearest open element of their name, and `<x/>` closing x only in foreign content (SVG, MathML). It
 * keeps the parser's stack of open elements exactly in step for every tag it lets through and lets
 * through no open tag that would push that stack past `maxDepth`, so open elements never nest deeper
 * than that (a void element may sit one level below). `html-bounds.test.ts` checks this against linkedom
 * on random tag soup, so a change in htmlparser2's rules shows there.
 *
 * Text is never removed: it ends up in the deepest element kept. A dropped block tag becomes `<br>`, so
 * paragraphs below the limit still end on a line break; a dropped script, style, title, textarea or
 * xmp element goes with its content, which would otherwise show as text.
 */

export const DEFAULT_MAX_HTML_DEPTH = 256;
/** Far more elements than any article page has; past it linkedom's cost (~10 µs each) adds up to seconds. */
export const DEFAULT_MAX_HTML_ELEMENTS = 100_000;

export interface HtmlLimits {
  /** Deepest nesting of open elements the parser is given. */
  maxDepth?: number;
  /** Elements the parser is given; the markup is cut before the tag that would pass this. */
  maxElements?: number;
}

export interface BoundedHtml {
  html: string;
  /** Open tags left out because they would have nested deeper than the limit. */
  dropped: number;
  /** Where the markup was cut because it had more elements than the limit (absent when it was not). */
  cutAt?: number;
}

/** Same list as htmlparser2's: these never go on the stack of open elements. */
const VOID_ELEMENTS = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

/** htmlparser2's table, all of it: opening the key closes the current element while it is one of these. */
const CLOSES_P = new Set(['p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const DD_DT = new Set(['dd', 'dt']);
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th'])], ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])], ['li', new Set(['li'])],
  ['option', new Set(['option'])], ['optgroup', new Set(['optgroup', 'option'])], ['dd', DD_DT], ['dt', DD_DT],
  ['rt', new Set(['rt', 'rp'])], ['rp', new Set(['rt', 'rp'])], ['tbody', new Set(['thead', 'tbody'])], ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((tag) => [tag, FORM_TAGS] as [string, ReadonlySet<string>]),
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset',
    'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul',
  ].map((tag) => [tag, CLOSES_P] as [string, ReadonlySet<string>]),
]);

/** Elements whose content the tokenizer reads as raw text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

/** Tags that end a line in the extracted text; a dropped one is replaced by `<br>` to keep the break. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'nav', 'ol',
  'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'td', 'th', 'ul',
]);

const CHAR_TAB = 9, CHAR_NL = 10, CHAR_FF = 12, CHAR_CR = 13, CHAR_SPACE = 32;
const CHAR_DQ = 34, CHAR_SQ = 39, CHAR_SLASH = 47, CHAR_LT = 60, CHAR_EQ = 61, CHAR_GT = 62, CHAR_BANG = 33, CHAR_QM = 63;

function isSpace(c: number): boolean {
  return c === CHAR_SPACE || c === CHAR_NL || c === CHAR_TAB || c === CHAR_FF || c === CHAR_CR;
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function endsTagSection(c: number): boolean {
  return c === CHAR_SLASH || c === CHAR_GT || isSpace(c);
}

/** A stack of names with an O(1) "is one of these open?" test. */
class NameStack {
  readonly names: string[] = [];
  private readonly counts = new Map<string, number>();
  get length(): number { return this.names.length; }
  top(): string | undefined { return this.names[this.names.length - 1]; }
  has(name: string): boolean { return (this.counts.get(name) ?? 0) > 0; }
  push(name: string): void {
    this.names.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
  pop(): string | undefined {
    const name = this.names.pop();
    if (name !== undefined) this.counts.set(name, this.counts.get(name)! - 1);
    return name;
  }
  /** Pops up to and including the nearest element of this name (which must be open). */
  popTo(name: string): void {
    while (this.pop() !== name);
  }
  clear(): void {
    this.names.length = 0;
    this.counts.clear();
  }
}

interface OpenTag {
  name: string;
  /** Index just past the tag's `>` (or the end of the input when it never closes). */
  end: number;
  selfClosing: boolean;
}

/** Index of the `/` that makes a tag self-closing: the last one before its `>`. */
function selfClosingSlash(html: string, tag: OpenTag): number {
  return html.lastIndexOf('/', tag.end - 1);
}

/** Reads an open tag from just after `<`, following the tokenizer's attribute states. */
function readOpenTag(html: string, from: number): OpenTag {
  let i = from;
  while (i < html.length && !endsTagSection(html.charCodeAt(i))) i++;
  const name = html.slice(from, i).toLowerCase();
  let slash = false;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === CHAR_GT) return { name, end: i + 1, selfClosing: slash };
    if (c === CHAR_SLASH) {
      slash = true;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    slash = false;
    // An attribute name (its first character whatever it is, as in the tokenizer), then maybe `=` and a value.
    i++;
    while (i < html.length && !endsTagSection(html.charCodeAt(i)) && html.charCodeAt(i) !== CHAR_EQ) i++;
    let j = i;
    while (j < html.length && isSpace(html.charCodeAt(j))) j++;
    if (html.charCodeAt(j) !== CHAR_EQ) continue;
    j++;
    while (j < html.length && isSpace(html.charCodeAt(j))) j++;
    const quote = html.charCodeAt(j);
    if (quote === CHAR_DQ || quote === CHAR_SQ) {
      const close = html.indexOf(quote === CHAR_DQ ? '"' : "'", j + 1);
      i = close < 0 ? html.length : close + 1;
    } else {
      while (j < html.length && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== CHAR_GT) j++;
      i = j;
    }
  }
  return { name, end: html.length, selfClosing: false };
}

/**
 * Where a raw-text element's content ends: just past its end tag, or the end of the input. This is the
 * tokenizer's own matcher, quirks included: it compares `c | 0x20`, so where it is looking for the `<`
 * of `</name` it also takes U+001C, and for the `/` it also takes U+000F; outside <title> it skips to
 * the next `<` after a miss.
 */
function rawTextEnd(html: string, from: number, name: string): { end: number; closed: boolean } {
  const sequence = `</${name}`;
  const skipsAhead = name !== 'title';
  let matched = 0;
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (matched === sequence.length) {
      if (c === CHAR_GT || isSpace(c)) {
        const close = html.indexOf('>', i);
        return { end: close < 0 ? html.length : close + 1, closed: true };
      }
      matched = 0;
    }
    if ((c | 0x20) === sequence.charCodeAt(matched)) matched++;
    else if (matched > 0) matched = c === CHAR_LT ? 1 : 0;
    else if (skipsAhead) {
      const lt = html.indexOf('<', i + 1);
      if (lt < 0) break;
      i = lt;
      matched = 1;
    }
  }
  return { end: html.length, closed: false };
}

/** Elements that switch the parser's "foreign content" flag, under which `<x/>` closes x. */
const FOREIGN_ELEMENTS = new Set(['math', 'svg']);
const HTML_INTEGRATION_ELEMENTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

const NONE: readonly string[] = [];

/**
 * The parser's stack of open elements, kept in step with it for every tag this pass lets through.
 * (htmlparser2 keeps the foreign-content flags on a stack of their own, popped by end tag name only.)
 */
class ParserState {
  readonly open = new NameStack();
  private readonly foreign: boolean[] = [false];

  /** How many open elements the open tag `name` implicitly closes first. */
  impliedCloses(name: string): number {
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    if (!closes) return 0;
    const names = this.open.names;
    let count = 0;
    while (count < names.length && closes.has(names[names.length - 1 - count]!)) count++;
    return count;
  }

  /**
   * Applies an open tag. True when it was `<svg/>` or `<math/>` closing itself in foreign content: the
   * parser then keeps that element's foreign flag until some later </svg>, so a run of them grows its
   * flag stack without bound. The caller writes such a tag as `<svg></svg>`, and the state here follows
   * that rewrite (a self-closing tag right after it is then not honoured, where the parser's leftover
   * flag would have honoured it: a different tree in that corner, never a deeper one).
   */
  openTag(name: string, selfClosing: boolean): boolean {
    for (let n = this.impliedCloses(name); n > 0; n--) this.open.pop();
    if (VOID_ELEMENTS.has(name)) return false;
    this.open.push(name);
    if (FOREIGN_ELEMENTS.has(name)) this.foreign.push(true);
    else if (HTML_INTEGRATION_ELEMENTS.has(name)) this.foreign.push(false);
    if (selfClosing && this.foreign[this.foreign.length - 1] === true && this.open.top() === name) {
      this.open.pop();
      if (!FOREIGN_ELEMENTS.has(name)) return false;
      this.foreign.pop();
      return true;
    }
    return false;
  }

  /**
   * Applies an end tag. The parser pops its foreign-content flag only for an end tag of that very name,
   * so `<div><svg></div>` repeated grows that stack (which it `unshift`s onto) without bound; the names
   * returned are the SVG/MathML elements this end tag closes on the way, for which the caller writes
   * explicit end tags first (as with `<svg/>`, a self-closing tag just after is then not honoured).
   */
  closeTag(name: string): readonly string[] {
    let implicit: string[] | undefined;
    if (FOREIGN_ELEMENTS.has(name) || HTML_INTEGRATION_ELEMENTS.has(name)) this.foreign.pop();
    if (VOID_ELEMENTS.has(name) || !this.open.has(name)) return NONE;
    for (let top = this.open.pop(); top !== name; top = this.open.pop()) {
      if (FOREIGN_ELEMENTS.has(top!) || HTML_INTEGRATION_ELEMENTS.has(top!)) {
        (implicit ??= []).push(top!);
        this.foreign.pop();
      }
    }
    return implicit ?? NONE;
  }
}

/**
 * The markup with every tag that would open deeper than `maxDepth` left out, cut before the element
 * that would pass `maxElements`. Linear in the input; returns the input itself when nothing changed.
 */
export function boundHtml(html: string, limits: HtmlLimits = {}): BoundedHtml {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_HTML_DEPTH;
  const maxElements = limits.maxElements ?? DEFAULT_MAX_HTML_ELEMENTS;
  const parser = new ParserState();
  /** Tags left out, as if they were open above the parser's elements: their end tags are left out too. */
  const overflow = new NameStack();
  const parts: string[] = [];
  let copiedTo = 0;
  let dropped = 0;
  let elements = 0;
  let cutAt: number | undefined;
  let copiedSinceBreak = true;
  /** Replaces html[start, end) with `replacement`. */
  const replace = (start: number, end: number, replacement: string) => {
    const between = html.slice(copiedTo, start);
    parts.push(between, replacement);
    if (/\S/.test(between)) copiedSinceBreak = true;
    copiedTo = end;
  };
  /** Leaves out a tag; a block tag leaves one line break, and a run of them only one. */
  const leaveOut = (start: number, end: number, block: boolean) => {
    replace(start, end, '');
    if (block && copiedSinceBreak) {
      parts.push('<br>');
      copiedSinceBreak = false;
    }
  };
  const writeEndTags = (at: number, names: readonly string[]) => {
    if (names.length > 0) replace(at, at, names.map((name) => `</${name}>`).join(''));
  };

  let i = html.indexOf('<');
  while (i >= 0 && i < html.length - 1) {
    const c = html.charCodeAt(i + 1);
    let next = i + 1;
    if (c === CHAR_BANG) {
      if (html.startsWith('<!--', i)) {
        const close = html.indexOf('-->', i + 2);
        next = close < 0 ? html.length : close + 3;
      } else if (html.startsWith('<![CDATA[', i)) {
        const close = html.indexOf(']]>', i + 9);
        next = close < 0 ? html.length : close + 3;
      } else {
        const close = html.indexOf('>', i + 2);
        next = close < 0 ? html.length : close + 1;
      }
    } else if (c === CHAR_QM) {
      const close = html.indexOf('>', i + 2);
      next = close < 0 ? html.length : close + 1;
    } else if (c === CHAR_SLASH) {
      let j = i + 2;
      while (j < html.length && isSpace(html.charCodeAt(j))) j++;
      const close = html.indexOf('>', j);
      next = close < 0 ? html.length : close + 1;
      if (isAlpha(html.charCodeAt(j))) {
        let k = j;
        while (k < html.length && html.charCodeAt(k) !== CHAR_GT && !isSpace(html.charCodeAt(k))) k++;
        const name = html.slice(j, k).toLowerCase();
        if (overflow.has(name)) {
          overflow.popTo(name);
          leaveOut(i, next, BLOCK_TAGS.has(name));
        } else {
          if (parser.open.has(name)) overflow.clear();
          writeEndTags(i, parser.closeTag(name));
        }
      }
    } else if (isAlpha(c)) {
      const tag = readOpenTag(html, i + 1);
      next = tag.end;
      const closes = OPEN_IMPLIES_CLOSE.get(tag.name);
      if (closes) while (overflow.length > 0 && closes.has(overflow.top()!)) overflow.pop();
      const raw = RAW_TEXT.has(tag.name) && !tag.selfClosing;
      const fits = VOID_ELEMENTS.has(tag.name)
        || (overflow.length === 0 && parser.open.length - parser.impliedCloses(tag.name) < maxDepth);
      if (fits && ++elements > maxElements) {
        cutAt = i;
        break;
      }
      if (fits) {
        // `<svg/>` is written `<svg></svg>`, the same element, so the parser pops its foreign flag too.
        if (parser.openTag(tag.name, tag.selfClosing)) replace(selfClosingSlash(html, tag), next, `></${tag.name}>`);
        if (raw) {
          const content = rawTextEnd(html, next, tag.name);
          next = content.end;
          if (content.closed) parser.closeTag(tag.name);
        }
      } else {
        dropped++;
        if (raw) next = rawTextEnd(html, next, tag.name).end;
        else overflow.push(tag.name);
        leaveOut(i, next, !raw && BLOCK_TAGS.has(tag.name));
      }
    }
    i = html.indexOf('<', Math.max(next, i + 1));
  }
  if (copiedTo === 0 && cutAt === undefined) return { html, dropped };
  parts.push(html.slice(copiedTo, cutAt));
  const bounded: BoundedHtml = { html: parts.join(''), dropped };
  if (cutAt !== undefined) bounded.cutAt = cutAt;
  return bounded;
}
