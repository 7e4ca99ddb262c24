import type { Writable } from 'node:stream';
import type { EventFilter, EvidencedEvent, Store } from '../store/store.js';
import { dyadVersion } from '../version.js';
import type { ExportEvent } from './columns.js';
import { csvHeader, csvRow } from './csv.js';
import { gdeltHeaderLine, gdeltLine } from './gdelt.js';
import { ploverRecord } from './plover.js';
import { writeOut } from './write.js';

export type ExportFormat = 'csv' | 'jsonl' | 'plover' | 'gdelt' | 'parquet';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl', 'plover', 'gdelt', 'parquet'];

/** What a store with stories offers: the story each event is a mention of (event id → story id). */
export interface StoryLookup {
  storiesOfEvents(eventIds: readonly string[]): Promise<Map<string, string>>;
}

/** The part of a store an export reads; the story lookup is used where the store has one. */
export type ExportSource = Pick<Store, 'streamEvents'> & Partial<StoryLookup>;

export function hasStories(source: object): source is StoryLookup {
  return 'storiesOfEvents' in source && typeof (source as Partial<StoryLookup>).storiesOfEvents === 'function';
}

export interface ExportOptions {
  format: ExportFormat;
  filter?: EventFilter;
  /** Events per store page (default: the store's). */
  pageSize?: number;
  /** Parquet rows per row group. */
  rowGroupSize?: number;
  /** GDELT: write the header line (GDELT's own files have none). Default true. */
  header?: boolean;
}

export interface ExportSummary {
  events: number;
  /** Store pages read. */
  pages: number;
  /** Whether story ids were filled (the store has stories). */
  stories: boolean;
}

/**
 * Streams the events matching the filter to `out` in one format, a store page at a time: each page is
 * turned into output and written (waiting while the stream is full) before the next page is read, so
 * memory stays bounded by a page (a row group for Parquet) whatever the number of events.
 */
export async function exportEvents(source: ExportSource, out: Writable, options: ExportOptions): Promise<ExportSummary> {
  const stories = hasStories(source) ? source : undefined;
  const summary: ExportSummary = { events: 0, pages: 0, stories: stories !== undefined };
  const coder = `dyad ${dyadVersion()}`;
  // Loaded only for Parquet, so the other formats (and every other command importing the library) do not pay for the writer.
  const parquet = options.format === 'parquet' ? new (await import('./parquet.js')).ParquetEventWriter(out, options.rowGroupSize) : undefined;
  const format = options.format;
  if (options.format === 'csv') await writeOut(csvHeader(), out);
  if (options.format === 'gdelt' && options.header !== false) await writeOut(gdeltHeaderLine(), out);
  const pageOptions = options.pageSize === undefined ? {} : { pageSize: options.pageSize };
  for await (const page of source.streamEvents(options.filter ?? {}, pageOptions)) {
    summary.pages += 1;
    summary.events += page.length;
    const events = stories ? withStories(page, await stories.storiesOfEvents(page.map((event) => event.id))) : page;
    if (format === 'parquet') {
      for (const event of events) await parquet!.add(event);
    } else {
      await writeOut(formatPage(events, format, coder), out);
    }
  }
  await parquet?.finish();
  return summary;
}

function withStories(page: readonly EvidencedEvent[], storyOf: Map<string, string>): ExportEvent[] {
  return page.map((event) => {
    const storyId = storyOf.get(event.id);
    return storyId === undefined ? event : { ...event, storyId };
  });
}

function formatPage(events: readonly ExportEvent[], format: Exclude<ExportFormat, 'parquet'>, coder: string): string {
  switch (format) {
    case 'csv': return events.map((event) => csvRow(event)).join('');
    case 'gdelt': return events.map(gdeltLine).join('');
    case 'plover': return events.map((event) => `${JSON.stringify(ploverRecord(event, coder))}\n`).join('');
    case 'jsonl': return events.map((event) => `${JSON.stringify(jsonlRecord(event))}\n`).join('');
  }
}

/** The stored event with its evidence and story id in front, then the event record as coded. */
export function jsonlRecord(event: ExportEvent): Record<string, unknown> {
  return {
    id: event.id, docId: event.docId, inputId: event.inputId, storyId: event.storyId ?? null, url: event.url,
    title: event.title, published: event.published, storedAt: event.storedAt, dateStart: event.dateStart,
    dateEnd: event.dateEnd, paragraph: event.paragraph, sentences: event.sentences, quoteId: event.event.evidence.quote ?? null,
    event: event.event,
  };
}
