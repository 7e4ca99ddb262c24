/** The read endpoints over documents, events, stories, actors, places, facets and search. */
import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Doc, Store, StoredEvent } from '../../index.js';
import { eventFilter, storyFilter, unpagedFilter } from './filters.js';
import { problemBody } from './problem.js';
import * as S from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
export const problemResponse = (description: string) => ({ content: { 'application/problem+json': { schema: S.Problem } }, description });
export const BAD_REQUEST = { 400: problemResponse('invalid parameters') };

/** The most documents a story view reads for its sources. */
const MAX_STORY_SOURCES = 100;

const routes = {
  health: createRoute({ method: 'get', path: '/healthz', tags: ['service'], summary: 'liveness, version and document count', responses: { 200: json(S.Health, 'the server and its store answer') } }),
  documents: createRoute({
    method: 'get', path: '/api/documents', tags: ['documents'], summary: 'stored documents, newest stored first',
    request: { query: S.DocumentQuery }, responses: { 200: json(S.DocPage, 'a page of documents'), ...BAD_REQUEST },
  }),
  document: createRoute({
    method: 'get', path: '/api/documents/{id}', tags: ['documents'], summary: 'one document with its text and every stored layer',
    request: { params: S.IdParam }, responses: { 200: json(S.Doc, 'the document'), 404: problemResponse('no such document') },
  }),
  events: createRoute({
    method: 'get', path: '/api/events', tags: ['events'], summary: 'coded events, newest event date first',
    request: { query: S.EventQuery }, responses: { 200: json(S.EventPage, 'a page of events'), ...BAD_REQUEST },
  }),
  stories: createRoute({
    method: 'get', path: '/api/stories', tags: ['stories'], summary: 'stories (real-world events fused from their reports), latest first',
    request: { query: S.StoryQuery }, responses: { 200: json(S.StoryPage, 'a page of stories'), ...BAD_REQUEST },
  }),
  story: createRoute({
    method: 'get', path: '/api/stories/{id}', tags: ['stories'], summary: 'one story with its mentions and sources (a merged story\'s old id finds it)',
    request: { params: S.IdParam }, responses: { 200: json(S.StoryDetail, 'the story'), 404: problemResponse('no such story') },
  }),
  actors: createRoute({
    method: 'get', path: '/api/actors', tags: ['events'], summary: 'participants of the matching events, most events first',
    request: { query: S.CountQuery }, responses: { 200: json(S.ActorCount.array(), 'participants'), ...BAD_REQUEST },
  }),
  places: createRoute({
    method: 'get', path: '/api/places', tags: ['events'], summary: 'places of the matching events, most events first',
    request: { query: S.CountQuery }, responses: { 200: json(S.PlaceCount.array(), 'places'), ...BAD_REQUEST },
  }),
  facets: createRoute({
    method: 'get', path: '/api/facets', tags: ['events'], summary: 'event counts by type, CAMEO code, country or QuadClass',
    request: { query: S.FacetQuery }, responses: { 200: json(S.FacetCount.array(), 'counts, most frequent first'), ...BAD_REQUEST },
  }),
  search: createRoute({
    method: 'get', path: '/api/search', tags: ['documents'], summary: 'full-text search over document titles and text',
    request: { query: S.SearchQuery }, responses: { 200: json(S.DocPage, 'matching documents, newest stored first'), ...BAD_REQUEST },
  }),
};

function docIdOf(eventId: string): string {
  return eventId.slice(0, eventId.lastIndexOf(':'));
}

export function addReadRoutes(app: OpenAPIHono, store: Store, version: string): void {
  app.openapi(routes.health, async (c) => c.json({ status: 'ok' as const, version, documents: await store.countDocs() }, 200));

  app.openapi(routes.documents, async (c) => {
    const query = c.req.valid('query');
    const page = await store.pageDocs({ limit: query.limit ?? S.DEFAULT_PAGE, ...(query.text ? { text: query.text } : {}) }, query.after);
    return c.json(page, 200);
  });

  app.openapi(routes.document, async (c) => {
    const doc = await store.getDoc(c.req.valid('param').id);
    if (!doc) return c.json(problemBody(404, 'no document with this id', c.req.path), 404, { 'Content-Type': 'application/problem+json' });
    return c.json(doc as Doc & Record<string, unknown>, 200);
  });

  app.openapi(routes.events, async (c) => {
    const query = c.req.valid('query');
    // The page as the store serialised it (S.EventPage, as c.json would write it): parsing every event's
    // stored JSON only to write it again was a third of the cost of a request. The route's typing knows only
    // c.json's responses, hence the cast; api.test.ts checks the body against S.EventPage.
    const body = await store.pageEventsJson(eventFilter(query), query.after);
    return c.body(body, 200, { 'Content-Type': 'application/json' }) as never;
  });

  app.openapi(routes.stories, async (c) => {
    const query = c.req.valid('query');
    return c.json(await store.pageStories(storyFilter(query), query.after), 200);
  });

  app.openapi(routes.story, async (c) => {
    const found = await store.getStory(c.req.valid('param').id);
    if (!found) return c.json(problemBody(404, 'no story with this id', c.req.path), 404, { 'Content-Type': 'application/problem+json' });
    const { mentionKeys, ...story } = found;
    const keys = new Set(mentionKeys);
    const docIds = [...new Set(mentionKeys.map(docIdOf))];
    const mentions: StoredEvent[] = [];
    const sources = [];
    for (const docId of docIds.slice(0, MAX_STORY_SOURCES)) {
      const events = await store.queryEvents({ docId, limit: 10_000 });
      mentions.push(...events.filter((event) => keys.has(event.id)));
      const doc = await store.getDoc(docId);
      if (!doc) continue;
      const { url, title, published } = doc.source;
      sources.push({ docId, ...(url ? { url } : {}), ...(title ? { title } : {}), ...(published ? { published } : {}) });
    }
    return c.json({ story, mentions, sources }, 200);
  });

  app.openapi(routes.actors, async (c) => {
    const query = c.req.valid('query');
    return c.json(await store.actors(unpagedFilter(query), query.limit), 200);
  });

  app.openapi(routes.places, async (c) => {
    const query = c.req.valid('query');
    return c.json(await store.places(unpagedFilter(query), query.limit), 200);
  });

  app.openapi(routes.facets, async (c) => {
    const { field, ...query } = c.req.valid('query');
    return c.json(await store.facets(field, unpagedFilter(query)), 200);
  });

  app.openapi(routes.search, async (c) => {
    const query = c.req.valid('query');
    return c.json(await store.pageDocs({ text: query.q, limit: query.limit ?? S.DEFAULT_PAGE }, query.after), 200);
  });
}
