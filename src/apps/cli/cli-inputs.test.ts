import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The real CLI on real files: how inputs are read, what is skipped and how the summaries count it.
const here = dirname(fileURLToPath(import.meta.url));
const COMPILED = join(here, 'main.js');
const COMMAND = existsSync(COMPILED) ? [COMPILED] : ['--import', import.meta.resolve('tsx'), join(here, 'main.ts')];
const dir = mkdtempSync(join(tmpdir(), 'dyad-cli-inputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function dyad(args: string[], input?: string | Buffer) {
  const result = spawnSync(process.execPath, [...COMMAND, ...args], {
    cwd: dir, input, encoding: 'utf8', env: { ...process.env, DYAD_DEBUG: '' }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const ENGLISH = 'Border guards from the two neighbouring states exchanged fire on Sunday near a disputed crossing, officials said.';
const OTHER_ENGLISH = 'Aid agencies said on Monday that the flooding had forced thousands of families to leave their villages in the valley.';
const FRENCH =
  'Les ministres des affaires étrangères des deux pays se sont rencontrés vendredi dans la capitale et ont déclaré que les négociations se poursuivraient.';

describe('dyad CLI inputs', () => {
  test('ingest follows symbolic links in a folder and reports broken and looping ones', () => {
    write('linked/real/a.txt', ENGLISH);
    write('elsewhere/b.txt', OTHER_ENGLISH);
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'linked/real/to-elsewhere'));
    symlinkSync(join(dir, 'elsewhere/b.txt'), join(dir, 'linked/b-link.txt'));
    symlinkSync(join(dir, 'missing.txt'), join(dir, 'linked/broken.txt'));
    symlinkSync(join(dir, 'linked'), join(dir, 'linked/real/loop'));
    const run = dyad(['ingest', '--db', 'links.db', 'linked']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^fetched 5, new 2, duplicates 1, near-duplicates 0, skipped 0, failed 2 \(error 2\);/);
    assert.match(run.stderr, /failed .*broken\.txt: symbolic link to a missing target \(ENOENT\)/);
    assert.match(run.stderr, /failed .*loop: symbolic link back into a folder being read; not followed/);
  });

  test('extract --jsonl counts skipped documents by reason; --language overrides detection', () => {
    const lines = [{ id: 1, text: ENGLISH }, { id: 2, text: FRENCH }, { id: 3, text: FRENCH, language: 'en' }, { id: { x: 1 }, text: ENGLISH }];
    write('mixed.jsonl', `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const run = dyad(['extract', '--jsonl', 'mixed.jsonl']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, 'dyad extract: 3 documents (skipped 1: not-english 1), 1 bad line\n');
    const out = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { skip?: { ruleId: string }; error?: string; line?: number });
    assert.deepEqual(out.map((doc) => doc.skip?.ruleId ?? doc.error ?? 'coded'), ['coded', 'not-english', 'coded', 'line 4: "id" must be a string or a number, not an object']);

    write('french.txt', FRENCH);
    const skipped = dyad(['extract', 'french.txt']);
    assert.equal(skipped.status, 0);
    assert.match(skipped.stderr, /^dyad extract: skipped, not coded \(not-english\): language detected as fra/);
    assert.equal(dyad(['extract', '--language', 'en', 'french.txt']).stderr, '');
    const bad = dyad(['extract', '--language', 'French!', 'french.txt']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--language must be a language code such as eng, en or fr, got "French!"/);
  });

  test('ingest --language codes a folder without detection; the summary counts skips by reason and says what it ignored', () => {
    write('lang/fr.txt', FRENCH);
    write('lang/empty.txt', '   \n');
    write('lang/photo.jpg', 'not a document');
    const detected = dyad(['ingest', '--db', 'lang.db', 'lang']);
    assert.match(detected.stderr, /^ignored 1 file not of a document type \(\.txt, \.html, \.htm, \.jsonl\): lang\/photo\.jpg$/m);
    assert.match(detected.stdout, /^fetched 2, new 0, duplicates 0, near-duplicates 0, skipped 2 \((?=.*empty 1)(?=.*not-english 1).*\), failed 0;/);
    const given = dyad(['ingest', '--db', 'lang-given.db', '--language', 'eng', 'lang/fr.txt']);
    assert.match(given.stdout, /^fetched 1, new 1, duplicates 0, near-duplicates 0, skipped 0, failed 0;/);
  });

  test('a JSON Lines line over the size limit is rejected with its line number; the next line is read', () => {
    const huge = JSON.stringify({ id: 'huge', text: 'x'.repeat(11 * 1024 * 1024) });
    write('huge.jsonl', `${huge}\n${JSON.stringify({ id: 'ok', text: ENGLISH })}\n`);
    const run = dyad(['extract', '--jsonl', 'huge.jsonl']);
    assert.equal(run.status, 0, run.stderr);
    const [first, second] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { line?: number; error?: string; source?: { inputId?: string } });
    assert.deepEqual([first?.line, first?.error], [1, 'line 1: longer than the 10.0 MB limit; skipped to the next line']);
    assert.equal(second?.source?.inputId, 'ok');
    assert.match(run.stderr, /1 document \(skipped 0\), 1 bad line/);
  });

  test('standard input over the size limit stops with one clear error', () => {
    const run = dyad(['extract', '-'], Buffer.alloc(11 * 1024 * 1024, 'word '));
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'dyad: standard input is larger than the 10.0 MB limit; stopped reading (give a file, or JSON Lines for many documents)\n');
  });

  test('a file with one broken byte keeps its quotes and carries the decoding warning', () => {
    write('damaged.txt', Buffer.concat([Buffer.from(`${ENGLISH} The minister called it “a grave provocation”. `), Buffer.from([0xfe]), Buffer.from(' Talks go on.')]));
    const doc = JSON.parse(dyad(['extract', 'damaged.txt']).stdout) as { text: string; messages: Array<{ ruleId: string; reason: string }> };
    assert.match(doc.text, /“a grave provocation”\. \ufffd Talks go on\./);
    assert.ok(doc.messages.some((m) => m.ruleId === 'invalid-utf8' && /first at byte \d+/.test(m.reason)), JSON.stringify(doc.messages));
  });
});

test('ingest counts syndicated copies as near-duplicates: stored and coded, and said so in the summary', async () => {
  const { WIRE_COPIES, SAME_TOPIC_STORIES } = await import('../../test-support/syndicated.js');
  const files = WIRE_COPIES.map((copy) => write(`wire/${copy.site}.txt`, `${copy.title}\n\n${copy.text}`));
  const separate = write('wire/separate.txt', SAME_TOPIC_STORIES[0]!);
  const run = dyad(['ingest', ...files, separate, '--db', join(dir, 'wire.db')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^fetched 5, new 5, duplicates 0, near-duplicates 3, skipped 0, failed 0;/);
});
