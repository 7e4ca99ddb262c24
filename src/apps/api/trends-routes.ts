/** Series, alerts and exports: counts over time, fired alerts, and the `dyad export` formats streamed. */
import { PassThrough, Readable } from 'node:stream';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  collectItems, collectSeriesJson, evaluateRules, exportEvents, exportStories, parseAlertRules, type ItemSelection, type Store,
} from '../../index.js';
import { unpagedFilter } from './filters.js';
import { BAD_REQUEST, problemResponse } from './routes.js';
import * as S from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const EXPORT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8', plover: 'application/x-ndjson; charset=utf-8',
  gdelt: 'text/tab-separated-values; charset=utf-8', parquet: 'application/vnd.apache.parquet',
};
const EXPORT_EXTENSIONS: Record<string, string> = { csv: 'csv', jsonl: 'jsonl', plover: 'jsonl', gdelt: 'tsv', parquet: 'parquet' };

const routes = {
  series: createRoute({
    method: 'get', path: '/api/series', tags: ['trends'], summary: 'counts per day, week or month by type and QuadClass, every period present',
    request: { query: S.SeriesQuery }, responses: { 200: json(S.Series, 'the series'), ...BAD_REQUEST },
  }),
  alerts: createRoute({
    method: 'get', path: '/api/alerts', tags: ['trends'], summary: 'stored alerts, latest first',
    request: { query: S.AlertQuery }, responses: { 200: json(S.Alert.array(), 'alerts'), ...BAD_REQUEST },
  }),
  evaluateAlerts: createRoute({
    method: 'post', path: '/api/alerts/evaluate', tags: ['trends'], summary: 'evaluate alert rules over the stored stories and store what fires (needs the write token)',
    security: [{ bearer: [] }],
    request: { body: { content: { 'application/json': { schema: S.AlertEvaluation } }, required: true } },
    responses: {
      200: json(S.AlertResult, 'alerts new to the store'), ...BAD_REQUEST,
      401: problemResponse('no token'), 403: problemResponse('a wrong token'), 413: problemResponse('the body is too large'),
    },
  }),
  export: createRoute({
    method: 'get', path: '/api/export', tags: ['exports'], summary: 'every matching event (or story) with its evidence, streamed, in the formats of dyad export',
    request: { query: S.ExportQuery },
    responses: {
      200: {
        description: 'the export, streamed',
        content: Object.fromEntries(Object.values(EXPORT_TYPES).map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])),
      },
      ...BAD_REQUEST,
    },
  }),
};

/**
 * A series is recomputed only when the store has changed: its JSON is cached under its parameters and the
 * store's change token, which moves with every write, this server's or another process's (an analyst's
 * correction from the CLI included). A busy dashboard then costs two pragma reads per repeated request.
 */
class SeriesCache {
  private readonly entries = new Map<string, string>();
  constructor(private readonly size: number) {}

  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, series: string): void {
    this.entries.set(key, series);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}

export function addTrendRoutes(app: OpenAPIHono, store: Store): void {
  const cache = new SeriesCache(64);

  app.openapi(routes.series, async (c) => {
    const query = c.req.valid('query');
    const selection: ItemSelection = { mentions: query.of === 'mentions' };
    if (query.type) selection.plover = query.type.toUpperCase();
    if (query.country) selection.country = query.country.toUpperCase();
    if (query.dyad) selection.dyad = query.dyad.toUpperCase().split(':') as [string, string];
    if (query.from) selection.from = query.from;
    if (query.to) selection.to = query.to;
    const key = JSON.stringify([await store.changeToken(), query.by, selection]);
    let series = cache.get(key);
    if (series === undefined) {
      series = await collectSeriesJson(store, selection, query.by);
      cache.set(key, series);
    }
    // The text as written (S.Series, as c.json would write it), not serialised again; the route's typing knows
    // only c.json's responses, hence the cast; api.test.ts checks the body against S.Series.
    return c.body(series, 200, { 'Content-Type': 'application/json' }) as never;
  });

  app.openapi(routes.alerts, async (c) => {
    const query = c.req.valid('query');
    return c.json(await store.listAlerts({ ...(query.rule ? { rule: query.rule } : {}), ...(query.limit ? { limit: query.limit } : {}) }), 200);
  });

  app.openapi(routes.evaluateAlerts, async (c) => {
    const body = c.req.valid('json');
    const rules = parseAlertRules(body.rules);
    const fired = await store.putAlerts(evaluateRules(rules, await collectItems(store, { mentions: body.of === 'mentions' })));
    return c.json({ fired }, 200);
  });

  app.openapi(routes.export, async (c) => {
    const { format, stories, ...params } = c.req.valid('query');
    const filter = unpagedFilter(params);
    if (stories === 'true' && format !== 'csv' && format !== 'jsonl') {
      return c.json({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'a story export is csv or jsonl' }, 400, { 'Content-Type': 'application/problem+json' });
    }
    const out = new PassThrough();
    const done = stories === 'true' ? exportStories(store, out, format as 'csv' | 'jsonl', filter) : exportEvents(store, out, { format, filter });
    // A failure part-way ends the stream with an error: the client sees a broken transfer, not a short file passed off as whole.
    done.then(() => out.end(), (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
    const name = `dyad-${stories === 'true' ? 'stories' : 'events'}.${EXPORT_EXTENSIONS[format]}`;
    return new Response(Readable.toWeb(out) as ReadableStream, {
      status: 200,
      headers: { 'Content-Type': EXPORT_TYPES[format]!, 'Content-Disposition': `attachment; filename="${name}"` },
    });
  });
}
