import { generateOpml, parseOpml } from 'feedsmith';
import { FeedError, type FeedDocument, type FeedListEntry } from './types.js';
import { absoluteWebUrl } from './urls.js';

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  outlines?: Outline[];
}

/** Every feed an OPML list names, folders flattened, in document order, each URL once. */
export function parseOpmlList(text: string): FeedDocument {
  let parsed: ReturnType<typeof parseOpml>;
  try {
    parsed = parseOpml(text);
  } catch (error) {
    throw new FeedError(`not a readable OPML file: ${(error instanceof Error ? error.message : String(error)).toLowerCase()}`);
  }
  const feeds: FeedListEntry[] = [];
  const seen = new Set<string>();
  const visit = (outlines: readonly Outline[] | undefined, depth: number) => {
    if (!outlines || depth > 32) return;
    for (const outline of outlines) {
      const url = absoluteWebUrl(outline.xmlUrl, undefined);
      if (url && !seen.has(url)) {
        seen.add(url);
        const title = (outline.title ?? outline.text)?.trim();
        feeds.push(title ? { url, title } : { url });
      }
      visit(outline.outlines, depth + 1);
    }
  };
  visit(parsed.body?.outlines as Outline[] | undefined, 0);
  const title = parsed.head?.title?.trim();
  return title ? { kind: 'opml', title, feeds } : { kind: 'opml', feeds };
}

/** An OPML 2.0 subscription list of the feeds, which parseOpmlList (and any feed reader) reads back. */
export function exportOpml(feeds: readonly FeedListEntry[], title = 'Dyad sources'): string {
  return generateOpml({
    head: { title },
    body: { outlines: feeds.map((feed) => ({ text: feed.title ?? feed.url, ...(feed.title ? { title: feed.title } : {}), type: 'rss', xmlUrl: feed.url })) },
  });
}
