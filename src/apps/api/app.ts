/**
 * The HTTP API: a thin app over the library's Store. Routes are declared with zod schemas (schemas.ts),
 * which validate requests and make the OpenAPI document. Every response carries the security headers;
 * writes need the token; each client has a rate limit; bodies are size-limited; every error is a
 * problem-details JSON without a stack trace.
 */
import { existsSync } from 'node:fs';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { AlertRuleError, dyadVersion, StoreError, type Store } from '../../index.js';
import { docsPage, DOCS_CSS, type OpenApiDocument } from './docs-page.js';
import { problem } from './problem.js';
import { addReadRoutes } from './routes.js';
import { peerAddress, rateLimit, securityHeaders, writeToken, type RateLimitOptions } from './security.js';
import { staticResponse } from './static.js';
import { addStreamRoute, type StreamOptions } from './stream.js';
import { addTrendRoutes } from './trends-routes.js';
import { addOverrideRoutes } from './overrides.js';

export interface ApiOptions {
  store: Store;
  /** The token writes need. */
  token: string;
  /** Largest request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Per-client token bucket; false: none (a load test). Default 200 a second, bursts of 400. */
  rateLimit?: RateLimitOptions | false;
  /** Who a request counts against: the connection's peer address by default. */
  clientOf?: (c: Context) => string;
  /** The dashboard's built files, served at / when the folder exists. */
  staticDir?: string;
  stream?: StreamOptions;
  /** Told about each unexpected error (the response says only that it happened). */
  onError?: (error: unknown) => void;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 400, perSecond: 200 };

const OPENAPI_INFO = {
  title: 'Dyad API',
  description: 'Evidenced event data from conflict and diplomacy news: documents with their layers, coded events, stories fused from their reports, '
    + 'series, alerts and exports. Lists page by cursor: pass a page\'s "next" as "after". Reads are open; writes need Authorization: Bearer <token>.',
};

export function createApi(options: ApiOptions): OpenAPIHono {
  const { store } = options;
  const version = dyadVersion();
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const detail = result.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');
        return problem(c, 400, detail);
      }
      return undefined;
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.use('*', securityHeaders());
  app.use('*', methodNotAllowed({ app, onMethodNotAllowed: (c, methods) => problem(c, 405, `${c.req.method} is not allowed here`, { Allow: methods.join(', ') }) }));
  if (options.rateLimit !== false) app.use('*', rateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.clientOf ?? peerAddress));
  app.use('*', bodyLimit({
    maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onError: (c) => problem(c, 413, `request bodies are limited to ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes`),
  }));
  app.use('/api/*', writeToken(options.token));

  addReadRoutes(app, store, version);
  addTrendRoutes(app, store);
  addStreamRoute(app, store, options.stream);
  addOverrideRoutes(app, store);

  const document = () => app.getOpenAPI31Document({ openapi: '3.1.0', info: { ...OPENAPI_INFO, version } });
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(docsPage(document() as unknown as OpenApiDocument)));
  app.get('/docs.css', (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  const staticDir = options.staticDir;
  if (staticDir !== undefined && existsSync(staticDir)) {
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/')) return next();
      return (await staticResponse(staticDir, c.req.path)) ?? next();
    });
  }

  app.notFound((c) => problem(c, 404, `nothing at ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return problem(c, error.status, error.message || undefined);
    if (error instanceof StoreError || error instanceof AlertRuleError) return problem(c, 400, error.message);
    options.onError?.(error);
    return problem(c, 500, 'the server failed to answer this request');
  });
  return app;
}
