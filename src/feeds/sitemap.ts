import { child, scanXml, type XmlElement } from './xml-scan.js';
import { FeedError, type FeedDocument, type FeedItem } from './types.js';
import { absoluteWebUrl, isoDate } from './urls.js';

function textOf(element: XmlElement | undefined): string | undefined {
  const text = element?.text.trim();
  return text ? text : undefined;
}

/**
 * A sitemap (`<urlset>`, with or without Google News `<news:news>` entries) or a sitemap index
 * (`<sitemapindex>`). A news entry gives the title and publication date; a plain one its `<lastmod>`.
 */
export function parseSitemap(text: string, baseUrl?: string): FeedDocument {
  const root = scanXml(text);
  if (root.name === 'sitemapindex') {
    const sitemaps = root.children.filter((c) => c.name === 'sitemap')
      .map((entry) => absoluteWebUrl(textOf(child(entry, 'loc')), baseUrl))
      .filter((url): url is string => url !== undefined);
    return { kind: 'sitemap-index', sitemaps };
  }
  if (root.name !== 'urlset') throw new FeedError(`not a sitemap: the root element is <${root.name}>`);
  let news = false;
  const items: FeedItem[] = [];
  for (const entry of root.children) {
    if (entry.name !== 'url') continue;
    const url = absoluteWebUrl(textOf(child(entry, 'loc')), baseUrl);
    if (!url) continue;
    const item: FeedItem = { url };
    const newsEntry = child(entry, 'news');
    if (newsEntry) news = true;
    const title = textOf(newsEntry && child(newsEntry, 'title'));
    if (title) item.title = title;
    const published = isoDate(textOf(newsEntry && child(newsEntry, 'publication_date')) ?? textOf(child(entry, 'lastmod')));
    if (published) item.published = published;
    items.push(item);
  }
  return { kind: 'feed', format: news ? 'news-sitemap' : 'sitemap', items };
}
