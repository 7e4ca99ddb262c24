/**
 * `/api/stream/stories`: server-sent events of the stories that gain a mention while another process
 * (dyad ingest, dyad watch) writes to the same database. The store is polled by its change cursor, one
 * index seek per poll; the cursor is each event's id, so a client that reconnects with Last-Event-ID
 * misses nothing.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Store } from '../../index.js';
import { problem } from './problem.js';
import { problemResponse } from './routes.js';

export interface StreamOptions {
  /** How often the store is asked for changes (default 1,000 ms). */
  pollMs?: number;
  /** A comment line this often keeps proxies and browsers from closing a quiet stream (default 15 s). */
  keepAliveMs?: number;
  /** Streams open at once at most; more are refused with 503 (default 64). */
  maxStreams?: number;
}

const STORIES_PER_POLL = 100;

const route = createRoute({
  method: 'get', path: '/api/stream/stories', tags: ['stories'],
  summary: 'server-sent events: each story as it is stored or grows (event "story", id = change cursor)',
  request: {
    headers: z.object({ 'last-event-id': z.string().regex(/^\d{1,15}$/).optional().openapi({ description: 'resume after this cursor' }) }),
  },
  responses: {
    200: { description: 'an event stream; each data line is a Story as JSON', content: { 'text/event-stream': { schema: z.string() } } },
    400: problemResponse('a Last-Event-ID that is not a cursor'),
    503: problemResponse('too many streams open'),
  },
});

export function addStreamRoute(app: OpenAPIHono, store: Store, options: StreamOptions = {}): void {
  const pollMs = options.pollMs ?? 1000;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const maxStreams = options.maxStreams ?? 64;
  let open = 0;

  app.openapi(route, async (c) => {
    if (open >= maxStreams) return problem(c, 503, `${maxStreams} streams are open; try again later`, { 'Retry-After': '10' }) as never;
    const resume = c.req.valid('header')['last-event-id'];
    let cursor = resume ?? (await store.storyUpdates()).cursor;
    open += 1;
    return streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      try {
        await stream.writeSSE({ event: 'ready', id: cursor, data: JSON.stringify({ cursor }) });
        let quietSince = Date.now();
        while (!closed && !stream.aborted) {
          const updates = await store.storyUpdates(cursor, STORIES_PER_POLL);
          cursor = updates.cursor;
          for (const story of updates.stories) await stream.writeSSE({ event: 'story', id: cursor, data: JSON.stringify(story) });
          if (updates.stories.length > 0) {
            quietSince = Date.now();
            continue;
          }
          if (Date.now() - quietSince >= keepAliveMs) {
            await stream.write(': keep-alive\n\n');
            quietSince = Date.now();
          }
          await stream.sleep(pollMs);
        }
      } finally {
        open -= 1;
      }
    }, async (_error, stream) => {
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ detail: 'the store could not be read' }) });
    });
  });
}
