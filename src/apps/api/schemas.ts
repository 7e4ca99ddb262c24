/**
 * Request and response shapes of the HTTP API, as zod schemas: requests are validated by them and the
 * OpenAPI document (/openapi.json) is generated from them. Records the library defines in full (a Doc,
 * an Event, a Story) are described by their main fields and let the rest through, so the document stays
 * readable and the API returns the records exactly as the library stores them.
 */
import { z } from '@hono/zod-openapi';

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');
const iso3 = z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 3166 alpha-3 code');

export const Problem = z.object({
  type: z.string().openapi({ example: 'about:blank' }),
  title: z.string().openapi({ example: 'Bad Request' }),
  status: z.number().int().openapi({ example: 400 }),
  detail: z.string().optional().openapi({ example: 'limit: Too big: expected number to be <=500' }),
  instance: z.string().optional(),
}).openapi('Problem', { description: 'An error as RFC 9457 problem details (application/problem+json).' });

const limit = z.coerce.number().int().min(1).max(MAX_PAGE).optional()
  .openapi({ description: `items per page (1–${MAX_PAGE}, default ${DEFAULT_PAGE})`, example: DEFAULT_PAGE });
const after = z.string().max(200).optional().openapi({ description: 'the "next" cursor of the previous page' });

/** Filters shared by events, stories, facets, actors, places and exports. */
export const filterFields = {
  actor: z.string().min(1).max(200).optional().openapi({ description: 'participant on either side: code (AZEGOV), country (AZE), knowledge-base id or name' }),
  type: z.string().regex(/^[A-Za-z_]+$/).optional().openapi({ description: 'PLOVER event type', example: 'ASSAULT' }),
  country: iso3.optional().openapi({ description: 'ISO3 of the country where it took place' }),
  from: date.optional().openapi({ description: 'first day, inclusive' }),
  to: date.optional().openapi({ description: 'last day, inclusive' }),
  near: z.string().regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?$/, 'lat,lon,km').optional()
    .openapi({ description: 'within km kilometres of a point: lat,lon,km', example: '41.5,22.3,50' }),
  minConfidence: z.coerce.number().min(0).max(1).optional().openapi({ description: 'minimum confidence, 0–1' }),
  text: z.string().min(1).max(500).optional().openapi({ description: 'full-text search over the reporting documents' }),
};

export const EventQuery = z.object({ ...filterFields, cameo: z.string().regex(/^\d{1,4}$/).optional(), limit, after });
export const StoryQuery = z.object({ ...filterFields, minDocuments: z.coerce.number().int().min(1).optional(), limit, after });
export const DocumentQuery = z.object({ text: filterFields.text, limit, after });
export const SearchQuery = z.object({ q: z.string().min(1).max(500).openapi({ description: 'words that must all appear' }), limit, after });
export const CountQuery = z.object({ ...filterFields, limit: z.coerce.number().int().min(1).max(1000).optional() });
export const FacetQuery = z.object({ ...filterFields, field: z.enum(['plover', 'cameo', 'country', 'quadClass']) });
export const SeriesQuery = z.object({
  by: z.enum(['day', 'week', 'month']).default('week'),
  of: z.enum(['stories', 'mentions']).default('stories').openapi({ description: 'count stories (default) or event mentions' }),
  type: filterFields.type,
  country: filterFields.country,
  dyad: z.string().regex(/^[A-Za-z]{3}:[A-Za-z]{3}$/, 'A:B, two ISO3 codes').optional().openapi({ description: 'one country on each side, either way round', example: 'ARM:AZE' }),
  from: filterFields.from,
  to: filterFields.to,
});
export const AlertQuery = z.object({ rule: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });
export const ExportQuery = z.object({
  ...filterFields,
  format: z.enum(['csv', 'jsonl', 'plover', 'gdelt', 'parquet']).default('jsonl'),
  stories: z.enum(['true', 'false']).default('false').openapi({ description: 'one row per story (csv or jsonl) instead of per event' }),
});
export const IdParam = z.object({ id: z.string().min(1).max(300).openapi({ param: { name: 'id', in: 'path' } }) });

const span = z.object({ start: z.number().int(), end: z.number().int() });
const participant = z.looseObject({ text: z.string(), code: z.string().optional(), country: z.string().optional(), kbId: z.string().optional() });

export const Event = z.looseObject({
  id: z.string(),
  plover: z.string(),
  cameo: z.string(),
  quadClass: z.number().int(),
  goldstein: z.number().nullable(),
  actors: z.array(participant),
  recipients: z.array(participant),
  confidence: z.number(),
  evidence: z.looseObject({ sentences: z.array(span) }),
}).openapi('Event', { description: 'A coded event as stored (see src/doc/types.ts for every field).' });

export const StoredEvent = z.object({
  id: z.string().openapi({ description: '<docId>:<event id>' }),
  docId: z.string(),
  inputId: z.string().optional(),
  url: z.string().optional(),
  published: z.string().optional(),
  event: Event,
}).openapi('StoredEvent');

const participantCount = z.object({ key: z.string(), name: z.string(), mentions: z.number().int() });
export const Story = z.looseObject({
  id: z.string(),
  plover: z.string(),
  actors: z.array(participantCount),
  recipients: z.array(participantCount),
  country: z.string().optional(),
  mentions: z.number().int(),
  documents: z.number().int(),
  sources: z.number().int(),
  confidence: z.number(),
  casualties: z.looseObject({}),
}).openapi('Story', { description: 'A story: one real-world event fused from its mentions (see src/fuse/types.ts).' });

export const StorySource = z.object({ docId: z.string(), url: z.string().optional(), title: z.string().optional(), published: z.string().optional() });
export const StoryDetail = z.object({
  story: Story,
  mentions: z.array(StoredEvent).openapi({ description: 'the coded events the story fuses' }),
  sources: z.array(StorySource).openapi({ description: 'the documents reporting it' }),
}).openapi('StoryDetail');

export const DocSummary = z.object({
  id: z.string(),
  url: z.string().optional(),
  title: z.string().optional(),
  published: z.string().optional(),
  language: z.string().optional(),
  storedAt: z.string(),
  events: z.number().int(),
  skip: z.object({ ruleId: z.string(), reason: z.string() }).optional(),
}).openapi('DocSummary');

export const Doc = z.looseObject({
  id: z.string(),
  source: z.looseObject({}),
  text: z.string(),
  layers: z.looseObject({}).openapi({ description: 'standoff layers over text (UTF-16 offsets); tokens are not stored' }),
  messages: z.array(z.looseObject({})),
}).openapi('Doc');

const pageOf = <T extends z.ZodType>(item: T, name: string) => z.object({
  items: z.array(item),
  next: z.string().optional().openapi({ description: 'cursor of the next page; absent on the last page' }),
}).openapi(name);

export const EventPage = pageOf(StoredEvent, 'EventPage');
export const StoryPage = pageOf(Story, 'StoryPage');
export const DocPage = pageOf(DocSummary, 'DocPage');

export const ActorCount = z.object({
  key: z.string().openapi({ description: 'what the actor filter takes' }),
  name: z.string(), code: z.string().optional(), country: z.string().optional(),
  asActor: z.number().int(), asRecipient: z.number().int(),
}).openapi('ActorCount');
export const PlaceCount = z.object({
  name: z.string(), country: z.string().optional(), lat: z.number(), lon: z.number(), count: z.number().int(),
}).openapi('PlaceCount');
export const FacetCount = z.object({ value: z.string(), count: z.number().int() }).openapi('FacetCount');

export const Series = z.object({
  by: z.enum(['day', 'week', 'month']),
  rows: z.array(z.object({
    period: z.string(), count: z.number().int(), byType: z.record(z.string(), z.number().int()),
    byQuadClass: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
    goldstein: z.number(),
  })),
  unplaced: z.number().int().openapi({ description: 'items dated more coarsely than the period' }),
}).openapi('Series');

export const Alert = z.object({
  id: z.string(), rule: z.string(), title: z.string(), date: z.string(), items: z.array(z.string()), message: z.string(),
}).openapi('Alert');
export const AlertEvaluation = z.object({
  rules: z.array(z.looseObject({ id: z.string(), kind: z.enum(['event', 'spike']) })).min(1).max(200)
    .openapi({ description: 'alert rules, as in the JSON Lines file `dyad alerts --rules` reads' }),
  of: z.enum(['stories', 'mentions']).default('stories'),
}).openapi('AlertEvaluation');
export const AlertResult = z.object({ fired: z.array(Alert).openapi({ description: 'alerts new to the store' }) }).openapi('AlertResult');

export const Health = z.object({ status: z.literal('ok'), version: z.string(), documents: z.number().int() }).openapi('Health');
