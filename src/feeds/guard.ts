import { FeedError } from './types.js';

/** Feeds and sitemaps larger than this are refused (the sitemap protocol's own limit is 50 MB uncompressed; news sitemaps hold at most 1,000 URLs). */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;

/**
 * Refuses what no feed needs and a hostile one could use: text past the size cap, and a DOCTYPE that
 * declares entities (the "billion laughs" expansion bomb, external entities reaching into files). The
 * XML parser under feedsmith leaves entity expansion off, so this is a second line; the check is one
 * linear scan of the prolog.
 */
export function assertSafeXml(text: string, maxChars = MAX_FEED_BYTES): void {
  if (text.length > maxChars) {
    throw new FeedError(`feed is ${text.length} characters, over the ${maxChars} limit`);
  }
  const doctype = /<!DOCTYPE/i.exec(text.slice(0, 64 * 1024));
  if (!doctype) return;
  const rest = text.slice(doctype.index, doctype.index + 64 * 1024);
  // A public DTD reference (RSS 0.91's Netscape DTD) is harmless: nothing here fetches DTDs.
  if (/<!ENTITY/i.test(rest)) throw new FeedError('feed declares XML entities in its DOCTYPE (refused: entity expansion)');
}
