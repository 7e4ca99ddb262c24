import { createReadStream } from 'node:fs';
import { createEngine, type Engine, readSource, type IngestInput } from '../../index.js';
import { languageOption } from './language-option.js';
import { choiceOption, parseCommand, PUBLISHED_OPTIONS, publishedOptions, RuntimeError, UsageError } from './args.js';
import type { Command } from './command.js';
import { formatDocPretty } from './format-doc.js';
import { applyDates, assertReadableFile, type JsonlDefaults, readJsonl } from './inputs.js';
import { skippedSummary } from './summary.js';
import { writeOut } from './io.js';

const USAGE = `Usage: dyad extract <file|url|-> [options]
       dyad extract --jsonl [file|-] [options]

Analyses one document and prints it, storing nothing.

Options:
  --published YYYY-MM-DD   publication date for a document that carries none of its own (it anchors
                           "Monday", "last week")
  --set-published YYYY-MM-DD
                           publication date for every document, replacing its own
  --language CODE          the input's language (eng, en, fr …): no detection; only English is coded
  --format json|pretty     json: the whole analysed document (default); pretty: a readable summary
  --jsonl                  read JSON Lines ({id, text|html, published?, url?, language?} per line) from a file or
                           stdin and write one analysed document per line; bad lines become
                           {"id", "line", "error"} lines and are counted on stderr
  -h, --help               show this help`;

async function readOne(target: string, defaults: JsonlDefaults): Promise<IngestInput> {
  let input: IngestInput;
  try {
    const source = await readSource(target);
    input = { content: source.content, kind: source.kind };
    if (source.url) input.url = source.url;
    if (source.messages) input.messages = source.messages;
  } catch (error) {
    throw new RuntimeError(error instanceof Error ? error.message : String(error));
  }
  applyDates(input, defaults);
  if (defaults.language) input.language = defaults.language;
  return input;
}

async function extractJsonl(engine: Engine, target: string, defaults: JsonlDefaults): Promise<number> {
  if (target !== '-') await assertReadableFile(target);
  const stream = target === '-' ? process.stdin : createReadStream(target);
  let documents = 0;
  let bad = 0;
  const skipped: Record<string, number> = {};
  for await (const parsed of readJsonl(stream, defaults)) {
    if ('error' in parsed) {
      bad++;
      await writeOut(`${JSON.stringify({ id: parsed.id, line: parsed.line, error: parsed.error })}\n`);
      continue;
    }
    let line: string;
    try {
      const doc = engine.extract(parsed.input);
      line = JSON.stringify(doc);
      documents++;
      if (doc.skip) skipped[doc.skip.ruleId] = (skipped[doc.skip.ruleId] ?? 0) + 1;
    } catch (error) {
      bad++;
      line = JSON.stringify({ id: parsed.input.externalId ?? null, line: parsed.line, error: error instanceof Error ? error.message : String(error) });
    }
    await writeOut(`${line}\n`);
  }
  process.stderr.write(`dyad extract: ${documents} document${documents === 1 ? '' : 's'} (${skippedSummary(skipped)}), ${bad} bad line${bad === 1 ? '' : 's'}\n`);
  return 0;
}

export const extractCommand: Command = {
  name: 'extract',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('extract', args, {
      ...PUBLISHED_OPTIONS,
      format: { type: 'string' },
      jsonl: { type: 'boolean' },
      language: { type: 'string' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    const language = languageOption(parsed);
    const defaults: JsonlDefaults = { ...publishedOptions(parsed), ...(language ? { language } : {}) };
    const format = choiceOption(parsed, 'format', ['json', 'pretty'] as const, 'json');
    if (parsed.positionals.length > 1) throw new UsageError('extract takes one input; use `dyad ingest` for many');
    const engine = createEngine();
    if (parsed.values.jsonl) {
      if (format !== 'json') throw new UsageError('--jsonl writes JSON Lines; --format pretty is for one document');
      return extractJsonl(engine, parsed.positionals[0] ?? '-', defaults);
    }
    const target = parsed.positionals[0];
    if (target === undefined) throw new UsageError('extract needs a file, a URL or - for stdin (see dyad extract --help)');
    const doc = engine.extract(await readOne(target, defaults));
    if (doc.skip) process.stderr.write(`dyad extract: skipped, not coded (${doc.skip.ruleId}): ${doc.skip.reason}\n`);
    await writeOut(format === 'pretty' ? formatDocPretty(doc) : `${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  },
};
