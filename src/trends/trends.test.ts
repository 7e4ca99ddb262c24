import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseHTML } from 'linkedom';
import { atomFeed } from './atom.js';
import { AlertRuleError, evaluateRules, readAlertRules, type AlertItem } from './rules.js';
import { buildSeries, nextPeriod, periodOf, sparkline } from './series.js';
import { spikes } from './spike.js';
import { postAlerts } from './webhook.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-trends-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const item = (id: string, date: string, overrides: Partial<AlertItem> = {}): AlertItem => ({
  id, date, plover: 'ASSAULT', quadClass: 4, goldstein: -10, actorCountries: ['AZE'], recipientCountries: ['ARM'], ...overrides,
});

test('periods: ISO weeks start on Monday, months on the 1st; a date coarser than the period has none', () => {
  assert.equal(periodOf('2020-10-04', 'week'), '2020-09-28', 'a Sunday belongs to the week of the Monday before');
  assert.equal(periodOf('2020-09-28', 'week'), '2020-09-28');
  assert.equal(periodOf('2020-10-04', 'month'), '2020-10-01');
  assert.equal(periodOf('2020-10', 'day'), undefined);
  assert.equal(periodOf('2020-10', 'month'), '2020-10-01');
});

test('periods agree with Date arithmetic on every day of 1999-2033, leap days and year ends included', () => {
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
  for (let time = Date.UTC(1999, 0, 1); time <= Date.UTC(2033, 11, 31); time += 86_400_000) {
    const day = iso(time);
    const weekday = (new Date(time).getUTCDay() + 6) % 7;
    assert.equal(periodOf(day, 'week'), iso(time - weekday * 86_400_000), day);
    assert.equal(nextPeriod(day, 'day'), iso(time + 86_400_000), day);
    assert.equal(nextPeriod(day, 'week'), iso(time + 7 * 86_400_000), day);
    if (day.endsWith('-01')) assert.equal(nextPeriod(day, 'month'), iso(Date.UTC(new Date(time).getUTCFullYear(), new Date(time).getUTCMonth() + 1, 1)), day);
  }
});

test('series from grouped counts equal series from the items one by one', () => {
  const items = [
    item('a', '2020-09-27'), item('b', '2020-09-27'), item('c', '2020-09-29', { plover: 'CONSULT', quadClass: 1, goldstein: 2.8 }),
    item('d', '2020-09-29', { plover: 'CONSULT', quadClass: 1, goldstein: 2.8 }), item('e', '2020-09-29', { plover: 'CONSULT', quadClass: 1, goldstein: 2.8 }),
    item('f', '2020-10'), item('g', '2020-10'),
  ];
  const counted = [
    { ...item('ab', '2020-09-27'), count: 2 }, { ...item('cde', '2020-09-29', { plover: 'CONSULT', quadClass: 1, goldstein: 2.8 }), count: 3 },
    { ...item('fg', '2020-10'), count: 2 },
  ];
  for (const by of ['day', 'week', 'month'] as const) assert.deepEqual(buildSeries(counted, by), buildSeries(items, by), by);
  assert.equal(buildSeries(counted, 'week').rows[1]!.goldstein, 8.4);
});

test('series: counts, types, QuadClasses and Goldstein per period, quiet periods as zeros, coarse dates counted apart', () => {
  const series = buildSeries([
    item('a', '2020-09-27'), item('b', '2020-09-29', { plover: 'CONSULT', quadClass: 1, goldstein: 1 }), item('c', '2020-10-14'), item('d', '2020-10'),
  ], 'week');
  assert.deepEqual(series.rows.map((r) => [r.period, r.count]), [['2020-09-21', 1], ['2020-09-28', 1], ['2020-10-05', 0], ['2020-10-12', 1]]);
  assert.deepEqual(series.rows[1]!.byType, { CONSULT: 1 });
  assert.deepEqual(series.rows[1]!.byQuadClass, [1, 0, 0, 0]);
  assert.equal(series.rows[0]!.goldstein, -10);
  assert.equal(series.unplaced, 1);
  assert.equal(sparkline([0, 1, 4, 8]), '▁▂▅█');
  assert.equal(sparkline([0, 0]), '▁▁');
});

test('spike test: a jump over a quiet or noisy baseline fires; a first pair of events after silence does not', () => {
  assert.deepEqual(spikes([1, 0, 2, 1, 1, 0, 1, 2, 12]).map((s) => s.index), [8]);
  assert.deepEqual(spikes([0, 0, 0, 0, 0, 0, 0, 0, 2]), [], 'below the minimum count');
  assert.deepEqual(spikes([5, 15, 4, 16, 6, 14, 5, 15, 18]), [], 'within the noise of its baseline');
});

test('alert rules: read from JSON Lines with line-numbered errors; event and spike rules fire once per item or period', () => {
  const file = join(dir, 'rules.jsonl');
  writeFileSync(file, [
    JSON.stringify({ id: 'deadly-arm-aze', title: 'ASSAULT involving ARM or AZE with ≥ 10 killed', kind: 'event', types: ['ASSAULT'], countries: ['ARM', 'AZE'], minKilled: 10 }),
    '// a comment line',
    JSON.stringify({ id: 'arm-aze-weekly', title: 'ARM–AZE weekly conflict spike', kind: 'spike', by: 'week', dyad: ['ARM', 'AZE'], quadClass: 4, window: 4, sigma: 3, minimum: 3 }),
  ].join('\n'));
  const rules = readAlertRules(file);
  const items = [
    item('s1', '2020-09-01', { killed: 12 }), item('s2', '2020-09-02', { killed: 3 }), item('s3', '2020-09-09', { actorCountries: ['TUR'], recipientCountries: ['GRC'], killed: 40 }),
    item('s4', '2020-09-15'), item('s5', '2020-09-23'),
    ...['2020-09-28', '2020-09-29', '2020-09-30', '2020-10-01', '2020-10-02'].map((date, i) => item(`w${i}`, date, i % 2 ? {} : { actorCountries: ['ARM'], recipientCountries: ['AZE'] })),
  ];
  const alerts = evaluateRules(rules, items);
  assert.deepEqual(alerts.map((a) => a.id), ['deadly-arm-aze:s1', 'arm-aze-weekly:2020-09-28']);
  assert.deepEqual(alerts[1]!.items, ['w0', 'w1', 'w2', 'w3', 'w4'], 'either way round is the dyad');
  assert.deepEqual(evaluateRules(rules, items).map((a) => a.id), alerts.map((a) => a.id), 'the same items fire the same alerts');
  writeFileSync(file, '{"id": "x", "title": "t", "kind": "event", "countries": ["Armenia"]}\n');
  assert.throws(() => readAlertRules(file), (error: Error) => error instanceof AlertRuleError && /rules\.jsonl:1: countries\.0/.test(error.message));
});

test('Atom feed: valid XML any reader parses, one entry per alert with a stable id, text escaped', () => {
  const alerts = [{ id: 'r:s<1>', rule: 'r', title: 'Fighting & shelling <b>', date: '2020-09-27', items: ['s<1>'], message: 'ASSAULT "quoted" & more' }];
  const xml = atomFeed(alerts, { storyBase: 'http://127.0.0.1:7777/stories/' });
  const { document } = parseHTML('<html></html>');
  const parsed = new document.defaultView!.DOMParser().parseFromString(xml, 'text/xml');
  assert.equal(parsed.querySelectorAll('entry').length, 1);
  assert.equal(parsed.querySelector('entry > title')!.textContent, 'Fighting & shelling <b>');
  assert.equal(parsed.querySelector('entry > id')!.textContent, 'urn:dyad:alert:r%3As%3C1%3E');
  assert.equal(parsed.querySelector('entry > link')!.getAttribute('href'), 'http://127.0.0.1:7777/stories/s%3C1%3E');
  assert.equal(parsed.querySelector('feed > updated')!.textContent, '2020-09-27T00:00:00Z');
  assert.match(atomFeed([]), /<updated>1970-01-01T00:00:00Z<\/updated>/);
});

test('webhook: the alerts are posted as JSON to a local server; a refused scheme or a dead port is a result, not a throw', async () => {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      bodies.push({ method: request.method, type: request.headers['content-type'], body: JSON.parse(body) });
      response.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    const alert = { id: 'r:s1', rule: 'r', title: 't', date: '2020-09-27', items: ['s1'], message: 'm' };
    assert.deepEqual(await postAlerts(`http://127.0.0.1:${port}/hook`, [alert]), { url: `http://127.0.0.1:${port}/hook`, ok: true, status: 204 });
    assert.deepEqual(bodies, [{ method: 'POST', type: 'application/json', body: { alerts: [alert] } }]);
    assert.equal((await postAlerts('file:///etc/passwd', [alert])).ok, false);
  } finally {
    server.close();
  }
  const dead = await postAlerts(`http://127.0.0.1:${port}/hook`, [], 2000);
  assert.equal(dead.ok, false);
  assert.ok(dead.error);
});
