/**
 * What every response and request goes through: security headers, the write-token rule, a per-client
 * token-bucket rate limit, and the request body limit.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { problem } from './problem.js';

/**
 * Same-origin everything and nothing inline: the dashboard and the reference page load their scripts
 * and styles from this server only, so injected markup can run nothing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Reads are open; any other method needs `Authorization: Bearer <token>`, compared in constant time. */
export function writeToken(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    if (READ_METHODS.has(c.req.method)) return next();
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      return problem(c, 401, 'writes need Authorization: Bearer <token> (the token dyad serve printed when it started)', { 'WWW-Authenticate': 'Bearer' });
    }
    if (!timingSafeEqual(digest(match[1]!), expected)) return problem(c, 403, 'the token is not this server\'s', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    return next();
  };
}

export interface RateLimitOptions {
  /** Requests a client may make at once (the bucket's size). */
  burst: number;
  /** Tokens added back per second. */
  perSecond: number;
  /** Clients remembered at most; the least recently seen is forgotten first (default 10,000). */
  maxClients?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client: each request takes a token, tokens come back at `perSecond` up to `burst`.
 * An empty bucket answers 429 with Retry-After.
 */
export function rateLimit(options: RateLimitOptions, clientOf: (c: Context) => string): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  const maxClients = options.maxClients ?? 10_000;
  const now = options.now ?? (() => performance.now() / 1000);
  return async (c, next) => {
    const client = clientOf(c);
    const time = now();
    const bucket = buckets.get(client) ?? { tokens: options.burst, at: time };
    buckets.delete(client);
    bucket.tokens = Math.min(options.burst, bucket.tokens + (time - bucket.at) * options.perSecond);
    bucket.at = time;
    buckets.set(client, bucket);
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value!);
    if (bucket.tokens < 1) {
      const wait = options.perSecond > 0 ? Math.ceil((1 - bucket.tokens) / options.perSecond) : 3600;
      return problem(c, 429, `rate limit: ${options.perSecond} requests a second, bursts of ${options.burst}`, { 'Retry-After': String(wait) });
    }
    bucket.tokens -= 1;
    return next();
  };
}

/** The peer address of the connection (never a forwarded header, which any client can set). */
export function peerAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
