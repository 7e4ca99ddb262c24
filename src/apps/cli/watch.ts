import { readFile } from 'node:fs/promises';
import {
  createEngine, DEFAULT_INTERVAL_MS, FeedError, fetcherResource, parseFeedDocument, Watcher, type FeedListEntry,
} from '../../index.js';
import { durationOption } from './duration.js';
import { createCommandFetcher, FETCH_OPTIONS, FETCH_USAGE } from './fetch-options.js';
import { parseCommand, RuntimeError, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { isUrl, writeOut } from './io.js';
import { logMode, Progress } from './progress.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad watch [<feed-url|sitemap-url|opml-file> …] [options]

Follows RSS, Atom, RDF and JSON feeds, news sitemaps and sitemap indexes: polls each with conditional
GET, fetches every new item's page, codes it and stores it. Sources are kept in the database, so
\`dyad watch\` with no sources carries on with the ones it follows; killed at any moment and started
again, it stores nothing twice and loses no item. An OPML file adds every feed it lists.

Each source starts at --interval and adapts to how often it publishes, between a quarter of it (at
least 1 min) and six times it (at most 6 h); a failing source backs off (x2 per failure, at most
24 h); Retry-After and Cache-Control max-age are honoured.

Options:
  --db PATH          database (default ${DEFAULT_DB})
  --interval TIME    starting poll interval: 90s, 10m, 1h (default 10m)
  --once             poll every source once, then print the summary and exit
${FETCH_USAGE}
  --json             log and summarise as JSON Lines on stdout
  -h, --help         show this help`;

/** The sources the targets name: URLs as they are, OPML files read for the feeds they list. */
async function sourcesOf(targets: readonly string[]): Promise<FeedListEntry[]> {
  const sources: FeedListEntry[] = [];
  for (const target of targets) {
    if (isUrl(target)) {
      if (!URL.canParse(target)) throw new UsageError(`not a valid URL: ${target}`);
      sources.push({ url: new URL(target).href });
      continue;
    }
    const text = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new RuntimeError(error.code === 'ENOENT' ? `no such file: ${target}` : `cannot read ${target}: ${error.code ?? error.message}`);
    });
    let list;
    try {
      list = parseFeedDocument(text);
    } catch (error) {
      if (error instanceof FeedError) throw new RuntimeError(`${target}: ${error.message}`);
      throw error;
    }
    if (list.kind !== 'opml') throw new RuntimeError(`${target} is not an OPML list (give a feed by its URL)`);
    sources.push(...list.feeds);
  }
  return sources;
}

export const watchCommand: Command = {
  name: 'watch',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('watch', args, {
      db: { type: 'string' }, interval: { type: 'string' }, once: { type: 'boolean' },
      ...FETCH_OPTIONS, json: { type: 'boolean' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    const intervalMs = durationOption(parsed, 'interval', DEFAULT_INTERVAL_MS, { minMs: 1000, maxMs: 7 * 24 * 3600_000 });
    const db = stringOption(parsed, 'db') ?? DEFAULT_DB;
    const sources = await sourcesOf(parsed.positionals);
    const fetcher = createCommandFetcher(parsed);
    const store = await openCliStore(db, { readOnly: false });
    const progress = new Progress(logMode(parsed.values.json === true, process.stderr));
    const started = performance.now();
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let watcher: Watcher;
    try {
      watcher = new Watcher({
        store, engine: createEngine({ store }), fetchResource: fetcherResource(fetcher), intervalMs,
        onProgress: (counts) => progress.update(counts),
        onLog: (entry) => progress.log(entry.level, entry.message, { ...(entry.source ? { source: entry.source } : {}), ...(entry.url ? { url: entry.url } : {}) }),
      });
      if (sources.length > 0) {
        const added = await watcher.follow(sources);
        progress.log('info', `following ${sources.length} source${sources.length === 1 ? '' : 's'} (${added} new)`);
      }
      if ((await store.listWatchSources()).length === 0) {
        throw new UsageError('watch needs a feed URL, sitemap URL or OPML file the first time (see dyad watch --help)');
      }
      if (parsed.values.once) await watcher.pollAll({ signal: stop.signal });
      else await watcher.run(stop.signal);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await store.close();
      await fetcher.close();
    }
    await writeOut(progress.finish(watcher.counts, { db, seconds: (performance.now() - started) / 1000 }));
    return 0;
  },
};
