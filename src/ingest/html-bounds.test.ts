import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import fc from 'fast-check';
import { ELEMENT_NODE, type DomNode } from './dom.js';
import { boundHtml, type HtmlLimits } from './html-bounds.js';
import { extractHtml, parseDocument } from './html.js';
import { ingest } from './ingest.js';

const { parseHTML } = createRequire(import.meta.url)('linkedom') as typeof import('linkedom');

/**
 * Levels of elements under the document (the <html> element is level 1). Open elements nest at most
 * `maxDepth` deep; a void element or an empty one the parser makes up (for a stray </p>) may sit one below.
 */
function treeDepth(root: DomNode): number {
  let deepest = 0;
  const stack: Array<[DomNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.nodeType === ELEMENT_NODE) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

function parsed(html: string): DomNode {
  return (parseHTML(html) as unknown as { document: DomNode }).document;
}

test('markup within the limit is passed through unchanged', () => {
  const html = '<!doctype html><html><body><div class="a>b"><p>One<p>Two<ul><li>x<li>y</ul></div><script>if (a<b) {}</script></body></html>';
  assert.deepEqual(boundHtml(html, { maxDepth: 8 }), { html, dropped: 0 });
});

test('tags opening beyond the limit are left out, their text kept, block tags leaving one line break', () => {
  const html = `<html><body>${'<div>'.repeat(10)}<p>first</p><p>second</p>${'</div>'.repeat(10)}<p>after</p></body></html>`;
  const bounded = boundHtml(html, { maxDepth: 4 });
  assert.equal(bounded.dropped, 10);
  assert.ok(treeDepth(parsed(bounded.html)) <= 4 + 1);
  const lines = extractHtml(html, { maxDepth: 4 } satisfies HtmlLimits).text.split('\n').map((line) => line.trim()).filter(Boolean);
  assert.deepEqual(lines, ['first', 'second', 'after']);
});

test('implied end tags, void elements and raw text are followed as the parser does', () => {
  // An unclosed <li> closes the one before, <p> the <p> before, <br> and <img> never nest, tags inside
  // <script> are text: none of this is deep, so nothing may be left out at a limit of 6.
  const html = `<html><body><ul>${'<li>item <br><img src=x>'.repeat(50)}</ul>${'<p>para <b>bold</b>'.repeat(50)}<script>${'<div>'.repeat(50)}</script><p>end</body></html>`;
  assert.equal(boundHtml(html, { maxDepth: 6 }).dropped, 0);
  assert.ok(treeDepth(parsed(html)) <= 6);
  // The parser closes a <li> only when it is the current element: inside a <p> the next <li> nests.
  assert.equal(boundHtml(`<html><body><ul>${'<li><p>item'.repeat(50)}</ul></body></html>`, { maxDepth: 6 }).dropped, 97);
});

test('a deep script is dropped with its content, which would otherwise read as text', () => {
  const html = `<html><body>${'<span>'.repeat(5)}<script>var secret = "<b>code</b>";</script>words</body></html>`;
  const bounded = boundHtml(html, { maxDepth: 3 });
  assert.doesNotMatch(bounded.html, /secret/);
  assert.match(bounded.html, /words/);
});

/** Random tag soup: open and close tags in any order, void and self-closed tags, text words, quoted '>'. */
const soup = fc.array(fc.oneof(
  fc.constantFrom('div', 'p', 'li', 'span', 'td', 'tr', 'table', 'b', 'ul', 'option', 'select', 'svg', 'desc', 'math', 'h2').map((t) => `<${t}>`),
  fc.constantFrom('div', 'p', 'li', 'span', 'td', 'b', 'svg', 'br', 'ul', 'select').map((t) => `</${t}>`),
  fc.constantFrom('<br>', '<img src="a>b">', '<path d=x/>', '<div/>', '<input>', '<hr>', '<!-- <div> -->', '<script><div></script>', '<title><p></title>', '<a title=\'<i>\'>'),
  fc.constantFrom('<DIV\n class=x>', '</ Div >', '< div>', '<script/>', '</script>', '<p/>', '<!doctype html>', '<?pi <div>?>', '<![CDATA[<div>]]>', '<a =\'<div>\'>', '<x-y>', '</x-y>', '<svg/>', '<desc/>'),
  fc.constantFrom('<script>', '</script >', '<title>', '</title>', '<style/>', '<textarea>', '</TEXTAREA>', '\u001c', '\u000f', '<', '/', '&amp;', '<p title="x'),
  fc.nat(999).map((n) => ` w${n} `),
), { maxLength: 120 });

test('property: whatever the soup, the parsed tree is no deeper than the limit and keeps every word in order', () => {
  fc.assert(fc.property(soup, fc.integer({ min: 2, max: 12 }), (parts, limit) => {
    const html = `<html><body>${parts.join('')}</body></html>`;
    const bounded = boundHtml(html, { maxDepth: limit });
    const depth = treeDepth(parsed(bounded.html));
    assert.ok(depth <= limit + 1, `${depth} > ${limit} + 1: ${bounded.html}`);
    const words = (root: DomNode) => (root.textContent ?? '').match(/w\d+/g) ?? [];
    assert.deepEqual(words(parsed(bounded.html)), words(parsed(html)));
    // Where nothing had to be left out the tree is the same, but for SVG and MathML, whose explicit end
    // tags end the parser's leftover foreign-content flag early (see ParserState).
    if (bounded.dropped === 0 && !/<(?:svg|math)/.test(html)) assert.equal(String(parsed(bounded.html)), String(parsed(html)));
  }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
});

test('100,000 nested tags (about 20 s to parse before the bound) give a shallow tree and the text', () => {
  const deep = `<html><body><p>Troops killed 12 rebels near the border on Tuesday, officials said.</p>${'<div>'.repeat(100_000)}deep text${'</div>'.repeat(100_000)}</body></html>`;
  assert.ok(treeDepth(parseDocument(deep)) <= 256 + 1);
  const doc = ingest({ content: deep, kind: 'html' });
  assert.equal(doc.skip, undefined);
  assert.match(doc.text, /Troops killed 12 rebels/);
  assert.match(doc.text, /deep text/);
  const warning = doc.messages.find((m) => m.ruleId === 'deep-nesting');
  assert.ok(warning);
  assert.match(warning.reason, /^99\d{3} tags nested more than 256 levels deep/);
});

test('400,000 unclosed tags are bounded too', () => {
  const deep = `<p>Before.</p>${'<span><b>'.repeat(200_000)}deep text`;
  const bounded = boundHtml(deep, { maxElements: Infinity });
  assert.ok(bounded.dropped > 399_000);
  assert.match(extractHtml(deep).text, /deep text/);
});

test('every SVG element the parser opens is closed by its own end tag, so its foreign-content stack stays small', () => {
  // htmlparser2 pops that stack only on </svg>: `<div><svg></div>` repeated made it grow (quadratic time).
  const html = `<html><body>${'<div><svg><path d="M0"></div>'.repeat(1000)}<p>after</p>${'<svg/>'.repeat(1000)}</body></html>`;
  const bounded = boundHtml(html);
  assert.equal(bounded.dropped, 0);
  assert.equal(bounded.html.match(/<\/svg>/g)?.length, 2000);
  assert.equal(treeDepth(parsed(bounded.html)), treeDepth(parsed(html)));
});

test('a page with more elements than the limit is cut before the element that passes it', () => {
  const html = `<html><body>${'<p>early</p>'.repeat(5)}${'<p>late</p>'.repeat(5)}</body></html>`;
  const bounded = boundHtml(html, { maxElements: 7 });
  assert.equal(bounded.cutAt, html.indexOf('<p>late'));
  assert.equal(bounded.html, html.slice(0, bounded.cutAt));
  const doc = ingest({ content: html, kind: 'html' }, { htmlLimits: { maxElements: 7 } });
  assert.match(doc.text, /early/);
  assert.doesNotMatch(doc.text, /late/);
  assert.match(doc.messages.find((m) => m.ruleId === 'truncated')?.reason ?? '', /more than 7 elements/);
});
