import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportOpml, FeedError, parseFeedDocument, type FeedDocument } from './index.js';

const BASE = 'http://news.test/feed';

function items(document: FeedDocument) {
  assert.equal(document.kind, 'feed');
  return document.kind === 'feed' ? document.items : [];
}

export const FEEDS: Record<string, string> = {
  rss2: `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>Talks &amp; truce</title><link>/a</link><guid isPermaLink="false">wire-1</guid><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate></item>
    <item><title><![CDATA[Shelling <b>resumes</b>]]></title><link>http://news.test/b</link></item></channel></rss>`,
  rss091: `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
    <rss version="0.91"><channel><title>Old</title><link>http://news.test/</link><description>d</description>
    <item><title>Old item</title><link>http://news.test/old</link></item></channel></rss>`,
  atom: `<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
    <entry><id>urn:x:1</id><title type="text">Ceasefire</title><link rel="alternate" href="http://news.test/e1"/><link rel="edit" href="http://news.test/edit/1"/>
    <updated>2026-12-01T09:00:00Z</updated><published>2026-11-30T08:00:00Z</published></entry></feed>`,
  rdf: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="http://news.test/"><title>RDF wire</title><link>http://news.test/</link></channel>
    <item rdf:about="http://news.test/r1"><title>Border clash</title><link>http://news.test/r1</link><dc:date>2026-12-01T07:00:00Z</dc:date></item></rdf:RDF>`,
  json: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JSON wire', items: [
    { id: 'j1', url: 'http://news.test/j1', title: 'Envoy visits', date_published: '2026-12-01T06:00:00Z' },
    { id: 'j2', content_text: 'no link, left out' }] }),
  newsSitemap: `<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>http://news.test/s1</loc><news:news><news:publication><news:name>Test</news:name><news:language>en</news:language></news:publication>
    <news:publication_date>2026-12-01T05:00:00+01:00</news:publication_date><news:title>Troops &amp; tanks</news:title></news:news></url>
    <url><loc>http://news.test/s2</loc><lastmod>2026-11-29</lastmod></url></urlset>`,
};

describe('parseFeedDocument: every format into one item shape', () => {
  test('RSS 2.0: relative links resolved, entities and CDATA decoded, guid and RFC 822 date', () => {
    assert.deepEqual(items(parseFeedDocument(FEEDS.rss2!, BASE)), [
      { url: 'http://news.test/a', title: 'Talks & truce', guid: 'wire-1', published: '2026-12-01T10:00:00.000Z' },
      { url: 'http://news.test/b', title: 'Shelling <b>resumes</b>' },
    ]);
  });
  test('RSS 0.91 with its public DTD is read (a DTD reference is not an entity declaration)', () => {
    assert.deepEqual(items(parseFeedDocument(FEEDS.rss091!, BASE)), [{ url: 'http://news.test/old', title: 'Old item' }]);
  });
  test('Atom: the alternate link, published before updated', () => {
    const document = parseFeedDocument(FEEDS.atom!, BASE);
    assert.equal(document.kind === 'feed' && document.format, 'atom');
    assert.deepEqual(items(document), [{ url: 'http://news.test/e1', title: 'Ceasefire', guid: 'urn:x:1', published: '2026-11-30T08:00:00.000Z' }]);
  });
  test('RDF (RSS 1.0): dc:date', () => {
    assert.deepEqual(items(parseFeedDocument(FEEDS.rdf!, BASE)), [
      { url: 'http://news.test/r1', title: 'Border clash', guid: 'http://news.test/r1', published: '2026-12-01T07:00:00.000Z' }]);
  });
  test('JSON Feed: an item without a URL is left out', () => {
    assert.deepEqual(items(parseFeedDocument(FEEDS.json!, BASE)), [
      { url: 'http://news.test/j1', title: 'Envoy visits', guid: 'j1', published: '2026-12-01T06:00:00.000Z' }]);
  });
  test('news sitemap: news title and publication date; a plain entry its lastmod', () => {
    const document = parseFeedDocument(FEEDS.newsSitemap!, BASE);
    assert.equal(document.kind === 'feed' && document.format, 'news-sitemap');
    assert.deepEqual(items(document), [
      { url: 'http://news.test/s1', title: 'Troops & tanks', published: '2026-12-01T04:00:00.000Z' },
      { url: 'http://news.test/s2', published: '2026-11-29T00:00:00.000Z' },
    ]);
  });
  test('sitemap index: the sitemaps it lists', () => {
    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>http://news.test/news.xml</loc><lastmod>2026-12-01</lastmod></sitemap><sitemap><loc>/more.xml</loc></sitemap></sitemapindex>`;
    assert.deepEqual(parseFeedDocument(index, BASE), { kind: 'sitemap-index', sitemaps: ['http://news.test/news.xml', 'http://news.test/more.xml'] });
  });
  test('links that are not web addresses are left out', () => {
    const rss = '<rss version="2.0"><channel><title>x</title><item><title>a</title><link>javascript:alert(1)</link></item><item><link>mailto:x@y</link></item></channel></rss>';
    assert.deepEqual(items(parseFeedDocument(rss, BASE)), []);
  });
});

describe('parseFeedDocument: bad input is a clear FeedError, never a crash or a hang', () => {
  const refused = (text: string, pattern: RegExp) => assert.throws(() => parseFeedDocument(text, BASE), (error: unknown) => error instanceof FeedError && pattern.test(error.message));

  test('truncated feeds and sitemaps, at every cut', () => {
    for (const name of ['rss2', 'atom', 'rdf', 'newsSitemap']) {
      const full = FEEDS[name]!.trimEnd();
      for (let cut = Math.floor(full.length / 3); cut < full.length - 1; cut += 37) {
        assert.throws(() => parseFeedDocument(full.slice(0, cut), BASE), FeedError, `${name} cut at ${cut}`);
      }
    }
  });
  test('malformed XML and mismatched tags', () => {
    refused('<rss version="2.0"><channel><item><title>x</titl></item></channel></rss>', /malformed or truncated/);
    refused('<urlset><url><loc>http://a/</lox></url></urlset>', /does not close/);
    refused('<urlset><url><loc>http://a/</loc></url></urlset><urlset></urlset>', /second root/);
    refused('plain words, not a feed', /not a feed/);
    refused('{"version": 3', /not a readable feed/);
  });
  test('an entity-expansion bomb is refused before parsing', () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${entities}]><rss version="2.0"><channel><title>&l10;</title></channel></rss>`;
    refused(bomb, /declares XML entities/);
    refused(bomb.replace('<rss', '<urlset').replace('</rss>', '</urlset>'), /declares XML entities/);
  });
  test('deep nesting and oversize input', () => {
    refused(`<urlset>${'<a>'.repeat(1000)}${'</a>'.repeat(1000)}</urlset>`, /nested deeper/);
    refused(`<urlset>${' '.repeat(10 * 1024 * 1024)}</urlset>`, /over the .* limit/);
  });
  test('many unclosed sections are read in one pass (no backtracking)', () => {
    refused(`<urlset><url><loc>${'<![CDATA[x'.repeat(100_000)}`, /unclosed CDATA/);
    refused(`<urlset>${'<!--'.repeat(100_000)}`, /unclosed comment/);
  });
});

describe('OPML', () => {
  test('import flattens folders, keeps each feed once; export reads back the same list', () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
      <outline text="Wires"><outline text="Wire A" type="rss" xmlUrl="http://news.test/a.xml"/><outline text="Wire B" title="B" xmlUrl="http://news.test/b.xml"/></outline>
      <outline text="dup" xmlUrl="http://news.test/a.xml"/><outline text="not a feed"/></body></opml>`;
    const list = parseFeedDocument(opml);
    assert.deepEqual(list, { kind: 'opml', title: 'Mine', feeds: [{ url: 'http://news.test/a.xml', title: 'Wire A' }, { url: 'http://news.test/b.xml', title: 'B' }] });
    const feeds = list.kind === 'opml' ? list.feeds : [];
    const again = parseFeedDocument(exportOpml([...feeds, { url: 'http://news.test/c.xml?x=1&y=2' }]));
    assert.deepEqual(again, { kind: 'opml', title: 'Dyad sources', feeds: [...feeds, { url: 'http://news.test/c.xml?x=1&y=2', title: 'http://news.test/c.xml?x=1&y=2' }] });
  });
});
