import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '../engine/engine.js';
import { parseFeedDocument, type FeedItem } from '../feeds/index.js';
import { decodeText, metaCharset, type Declaration } from '../ingest/decode.js';
import type { Store } from '../store/store.js';
import type { WatchItemRecord, WatchSource } from '../store/watch-state.js';
import { emptyCounts, failureKind, type RunCounts } from './counts.js';
import type { FetchedResource, FetchResource } from './fetcher.js';
import {
  adaptInterval, backoffDelay, boundsFor, DEFAULT_INTERVAL_MS, maxAgeMs, retryAfterMs, type IntervalBounds,
} from './schedule.js';

/** Feeds are told apart by their content, not their (often wrong) media type. */
const FEED_ACCEPT = ['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/xml', 'text/xml', '*/*'];
const PAGE_ACCEPT = ['text/html', 'application/xhtml+xml', 'text/plain'];
const PAGE_TYPES = new Map<string, 'html' | 'text'>([['text/html', 'html'], ['application/xhtml+xml', 'html'], ['text/plain', 'text']]);

export interface WatchLogEntry {
  level: 'info' | 'error';
  source?: string;
  url?: string;
  message: string;
}

export interface WatcherOptions {
  store: Store;
  /** Ingests each page (engine.prepare) and codes it unless the store already holds that coding; the watcher stores the result. */
  engine: Pick<Engine, 'prepare'>;
  fetchResource: FetchResource;
  /** Starting interval of a new source (default 10 minutes); the floor and ceiling follow from it (schedule.ts). */
  intervalMs?: number;
  /** Millisecond wall clock (default Date.now). */
  now?: () => number;
  /** Child sitemaps read from one sitemap index (default 50). */
  maxSitemaps?: number;
  /** New items fetched in one poll of one source (default 500); the rest wait for the next poll. */
  maxItemsPerPoll?: number;
  onProgress?: (counts: Readonly<RunCounts>) => void;
  onLog?: (entry: WatchLogEntry) => void;
}

/** What one poll of one source came to. */
export interface PollResult {
  source: string;
  ok: boolean;
  notModified?: boolean;
  items: number;
  newItems: number;
  error?: string;
}

function header(resource: FetchedResource, name: string): string | undefined {
  return resource.headers[name];
}

function declaredCharset(contentType: string | undefined): Declaration | undefined {
  const charset = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] : undefined;
  return charset ? { charset, from: 'the Content-Type header' } : undefined;
}

/** A page or sitemap the watcher cannot use (an HTTP error, a type that is not a page). */
class WatchError extends Error {
  override name = 'WatchError';
}

/** The fetcher's own kind of failure when it gives one (refused, robots, timeout, network …), else one read from the message. */
function kindOf(error: unknown): string {
  const kind = (error as { kind?: unknown } | undefined)?.kind;
  return typeof kind === 'string' && kind !== 'http' ? kind : failureKind(messageOf(error));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Follows feeds, sitemaps and sitemap indexes kept in the store: polls each with conditional GET when
 * due, fetches, codes and stores every item not seen before, and marks the item seen in the
 * transaction that stores its document, so a process killed at any moment resumes without storing
 * anything twice or losing an item. A source's validators are saved only after all its new items are,
 * so an interrupted poll is repeated in full (its stored items then found already seen).
 */
export class Watcher {
  readonly counts: RunCounts = emptyCounts();
  private readonly store: Store;
  private readonly intervalMs: number;
  private readonly bounds: IntervalBounds;
  private readonly now: () => number;

  constructor(private readonly options: WatcherOptions) {
    this.store = options.store;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.bounds = boundsFor(this.intervalMs);
    this.now = options.now ?? Date.now;
  }

  /** Adds sources to follow (new ones are due at once); returns how many were new. */
  follow(sources: readonly { url: string; title?: string }[]): Promise<number> {
    return this.store.addWatchSources(sources, this.intervalMs);
  }

  /** Polls every followed source once (all of them, or only those due), one after another. */
  async pollAll(options: { dueOnly?: boolean; signal?: AbortSignal } = {}): Promise<PollResult[]> {
    const results: PollResult[] = [];
    const polled = new Set<string>();
    // An OPML source adds sources while it is polled: they are polled in the same round.
    for (;;) {
      const sources = (await this.store.listWatchSources()).filter((s) => !polled.has(s.url)
        && (!options.dueOnly || Date.parse(s.nextPollAt) <= this.now()));
      if (sources.length === 0 || options.signal?.aborted) return results;
      for (const source of sources) {
        if (options.signal?.aborted) return results;
        polled.add(source.url);
        results.push(await this.poll(source, options.signal));
      }
    }
  }

  /** Polls due sources until the signal is aborted, sleeping until the next is due. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.pollAll({ dueOnly: true, signal });
      const sources = await this.store.listWatchSources();
      const next = Math.min(...sources.map((s) => Date.parse(s.nextPollAt)));
      const wait = Math.max(1000, Math.min(60_000, (Number.isFinite(next) ? next : this.now() + 60_000) - this.now()));
      await sleep(wait, undefined, { signal }).catch(() => undefined);
    }
  }

  async poll(source: WatchSource, signal?: AbortSignal): Promise<PollResult> {
    const startedAt = new Date(this.now()).toISOString();
    let resource: FetchedResource;
    try {
      resource = await this.options.fetchResource(source.url, {
        accept: FEED_ACCEPT, ...(source.etag ? { etag: source.etag } : {}), ...(source.lastModified ? { lastModified: source.lastModified } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      return this.failed(source, startedAt, messageOf(error), undefined, kindOf(error));
    }
    if (resource.status === 304) {
      await this.succeeded(source, startedAt, resource, 0, undefined);
      this.log({ level: 'info', source: source.url, message: 'not modified' });
      return { source: source.url, ok: true, notModified: true, items: 0, newItems: 0 };
    }
    if (resource.status < 200 || resource.status >= 300) {
      return this.failed(source, startedAt, `${resource.url} answered HTTP ${resource.status}`, retryAfterMs(header(resource, 'retry-after'), this.now()));
    }
    let items: FeedItem[];
    let title: string | undefined;
    try {
      const read = await this.readItems(resource, signal);
      items = read.items;
      title = read.title;
    } catch (error) {
      return this.failed(source, startedAt, messageOf(error));
    }
    const unique = [...new Map(items.map((item) => [item.url, item])).values()];
    const unseen = new Set(await this.store.unseenWatchItems(unique.map((item) => item.url)));
    const fresh = unique.filter((item) => unseen.has(item.url)).slice(0, this.options.maxItemsPerPoll ?? 500);
    this.counts.pending = (this.counts.pending ?? 0) + fresh.length;
    for (const item of fresh) {
      if (signal?.aborted) break;
      await this.storeItem(source.url, item, signal);
      this.counts.pending = Math.max(0, (this.counts.pending ?? 1) - 1);
      this.options.onProgress?.(this.counts);
    }
    if (signal?.aborted) return { source: source.url, ok: false, items: unique.length, newItems: fresh.length, error: 'stopped' };
    await this.succeeded(source, startedAt, resource, fresh.length, title);
    this.log({ level: 'info', source: source.url, message: `${unique.length} items, ${fresh.length} new` });
    return { source: source.url, ok: true, items: unique.length, newItems: fresh.length };
  }

  /** The items of a feed or sitemap; a sitemap index's child sitemaps are read in turn, an OPML list's feeds followed. */
  private async readItems(resource: FetchedResource, signal?: AbortSignal): Promise<{ items: FeedItem[]; title?: string }> {
    const document = parseFeedDocument(decodeText(resource.bytes, declaredCharset(header(resource, 'content-type'))).text, resource.url);
    if (document.kind === 'feed') return document.title ? { items: document.items, title: document.title } : { items: document.items };
    if (document.kind === 'opml') {
      const added = await this.follow(document.feeds);
      this.log({ level: 'info', url: resource.url, message: `OPML list of ${document.feeds.length} feeds, ${added} new` });
      return { items: [] };
    }
    const items: FeedItem[] = [];
    for (const sitemap of document.sitemaps.slice(0, this.options.maxSitemaps ?? 50)) {
      const child = await this.options.fetchResource(sitemap, { accept: FEED_ACCEPT, ...(signal ? { signal } : {}) });
      if (child.status < 200 || child.status >= 300) throw new WatchError(`sitemap ${sitemap} answered HTTP ${child.status}`);
      const nested = parseFeedDocument(decodeText(child.bytes, declaredCharset(header(child, 'content-type'))).text, child.url);
      if (nested.kind !== 'feed') throw new WatchError(`sitemap ${sitemap} is a ${nested.kind}, not a list of pages (indexes are not nested)`);
      items.push(...nested.items);
    }
    return { items };
  }

  /** Fetches, codes and stores one item, marking it seen with its document; a failure is recorded with its reason. */
  private async storeItem(source: string, item: FeedItem, signal?: AbortSignal): Promise<void> {
    const record: WatchItemRecord = { key: item.url, source, url: item.url, status: 'failed', ...(item.published ? { published: item.published } : {}) };
    try {
      const page = await this.options.fetchResource(item.url, { accept: PAGE_ACCEPT, ...(signal ? { signal } : {}) });
      if (page.status < 200 || page.status >= 300) throw new WatchError(`${page.url} answered HTTP ${page.status}`);
      const contentType = header(page, 'content-type');
      const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
      const kind = mediaType ? PAGE_TYPES.get(mediaType) : 'html';
      if (!kind) throw new WatchError(`${page.url} is ${mediaType}, not an HTML or text page`);
      const charset = metaCharset(page.bytes);
      const decoded = decodeText(page.bytes, declaredCharset(contentType) ?? (kind === 'html' && charset ? { charset, from: 'the page\'s <meta> charset' } : undefined));
      this.counts.fetched++;
      const prepared = this.options.engine.prepare({
        content: decoded.text, kind, url: page.url, ...(item.published ? { defaultPublished: item.published } : {}), ...(item.title ? { title: item.title } : {}),
        ...(decoded.messages.length > 0 ? { messages: decoded.messages } : {}),
      });
      record.docId = prepared.doc.id;
      // The same text at the same URL coded by the same versions (another feed's link that redirects to
      // it, a page ingested before it was watched): coding it again would only be thrown away by the store.
      // A near-duplicate is still coded: it is stored with its own events, linked to its first copy.
      if (await this.store.hasCoding(prepared.doc.id, prepared.runs)) {
        record.status = 'duplicate';
        await this.store.putWatchedDocs([], [record]);
        this.counts.duplicates++;
        return;
      }
      const doc = prepared.code();
      record.status = doc.skip ? 'skipped' : 'stored';
      if (doc.skip) record.reason = doc.skip.ruleId;
      const result = await this.store.putWatchedDocs([doc], [record]);
      if (result.duplicates > 0) this.counts.duplicates++;
      else if (doc.skip) this.counts.skipped[doc.skip.ruleId] = (this.counts.skipped[doc.skip.ruleId] ?? 0) + 1;
      else this.counts.new++;
      this.counts.nearDuplicates += result.nearDuplicates;
      this.counts.events += result.events;
    } catch (error) {
      const message = messageOf(error);
      record.status = 'failed';
      record.reason = message;
      delete record.docId;
      await this.store.putWatchedDocs([], [record]);
      const kind = kindOf(error);
      this.counts.failed[kind] = (this.counts.failed[kind] ?? 0) + 1;
      this.log({ level: 'error', source, url: item.url, message });
    }
  }

  private async succeeded(source: WatchSource, startedAt: string, resource: FetchedResource, newItems: number, title: string | undefined): Promise<void> {
    const intervalMs = adaptInterval(source.intervalMs, newItems, this.bounds);
    const wait = Math.max(intervalMs, maxAgeMs(header(resource, 'cache-control')) ?? 0);
    const changed = resource.status !== 304;
    await this.store.updateWatchSource(source.url, {
      lastPollAt: startedAt, lastSuccessAt: new Date(this.now()).toISOString(), failures: 0, intervalMs,
      nextPollAt: new Date(this.now() + wait).toISOString(),
      // A 304 keeps the validators it confirmed; a new copy replaces them (or clears those it no longer sends).
      ...(changed ? { etag: header(resource, 'etag') ?? null, lastModified: header(resource, 'last-modified') ?? null } : {}),
      ...(title && !source.title ? { title } : {}),
    });
  }

  private async failed(source: WatchSource, startedAt: string, error: string, serverDelayMs?: number, kind = failureKind(error)): Promise<PollResult> {
    const failures = source.failures + 1;
    const wait = Math.max(backoffDelay(source.intervalMs, failures), serverDelayMs ?? 0);
    const at = new Date(this.now()).toISOString();
    await this.store.updateWatchSource(source.url, {
      lastPollAt: startedAt, lastError: error, lastErrorAt: at, failures, nextPollAt: new Date(this.now() + wait).toISOString(),
    });
    this.counts.failed[kind] = (this.counts.failed[kind] ?? 0) + 1;
    this.log({ level: 'error', source: source.url, message: error });
    return { source: source.url, ok: false, items: 0, newItems: 0, error };
  }

  private log(entry: WatchLogEntry): void {
    this.options.onLog?.(entry);
  }
}
