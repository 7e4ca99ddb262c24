import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseJsonlLine, readJsonl, type JsonlLine } from './jsonl.js';

async function collect(chunks: Iterable<Buffer | string> | AsyncIterable<Buffer | string>, maxLineBytes = 1000): Promise<JsonlLine[]> {
  const lines: JsonlLine[] = [];
  for await (const line of readJsonl(chunks, {}, { maxLineBytes })) lines.push(line);
  return lines;
}

const errorOf = (line: JsonlLine | undefined) => (line && 'error' in line ? line.error : undefined);
const inputOf = (line: JsonlLine | undefined) => (line && 'input' in line ? line.input : undefined);

test('a line over the limit is an error with its line number; the lines after it are read as usual', async () => {
  async function* source() {
    yield `${JSON.stringify({ id: 'a', text: 'First.' })}\n{"id":"b","text":"`;
    // The long line arrives in many chunks, as from a file or a pipe.
    for (let i = 0; i < 50; i++) yield 'x'.repeat(100);
    yield `"}\r\n${JSON.stringify({ id: 'c', text: 'Third.' })}`;
  }
  const lines = await collect(source());
  assert.equal(lines.length, 3);
  assert.equal(inputOf(lines[0])?.content, 'First.');
  assert.equal(lines[1]?.line, 2);
  assert.match(errorOf(lines[1]) ?? '', /^line 2: longer than the 1000 bytes limit; skipped to the next line$/);
  assert.deepEqual([lines[2]?.line, inputOf(lines[2])?.content, inputOf(lines[2])?.inputId], [3, 'Third.', 'c']);
});

test('a line far over the limit is never held whole: memory stays bounded while it streams past', async () => {
  const lineMegabytes = 400;
  let peak = 0;
  async function* source() {
    yield '{"text":"';
    for (let i = 0; i < lineMegabytes; i++) {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      yield Buffer.alloc(1024 * 1024, 0x78);
    }
    yield '"}\n{"text":"After."}\n';
  }
  const lines = await collect(source(), 1024 * 1024);
  assert.match(errorOf(lines[0]) ?? '', /^line 1: longer than the 1\.0 MB limit; skipped to the next line$/);
  assert.equal(inputOf(lines[1])?.content, 'After.');
  assert.ok(peak < (lineMegabytes / 2) * 1024 * 1024, `peak ${Math.round(peak / 1024 / 1024)} MB of buffers while reading a ${lineMegabytes} MB line`);
});

test('a character split between chunks, a BOM, CRLF and blank lines are read correctly', async () => {
  const bytes = Buffer.from(`\ufeff${JSON.stringify({ text: 'Talks in Genève “resumed”.' })}\r\n\r\n${JSON.stringify({ text: 'Second.' })}\n`);
  const split = bytes.indexOf(Buffer.from('è')) + 1;
  const lines = await collect([bytes.subarray(0, split), bytes.subarray(split)]);
  assert.deepEqual(lines.map((line) => [line.line, inputOf(line)?.content]), [[1, 'Talks in Genève “resumed”.'], [3, 'Second.']]);
  assert.equal(inputOf(lines[0])?.messages, undefined);
});

test('invalid UTF-8 in a line is replaced and reported; a literal replacement character is not', async () => {
  const bad = Buffer.concat([Buffer.from('{"text":"He said \u201cyes'), Buffer.from([0xff]), Buffer.from('\u201d."}\n{"text":"A \ufffd sign."}\n')]);
  const [first, second] = await collect([bad]);
  assert.equal(inputOf(first)?.content, 'He said “yes\ufffd”.');
  assert.match(inputOf(first)?.messages?.[0]?.reason ?? '', /^line 1: 1 byte sequence not valid UTF-8/);
  assert.equal(inputOf(second)?.messages, undefined);
});

test('an id that is not a string or number is rejected with the line number', () => {
  for (const id of [{ a: 1 }, [1], true, null]) {
    const parsed = parseJsonlLine(JSON.stringify({ id, text: 'Text.' }), 7, {});
    assert.match(errorOf(parsed) ?? '', /^line 7: "id" must be a string or a number, not /, JSON.stringify(id));
  }
  assert.equal(inputOf(parseJsonlLine('{"id":42,"text":"Text."}', 1, {}))?.inputId, '42');
});

test('a line with both html and text says which one was read', () => {
  const input = inputOf(parseJsonlLine(JSON.stringify({ text: 'Plain.', html: '<p>Rich.</p>' }), 3, {}));
  assert.equal(input?.kind, 'html');
  assert.equal(input?.messages?.[0]?.ruleId, 'jsonl-field');
  assert.match(input?.messages?.[0]?.reason ?? '', /line 3 has both "html" and "text"; read "html"/);
  assert.match(errorOf(parseJsonlLine('{"text":"A","html":5}', 4, {})) ?? '', /line 4: "html" must be a string, not a number/);
});

test('a language field wins over the default language; a bad one is an error', () => {
  assert.equal(inputOf(parseJsonlLine('{"text":"Texte.","language":"fr"}', 1, { language: 'eng' }))?.language, 'fr');
  assert.equal(inputOf(parseJsonlLine('{"text":"Text.","language":"en-US"}', 1, {}))?.language, 'eng');
  assert.equal(inputOf(parseJsonlLine('{"text":"Text."}', 1, { language: 'eng' }))?.language, 'eng');
  assert.match(errorOf(parseJsonlLine('{"text":"Text.","language":"English please"}', 2, {})) ?? '', /^line 2: "language" must be a language code/);
});

test('however the bytes are cut into chunks, the same lines come out', async () => {
  await fc.assert(fc.asyncProperty(
    fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 8 }),
    fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 20 }),
    async (texts, cuts) => {
      const bytes = Buffer.from(texts.map((text, i) => JSON.stringify({ id: i, text })).join('\r\n'));
      const chunks: Buffer[] = [];
      for (let at = 0, i = 0; at < bytes.length; i++) {
        const next = Math.min(bytes.length, at + cuts[i % cuts.length]!);
        chunks.push(bytes.subarray(at, next));
        at = next;
      }
      const lines = await collect(chunks, 10_000);
      assert.deepEqual(lines.map((line) => inputOf(line)?.content), texts);
      assert.ok(lines.every((line) => inputOf(line)?.messages === undefined));
    },
  ), { numRuns: 200 });
});
