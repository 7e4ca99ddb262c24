import { createFetcher, type Fetcher } from '../../index.js';
import { type Parsed, UsageError } from './args.js';
import { isUrl } from './io.js';

/** The option every command that fetches URLs takes (parseArgs configuration). */
export const FETCH_OPTIONS = { 'allow-host': { type: 'string', multiple: true } } as const;

export const FETCH_USAGE = `  --allow-host HOST        fetch from HOST although it is a local or private address (repeatable;
                           a name, an IP or HOST:PORT; DYAD_ALLOW_HOSTS adds a comma-separated list)`;

/** `--allow-host` values and DYAD_ALLOW_HOSTS entries, in that order. */
export function allowedHosts(parsed: Parsed, env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.DYAD_ALLOW_HOSTS ?? '').split(/[\s,]+/).filter(Boolean);
  const given = parsed.values['allow-host'];
  return [...(Array.isArray(given) ? given : []), ...fromEnv];
}

/**
 * The fetcher for a command's URLs, or undefined when none of its inputs is a URL. The contact URL in
 * the user agent comes from DYAD_CONTACT_URL; a bad allowlist entry or contact URL is a usage error.
 */
export function commandFetcher(parsed: Parsed, targets: readonly string[], env: NodeJS.ProcessEnv = process.env): Fetcher | undefined {
  if (!targets.some(isUrl)) return undefined;
  try {
    return createFetcher({ allowHosts: allowedHosts(parsed, env), ...(env.DYAD_CONTACT_URL ? { contactUrl: env.DYAD_CONTACT_URL } : {}) });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
