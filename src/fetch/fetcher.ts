import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { dyadVersion } from '../version.js';
import { readBody } from './body.js';
import { FetchError, shownUrl } from './errors.js';
import { AddressPolicy, guardedConnector, type Resolver, systemResolver } from './guard.js';
import { HostGate } from './politeness.js';
import { RobotsCache } from './robots.js';

export interface FetcherSettings {
  /** Hosts fetched although they are not public addresses: names, IPs, `host:port` (see AddressPolicy). */
  allowHosts?: readonly string[];
  /**
   * Where a site operator reads who runs this crawler, put in the user agent as `Dyad/<version> (+<contactUrl>)`.
   * Dyad has no address of its own to put there: without one the agent says none was set (DYAD_CONTACT_URL).
   */
  contactUrl?: string;
  /** Time to open a connection, DNS included. */
  connectTimeoutMs?: number;
  /** Longest silence while waiting for headers or between two pieces of the body. */
  readTimeoutMs?: number;
  /** Whole-page limit: every redirect, the headers and the body. */
  deadlineMs?: number;
  /** Largest body, in decompressed bytes. */
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * Pause between the end of one request to a host and the start of the next (default 1 s). A host not on
   * `allowHosts` never gets less than MIN_HOST_DELAY_MS, so no setting can hammer a public site; a
   * robots.txt Crawl-delay can only lengthen it.
   */
  minIntervalMs?: number;
  /** Honour robots.txt (on by default). */
  robots?: boolean;
  robotsTtlMs?: number;
  /** The longest Crawl-delay obeyed; larger ones are cut to this. */
  maxCrawlDelayMs?: number;
  /** Name resolution; the system resolver by default. Every address it gives is checked by the guard. */
  resolve?: Resolver;
}

export interface FetchOptions {
  /** Media types accepted (`text/html`, `application/rss+xml` …; `type/*` for a family); others are refused unread. */
  accept?: readonly string[];
  /** Conditional GET: the ETag and Last-Modified of the copy the caller has. */
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  deadlineMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  /** True for 304 Not Modified on a conditional GET; the body is then empty. */
  notModified: boolean;
  body: Uint8Array;
  contentType?: string;
  /** The media type of Content-Type, lower case, without parameters. */
  mediaType?: string;
  /** The charset parameter of Content-Type. */
  charset?: string;
  etag?: string;
  lastModified?: string;
  cacheControl?: string;
  /** Retry-After in milliseconds (from seconds or an HTTP date). */
  retryAfterMs?: number;
  /** Bytes read off the wire (compressed), redirects not counted. */
  bytesReceived: number;
}

/** The shortest pause between two requests to a host the allowlist does not name (a public site). */
export const MIN_HOST_DELAY_MS = 250;

export const DEFAULTS = {
  connectTimeoutMs: 10_000,
  readTimeoutMs: 15_000,
  deadlineMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  minIntervalMs: 1000,
  robotsTtlMs: 60 * 60 * 1000,
  maxCrawlDelayMs: 30_000,
} as const;

export const PAGE_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain'] as const;
const ROBOTS_MAX_BYTES = 500 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface Fetcher {
  /** GETs a URL: guarded, polite, robots.txt honoured. Every failure is a FetchError with a one-line message. */
  fetch(url: string, options?: FetchOptions): Promise<FetchResult>;
  readonly userAgent: string;
  /** Closes the connections; the fetcher cannot be used afterwards. */
  close(): Promise<void>;
}

export function parseContentType(header: string | undefined): { mediaType?: string; charset?: string } {
  if (!header) return {};
  const [type, ...params] = header.split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find((c) => c !== undefined);
  const result: { mediaType?: string; charset?: string } = {};
  const mediaType = type?.trim().toLowerCase();
  if (mediaType) result.mediaType = mediaType;
  if (charset) result.charset = charset;
  return result;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when neither. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function accepts(accept: readonly string[], mediaType: string): boolean {
  return accept.some((type) => type === mediaType || (type.endsWith('/*') && mediaType.startsWith(type.slice(0, -1))) || type === '*/*');
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function userAgentFor(contactUrl: string | undefined): string {
  if (contactUrl === undefined) return `Dyad/${dyadVersion()} (news event coder; no contact URL set)`;
  if (!/^(https?:\/\/|mailto:)\S+$/i.test(contactUrl)) throw new Error(`contact URL ${JSON.stringify(contactUrl.slice(0, 80))} is not an http(s) or mailto: URL`);
  return `Dyad/${dyadVersion()} (+${contactUrl})`;
}

/** Drops a body unread: the connection is closed rather than drained, and the abort it reports is expected. */
function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

/** A page not fetched because its site's robots.txt could not be reached: said of the page, with the cause. */
function pageFailedOnRobots(url: URL, error: FetchError): FetchError {
  const robotsUrl = `${url.origin}/robots.txt`;
  const detail = error.message.startsWith(`cannot fetch ${robotsUrl}: `) ? error.message.slice(`cannot fetch ${robotsUrl}: `.length) : error.message;
  return new FetchError(error.kind, url.href, `cannot fetch ${shownUrl(url.href)}: reading ${robotsUrl} first failed (${detail})`, { cause: error });
}

/** Undici's errors, and the deadline, as one-line FetchErrors. */
function describeError(error: unknown, url: string, deadlineHit: boolean, deadlineMs: number, readTimeoutMs: number): FetchError {
  if (error instanceof FetchError) return error;
  if (deadlineHit) return new FetchError('timeout', url, `${shownUrl(url)} did not arrive within the ${deadlineMs / 1000} s deadline`, { cause: error });
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new FetchError('timeout', url, `${shownUrl(url)} sent nothing for ${readTimeoutMs / 1000} s; stopped waiting`, { cause: error });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new FetchError('timeout', url, `${shownUrl(url)}: no connection within the connect timeout`, { cause: error });
  if ((error as Error).name === 'AbortError' || code === 'UND_ERR_ABORTED') return new FetchError('timeout', url, `fetching ${shownUrl(url)} was cancelled`, { cause: error });
  const detail = code ?? (error as Error).message;
  return new FetchError('network', url, `cannot fetch ${shownUrl(url)}: ${detail}`, { cause: error });
}

/** One fetcher per process or run: its agent, robots.txt cache and per-host gate are shared by every fetch. */
export function createFetcher(settings: FetcherSettings = {}): Fetcher {
  const policy = new AddressPolicy(settings.allowHosts ?? []);
  const userAgent = userAgentFor(settings.contactUrl);
  const readTimeoutMs = settings.readTimeoutMs ?? DEFAULTS.readTimeoutMs;
  const minIntervalMs = settings.minIntervalMs ?? DEFAULTS.minIntervalMs;
  if (!Number.isFinite(minIntervalMs) || minIntervalMs < 0) throw new Error(`the pause between requests to a host must be 0 ms or more, got ${minIntervalMs}`);
  const agent = new Agent({
    connect: guardedConnector(policy, settings.resolve ?? systemResolver, settings.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs),
    headersTimeout: readTimeoutMs,
    bodyTimeout: readTimeoutMs,
  });
  const gate = new HostGate();

  /** One request, no redirects followed: the gate held from sending it until its body is read. */
  async function once(url: URL, options: FetchOptions, intervalMs: number, signal: AbortSignal, onStart: () => void): Promise<FetchResult & { location?: string }> {
    return gate.run(url.hostname.toLowerCase(), intervalMs, async () => {
      onStart();
      if (signal.aborted) throw signal.reason;
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: (options.accept ?? PAGE_TYPES).join(', ') + ', */*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (options.ifNoneMatch) headers['if-none-match'] = options.ifNoneMatch;
      if (options.ifModifiedSince) headers['if-modified-since'] = options.ifModifiedSince;
      const response = await request(url.href, { dispatcher: agent, method: 'GET', headers, signal });
      const h = response.headers;
      const contentType = header(h, 'content-type');
      const result: FetchResult & { location?: string } = {
        url: url.href, status: response.statusCode, notModified: false, body: new Uint8Array(), bytesReceived: 0, ...parseContentType(contentType),
      };
      if (contentType) result.contentType = contentType;
      const fields = { etag: 'etag', lastModified: 'last-modified', cacheControl: 'cache-control', location: 'location' } as const;
      for (const [key, name] of Object.entries(fields)) {
        const value = header(h, name);
        if (value !== undefined) result[key as keyof typeof fields] = value;
      }
      const retryAfterMs = parseRetryAfter(header(h, 'retry-after'));
      if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
      const status = response.statusCode;
      const conditional = options.ifNoneMatch !== undefined || options.ifModifiedSince !== undefined;
      if ((REDIRECT_STATUSES.has(status) && result.location) || (status === 304 && conditional)) {
        await response.body.dump();
        result.notModified = status === 304;
        return result;
      }
      if (status < 200 || status > 299) {
        await response.body.dump();
        const details: { status: number; retryAfterMs?: number } = { status };
        if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
        throw new FetchError('http', url.href, `${shownUrl(url.href)} answered HTTP ${status}`, details);
      }
      const accept = options.accept ?? PAGE_TYPES;
      if (result.mediaType && !accepts(accept, result.mediaType)) {
        discard(response.body);
        throw new FetchError('content-type', url.href, `${shownUrl(url.href)} is ${result.mediaType.slice(0, 60)}, not ${accept.join(' or ')}`);
      }
      const maxBytes = options.maxBytes ?? settings.maxBytes ?? DEFAULTS.maxBytes;
      const declared = Number(header(h, 'content-length'));
      if (!header(h, 'content-encoding') && Number.isFinite(declared) && declared > maxBytes) {
        discard(response.body);
        throw new FetchError('too-large', url.href, `${shownUrl(url.href)} is ${(declared / 1024 / 1024).toFixed(1)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit`);
      }
      const read = await readBody(response.body, url.href, header(h, 'content-encoding'), maxBytes);
      result.body = read.bytes;
      result.bytesReceived = read.bytesReceived;
      return result;
    });
  }

  /** Follows redirects itself, each hop checked by the guard (and robots.txt) before it is requested. */
  async function follow(target: string, options: FetchOptions, obeyRobots: boolean): Promise<FetchResult> {
    if (!URL.canParse(target)) throw new FetchError('bad-url', target, `not a valid URL: ${shownUrl(target)}`);
    const deadlineMs = options.deadlineMs ?? settings.deadlineMs ?? DEFAULTS.deadlineMs;
    const maxRedirects = options.maxRedirects ?? settings.maxRedirects ?? DEFAULTS.maxRedirects;
    const controller = new AbortController();
    let deadlineHit = false;
    let timer: NodeJS.Timeout | undefined;
    // The deadline runs from the first request's start, not from when the host's gate let it in.
    const startDeadline = (): void => {
      timer ??= setTimeout(() => { deadlineHit = true; controller.abort(); }, deadlineMs);
    };
    const onAbort = (): void => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let url = new URL(target);
    try {
      for (let redirects = 0; ; redirects++) {
        policy.checkUrl(url);
        // Only a host the operator named (a local test server, their own site) may be fetched without a pause.
        let intervalMs = policy.allowsUrl(url) ? minIntervalMs : Math.max(minIntervalMs, MIN_HOST_DELAY_MS);
        if (obeyRobots && robots) {
          const verdict = await robots.check(url).catch((error: unknown) => {
            throw error instanceof FetchError && error.kind !== 'refused' ? pageFailedOnRobots(url, error) : error;
          });
          if (!verdict.allowed) throw new FetchError('robots', url.href, `not fetching ${shownUrl(url.href)}: ${verdict.reason}`);
          if (verdict.crawlDelayMs !== undefined) intervalMs = Math.max(intervalMs, verdict.crawlDelayMs);
        }
        const result = await once(url, options, intervalMs, controller.signal, startDeadline);
        if (result.location === undefined || result.notModified) {
          delete result.location;
          return result;
        }
        if (redirects >= maxRedirects) throw new FetchError('redirects', target, `${shownUrl(target)} redirects more than ${maxRedirects} times`);
        if (!URL.canParse(result.location, url.href)) throw new FetchError('bad-url', url.href, `${shownUrl(url.href)} redirects to an invalid URL ${shownUrl(result.location)}`);
        url = new URL(result.location, url);
      }
    } catch (error) {
      throw describeError(error, url.href, deadlineHit, deadlineMs, readTimeoutMs);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  const robots = settings.robots === false ? undefined : new RobotsCache(async (robotsUrl) => {
    const result = await follow(robotsUrl, { accept: ['*/*'], maxBytes: ROBOTS_MAX_BYTES }, false);
    return { status: result.status, text: Buffer.from(result.body).toString('utf8') };
  }, { agent: 'Dyad', ttlMs: settings.robotsTtlMs ?? DEFAULTS.robotsTtlMs, maxCrawlDelayMs: settings.maxCrawlDelayMs ?? DEFAULTS.maxCrawlDelayMs });

  return {
    userAgent,
    fetch: (url, options = {}) => follow(url, options, true),
    close: () => agent.close(),
  };
}
