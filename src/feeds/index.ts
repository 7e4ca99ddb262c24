export { parseFeedDocument } from './parse.js';
export { exportOpml, parseOpmlList } from './opml.js';
export { parseSitemap } from './sitemap.js';
export { parseSyndicationFeed } from './feed.js';
export { assertSafeXml, MAX_FEED_BYTES } from './guard.js';
export { FeedError, type FeedDocument, type FeedFormat, type FeedItem, type FeedListEntry } from './types.js';
