#!/usr/bin/env node
import { RuntimeError, UsageError } from './args.js';
import type { Command } from './command.js';
import { dyadVersion } from '../../version.js';

/**
 * Commands are loaded when they run, so `dyad --help` and a mistyped command answer at once instead of
 * first loading the language model, the gazetteer and SQLite.
 */
interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  { name: 'extract', summary: 'analyse one document (file, URL or stdin) or a JSON Lines batch and print it', load: async () => (await import('./extract.js')).extractCommand },
  { name: 'ingest', summary: 'analyse files, folders, URLs or JSON Lines and store documents and events', load: async () => (await import('./ingest.js')).ingestCommand },
  { name: 'watch', summary: 'follow feeds, news sitemaps and OPML lists: fetch, code and store every new article', load: async () => (await import('./watch.js')).watchCommand },
  { name: 'sources', summary: 'list the sources dyad watch follows with their health, or export them as OPML', load: async () => (await import('./sources.js')).sourcesCommand },
  { name: 'events', summary: 'list stored events with filters, as a table, JSON Lines or CSV', load: async () => (await import('./events.js')).eventsCommand },
  { name: 'stories', summary: 'list stored stories: one real-world event fused from every report of it', load: async () => (await import('./stories.js')).storiesCommand },
  { name: 'export', summary: 'write stored events with their evidence as CSV, JSON Lines, PLOVER JSON, GDELT-style TSV or Parquet', load: async () => (await import('./export.js')).exportCommand },
  { name: 'series', summary: 'counts of stories (or mentions) per day, week or month, by type and QuadClass, with a sparkline', load: async () => (await import('./series.js')).seriesCommand },
  { name: 'alerts', summary: 'evaluate alert rules over the stored stories; list alerts, write an Atom feed, post to webhooks', load: async () => (await import('./alerts.js')).alertsCommand },
  { name: 'corrections', summary: 'list analysts\' verdicts on events (who, when, why); --knowledge: candidate aliases, actors, patterns', load: async () => (await import('./corrections.js')).correctionsCommand },
  { name: 'demo', summary: 'ingest the sample articles (examples/) into a fresh database and serve the dashboard over them', load: async () => (await import('./demo.js')).demoCommand },
  { name: 'serve', summary: 'serve the HTTP API (and the dashboard) over a database', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'eval', summary: 'score a component on gold data (dyad eval ner|parse|geo|dates|quotes|casualties|extraction|events|stories --gold PATH)', load: async () => (await import('./eval.js')).evalCommand },
  { name: 'knowledge', summary: 'check the knowledge files (dyad knowledge check)', load: async () => (await import('./knowledge.js')).knowledgeCommand },
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: dyad <command> [options]',
    '',
    'Turns news about conflict and diplomacy into evidenced event data.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (dyad <command> --help for a command)',
    '  -v, --version  print the version',
    '',
    'Set DYAD_DEBUG=1 to print stack traces.',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`${help()}\n`);
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${dyadVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see dyad --help)`);
  return (await command.load()).run(rest);
}

function exitCodeOf(error: unknown): number {
  return error instanceof UsageError ? 2 : 1;
}

/** A closed pipe (`dyad events | head`) is the reader saying it has enough, not an error. */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const expected = error instanceof UsageError || error instanceof RuntimeError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`dyad: ${message}\n`);
    if (process.env.DYAD_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else if (!expected) process.stderr.write('(set DYAD_DEBUG=1 for details)\n');
    process.exitCode = exitCodeOf(error);
  },
);
