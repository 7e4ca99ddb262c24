import type { Alert } from '../trends/rules.js';
import type { CodingRun, Doc, Event } from '../doc/types.js';
import type { Story, StoryFilter, StoryWithMentions } from '../fuse/types.js';
import type { WatchItem, WatchItemQuery, WatchItemRecord, WatchSource, WatchSourceUpdate } from './watch-state.js';
import type { EventOverride, OverrideInput } from './overrides.js';

/** An event as stored: the event record itself plus where it came from. */
export interface StoredEvent {
  /** Unique across the store: `<docId>:<event.id>`. */
  id: string;
  docId: string;
  /** The caller's id for the document's input (`source.inputId`), when it had one. */
  inputId?: string;
  event: Event;
  /** The document's URL and publication date, so a listing can cite its source without a second query. */
  url?: string;
  published?: string;
}

/**
 * A stored event with what an export needs to cite it without a second query: the text of its evidence
 * sentences, the document's title and storage time, and the day bounds of its date.
 */
export interface EvidencedEvent extends StoredEvent {
  /** The text of each evidence sentence, in the order of `event.evidence.sentences`. */
  sentences: string[];
  /** The paragraph (0 = the lead) of the first evidence sentence, when the event has one. */
  paragraph?: number;
  title?: string;
  /** When the document was stored, ISO date-time. */
  storedAt: string;
  /** First and last day the event's date covers (YYYY-MM-DD), when it has a date of a known form. */
  dateStart?: string;
  dateEnd?: string;
}

export interface StreamOptions {
  /** Events per page: each page is one bounded query (default 1,000; 1 to 100,000). */
  pageSize?: number;
}

export const DEFAULT_STREAM_PAGE_SIZE = 1000;
export const MAX_STREAM_PAGE_SIZE = 100_000;

export interface EventFilter {
  /** PLOVER event type, e.g. `ASSAULT`. */
  plover?: string;
  /** CAMEO code or prefix: `19` matches 190–196. */
  cameo?: string;
  /** Matches a source or target actor by code (`AZEGOV`), country (`AZE`), knowledge-base id or name text. */
  actor?: string;
  /** ISO3 of the country where the event took place. */
  country?: string;
  /** Event date bounds, YYYY-MM-DD, inclusive; an event dated by month or year matches when its period overlaps. */
  from?: string;
  to?: string;
  docId?: string;
  /** Full-text search over the text and title of the documents the events come from. */
  text?: string;
  /**
   * Events framed otherwise than as having happened, to include: negated ("did not attack"),
   * hypothetical ("could attack"), future ("will meet"), historical background. By default none are:
   * queries, counts and facets cover what the text reports as having happened.
   */
  include?: readonly EventModality[];
  /** Events coded with at least this confidence (0–1). */
  minConfidence?: number;
  /** Events placed within `km` kilometres of a point (great-circle distance). */
  near?: GeoRadius;
  limit?: number;
  offset?: number;
}

export interface GeoRadius {
  lat: number;
  lon: number;
  km: number;
}

/**
 * One page of a keyset-paginated listing. `next` is an opaque cursor naming the last item: given back as
 * `after`, the following page starts right after it (a seek, never a deep offset), so walking the pages
 * returns every item once even while new items are stored.
 */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** A stored document as a listing shows it: its metadata, not its text or layers. */
export interface DocSummary {
  id: string;
  url?: string;
  title?: string;
  published?: string;
  language?: string;
  storedAt: string;
  events: number;
  skip?: { ruleId: string; reason: string };
}

export interface DocQuery {
  /** Full-text search over title and text. */
  text?: string;
  limit?: number;
}

/** A participant as the events name it, with how many matching events have it on each side. */
export interface ActorCount {
  /** Knowledge-base id, else code, else the lower-cased name: what an `actor` filter takes. */
  key: string;
  name: string;
  code?: string;
  country?: string;
  asActor: number;
  asRecipient: number;
}

/** A place events were coded at, with how many matching events. */
export interface PlaceCount {
  name: string;
  country?: string;
  lat: number;
  lon: number;
  count: number;
}

/** Stories a new mention was filed into since a cursor, and the cursor to ask from next time. */
export interface StoryUpdates {
  stories: Story[];
  cursor: string;
}

/** Ways the text may frame an event other than as having happened (the flags of the Event). */
/** What a series counts (Store.seriesCounts): stories, or event mentions reported as having happened. */
export interface SeriesCountQuery {
  mentions?: boolean;
  plover?: string;
  country?: string;
  /** Items that may have happened on or after this day (as the story and event filters' from and to). */
  from?: string;
  to?: string;
}

/**
 * The counted items of one type (and, for mentions, one QuadClass and Goldstein value): their date values
 * and how many items have each, side by side. Arrays, not an object per count: a series reads thousands.
 */
export interface SeriesCountGroup {
  plover: string;
  /** Mentions only: the events' own scale (a story's is its type's). */
  quadClass?: number | null;
  goldstein?: number | null;
  /** A story's date value; an event's, else the day its document was published. A value may repeat. */
  dates: string[];
  counts: number[];
}

export type EventModality = 'negated' | 'hypothetical' | 'future' | 'historical';
export const EVENT_MODALITIES: readonly EventModality[] = ['negated', 'hypothetical', 'future', 'historical'];

export type FacetField = 'plover' | 'cameo' | 'country' | 'quadClass';

export interface FacetCount {
  value: string;
  count: number;
}

export type { Story, StoryFilter, StoryWithMentions };

export interface PutResult {
  /** Documents newly stored (including documents stored with a skip reason). */
  inserted: number;
  /** Documents already in the store with the same coding (or repeated within the batch), left untouched. */
  duplicates: number;
  /**
   * Newly stored documents that nearly duplicate a stored one (a syndicated copy: same text but for a
   * headline, a byline, a sentence or two): stored and coded, linked to the others (`Doc.copyOf`).
   */
  nearDuplicates: number;
  /** Events stored with the newly inserted documents. */
  events: number;
  /**
   * Of the inserted, documents that replaced a stored coding of the same text (coded with other stage or
   * knowledge versions); present only when there were some.
   */
  recoded?: number;
}

/**
 * The one storage interface. Every backend passes the same contract suite (store.contract.ts).
 * Writes are idempotent: a document id seen twice is stored once, with its events, in one transaction
 * per batch, so an interrupted batch can simply be run again.
 */
export interface Store {
  putDocs(docs: readonly Doc[]): Promise<PutResult>;
  /**
   * The stored document. The `tokens` layer is not stored (it is most of a document's size and the tokens
   * stage re-derives it from the unchanged text), so it is absent here.
   */
  getDoc(id: string): Promise<Doc | undefined>;
  hasDoc(id: string): Promise<boolean>;
  /**
   * Whether the document is stored with exactly this coding (the stage and knowledge versions of its
   * provenance, in order): storing such a coding again would be a duplicate, so it need not be made.
   */
  hasCoding(id: string, runs: readonly CodingRun[]): Promise<boolean>;
  /**
   * The other documents of the document's near-duplicate group (the documents its copy links connect),
   * first copy first: earliest published, then smallest id. Empty for a document with no copies or unknown.
   */
  nearDuplicatesOf(id: string): Promise<string[]>;
  /** Events matching every given filter, newest event date first, then by document and position. */
  queryEvents(filter?: EventFilter): Promise<StoredEvent[]>;
  countEvents(filter?: EventFilter): Promise<number>;
  /**
   * Every event matching the filter, as pages of at most `pageSize` events, in the order the events were
   * stored. Each page is one query that starts after the last event of the previous page (keyset
   * pagination), so memory stays bounded whatever the number of events, and events stored while the
   * stream runs are not included. `limit` caps the total; `offset` is refused (keys, not offsets).
   */
  streamEvents(filter?: EventFilter, options?: StreamOptions): AsyncIterable<EvidencedEvent[]>;
  /** Event counts by the given field over the events matching the filter, most frequent first. */
  facets(field: FacetField, filter?: EventFilter): Promise<FacetCount[]>;
  countDocs(): Promise<number>;
  /**
   * The story of each stored event id (`<docId>:<event.id>`) that has one; events not reported as having
   * happened (negated, hypothetical, future) and unknown ids are absent from the map.
   */
  storiesOfEvents(eventIds: readonly string[]): Promise<Map<string, string>>;
  /** A story with its mention keys; the id of a story that merged into another finds the story it is now part of. */
  getStory(id: string): Promise<StoryWithMentions | undefined>;
  /** Stories matching every given filter, latest story date first, then by id. */
  queryStories(filter?: StoryFilter): Promise<Story[]>;
  countStories(filter?: StoryFilter): Promise<number>;
  /** Stores fired alerts; an alert already stored (same id) is left as it is. Returns the alerts new to the store. */
  putAlerts(alerts: readonly Alert[]): Promise<Alert[]>;
  /** Stored alerts, latest date first. */
  listAlerts(query?: AlertQuery): Promise<Alert[]>;
  /**
   * Keyset pages, in the order of queryEvents / queryStories (newest date first, then storage order)
   * and, for documents, newest stored first. `after` is a page's `next`; a cursor that is not one, or an
   * `offset` with it, is refused with a StoreError.
   */
  pageEvents(filter?: EventFilter, after?: string): Promise<Page<StoredEvent>>;
  /** Exactly JSON.stringify(await pageEvents(filter, after)), for a server to send as it is: no event parsed and written again. */
  pageEventsJson(filter?: EventFilter, after?: string): Promise<string>;
  pageStories(filter?: StoryFilter, after?: string): Promise<Page<Story>>;
  pageDocs(query?: DocQuery, after?: string): Promise<Page<DocSummary>>;
  /** The participants of the matching events, most events first (at most `limit`, default 100). */
  actors(filter?: EventFilter, limit?: number): Promise<ActorCount[]>;
  /** The places of the matching events, most events first (at most `limit`, default 100). */
  places(filter?: EventFilter, limit?: number): Promise<PlaceCount[]>;
  /**
   * The stories that gained a mention (new, grown or merged) after `cursor`, oldest change first, at most
   * `limit` (default 100); without a cursor, none and the cursor of now. Cheap to call often: one index seek.
   */
  storyUpdates(cursor?: string, limit?: number): Promise<StoryUpdates>;
  /**
   * The dated items a series counts, grouped (stories with a date, or events with a date or a published
   * document), in no promised order: what a series needs without reading every story or event.
   */
  seriesCounts(query?: SeriesCountQuery): Promise<SeriesCountGroup[]>;
  /**
   * A value that differs whenever anything in the store changed since it was last read, whether this
   * process or another wrote it: what a cache of answers is keyed by. Cheap: no table is read.
   */
  changeToken(): Promise<string>;
  /** Stored documents that were not coded, counted by skip rule. */
  skipReasons(): Promise<FacetCount[]>;
  /** Watch state (src/watch, watch.contract.ts): adds the sources not yet followed, due at once; returns how many were new. */
  addWatchSources(sources: readonly { url: string; title?: string }[], intervalMs: number): Promise<number>;
  listWatchSources(): Promise<WatchSource[]>;
  updateWatchSource(url: string, update: WatchSourceUpdate): Promise<void>;
  /** The item keys not yet seen (a failed item counts as unseen until it has failed MAX_ITEM_ATTEMPTS times). */
  unseenWatchItems(keys: readonly string[]): Promise<string[]>;
  /** Stores the documents (as putDocs) and records the items, in one transaction: an item is seen only once its document is stored. */
  putWatchedDocs(docs: readonly Doc[], items: readonly WatchItemRecord[]): Promise<PutResult>;
  listWatchItems(query?: WatchItemQuery): Promise<WatchItem[]>;
  /**
   * Records an analyst's verdict on a stored event (`<docId>:<event.id>`), replacing an earlier one, and
   * applies it at once to the event, its story and what queries and exports read (overrides.ts).
   */
  putOverride(eventId: string, input: OverrideInput): Promise<EventOverride>;
  /** Stores overrides as they are (carried from another store): each applies to a stored event with its anchor, now or when one is stored. */
  importOverrides(overrides: readonly EventOverride[]): Promise<number>;
  /** Withdraws the verdict on an event, restoring the coder's event; false when it had none. */
  deleteOverride(eventId: string): Promise<boolean>;
  /** Stored overrides, latest first, each with the stored event it applies to now (if any). */
  listOverrides(query?: { docId?: string; limit?: number }): Promise<EventOverride[]>;
  close(): Promise<void>;
}

export interface AlertQuery {
  rule?: string;
  limit?: number;
}

/** A store URL that cannot be opened (unknown scheme, unwritable path, backend not available). */
export class StoreError extends Error {
  override name = 'StoreError';
}

export interface OpenStoreOptions {
  /**
   * Read an existing Dyad database and never write to it: a missing database or one that is not Dyad's
   * is an error (the file is left as it was), and putDocs is refused.
   */
  readOnly?: boolean;
}

/**
 * Opens the store a URL names: `sqlite:./dyad.db`, `sqlite::memory:`, or a bare file path (SQLite).
 * `postgres://…` is reserved for the PostgreSQL backend.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const trimmed = url.trim();
  if (trimmed === '') throw new StoreError('empty store URL');
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    throw new StoreError('the PostgreSQL backend is not available yet; use a SQLite file (sqlite:./dyad.db)');
  }
  const scheme = /^([a-z][a-z0-9+.-]+):(?!\\)/i.exec(trimmed)?.[1]?.toLowerCase();
  // A one-letter "scheme" is a Windows drive letter, not a URL scheme.
  if (scheme && scheme !== 'sqlite' && scheme !== 'file') {
    throw new StoreError(`unknown store scheme "${scheme}:" (expected sqlite: or a file path)`);
  }
  const path = scheme ? trimmed.slice(scheme.length + 1).replace(/^\/\/(?=\/)/, '') : trimmed;
  const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
  return openSqliteStore(path === '' ? ':memory:' : path, options);
}
