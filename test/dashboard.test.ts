/**
 * The dashboard end to end: `dyad serve` as a child process over a temporary store filled by `dyad ingest`
 * (the demo articles plus articles carrying script payloads), driven in Debian's chromium by playwright-core.
 * Each view is loaded, checked with axe-core and photographed into docs/screenshots/; the test filters by a
 * dyad, brushes the timeline, opens a story, follows an event to its evidence sentence, corrects the event
 * and finds the correction in an export; no payload may run.
 */
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createDoc } from '../src/doc/doc.js';
import { openStore } from '../src/store/store.js';
import { cliPath, repoRoot } from './paths.js';

const CHROMIUM = '/usr/bin/chromium';
const root = repoRoot();
const webDist = join(root, 'web', 'dist', 'index.html');
const skip = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is absent (apt-get install chromium): dashboard browser tests skipped`
  : !existsSync(webDist) ? 'web/dist is not built (npm run build): dashboard browser tests skipped' : false;

const SCREENSHOTS = join(root, 'docs', 'screenshots');

interface Page {
  goto(url: string): Promise<unknown>;
  waitForSelector(selector: string, options?: { timeout?: number; state?: string }): Promise<unknown>;
  waitForURL(test: (url: URL) => boolean, options?: { timeout?: number }): Promise<unknown>;
  evaluate<T>(fn: string | ((arg: never) => T), arg?: unknown): Promise<T>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  locator(selector: string): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  url(): string;
  mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void>; down(): Promise<void>; up(): Promise<void> };
}
interface Locator {
  first(): Locator;
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  textContent(): Promise<string | null>;
  count(): Promise<number>;
  allTextContents(): Promise<string[]>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  locator(selector: string): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  waitFor(options?: { timeout?: number }): Promise<void>;
  getAttribute(name: string): Promise<string | null>;
  selectOption(value: string): Promise<unknown>;
}

/** Payloads that would set window.__pwned or call the counting server if any were run as markup. */
function payloads(hitUrl: string): string[] {
  return [
    `<script>window.__pwned = 1; fetch("${hitUrl}")</script>`,
    `<img src="x" onerror="window.__pwned = 2; fetch('${hitUrl}')">`,
    `<svg onload="window.__pwned = 3"><script>window.__pwned = 3</script></svg>`,
    `<a href="javascript:window.__pwned=4">click</a>`,
  ];
}

function xssArticles(hitUrl: string): string {
  const [script, img, svg, link] = payloads(hitUrl);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<html><head><title>${escape(img!)} Police detain protesters</title></head><body><article>
    <p>Police in Belgrade arrested 30 protesters on Monday, officials said. ${escape(script!)}</p>
    <p>The European Union urged Serbia to respect the right to protest. ${escape(svg!)} ${escape(link!)}</p></article></body></html>`;
  return `${JSON.stringify({ id: 'xss-1', html, url: 'javascript:window.__pwned=5', published: '2026-02-23' })}\n`;
}

async function freeServer(): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits += 1;
    res.end('counted');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}/hit`, hits: () => hits };
}

function startServe(db: string): Promise<{ child: ChildProcess; base: string; token: string }> {
  const child = spawn(process.execPath, [cliPath(), 'serve', '--db', db, '--port', '0', '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const base = /on (http:\/\/\S+?)\/ /.exec(out)?.[1];
      const token = /write token: (\S+)/.exec(out)?.[1];
      if (base && token) resolve({ child, base, token });
    });
    child.once('exit', (code) => reject(new Error(`dyad serve exited (${code}): ${out}`)));
  });
}

describe('dashboard in a real browser', { skip, timeout: 120_000 }, () => {
  const dir = skip ? '' : mkdtempSync(join(tmpdir(), 'dyad-dashboard-'));
  let serve: { child: ChildProcess; base: string; token: string };
  let counter: Awaited<ReturnType<typeof freeServer>>;
  let close: () => Promise<void>;
  let page: Page;
  const cspViolations: string[] = [];

  async function axeCheck(view: string): Promise<void> {
    await page.evaluate(readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const result = await page.evaluate<Array<{ id: string; impact: string; help: string; nodes: number }>>(`axe.run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))`);
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], `${view}: axe found ${JSON.stringify(serious)}`);
  }

  async function shoot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
  }

  async function open(search: string, ready: string): Promise<void> {
    await page.goto(`${serve.base}/${search}`);
    await page.waitForSelector(ready, { timeout: 15_000 });
  }

  before(async () => {
    counter = await freeServer();
    const db = join(dir, 'dashboard.db');
    const xss = join(dir, 'xss.jsonl');
    writeFileSync(xss, xssArticles(counter.url));
    execFileSync(process.execPath, [cliPath(), 'ingest', join(root, 'examples', 'demo', 'news.jsonl'), xss, '--db', db], { stdio: 'ignore' });
    // An article whose coded actor names and URL carry payloads, stored as the coder would store it.
    const [script, img] = payloads(counter.url);
    const text = `${script} shelled ${img} on Friday.`;
    const doc = createDoc(text, { url: 'javascript:window.__pwned=6', title: `${img} headline`, published: '2026-02-27', language: 'eng' });
    const at = text.indexOf('shelled');
    doc.layers.sentences = [{ start: 0, end: text.length, index: 0, paragraph: 0, tokenStart: 0, tokenEnd: 0 }];
    doc.layers.events = [{
      id: 'ev1', plover: 'ASSAULT', cameo: '190', quadClass: 4, goldstein: -10, negated: false, future: false, hypothetical: false, historical: false,
      actors: [{ text: script!, start: 0, end: script!.length, code: 'SRBMIL', country: 'SRB' }],
      recipients: [{ text: img!, start: text.indexOf(img!), end: text.indexOf(img!) + img!.length, country: 'SRB' }],
      location: { name: img!, country: 'SRB', lat: 44.8, lon: 20.46, from: 'sentence' },
      date: { value: '2026-02-27', granularity: 'day', basis: 'event' }, confidence: 0.6,
      trigger: { start: at, end: at + 7, text: 'shelled' }, evidence: { sentences: [{ start: 0, end: text.length, index: 0 }] }, pattern: 'test',
    }];
    const store = await openStore(db);
    await store.putDocs([doc]);
    await store.close();

    serve = await startServe(db);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await context.exposeFunction('__reportViolation', (what: string) => cspViolations.push(what));
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.__reportViolation(e.violatedDirective + ': ' + e.blockedURI))`);
    page = (context.pages()[0] ?? await context.newPage()) as unknown as Page;
    close = async () => context.close();
  });

  after(async () => {
    await close?.();
    serve?.child.kill('SIGTERM');
    counter?.server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('timeline: stories stacked by QuadClass; filtering by a dyad goes into the URL and narrows the list', async () => {
    await open('?view=timeline', 'svg.timeline rect');
    await axeCheck('timeline');
    await shoot('timeline');
    await page.locator('input[name="actor"]').fill('KEN');
    await page.locator('input[name="recipient"]').fill('ETH');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('actor') === 'KEN' && url.searchParams.get('recipient') === 'ETH');
    await page.waitForSelector('text=/\\d+ stories/');
    const rows = await page.locator('table.stories tbody tr').allTextContents();
    assert.ok(rows.length > 0 && rows.some((row) => row.includes('Moyale')), rows.join('\n'));
    assert.ok(!rows.some((row) => row.includes('Belgrade') || row.includes('Havana')), rows.join('\n'));
  });

  test('brushing the timeline sets the time range', async () => {
    await open('?view=timeline', 'svg.timeline rect');
    const before = await page.locator('table.stories tbody tr').count();
    const box = (await page.locator('svg.timeline').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.99, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL((url) => url.searchParams.has('from') && url.searchParams.has('to'));
    const url = new URL(page.url());
    assert.ok(url.searchParams.get('from')! <= url.searchParams.get('to')!);
    // The URL changes before the narrowed list is drawn: wait for the list to change, not only to be there
    // (polled from here: a function evaluated in the page would break the page's own no-eval policy).
    let afterBrush = await page.locator('table.stories tbody tr').count();
    for (const started = Date.now(); afterBrush === before && Date.now() - started < 5000;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      afterBrush = await page.locator('table.stories tbody tr').count();
    }
    assert.ok(afterBrush > 0 && afterBrush < before, `${afterBrush} of ${before} stories in ${url.search}`);
  });

  test('map and network views draw the stories', async () => {
    await open('?view=map', 'svg.map .point');
    assert.ok((await page.locator('svg.map .land path').count()) > 100, 'the bundled basemap is drawn');
    await axeCheck('map');
    await shoot('map');
    await open('?view=network', 'svg.network .node');
    assert.ok((await page.locator('svg.network line.edge.conflict').count()) > 0);
    await axeCheck('network');
    await shoot('network');
  });

  test('a story shows its casualty reconciliation; an event leads to its evidence sentence; a correction reaches the export', async () => {
    await open('?view=timeline', 'table.stories');
    await page.getByRole('link', { name: /ASSAULT in Moyale/ }).first().click();
    await page.waitForSelector('#story-title');
    const caption = await page.locator('table.figures caption').first().textContent();
    assert.match(caption ?? '', /Killed: low 34, best \d+, high 40/);
    await axeCheck('story');
    await shoot('story');

    await page.locator('.mentions a', ).first().click();
    await page.waitForSelector('.sentence.selected');
    const eventId = new URL(page.url()).searchParams.get('event')!;
    const docId = new URL(page.url()).searchParams.get('doc')!;
    const selected = await page.locator('.sentence.selected').textContent();
    const doc = await (await fetch(`${serve.base}/api/documents/${encodeURIComponent(docId)}`)).json() as { text: string; layers: { events: Array<{ id: string; evidence: { sentences: Array<{ start: number; end: number }> } }> } };
    const span = doc.layers.events.find((e) => e.id === eventId)!.evidence.sentences[0]!;
    assert.equal(selected, doc.text.slice(span.start, span.end), 'the highlighted sentence is the event\'s evidence');
    assert.match((await page.locator('.coded-panel').textContent()) ?? '', /Coded from sentence/);
    await axeCheck('article');
    await shoot('article');

    await page.locator('.credentials summary').click();
    await page.locator('input[name="analyst"]').fill('e2e analyst');
    await page.locator('input[name="token"]').fill(serve.token);
    const panel = page.locator('.coded-panel');
    await panel.getByRole('button', { name: 'Correct…' }).first().click();
    await panel.locator('input[name="killed"]').first().fill('41');
    await panel.locator('input[name="reason"]').first().fill('the hospital count');
    await panel.getByRole('button', { name: 'Save correction' }).first().click();
    await page.waitForSelector('.coded-panel .verdict.correct');

    const csv = await (await fetch(`${serve.base}/api/export?format=csv`)).text();
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    const row = rows.find((r) => r.id === `${docId}:${eventId}`);
    assert.ok(row, 'the corrected event is exported');
    assert.deepEqual([row.verified, row.killed, row.verified_by], ['corrected', '41', 'e2e analyst']);
  });

  test('script payloads in text, titles, actor names and URLs are shown as text and never run', async () => {
    const docs = await (await fetch(`${serve.base}/api/documents?limit=50`)).json() as { items: Array<{ id: string; title?: string }> };
    const hostile = docs.items.filter((d) => d.title?.includes('onerror'));
    assert.equal(hostile.length, 2, 'both hostile articles are stored');
    const clean = async (where: string) => {
      assert.equal(await page.evaluate('window.__pwned'), undefined, where);
      assert.equal(await page.locator('main script, main img, main [onerror], main [onload], main a[href^="javascript:"]').count(), 0, `${where}: no element made from a payload`);
    };
    for (const item of hostile) {
      await open(`?view=article&doc=${encodeURIComponent(item.id)}`, '#article-title');
      assert.match((await page.locator('#article-title').textContent()) ?? '', /<img src="x" onerror=/, 'the title is shown as text');
      await clean(`article ${item.id}`);
    }
    const stories = await (await fetch(`${serve.base}/api/stories?actor=srbmil`)).json() as { items: Array<{ id: string }> };
    assert.ok(stories.items.length > 0);
    await open(`?view=story&story=${encodeURIComponent(stories.items[0]!.id)}`, '#story-title');
    assert.match((await page.locator('#story-title').textContent()) ?? '', /<script>/);
    await clean('story');
    for (const view of ['timeline', 'network', 'map']) {
      await open(`?view=${view}`, 'main h2');
      await clean(view);
    }
    assert.deepEqual(cspViolations, [], 'nothing even tried to run (no CSP violation)');
    assert.equal(counter.hits(), 0, 'the counting server was never called');
  });
});
