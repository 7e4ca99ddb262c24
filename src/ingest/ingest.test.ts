import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docId } from '../doc/doc.js';
import { ingest, sniffKind } from './ingest.js';

const story = [
  'Envoys from the two governments met in the capital on Friday to discuss the ceasefire.',
  '“We have agreed to exchange prisoners,” the foreign minister told reporters after the meeting — a first since the war began.',
  'The talks are expected to continue next week, officials from both sides said in a joint statement.',
];

test('plain text: one paragraph per non-blank line, punctuation kept, English detected cheaply', () => {
  const doc = ingest({ content: `\ufeff${story[0]}\r\n\r\n${story[1]}\r${story[2]}  \n`, inputId: 'row-7', retrievedAt: '2024-05-01T10:00:00Z' });
  assert.equal(doc.text, story.join('\n'));
  assert.deepEqual(
    doc.layers.paragraphs?.map((p) => doc.text.slice(p.start, p.end)),
    story,
  );
  assert.equal(doc.skip, undefined);
  assert.equal(doc.source.format, 'text');
  assert.equal(doc.source.language, 'eng');
  assert.equal(doc.source.inputId, 'row-7');
  assert.equal(doc.source.retrievedAt, '2024-05-01T10:00:00Z');
  assert.equal(doc.id, docId(doc.text));
  assert.equal(doc.provenance[0]?.stage, 'ingest');
});

test('the id depends on the url as well as the text', () => {
  const a = ingest({ content: story.join('\n') });
  const b = ingest({ content: story.join('\n'), url: 'https://example.org/a' });
  assert.notEqual(a.id, b.id);
  assert.equal(b.id, docId(b.text, 'https://example.org/a'));
  assert.equal(b.source.url, 'https://example.org/a');
});

test('furniture lines are removed with an info message each; prose mentioning them stays', () => {
  const prose = 'Officials urged citizens to read more about the agreement, which was published on the ministry website on Friday.';
  const content = ['Share this article', story[0], 'Advertisement', prose, story[1], 'Sign up for our newsletter', '© 2024 Example News'].join('\n');
  const doc = ingest({ content });
  assert.equal(doc.text, [story[0], prose, story[1]].join('\n'));
  const removed = doc.messages.filter((m) => m.ruleId === 'furniture-removed');
  assert.equal(removed.length, 4);
  assert.ok(removed.every((m) => m.severity === 'info' && m.stage === 'ingest'));
  assert.match(removed[0]?.reason ?? '', /Share this article/);
});

test('non-English text is skipped but still returned with its language', () => {
  const doc = ingest({
    content:
      'Les ministres des affaires étrangères des deux pays se sont rencontrés vendredi dans la capitale et ont déclaré que les négociations se poursuivraient la semaine prochaine.',
  });
  assert.equal(doc.skip?.ruleId, 'not-english');
  assert.equal(doc.skip?.stage, 'ingest');
  assert.match(doc.skip?.reason ?? '', /language detected as fra/);
  assert.equal(doc.source.language, 'fra');
  assert.ok(doc.text.length > 0);
});

test('a caller-given language skips detection', () => {
  assert.equal(ingest({ content: 'Short line.' }, { language: 'eng' }).skip, undefined);
  const short = ingest({ content: 'Rebels shelled Goma.' });
  assert.equal(short.skip, undefined, 'a short Latin-script text is coded, with a warning');
  assert.equal(short.source.language, 'und');
  assert.ok(short.messages.some((m) => m.ruleId === 'language-uncertain'));
  assert.equal(ingest({ content: 'Повстанцы обстреляли город.' }).skip?.ruleId, 'not-english');
  assert.equal(ingest({ content: story.join('\n') }, { language: 'deu' }).skip?.ruleId, 'not-english');
});

test('empty and furniture-only input is skipped as empty', () => {
  for (const content of ['', '   \n\t\n', 'Advertisement\nShare this article']) {
    const doc = ingest({ content });
    assert.equal(doc.skip?.ruleId, 'empty', JSON.stringify(content));
    assert.equal(doc.text, '');
    assert.deepEqual(doc.layers.paragraphs, []);
  }
});

test('binary-looking content is skipped as binary', () => {
  const doc = ingest({ content: '\u0000\u0001PK\u0003\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000data' });
  assert.equal(doc.skip?.ruleId, 'binary');
  assert.equal(doc.text, '');
});

test('text over the limit is cut with a warning', () => {
  const content = `${story.join('\n')}\n`.repeat(2000);
  const doc = ingest({ content }, { maxChars: 10_000 });
  assert.ok(doc.text.length <= 10_000);
  assert.ok(doc.text.endsWith(story[2] as string) || doc.text.endsWith(story[1] as string) || doc.text.endsWith(story[0] as string));
  assert.ok(doc.messages.some((m) => m.ruleId === 'truncated' && m.severity === 'warning'));
});

test('a huge single line without breaks neither hangs nor throws', () => {
  const doc = ingest({ content: 'word '.repeat(600_000) }, { maxChars: 1_000_000 });
  assert.ok(doc.text.length <= 1_000_000);
  assert.ok(doc.messages.some((m) => m.ruleId === 'truncated'));
});

test('odd Unicode: lone surrogates, emoji and combining marks survive', () => {
  const doc = ingest({ content: `${story[0]} 😀 \ud800 Cafe\u0301` }, { language: 'eng' });
  assert.ok(doc.text.includes('😀'));
  assert.ok(doc.text.includes('Café'));
  assert.ok(!doc.text.includes('\ud800'));
});

test('sniffKind tells HTML from text', () => {
  assert.equal(sniffKind('<!DOCTYPE html><html><body></body></html>'), 'html');
  assert.equal(sniffKind('  <html lang="en">'), 'html');
  assert.equal(sniffKind('<div><p>Hello</p></div>'), 'html');
  assert.equal(sniffKind('Plain text that mentions a <p> tag in passing.'), 'text');
  assert.equal(sniffKind('Plain text.'), 'text');
});

const html = `<!doctype html><html><head>
<title>Ignored title | Example</title>
<meta property="og:title" content="Envoys agree to exchange prisoners">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta property="og:site_name" content="Example News">
</head><body><nav>Home World Sport</nav><article>
<p>${story[0]}</p><p>Advertisement</p><p>${story[1]}</p><p>${story[2]}</p>
<p>Officials on both sides declined to give a date for the next round, saying only that preparations had begun and that mediators would travel to both capitals in the coming days.</p>
</article></body></html>`;

test('HTML: main text, metadata and furniture removal', () => {
  const doc = ingest({ content: html, url: 'https://example.org/news/1' });
  assert.equal(doc.source.format, 'html');
  assert.equal(doc.source.title, 'Envoys agree to exchange prisoners');
  assert.equal(doc.source.siteName, 'Example News');
  assert.equal(doc.source.published, '2024-03-05T09:30:00Z');
  assert.equal(doc.source.publishedFrom, 'meta');
  const lines = doc.text.split('\n');
  for (const line of story) assert.ok(lines.includes(line), line);
  assert.ok(!lines.includes('Advertisement'));
  assert.ok(!doc.text.includes('Sport'));
  assert.ok(doc.messages.some((m) => m.ruleId === 'furniture-removed'));
  assert.equal(doc.layers.paragraphs?.length, lines.length);
});

test('a user-given publication date wins over the page; a bad one is reported and ignored', () => {
  const given = ingest({ content: html, published: '2024-03-04' });
  assert.equal(given.source.published, '2024-03-04');
  assert.equal(given.source.publishedFrom, 'user');
  const bad = ingest({ content: html, published: 'last Tuesday' });
  assert.equal(bad.source.publishedFrom, 'meta');
  assert.ok(bad.messages.some((m) => m.ruleId === 'bad-published' && m.severity === 'warning'));
  const plain = ingest({ content: story.join('\n'), published: '2024-03-04T12:00:00+02:00' });
  assert.equal(plain.source.published, '2024-03-04T12:00:00+02:00');
});

test('a publication date with an impossible time is reported and ignored like any bad date', () => {
  for (const published of ['2020-01-01T25:61:00Z', '2020-01-01Tgarbage']) {
    const doc = ingest({ content: story.join('\n'), published });
    assert.equal(doc.source.published, undefined, published);
    assert.ok(doc.messages.some((m) => m.ruleId === 'bad-published' && m.severity === 'warning' && m.reason.includes(published)));
    const onPage = ingest({ content: html, published });
    assert.equal(onPage.source.published, '2024-03-05T09:30:00Z');
    assert.equal(onPage.source.publishedFrom, 'meta');
  }
});

test('a default publication date fills in only a document without one of its own', () => {
  const page = ingest({ content: html, defaultPublished: '2031-01-01' });
  assert.equal(page.source.published, '2024-03-05T09:30:00Z');
  assert.equal(page.source.publishedFrom, 'meta');
  const plain = ingest({ content: story.join('\n'), defaultPublished: '2031-01-01' });
  assert.equal(plain.source.published, '2031-01-01');
  assert.equal(plain.source.publishedFrom, 'user');
  const both = ingest({ content: html, published: '2024-03-04', defaultPublished: '2031-01-01' });
  assert.equal(both.source.published, '2024-03-04');
  const bad = ingest({ content: story.join('\n'), defaultPublished: '2031-13-01' });
  assert.equal(bad.source.published, undefined);
  assert.ok(bad.messages.some((m) => m.ruleId === 'bad-published'));
});

test('what the source reader says reaches the Doc messages', () => {
  const doc = ingest({
    content: `${story[0]} \ufffd`,
    messages: [{ ruleId: 'invalid-utf8', severity: 'warning', reason: '1 byte sequence not valid UTF-8 (first at byte 87) replaced with U+FFFD' }],
  });
  const message = doc.messages.find((m) => m.ruleId === 'invalid-utf8');
  assert.equal(message?.stage, 'ingest');
  assert.equal(message?.severity, 'warning');
  assert.match(message?.reason ?? '', /first at byte 87/);
});

test('a language given with the input wins over detection and over the option', () => {
  const french = 'Les ministres des affaires étrangères des deux pays se sont rencontrés vendredi dans la capitale et ont déclaré que les négociations se poursuivraient.';
  const asEnglish = ingest({ content: french, language: 'en' });
  assert.equal(asEnglish.skip, undefined);
  assert.equal(asEnglish.source.language, 'eng');
  assert.equal(ingest({ content: story.join('\n'), language: 'fr' }, { language: 'eng' }).skip?.ruleId, 'not-english');
  assert.equal(ingest({ content: story.join('\n'), language: 'en-GB' }).source.language, 'eng');
});

test('English headlines, datelines and short figure sentences are coded, with a warning', () => {
  for (const content of ['TROOPS PULL BACK FROM BORDER TOWN', 'ADDIS ABABA 2020-11-04', 'Kyiv, 2022-09-12 — 12 killed.', 'Chad 2 1 0 1 3-3 3, Niger 2 0 2 0 1-1 2']) {
    const doc = ingest({ content });
    assert.equal(doc.skip, undefined, content);
    assert.ok(doc.messages.some((m) => m.ruleId === 'language-uncertain'), content);
  }
});

test('a source URL is kept only when it is http or https; others are dropped with a warning', () => {
  const content = story.join('\n');
  for (const url of ['https://example.org/a', 'http://example.org/b?c=d', 'HTTPS://EXAMPLE.ORG/']) {
    const doc = ingest({ content, url });
    assert.equal(doc.source.url, url);
    assert.equal(doc.messages.filter((m) => m.ruleId === 'url-dropped').length, 0);
  }
  const refused = ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox', 'not a url', 'https://example.org/\u001b[2J'];
  for (const url of refused) {
    const doc = ingest({ content, url });
    assert.equal(doc.source.url, undefined, url);
    assert.equal(doc.id, docId(doc.text), 'the dropped URL is not part of the id');
    const dropped = doc.messages.filter((m) => m.ruleId === 'url-dropped');
    assert.equal(dropped.length, 1, url);
    assert.equal(dropped[0]?.severity, 'warning');
    assert.ok(!(dropped[0]?.reason ?? '').includes('\u001b'), 'the message quotes the URL with its escapes');
  }
  assert.match(ingest({ content, url: 'file:///etc/passwd' }).messages.find((m) => m.ruleId === 'url-dropped')?.reason ?? '', /not file/);
});
