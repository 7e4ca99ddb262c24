/** What went wrong with a fetch, for callers that treat the cases differently (a feed backs off on 'http'). */
export type FetchErrorKind =
  | 'refused' | 'robots' | 'timeout' | 'too-large' | 'redirects' | 'http' | 'content-type' | 'network' | 'bad-url';

/** A fetch that did not give a page; the message is one line, fit to show a user as is. */
export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly url: string;
  /** The HTTP status, for kind 'http'. */
  readonly status?: number;
  /** What the server's Retry-After asked for, in milliseconds, when it sent one. */
  readonly retryAfterMs?: number;
  /** Bytes taken off the wire (compressed) before the fetch stopped. */
  readonly bytesReceived?: number;

  constructor(kind: FetchErrorKind, url: string, message: string, details: { status?: number; retryAfterMs?: number; bytesReceived?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchError';
    this.kind = kind;
    this.url = url;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.bytesReceived !== undefined) this.bytesReceived = details.bytesReceived;
  }
}

/** A URL shown in a message: whole when short, cut when a hostile page made it long. */
export function shownUrl(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}…` : url;
}
