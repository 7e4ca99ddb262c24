import { createReadStream } from 'node:fs';
import { createEngine, type Doc, type Engine, type Fetcher, type IngestInput, LAYER_NAMES, type LayerName, readSource } from '../../index.js';
import { languageOption } from './language-option.js';
import { choiceOption, type Parsed, parseCommand, PUBLISHED_OPTIONS, publishedOptions, RuntimeError, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { commandFetcher, FETCH_OPTIONS, FETCH_USAGE } from './fetch-options.js';
import { formatDocPretty, readableJson } from './format-doc.js';
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
  --format json|pretty     json: the analysed document (default); pretty: a readable summary
  --tokens                 json: include the tokens layer (left out by default: it is most of the size)
  --layers a,b,…           json: only these layers, of ${LAYER_NAMES.slice(0, 5).join(', ')},
                           ${LAYER_NAMES.slice(5).join(', ')}
  --jsonl                  read JSON Lines ({id, text|html, published?, url?, language?} per line) from a
                           file or stdin and write one analysed document per line (a line's id is kept
                           as source.inputId); bad lines become {"inputId", "line", "error"} lines and
                           are counted on stderr
${FETCH_USAGE}
  -h, --help               show this help`;

async function readOne(target: string, defaults: JsonlDefaults, fetcher: Fetcher | undefined): Promise<IngestInput> {
  let input: IngestInput;
  try {
    const source = await readSource(target, fetcher ? { fetcher } : {});
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

/** The layers JSON output carries: all but tokens, or those --layers names; --tokens adds tokens. */
function layerChoice(parsed: Parsed): ReadonlySet<LayerName> {
  const listed = stringOption(parsed, 'layers');
  const chosen = new Set<LayerName>(LAYER_NAMES.filter((name) => name !== 'tokens'));
  if (listed !== undefined) {
    chosen.clear();
    for (const name of listed.split(',').map((part) => part.trim()).filter(Boolean)) {
      if (!(LAYER_NAMES as readonly string[]).includes(name)) {
        throw new UsageError(`--layers: unknown layer "${name}"; layers are ${LAYER_NAMES.join(', ')}`);
      }
      chosen.add(name as LayerName);
    }
    if (chosen.size === 0) throw new UsageError(`--layers needs one or more of ${LAYER_NAMES.join(', ')}`);
  }
  if (parsed.values.tokens) chosen.add('tokens');
  return chosen;
}

/** The document with only the chosen layers; everything else (text, source, messages …) is kept. */
function withLayers(doc: Doc, chosen: ReadonlySet<LayerName>): Doc {
  const layers: Record<string, unknown> = {};
  for (const [name, layer] of Object.entries(doc.layers)) if (chosen.has(name as LayerName)) layers[name] = layer;
  return { ...doc, layers };
}

async function extractJsonl(engine: Engine, target: string, defaults: JsonlDefaults, layers: ReadonlySet<LayerName>): Promise<number> {
  if (target !== '-') await assertReadableFile(target);
  const stream = target === '-' ? process.stdin : createReadStream(target);
  let documents = 0;
  let bad = 0;
  const skipped: Record<string, number> = {};
  for await (const parsed of readJsonl(stream, defaults)) {
    if ('error' in parsed) {
      bad++;
      await writeOut(`${JSON.stringify({ inputId: parsed.inputId, line: parsed.line, error: parsed.error })}\n`);
      continue;
    }
    let line: string;
    try {
      const doc = engine.extract(parsed.input);
      line = JSON.stringify(withLayers(doc, layers));
      documents++;
      if (doc.skip) skipped[doc.skip.ruleId] = (skipped[doc.skip.ruleId] ?? 0) + 1;
    } catch (error) {
      bad++;
      line = JSON.stringify({ inputId: parsed.input.inputId ?? null, line: parsed.line, error: error instanceof Error ? error.message : String(error) });
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
      tokens: { type: 'boolean' },
      layers: { type: 'string' },
      ...FETCH_OPTIONS,
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    const language = languageOption(parsed);
    const defaults: JsonlDefaults = { ...publishedOptions(parsed), ...(language ? { language } : {}) };
    const format = choiceOption(parsed, 'format', ['json', 'pretty'] as const, 'json');
    if (parsed.positionals.length > 1) throw new UsageError('extract takes one input; use `dyad ingest` for many');
    if (format === 'pretty' && (parsed.values.tokens || parsed.values.layers !== undefined)) {
      throw new UsageError('--tokens and --layers choose what JSON output carries; --format pretty is a fixed summary');
    }
    const layers = layerChoice(parsed);
    const engine = createEngine();
    if (parsed.values.jsonl) {
      if (format !== 'json') throw new UsageError('--jsonl writes JSON Lines; --format pretty is for one document');
      return extractJsonl(engine, parsed.positionals[0] ?? '-', defaults, layers);
    }
    const target = parsed.positionals[0];
    if (target === undefined) throw new UsageError('extract needs a file, a URL or - for stdin (see dyad extract --help)');
    const fetcher = commandFetcher(parsed, [target]);
    let input: IngestInput;
    try {
      input = await readOne(target, defaults, fetcher);
    } finally {
      await fetcher?.close();
    }
    const doc = engine.extract(input);
    if (doc.skip) process.stderr.write(`dyad extract: skipped, not coded (${doc.skip.ruleId}): ${doc.skip.reason}\n`);
    await writeOut(format === 'pretty' ? formatDocPretty(doc) : `${readableJson(withLayers(doc, layers))}\n`);
    return 0;
  },
};
