/** One entry of a feed or sitemap, in the one shape every format is read into. */
export interface FeedItem {
  /** Absolute http(s) URL of the article. */
  url: string;
  title?: string;
  /** ISO date-time, when the entry gives a date that parses. */
  published?: string;
  /** The feed's own id for the entry (RSS guid, Atom id, JSON Feed id), when it has one. */
  guid?: string;
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'sitemap' | 'news-sitemap';

/** What a fetched feed, sitemap, sitemap index or OPML list contains. */
export type FeedDocument =
  | { kind: 'feed'; format: FeedFormat; title?: string; items: FeedItem[] }
  /** A sitemap index: the sitemaps it lists, to be read in turn. */
  | { kind: 'sitemap-index'; sitemaps: string[] }
  /** An OPML subscription list: the feeds it names. */
  | { kind: 'opml'; title?: string; feeds: FeedListEntry[] };

export interface FeedListEntry {
  url: string;
  title?: string;
}

/** A feed that cannot be read; the message is one line naming what is wrong. */
export class FeedError extends Error {
  override name = 'FeedError';
}
