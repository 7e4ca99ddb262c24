import { FeedError } from './types.js';

/** An element of a simple XML document: local name (prefix dropped), text, attributes, children. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const MAX_DEPTH = 64;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' };

/** The five XML entities and numeric character references; anything else is left as written (never expanded). */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) attributes[localName(match[1]!)] = decodeXmlText(match[2] ?? match[3] ?? '');
  return attributes;
}

/**
 * Reads a small, data-only XML document (a sitemap) into a tree in one linear pass with indexOf, so no
 * input makes it backtrack. It checks what a truncated or broken document gets wrong: every element
 * closed by its own name, one root, nothing after it. Entities other than the five of XML are not
 * expanded; a DOCTYPE has been refused or passed by assertSafeXml before.
 */
export function scanXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  const fail = (what: string): never => {
    throw new FeedError(`malformed XML at character ${at}: ${what}`);
  };
  while (at < text.length) {
    const open = text.indexOf('<', at);
    const textEnd = open < 0 ? text.length : open;
    if (textEnd > at) {
      const chunk = text.slice(at, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeXmlText(chunk);
      else if (chunk.trim() !== '') fail('text outside the root element');
    }
    if (open < 0) break;
    at = open;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) fail('unclosed comment');
      at = end + 3;
    } else if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      if (end < 0) fail('unclosed CDATA section');
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element');
      top!.text += text.slice(at + 9, end);
      at = end + 3;
    } else if (text.startsWith('<?', at) || text.startsWith('<!', at)) {
      const end = text.indexOf('>', at + 2);
      if (end < 0) fail('unclosed declaration');
      at = end + 1;
    } else {
      const end = text.indexOf('>', at + 1);
      if (end < 0) fail('unclosed tag (truncated document?)');
      const tag = text.slice(at + 1, end);
      at = end + 1;
      if (tag.startsWith('/')) {
        const name = localName(tag.slice(1).trim());
        const top = stack.pop();
        if (!top || top.name !== name) fail(`</${name}> does not close ${top ? `<${top.name}>` : 'any element'}`);
        continue;
      }
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const nameMatch = /^[\w:.-]+/.exec(body);
      if (!nameMatch) fail('a tag without a name');
      const element: XmlElement = { name: localName(nameMatch![0]), attributes: attributesOf(body.slice(nameMatch![0].length)), text: '', children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail('a second root element');
      else root = element;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
        stack.push(element);
      }
    }
  }
  if (stack.length > 0) throw new FeedError(`malformed XML: <${stack[stack.length - 1]!.name}> is never closed (truncated document?)`);
  if (!root) throw new FeedError('malformed XML: no root element');
  return root;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
