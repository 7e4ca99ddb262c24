import ipaddr from 'ipaddr.js';

/**
 * What the watcher needs from an HTTP client, and all it is coded against: one GET, conditional when
 * validators are given. The fuller fetcher of issue 9 item 2 (undici, SSRF guard after DNS, robots.txt,
 * per-host politeness) plugs in here; `createBasicFetcher` is the interim one, built on global fetch.
 */
export interface FetchRequest {
  etag?: string;
  lastModified?: string;
  accept?: string;
  signal?: AbortSignal;
}

export interface FetchedResource {
  /** Final status (after redirects); 304 when the validators still hold. */
  status: number;
  /** Final URL, after redirects. */
  url: string;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  bytes: Uint8Array;
}

export type FetchResource = (url: string, request: FetchRequest) => Promise<FetchedResource>;

/** A fetch refused or failed; the message is one line naming the URL and the reason. */
export class FetchError extends Error {
  override name = 'FetchError';
}

export interface BasicFetcherOptions {
  /** Host names (or IP literals) that may be fetched although they are local: for local use and tests. */
  allowHosts?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

export const DEFAULT_USER_AGENT = 'dyad-watch (news event coder; +https://github.com/dyad)';

/**
 * Why a URL may not be fetched, or undefined. Only http(s); a host that is a loopback, private,
 * link-local or otherwise non-public IP literal (in any spelling the URL parser normalises: decimal,
 * hex, octal, IPv4-mapped IPv6), or `localhost`, is refused unless allowlisted. Names are not resolved
 * here: the guard after DNS resolution belongs to the full fetcher.
 */
export function refusedUrl(target: string, allowHosts: ReadonlySet<string>): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `not a valid URL: ${target.slice(0, 80)}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `refusing ${url.protocol.replace(/:$/, '')}: URL: only http and https are fetched`;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowHosts.has(host) || allowHosts.has(url.host.toLowerCase())) return undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) return `refusing ${url.host}: a local host name (allow it with --allow-host ${host})`;
  if (ipaddr.isValid(host)) {
    const range = ipaddr.process(host).range();
    if (range !== 'unicast') return `refusing ${url.host}: a ${range} address (allow it with --allow-host ${host})`;
  }
  return undefined;
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchError(`${url} sent more than ${maxBytes} bytes; stopped reading`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Global fetch with a deadline, a size cap, a redirect limit (each hop checked by refusedUrl) and conditional GET. */
export function createBasicFetcher(options: BasicFetcherOptions = {}): FetchResource {
  const allowHosts = new Set((options.allowHosts ?? []).map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  return async (target, request) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    const headers: Record<string, string> = { 'user-agent': options.userAgent ?? DEFAULT_USER_AGENT, accept: request.accept ?? '*/*' };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    let url = target;
    try {
      for (let hop = 0; ; hop++) {
        const refusal = refusedUrl(url, allowHosts);
        if (refusal) throw new FetchError(refusal);
        const response = await fetch(url, { redirect: 'manual', signal, headers });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
          await response.body?.cancel();
          if (hop >= maxRedirects) throw new FetchError(`${target} redirects more than ${maxRedirects} times`);
          url = new URL(location, url).href;
          continue;
        }
        const responseHeaders: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          responseHeaders[name.toLowerCase()] = value;
        });
        const bytes = response.status === 304 ? new Uint8Array() : await readCapped(response, url, maxBytes);
        return { status: response.status, url, headers: responseHeaders, bytes };
      }
    } catch (error) {
      if (error instanceof FetchError) throw error;
      const name = (error as Error).name;
      if (name === 'TimeoutError') throw new FetchError(`${url} did not answer within ${timeoutMs / 1000} s`);
      if (name === 'AbortError') throw new FetchError(`${url}: stopped`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new FetchError(`cannot fetch ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
  };
}
