import { FetchError, type Fetcher } from '../fetch/index.js';

/**
 * What the watcher needs from an HTTP client, and all it is coded against: one GET, conditional when
 * validators are given, that answers with the status (304, or an HTTP error the scheduler backs off
 * on) rather than throwing for it. `fetcherResource` implements it with src/fetch (SSRF guard,
 * robots.txt, per-host politeness, size caps).
 */
export interface FetchRequest {
  etag?: string;
  lastModified?: string;
  /** Media types accepted; others are refused unread. */
  accept?: readonly string[];
  signal?: AbortSignal;
}

export interface FetchedResource {
  /** Final status (after redirects); 304 when the validators still hold. */
  status: number;
  /** Final URL, after redirects. */
  url: string;
  /** Response headers the watcher reads, lower-case names: content-type, etag, last-modified, cache-control, retry-after. */
  headers: Record<string, string>;
  bytes: Uint8Array;
}

export type FetchResource = (url: string, request: FetchRequest) => Promise<FetchedResource>;

/** The watcher's view of a src/fetch Fetcher: HTTP errors become statuses (with Retry-After), every other failure stays a FetchError. */
export function fetcherResource(fetcher: Fetcher): FetchResource {
  return async (url, request) => {
    try {
      const result = await fetcher.fetch(url, {
        accept: request.accept ?? ['*/*'],
        ...(request.etag ? { ifNoneMatch: request.etag } : {}),
        ...(request.lastModified ? { ifModifiedSince: request.lastModified } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const headers: Record<string, string> = {};
      if (result.contentType) headers['content-type'] = result.contentType;
      if (result.etag) headers.etag = result.etag;
      if (result.lastModified) headers['last-modified'] = result.lastModified;
      if (result.cacheControl) headers['cache-control'] = result.cacheControl;
      return { status: result.notModified ? 304 : result.status, url: result.url, headers, bytes: result.body };
    } catch (error) {
      if (error instanceof FetchError && error.kind === 'http' && error.status !== undefined) {
        const headers: Record<string, string> = error.retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) };
        return { status: error.status, url: error.url, headers, bytes: new Uint8Array() };
      }
      throw error;
    }
  };
}
