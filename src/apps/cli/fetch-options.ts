import { createFetcher, FETCH_DEFAULTS, type Fetcher, MIN_HOST_DELAY_MS } from '../../index.js';
import { type Parsed, UsageError } from './args.js';
import { durationOption } from './duration.js';
import { isUrl } from './io.js';

/** The options every command that fetches URLs takes (parseArgs configuration). */
export const FETCH_OPTIONS = { 'allow-host': { type: 'string', multiple: true }, 'host-delay': { type: 'string' } } as const;

export const FETCH_USAGE = `  --allow-host HOST        fetch from HOST although it is a local or private address (repeatable;
                           a name, an IP or HOST:PORT; DYAD_ALLOW_HOSTS adds a comma-separated list)
  --host-delay TIME        pause between two requests to one host: 2s, 500ms (default 1s, at most 60s);
                           at least ${MIN_HOST_DELAY_MS}ms for a host --allow-host does not name, which may have 0;
                           a longer robots.txt Crawl-delay wins`;

/** The longest pause asked for: longer ones would make a run of many pages look hung. */
const MAX_HOST_DELAY_MS = 60_000;

/** `--allow-host` values and DYAD_ALLOW_HOSTS entries, in that order. */
export function allowedHosts(parsed: Parsed, env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.DYAD_ALLOW_HOSTS ?? '').split(/[\s,]+/).filter(Boolean);
  const given = parsed.values['allow-host'];
  return [...(Array.isArray(given) ? given : []), ...fromEnv];
}

/**
 * The fetcher the command's options describe. The contact URL in the user agent comes from
 * DYAD_CONTACT_URL; a bad allowlist entry, contact URL or pause is a usage error.
 */
export function createCommandFetcher(parsed: Parsed, env: NodeJS.ProcessEnv = process.env): Fetcher {
  // The fetcher raises the pause to MIN_HOST_DELAY_MS for every host the allowlist does not name.
  const minIntervalMs = durationOption(parsed, 'host-delay', FETCH_DEFAULTS.minIntervalMs, { minMs: 0, maxMs: MAX_HOST_DELAY_MS });
  try {
    return createFetcher({ allowHosts: allowedHosts(parsed, env), minIntervalMs, ...(env.DYAD_CONTACT_URL ? { contactUrl: env.DYAD_CONTACT_URL } : {}) });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The command's fetcher, or undefined when none of its inputs is a URL. */
export function commandFetcher(parsed: Parsed, targets: readonly string[], env: NodeJS.ProcessEnv = process.env): Fetcher | undefined {
  return targets.some(isUrl) ? createCommandFetcher(parsed, env) : undefined;
}
