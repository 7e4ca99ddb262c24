import { parseSyndicationFeed } from './feed.js';
import { assertSafeXml } from './guard.js';
import { parseOpmlList } from './opml.js';
import { parseSitemap } from './sitemap.js';
import { FeedError, type FeedDocument } from './types.js';

/** The qualified name of the first element, past the XML declaration, comments and a DOCTYPE. */
function rootName(text: string): string | undefined {
  return /^(?:\s|<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>)*<([\w:.-]+)/i.exec(text.slice(0, 64 * 1024))?.[1];
}

/**
 * feedsmith forgives a feed cut off between elements and returns the items before the cut; a cut-off
 * download must be an error instead, or the items after it would be lost without a word. A complete
 * document ends with its root's end tag (then only white space or comments).
 */
function assertComplete(text: string, root: string): void {
  const tail = text.slice(-4096).replace(/(?:\s|<!--(?:(?!-->)[\s\S])*-->)*$/, '');
  const end = new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>$`);
  if (!end.test(tail)) throw new FeedError(`truncated or malformed feed: it does not end with </${root}>`);
}

/**
 * Reads any source `dyad watch` follows: an RSS, Atom, RDF or JSON feed, a (news) sitemap, a sitemap
 * index or an OPML list, told apart by its root element. Relative links are resolved against `baseUrl`.
 * Input past the size cap, an entity-declaring DOCTYPE, and malformed or truncated XML are FeedErrors.
 */
export function parseFeedDocument(content: string, baseUrl?: string): FeedDocument {
  const text = content.replace(/^\uFEFF/, '');
  assertSafeXml(text);
  if (/^\s*[[{]/.test(text)) return parseSyndicationFeed(text, baseUrl);
  const qualified = rootName(text);
  if (qualified === undefined) throw new FeedError('not a feed: no XML root element or JSON object found');
  const root = qualified.replace(/^.*:/, '').toLowerCase();
  if (root === 'urlset' || root === 'sitemapindex') return parseSitemap(text, baseUrl);
  assertComplete(text, qualified);
  if (root === 'opml') return parseOpmlList(text);
  return parseSyndicationFeed(text, baseUrl);
}
