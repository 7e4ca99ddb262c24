/**
 * Analyst verdicts over HTTP: accept, correct or reject a stored event, withdraw a verdict, list them.
 * Writes need the token (the writeToken middleware covers every non-read method under /api/).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { OverrideError, parseOverrideInput, StoreError, type Store } from '../../index.js';
import { problemBody } from './problem.js';
import { problemResponse } from './routes.js';

const EventIdParam = z.object({ id: z.string().min(3).max(300).openapi({ param: { name: 'id', in: 'path' }, description: '<docId>:<event id>' }) });

const participant = z.object({ text: z.string(), code: z.string().optional(), country: z.string().optional(), kbId: z.string().optional() });
const OverrideBody = z.object({
  verdict: z.enum(['accept', 'correct', 'reject']),
  analyst: z.string().openapi({ description: 'who judged' }),
  reason: z.string().optional().openapi({ description: 'why' }),
  correction: z.object({
    plover: z.string().optional(), cameo: z.string().optional(), actor: participant.optional(), recipient: participant.optional(),
    place: z.object({ name: z.string(), country: z.string().optional(), lat: z.number().optional(), lon: z.number().optional() }).optional(),
    date: z.string().optional().openapi({ description: 'YYYY, YYYY-MM or YYYY-MM-DD' }),
    casualties: z.object({ killed: z.number().int().optional(), injured: z.number().int().optional() }).optional(),
  }).optional().openapi({ description: 'for verdict "correct": the fields that replace the coder\'s' }),
}).openapi('OverrideInput');

const Override = z.looseObject({
  docId: z.string(), anchor: z.object({ start: z.number().int(), end: z.number().int() }), verdict: z.string(), analyst: z.string(), at: z.string(),
  reason: z.string().optional(), eventId: z.string().optional().openapi({ description: 'the stored event it applies to now' }),
}).openapi('Override', { description: 'An analyst verdict, keyed by document and trigger span so it survives re-coding (src/store/overrides.ts).' });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const WRITE_PROBLEMS = {
  400: problemResponse('an invalid verdict'), 401: problemResponse('no token'), 403: problemResponse('a wrong token'), 404: problemResponse('no such event'),
};

const routes = {
  put: createRoute({
    method: 'post', path: '/api/events/{id}/override', tags: ['analyst'], summary: 'accept, correct or reject an event (needs the write token)',
    security: [{ bearer: [] }], request: { params: EventIdParam, body: { content: { 'application/json': { schema: OverrideBody } }, required: true } },
    responses: { 200: json(Override, 'the verdict as stored'), ...WRITE_PROBLEMS },
  }),
  remove: createRoute({
    method: 'delete', path: '/api/events/{id}/override', tags: ['analyst'], summary: 'withdraw the verdict on an event, restoring the coder\'s (needs the write token)',
    security: [{ bearer: [] }], request: { params: EventIdParam },
    responses: { 200: json(z.object({ deleted: z.boolean() }), 'whether there was a verdict'), ...WRITE_PROBLEMS },
  }),
  list: createRoute({
    method: 'get', path: '/api/overrides', tags: ['analyst'], summary: 'analyst verdicts, latest first',
    request: { query: z.object({ docId: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }) },
    responses: { 200: json(Override.array(), 'verdicts') },
  }),
};

const notFound = (path: string, message: string) => new Response(JSON.stringify(problemBody(404, message, path)), {
  status: 404, headers: { 'Content-Type': 'application/problem+json' },
});

export function addOverrideRoutes(app: OpenAPIHono, store: Store): void {
  app.openapi(routes.put, async (c) => {
    const { id } = c.req.valid('param');
    try {
      const saved = await store.putOverride(id, parseOverrideInput(c.req.valid('json')));
      return c.json(saved as typeof saved & Record<string, unknown>, 200);
    } catch (error) {
      if (error instanceof StoreError && /no stored event/.test(error.message)) return notFound(c.req.path, error.message) as never;
      if (error instanceof OverrideError) throw new StoreError(error.message);
      throw error;
    }
  });

  app.openapi(routes.remove, async (c) => {
    try {
      const deleted = await store.deleteOverride(c.req.valid('param').id);
      return c.json({ deleted }, 200);
    } catch (error) {
      if (error instanceof StoreError && /no stored event/.test(error.message)) return notFound(c.req.path, error.message) as never;
      throw error;
    }
  });

  app.openapi(routes.list, async (c) => {
    const query = c.req.valid('query');
    const listed = await store.listOverrides({ ...(query.docId ? { docId: query.docId } : {}), ...(query.limit ? { limit: query.limit } : {}) });
    return c.json(listed as Array<(typeof listed)[number] & Record<string, unknown>>, 200);
  });
}
