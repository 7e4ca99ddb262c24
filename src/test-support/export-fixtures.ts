import { Writable } from 'node:stream';
import { createDoc } from '../doc/doc.js';
import type { Doc, Event } from '../doc/types.js';
import { createEngine } from '../engine/engine.js';
import type { EventFilter, EvidencedEvent, Store, StreamOptions } from '../store/store.js';
import type { ExportSource, StoryLookup } from '../export/export.js';

/** Articles of our own, coded by the real pipeline when the tests store them. */
export const CODED_TEXTS = [
  {
    inputId: 'shelling', published: '2031-05-14',
    content: 'Azerbaijani forces shelled the Armenian town of Goris on Monday, killing three civilians, the defence ministry in Yerevan said.',
  },
  {
    inputId: 'talks', published: '2031-05-16',
    content: 'The foreign ministers of Armenia and Azerbaijan met in Geneva on Thursday to discuss a peace treaty.',
  },
  {
    inputId: 'protest', published: '2031-05-20',
    content: 'Thousands of teachers protested outside parliament in Nairobi on Friday, demanding higher pay.',
  },
];

/** Text that breaks careless CSV and TSV writers: quotes, commas, a tab, and cells a spreadsheet would run. */
export const TRICKY_TEXT = '=HYPERLINK("http://evil.test","click") fired on @SUM, killing 2, "they said",\tthen left.';

function trickyEvent(fields: Partial<Event>): Event {
  return {
    id: 'ev1', plover: 'ASSAULT', cameo: '190', quadClass: 4, goldstein: -10, actors: [], recipients: [],
    negated: false, future: false, hypothetical: false, historical: false, confidence: 0.7,
    trigger: { start: 39, end: 44, text: 'fired' }, evidence: { sentences: [{ start: 0, end: TRICKY_TEXT.length, index: 0 }], quote: 'q1' },
    pattern: 'test.tricky', ...fields,
  };
}

/** A hand-made document whose names and sentence start like formulas, with a month date and casualties. */
export function trickyDoc(): Doc {
  const doc = createDoc(TRICKY_TEXT, { published: '2031-06-02', url: 'https://example.test/a,b?"q"', title: '-Breaking, "quoted"' });
  doc.layers.events = [trickyEvent({
    actors: [{ text: '=HYPERLINK("http://evil.test","click")', start: 0, end: 38, code: 'NLDMIL', country: 'NLD', sector: 'MIL' }],
    recipients: [{ text: '@SUM', start: 48, end: 52, code: '+SLD', country: 'SLD' }],
    location: { name: 'Vell', country: 'SLD', lat: -41.5, lon: -22.25, resolution: 'city', from: 'sentence', placeId: 'place:geonames:123' },
    date: { value: '2031-05', granularity: 'month', basis: 'event' },
    casualties: { killed: { min: 2, exact: true, text: '2', quantity: 'n1' } },
  })];
  return doc;
}

/** Stores the coded articles and the tricky document in the given store. */
export async function fillStore(store: Store): Promise<void> {
  const engine = createEngine({ store });
  const summary = await engine.ingestBatch(CODED_TEXTS.map((text) => ({ ...text, kind: 'text' as const })));
  if (summary.failed > 0) throw new Error(`could not store the test articles: ${JSON.stringify(summary.failures)}`);
  await store.putDocs([trickyDoc()]);
}

/** Everything written to it, as text (or bytes), with the number of store pages read at each write. */
export class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  readonly pagesAtWrite: number[] = [];

  constructor(private readonly pages: () => number = () => 0) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    this.pagesAtWrite.push(this.pages());
    done();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** A store seen through its streaming method only, counting the pages it yields. */
export function countingSource(store: Store): ExportSource & { pages: number; largestPage: number } {
  const source = {
    pages: 0,
    largestPage: 0,
    async *streamEvents(filter?: EventFilter, options?: StreamOptions): AsyncIterable<EvidencedEvent[]> {
      for await (const page of store.streamEvents(filter, options)) {
        source.pages += 1;
        source.largestPage = Math.max(source.largestPage, page.length);
        yield page;
      }
    },
  };
  return source;
}

/**
 * A store with stories, as the story work will add them: here each event's story is named by its type
 * and date, which is enough to see the ids reach every format.
 */
export function withStoryLookup(store: Store): ExportSource & StoryLookup & { lookups: number } {
  const source = {
    lookups: 0,
    streamEvents: (filter?: EventFilter, options?: StreamOptions) => store.streamEvents(filter, options),
    async storiesOfEvents(eventIds: readonly string[]): Promise<Map<string, string>> {
      source.lookups += 1;
      return new Map(eventIds.map((id) => [id, `story-${id.slice(-6)}`]));
    },
  };
  return source;
}
