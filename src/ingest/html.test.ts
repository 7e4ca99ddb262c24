import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockText, extractHtml, parseDocument, prepareHtml } from './html.js';
import { normaliseDate, readPageMeta } from './html-meta.js';

const paragraphs = [
  'The foreign ministers of the two neighbouring states met in the capital on Friday for talks that officials described as frank and useful.',
  'Both delegations agreed to exchange prisoners before the end of the month, according to a statement issued after the meeting by the host government.',
  'A second round of negotiations is expected to take place next week, although no date has been fixed and fighting continued along the border overnight.',
  'Observers from the regional organisation said they would monitor the ceasefire line and report any violations to both governments without delay.',
];

function page(head: string, body: string): string {
  return `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
}

const article = `<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers agree to prisoner exchange</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>© 2024 Example News</footer>`;

test('Readability text keeps one block per line', () => {
  const result = extractHtml(page('<title>Talks</title>', article));
  assert.equal(result.method, 'readability');
  const lines = result.text.split('\n').map((line) => line.trim()).filter(Boolean);
  for (const p of paragraphs) assert.ok(lines.includes(p), p);
  assert.ok(!result.text.includes('World'));
});

test('a menu-like list of links inside the article is dropped, a prose list is kept', () => {
  const menu = '<ul>' + ['Local', 'World', 'Sports', 'Business'].map((t) => `<li><a href="/${t}">${t}</a></li>`).join('') + '</ul>';
  const prose = '<ul><li>The first demand is a ceasefire along the whole line.</li><li>The second is an exchange of <a href="/p">prisoners</a>.</li><li>The third is access for aid.</li></ul>';
  const body = `<article>${menu}${paragraphs.map((p) => `<p>${p}</p>`).join('')}${prose}</article>`;
  const result = extractHtml(page('<title>Talks</title>', body));
  assert.doesNotMatch(result.text, /Business/);
  assert.match(result.text, /The third is access for aid\./);
});

test('a page that starts with <style> before <html> still has a body', () => {
  const html = `<style>body { color: red }</style>${page('<title>Talks</title>', article)}`;
  assert.match(prepareHtml(html), /^<!doctype html><html>/);
  const result = extractHtml(html);
  assert.ok(result.text.includes(paragraphs[0] as string));
});

test('an <html> tag inside an Internet Explorer conditional comment is not taken for the real one', () => {
  const body = `<body>${article}</body></html>`;
  const pages = [
    `<!DOCTYPE html>\n<!--[if lt IE 9 ]><html class="ie" lang="en"><![endif]-->\n<!--[if (gte IE 9)|!(IE)]><!--><html lang="en"><!--<![endif]-->\n<head><title>Talks</title></head>${body}`,
    `<!--[if IE]><html class="ie"><![endif]-->\n<!--[if !IE]>--><html><!--<![endif]-->\n<head></head>${body}`,
    `<!DOCTYPE html>\n<!--[if IE 9]><html class="ie9"><head><title>x</title></head><![endif]-->\n<html><head><title>Talks</title></head>${body}`,
  ];
  for (const html of pages) {
    assert.match(prepareHtml(html), /^<!doctype html><html( lang="en")?>/);
    const lines = extractHtml(html).text.split('\n').map((line) => line.trim());
    for (const p of paragraphs) assert.ok(lines.includes(p), p);
  }
  // Only a commented-out <html>, or an unclosed comment: the page is still wrapped and read.
  assert.ok(extractHtml(`<!--[if IE]><html class="ie"><![endif]--><body>${article}</body>`).text.includes(paragraphs[0]!));
  assert.equal(prepareHtml('<!-- <html> never closed'), '<!doctype html><html><head></head><body><!-- <html> never closed</body></html>');
});

test('a bare fragment is wrapped into a document', () => {
  const document = parseDocument('<p>One short paragraph.</p><p>Another one.</p>');
  assert.ok(document.body);
  assert.deepEqual(blockText(document.body).split('\n').filter((l) => l.trim()), ['One short paragraph.', 'Another one.']);
});

test('block text separates list items, headings and br, skips scripts, keeps pre lines', () => {
  const document = parseDocument(
    '<div><h2>Head</h2>Lead text<ul><li>one</li><li>two</li></ul>line<br>break<script>var x = 1;</script><pre>a\nb</pre><table><tr><td>x</td><td>y</td></tr></table></div>',
  );
  const lines = blockText(document.body!).split('\n').map((l) => l.trim()).filter(Boolean);
  assert.deepEqual(lines, ['Head', 'Lead text', 'one', 'two', 'line', 'break', 'a', 'b', 'x y']);
});

test('a page too deep for Readability is read block by block from the body, without chrome', () => {
  const body = `<nav>Menu items</nav>${'<div>'.repeat(120)}<p>Short note one.</p><p>Short note two.</p><script>alert(1)</script>`;
  const result = extractHtml(page('', body));
  assert.equal(result.method, 'body');
  assert.deepEqual(result.text.split('\n').map((l) => l.trim()).filter(Boolean), ['Short note one.', 'Short note two.']);
});

test('a small page still gives its text and never its scripts', () => {
  const result = extractHtml(page('', '<div>Short note one.</div><div>Short note two.</div><script>alert(1)</script>'));
  assert.match(result.text, /Short note one\.\s*\n[\s\S]*Short note two\./);
  assert.doesNotMatch(result.text, /alert/);
});

test('malformed markup does not throw', () => {
  for (const html of ['<html><body><p>unclosed <b>bold <i>italic', '<<<>>><p', '<div>'.repeat(3000) + 'deep', '<html>', '', '<!-- only a comment']) {
    assert.doesNotThrow(() => extractHtml(html));
  }
  assert.match(extractHtml('<div>'.repeat(3000) + 'deep text').text, /deep text/);
});

test('metadata from meta tags wins over JSON-LD and <time>', () => {
  const document = parseDocument(
    page(
      `<meta property="og:title" content="Ministers meet">
       <meta name="author" content="Jane Doe">
       <meta property="og:site_name" content="Example News">
       <meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
       <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-01"}</script>`,
      '<time datetime="2023-12-31">yesterday</time>',
    ),
  );
  assert.deepEqual(readPageMeta(document), {
    title: 'Ministers meet',
    byline: 'Jane Doe',
    siteName: 'Example News',
    published: '2024-03-05T09:30:00+01:00',
    publishedFrom: 'meta',
  });
});

test('JSON-LD with @graph and author arrays', () => {
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'Example' },
      {
        '@type': ['NewsArticle'],
        headline: 'Border talks resume',
        datePublished: '2022-07-14T08:00:00Z',
        author: [{ '@type': 'Person', name: 'A. Writer' }, { name: 'B. Reporter' }],
        publisher: { '@type': 'Organization', name: 'Example Daily' },
      },
    ],
  });
  const document = parseDocument(page(`<title>x</title><script type="application/ld+json">${jsonLd}</script><script type="application/ld+json">{broken</script>`, '<p>x</p>'));
  assert.deepEqual(readPageMeta(document), {
    title: 'Border talks resume',
    byline: 'A. Writer, B. Reporter',
    siteName: 'Example Daily',
    published: '2022-07-14T08:00:00Z',
    publishedFrom: 'json-ld',
  });
});

test('<time datetime> is the last resort for the date', () => {
  const document = parseDocument(page('<title>Only a title</title>', '<article><time datetime="2021-11-02">2 Nov</time><p>x</p></article>'));
  assert.deepEqual(readPageMeta(document), { title: 'Only a title', published: '2021-11-02', publishedFrom: 'time-element' });
});

test('normaliseDate reads ISO, compact and written dates and refuses nonsense', () => {
  assert.equal(normaliseDate('2020-09-27'), '2020-09-27');
  assert.equal(normaliseDate('2020-09-27T10:05Z'), '2020-09-27T10:05:00Z');
  assert.equal(normaliseDate('2020-09-27 10:05:33.123+0300'), '2020-09-27T10:05:33+03:00');
  assert.equal(normaliseDate('20200927'), '2020-09-27');
  assert.equal(normaliseDate('September 27, 2020'), '2020-09-27');
  assert.equal(normaliseDate('2020-02-30'), undefined);
  assert.equal(normaliseDate('yesterday'), undefined);
  assert.equal(normaliseDate(''), undefined);
  assert.equal(normaliseDate('2020-09-27 10:05:33 UTC'), '2020-09-27T10:05:33Z');
  assert.equal(normaliseDate('2020-09-27T10:05-05'), '2020-09-27T10:05:00-05:00');
  assert.equal(normaliseDate(' 2020-09-27T23:59:59.5Z '), '2020-09-27T23:59:59Z');
});

test('normaliseDate refuses an ISO date whose time or zone cannot be', () => {
  for (const value of [
    '2020-01-01T25:61:00Z', '2020-01-01T24:00:00Z', '2020-01-01T10:60Z', '2020-01-01T10:00:61Z',
    '2020-01-01Tgarbage', '2020-01-01T10:00:00+25:00', '2020-01-01T10:00:00+05:99', '2020-01-01 and more', '2020-01-01T',
  ]) {
    assert.equal(normaliseDate(value), undefined, value);
  }
});

test('captions are left out of the main text: <figcaption> and elements named caption or credit', () => {
  const body = `<article><h1>Ministers agree to prisoner exchange</h1>
<p>${paragraphs[0]}</p>
<figure><img src="a.jpg"><figcaption>The ministers shake hands in the capital on Friday after the talks.</figcaption></figure>
<p>${paragraphs[1]}</p>
<div class="image-caption">Delegates arrive at the conference hall before the first session of the talks.</div>
<p>${paragraphs[2]}</p>
<span id="photo_credit">Photograph by the news agency</span>
<p>${paragraphs[3]}</p></article>`;
  const result = extractHtml(page('<title>Talks</title>', body));
  for (const p of paragraphs) assert.ok(result.text.includes(p), p);
  assert.ok(!result.text.includes('shake hands'), result.text);
  assert.ok(!result.text.includes('Delegates arrive'), result.text);
  assert.ok(!result.text.includes('Photograph by'), result.text);
});

test('short blocks that are nearly all link text are dropped; prose with links and cited addresses are kept', () => {
  const withLinks = 'Officials said the <a href="/talks">talks</a> would resume next week in the capital, where both delegations have offices and staff.';
  const body = `<article><h1>Ministers agree to prisoner exchange</h1>
<p>${paragraphs[0]}</p>
<p>On Example.com: <a href="/x">Border crossing reopens after two years of closure</a></p>
<p>${paragraphs[1]}</p>
<p>${withLinks}</p>
<div><a href="/a">Flooding forces thousands from their homes</a> <a href="/b">Election date set for spring</a></div>
<p>${paragraphs[2]}</p>
<p>Source: <a href="https://www.example.org/report">www.example.org/report</a></p>
<p>${paragraphs[3]}</p></article>`;
  const result = extractHtml(page('<title>Talks</title>', body));
  for (const p of paragraphs) assert.ok(result.text.includes(p), p);
  assert.ok(result.text.includes('would resume next week'), 'a paragraph of prose with a link in it stays');
  assert.ok(result.text.includes('www.example.org/report'), 'an address written out is a cited source');
  assert.ok(!result.text.includes('Border crossing reopens'), result.text);
  assert.ok(!result.text.includes('Election date'), result.text);
});
