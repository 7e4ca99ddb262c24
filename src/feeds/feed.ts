import { parseFeed } from 'feedsmith';
import { FeedError, type FeedDocument, type FeedFormat, type FeedItem } from './types.js';
import { absoluteWebUrl, isoDate } from './urls.js';

type Parsed = ReturnType<typeof parseFeed>;
type Text = string | { value?: string } | undefined;

function plain(text: Text): string | undefined {
  const value = typeof text === 'string' ? text : text?.value;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** feedsmith leaves dates as the feed wrote them (its date type is generic). */
function dateText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : undefined;
}

function item(fields: { link?: string; title?: Text; published?: string; guid?: string }, base: string | undefined): FeedItem | undefined {
  // A guid stands in for the link only when it is itself an absolute URL (an RSS permalink).
  const url = absoluteWebUrl(fields.link, base) ?? absoluteWebUrl(fields.guid, undefined);
  if (!url) return undefined;
  const result: FeedItem = { url };
  const title = plain(fields.title);
  if (title) result.title = title;
  const published = isoDate(fields.published);
  if (published) result.published = published;
  const guid = fields.guid?.trim();
  if (guid) result.guid = guid;
  return result;
}

/** The items of each format in the one shape; an entry without a web link is left out. */
function itemsOf(parsed: Parsed, base: string | undefined): (FeedItem | undefined)[] {
  switch (parsed.format) {
    case 'rss':
      return (parsed.feed.items ?? []).map((entry) => item({
        link: entry.link, title: entry.title, guid: entry.guid?.value,
        published: dateText(entry.pubDate ?? entry.dc?.dates?.[0]),
      }, base));
    case 'atom':
      return (parsed.feed.entries ?? []).map((entry) => {
        const links = entry.links ?? [];
        const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
        return item({ link: link?.href, title: entry.title, guid: entry.id, published: dateText(entry.published ?? entry.updated) }, base);
      });
    case 'rdf':
      return (parsed.feed.items ?? []).map((entry) => item({
        link: entry.link, title: entry.title, guid: entry.rdf?.about, published: dateText(entry.dc?.dates?.[0]),
      }, base));
    case 'json':
      return (parsed.feed.items ?? []).map((entry) => item({
        link: entry.url ?? entry.external_url, title: entry.title, guid: entry.id, published: dateText(entry.date_published ?? entry.date_modified),
      }, base));
  }
}

/** RSS 0.9x/2.0, Atom, RDF (RSS 1.0) or JSON Feed, read with feedsmith; a feed it cannot read is a FeedError. */
export function parseSyndicationFeed(text: string, baseUrl?: string): FeedDocument {
  let parsed: Parsed;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedError(`not a readable feed: ${reason.toLowerCase()}${/invalid/i.test(reason) ? ' (malformed or truncated?)' : ''}`);
  }
  const title = plain(parsed.feed.title as Text);
  const items = itemsOf(parsed, baseUrl).filter((i): i is FeedItem => i !== undefined);
  const format: FeedFormat = parsed.format;
  return title ? { kind: 'feed', format, title, items } : { kind: 'feed', format, items };
}
