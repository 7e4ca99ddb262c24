import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDoc } from '../doc/doc.js';
import type { Doc, Event, EventParticipant } from '../doc/types.js';
import type { EventFilter, EvidencedEvent, Store, StoredEvent } from './store.js';

export interface StoreContractOptions {
  /** Closes nothing itself: given a closed store, opens the same database again (persistent backends). */
  reopen?: (closed: Store) => Promise<Store> | Store;
  /** Like reopen, but opens the same database read-only. */
  reopenReadOnly?: (closed: Store) => Promise<Store> | Store;
}

function participant(text: string, code: string, country: string, kbId?: string): EventParticipant {
  return kbId ? { text, start: 0, end: text.length, code, country, kbId } : { text, start: 0, end: text.length, code, country };
}

function event(id: string, fields: Partial<Event> & Pick<Event, 'plover' | 'cameo'>): Event {
  return {
    id, quadClass: 4, goldstein: -10, actors: [], recipients: [], negated: false, future: false,
    hypothetical: false, historical: false, confidence: 0.8, trigger: { start: 0, end: 5, text: 'shell' },
    evidence: { sentences: [{ start: 0, end: 20, index: 0 }] }, pattern: 'test', ...fields,
  };
}

/** Three coded documents, one skipped, with events spread over types, countries, actors and dates. */
export function contractDocs(): { shelling: Doc; talks: Doc; protest: Doc; skipped: Doc } {
  const shelling = createDoc('Northland artillery shelled the border town of Vell on Monday, killing four.', {
    title: 'Shelling hits Vell', published: '2031-03-12', language: 'eng', url: 'https://example.test/vell',
  });
  shelling.layers.events = [
    event('e1', {
      plover: 'ASSAULT', cameo: '195', actors: [participant('Northland artillery', 'NLDMIL', 'NLD', 'country:NLD')],
      recipients: [participant('Vell', 'SLDCVL', 'SLD')],
      location: { name: 'Vell', country: 'SLD', lat: 41.5, lon: 22.25, from: 'sentence', resolution: 'city' },
      date: { value: '2031-03-10', granularity: 'day', basis: 'event' }, confidence: 0.9,
    }),
    event('e2', {
      plover: 'ASSAULT', cameo: '190', actors: [participant('Northland', 'NLD', 'NLD')], recipients: [],
      date: { value: '2031-02', granularity: 'month', basis: 'event' }, confidence: 0.5,
    }),
  ];
  shelling.provenance.push({ stage: 'events', version: 3, knowledgeVersion: 'k7', ms: 1, at: '2031-03-12T00:00:00Z', status: 'ok' });
  const talks = createDoc('Envoys of Southland and Northland met in Geneva to discuss a ceasefire.', {
    title: 'Envoys meet', published: '2031-04-02', language: 'eng',
  });
  talks.layers.events = [
    event('e1', {
      plover: 'CONSULT', cameo: '043', quadClass: 1, goldstein: 2.8,
      actors: [participant('Southland envoy', 'SLDGOV', 'SLD')], recipients: [participant('Northland', 'NLDGOV', 'NLD')],
      location: { name: 'Geneva', country: 'CHE', lat: 46.2, lon: 6.15, from: 'sentence', resolution: 'city' },
      date: { value: '2031-04-01', granularity: 'day', basis: 'event' },
    }),
  ];
  const protest = createDoc('Thousands of farmers marched through the capital demanding lower fuel prices.', {
    published: '2030-11-20', language: 'eng',
  });
  protest.layers.events = [
    event('e1', { plover: 'PROTEST', cameo: '141', quadClass: 3, goldstein: -6.5, actors: [participant('farmers', 'SLDAGR', 'SLD')] }),
  ];
  const skipped = createDoc('Les agriculteurs ont manifesté dans la capitale.', { language: 'fra' });
  skipped.skip = { stage: 'ingest', ruleId: 'not-english', reason: 'language is fra, not English' };
  skipped.layers.events = [event('e1', { plover: 'PROTEST', cameo: '141' })];
  return { shelling, talks, protest, skipped };
}

/**
 * The behaviour every Store backend must have, run against the real backend. `makeStore` returns a new,
 * empty store on each call.
 */
export function runStoreContract(
  name: string, makeStore: () => Promise<Store> | Store, options: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const docs = contractDocs();
    const ids = (events: Array<{ id: string }>) => events.map((e) => e.id);

    before(async () => {
      store = await makeStore();
      const result = await store.putDocs([docs.shelling, docs.talks, docs.protest, docs.skipped]);
      assert.deepEqual(result, { inserted: 4, duplicates: 0, nearDuplicates: 0, events: 4 });
    });
    after(async () => {
      await store.close();
    });

    test('counts documents and events, and reads a document back unchanged', async () => {
      assert.equal(await store.countDocs(), 4);
      assert.equal(await store.countEvents(), 4);
      assert.deepEqual(await store.getDoc(docs.shelling.id), docs.shelling);
      assert.equal(await store.getDoc('no-such-id'), undefined);
      assert.equal(await store.hasDoc(docs.talks.id), true);
      assert.equal(await store.hasDoc('no-such-id'), false);
    });

    test('hasCoding: true only for the stored stage and knowledge versions, in order', async () => {
      const runs = docs.shelling.provenance.map(({ stage, version, knowledgeVersion }) => (knowledgeVersion ? { stage, version, knowledgeVersion } : { stage, version }));
      assert.equal(await store.hasCoding(docs.shelling.id, runs), true);
      assert.equal(await store.hasCoding(docs.shelling.id, runs.map((run) => ({ ...run, version: run.version + 1 }))), false);
      assert.equal(await store.hasCoding(docs.shelling.id, runs.map((run) => ({ stage: run.stage, version: run.version }))), false, 'knowledge versions count');
      assert.equal(await store.hasCoding(docs.shelling.id, [...runs].reverse()), runs.length < 2);
      assert.equal(await store.hasCoding('no-such-id', runs), false);
    });

    test('storing the same documents again stores nothing twice', async () => {
      const again = await store.putDocs([docs.shelling, docs.talks, docs.talks]);
      assert.deepEqual(again, { inserted: 0, duplicates: 3, nearDuplicates: 0, events: 0 });
      assert.equal(await store.countDocs(), 4);
      assert.equal(await store.countEvents(), 4);
      assert.deepEqual(await store.putDocs([]), { inserted: 0, duplicates: 0, nearDuplicates: 0, events: 0 });
    });

    test('a document repeated within one batch is stored once', async () => {
      const fresh = await makeStore();
      try {
        const result = await fresh.putDocs([docs.shelling, docs.shelling]);
        assert.deepEqual(result, { inserted: 1, duplicates: 1, nearDuplicates: 0, events: 2 });
        assert.equal(await fresh.countEvents(), 2);
      } finally {
        await fresh.close();
      }
    });

    test('skipped documents keep their reason and contribute no events', async () => {
      const stored = await store.getDoc(docs.skipped.id);
      assert.deepEqual(stored?.skip, docs.skipped.skip);
      assert.deepEqual(await store.skipReasons(), [{ value: 'not-english', count: 1 }]);
      assert.equal((await store.queryEvents({ docId: docs.skipped.id })).length, 0);
    });

    test('filters by PLOVER type, CAMEO prefix and document', async () => {
      assert.deepEqual(ids(await store.queryEvents({ plover: 'ASSAULT' })), [`${docs.shelling.id}:e1`, `${docs.shelling.id}:e2`]);
      assert.deepEqual(ids(await store.queryEvents({ plover: 'assault', cameo: '195' })), [`${docs.shelling.id}:e1`]);
      assert.equal((await store.queryEvents({ cameo: '19' })).length, 2);
      assert.equal((await store.queryEvents({ cameo: '04' })).length, 1);
      assert.equal((await store.queryEvents({ docId: docs.talks.id }))[0]?.event.plover, 'CONSULT');
      assert.equal((await store.queryEvents({ plover: 'NOTHING' })).length, 0);
    });

    test('filters by actor code, country, knowledge-base id and name, on either side', async () => {
      assert.deepEqual(ids(await store.queryEvents({ actor: 'NLDMIL' })), [`${docs.shelling.id}:e1`]);
      assert.equal((await store.queryEvents({ actor: 'nld' })).length, 3);
      assert.equal((await store.queryEvents({ actor: 'country:NLD' })).length, 1);
      assert.equal((await store.queryEvents({ actor: 'Southland envoy' })).length, 1);
      assert.equal((await store.queryEvents({ actor: 'SLD' })).length, 3);
      assert.equal((await store.queryEvents({ actor: 'SLD', plover: 'PROTEST' })).length, 1);
    });

    test('filters by event country and date range, with month dates matching when they overlap', async () => {
      assert.deepEqual(ids(await store.queryEvents({ country: 'che' })), [`${docs.talks.id}:e1`]);
      assert.equal((await store.queryEvents({ from: '2031-02-15', to: '2031-03-10' })).length, 2);
      assert.equal((await store.queryEvents({ from: '2031-03-11' })).length, 1);
      assert.equal((await store.queryEvents({ to: '2031-01-31' })).length, 0);
    });

    test('searches document text and titles', async () => {
      assert.equal((await store.queryEvents({ text: 'ceasefire' })).length, 1);
      assert.equal((await store.queryEvents({ text: 'shelling' })).length, 2);
      assert.equal((await store.queryEvents({ text: 'artillery "Vell' })).length, 2);
      assert.equal((await store.queryEvents({ text: 'submarine' })).length, 0);
      assert.equal((await store.queryEvents({ text: '***' })).length, 0);
    });

    test('orders newest event first, undated last, and pages with limit and offset', async () => {
      const all = await store.queryEvents({});
      assert.deepEqual(all.map((e) => e.event.date?.value), ['2031-04-01', '2031-03-10', '2031-02', undefined]);
      assert.equal(all[0]?.published, '2031-04-02');
      assert.equal(all[1]?.url, 'https://example.test/vell');
      const page = await store.queryEvents({ limit: 2, offset: 1 });
      assert.deepEqual(ids(page), ids(all.slice(1, 3)));
      assert.equal((await store.queryEvents({ limit: 0 })).length, 0);
      assert.equal((await store.queryEvents({ limit: 1e20, offset: 1e20 })).length, 0);
      assert.equal((await store.queryEvents({ limit: 1e20 })).length, 4);
    });

    test('counts events by facet, optionally within a filter', async () => {
      assert.deepEqual(await store.facets('plover'), [
        { value: 'ASSAULT', count: 2 }, { value: 'CONSULT', count: 1 }, { value: 'PROTEST', count: 1 },
      ]);
      assert.deepEqual(await store.facets('country'), [{ value: 'CHE', count: 1 }, { value: 'SLD', count: 1 }]);
      assert.deepEqual(await store.facets('quadClass', { actor: 'NLD' }), [{ value: '4', count: 2 }, { value: '1', count: 1 }]);
    });

    test('negated, hypothetical, future and historical events are left out unless included', async () => {
      const fresh = await makeStore();
      try {
        const framed = createDoc('Northland denied shelling Vell, may strike again, will meet Southland and fought it in 1994.', { published: '2031-05-01' });
        framed.layers.events = [
          event('e1', { plover: 'ASSAULT', cameo: '195' }),
          event('e2', { plover: 'ASSAULT', cameo: '195', negated: true }),
          event('e3', { plover: 'ASSAULT', cameo: '190', hypothetical: true, future: true }),
          event('e4', { plover: 'CONSULT', cameo: '043', quadClass: 1, future: true }),
          event('e5', { plover: 'ASSAULT', cameo: '190', historical: true }),
        ];
        assert.deepEqual(await fresh.putDocs([framed]), { inserted: 1, duplicates: 0, nearDuplicates: 0, events: 5 });
        const local = (events: Array<{ id: string }>) => ids(events).map((id) => id.slice(id.lastIndexOf(':') + 1)).sort();
        assert.deepEqual(local(await fresh.queryEvents()), ['e1']);
        assert.equal(await fresh.countEvents(), 1);
        assert.deepEqual(await fresh.facets('plover'), [{ value: 'ASSAULT', count: 1 }]);
        assert.deepEqual(local(await fresh.queryEvents({ include: ['future'] })), ['e1', 'e4'], 'a future that is also hypothetical needs both');
        assert.deepEqual(local(await fresh.queryEvents({ include: ['future', 'hypothetical'] })), ['e1', 'e3', 'e4']);
        assert.equal(await fresh.countEvents({ include: ['negated', 'hypothetical', 'future', 'historical'] }), 5);
        assert.deepEqual(await fresh.facets('plover', { include: ['historical', 'negated'] }), [{ value: 'ASSAULT', count: 3 }]);
        assert.equal((await fresh.getDoc(framed.id))?.layers.events?.length, 5, 'the document keeps every event');
      } finally {
        await fresh.close();
      }
    });

    test('a batch that fails part-way stores nothing of that batch', async () => {
      const fresh = await makeStore();
      try {
        const broken = createDoc('A document whose event has no type cannot be stored.');
        broken.layers.events = [{ ...event('e1', { plover: 'ASSAULT', cameo: '190' }), plover: undefined as unknown as string }];
        await assert.rejects(fresh.putDocs([docs.protest, broken]));
        assert.equal(await fresh.countDocs(), 0);
        assert.deepEqual(await fresh.putDocs([docs.protest]), { inserted: 1, duplicates: 0, nearDuplicates: 0, events: 1 });
      } finally {
        await fresh.close();
      }
    });

    test('stores every layer but tokens, which the tokens stage re-derives from the text', async () => {
      const fresh = await makeStore();
      try {
        const doc = createDoc('Talks resumed.', {}, {
          sentences: [{ start: 0, end: 14, index: 0, paragraph: 0, tokenStart: 0, tokenEnd: 3 }],
          tokens: [{ start: 0, end: 5, pos: 'NOUN', normal: 'talks', lemma: 'talk', sentence: 0 }],
        });
        await fresh.putDocs([doc]);
        const stored = await fresh.getDoc(doc.id);
        assert.equal(stored?.layers.tokens, undefined);
        assert.deepEqual(stored?.layers.sentences, doc.layers.sentences);
        assert.equal(doc.layers.tokens?.length, 1, 'the caller\'s doc is left as it was');
      } finally {
        await fresh.close();
      }
    });

    test('reads back an empty or absent events layer, a skipped document\'s events and mediators as given', async () => {
      const fresh = await makeStore();
      try {
        const none = createDoc('Nothing happened in the capital today.');
        const empty = createDoc('Officials in the capital said nothing.', {}, { events: [] });
        const mediated = createDoc('Westland mediated talks between Northland and Southland.');
        mediated.layers.events = [event('e1', {
          plover: 'CONSULT', cameo: '043', actors: [participant('Northland', 'NLD', 'NLD')],
          recipients: [participant('Southland', 'SLD', 'SLD')], mediators: [participant('Westland', 'WLD', 'WLD')],
        })];
        await fresh.putDocs([none, empty, mediated, docs.skipped]);
        assert.deepEqual(await fresh.getDoc(none.id), none);
        assert.deepEqual(await fresh.getDoc(empty.id), empty);
        assert.deepEqual(await fresh.getDoc(mediated.id), mediated);
        assert.deepEqual(await fresh.getDoc(docs.skipped.id), docs.skipped);
        assert.deepEqual(ids(await fresh.queryEvents({ actor: 'wld' })), [`${mediated.id}:e1`]);
        assert.equal(await fresh.countEvents(), 1);
      } finally {
        await fresh.close();
      }
    });

    test('streams every matching event in pages of at most the page size, with its evidence text', async () => {
      const pages = async (filter: EventFilter, pageSize: number) => {
        const seen: StoredEvent[][] = [];
        for await (const page of store.streamEvents(filter, { pageSize })) seen.push(page);
        return seen;
      };
      for (const filter of [{}, { plover: 'ASSAULT' }, { actor: 'sld' }, { country: 'CHE' }, { from: '2031-03-01' }, { text: 'ceasefire' }] as EventFilter[]) {
        const expected = ids(await store.queryEvents({ ...filter, limit: 1e6 })).sort();
        for (const size of [1, 2, 1000]) {
          const got = await pages(filter, size);
          assert.ok(got.every((page) => page.length >= 1 && page.length <= size), `pages of at most ${size}`);
          assert.deepEqual(got.flat().map((e) => e.id).sort(), expected, `${JSON.stringify(filter)} in pages of ${size}`);
        }
      }
      assert.equal((await pages({}, 1)).length, 4, 'one page per event at page size 1');
      assert.deepEqual((await pages({ plover: 'NOTHING' }, 10)).length, 0);
      assert.equal((await pages({ limit: 3 }, 2)).flat().length, 3, 'limit caps the total');
      const [vell] = (await pages({ actor: 'NLDMIL' }, 10)).flat() as EvidencedEvent[];
      assert.equal(vell?.sentences[0], docs.shelling.text.slice(0, 20));
      assert.equal(vell?.url, 'https://example.test/vell');
      assert.equal(vell?.title, 'Shelling hits Vell');
      assert.equal(vell?.paragraph, 0);
      assert.match(vell?.storedAt ?? '', /^\d{4}-\d{2}-\d{2}T/);
      const [month] = (await pages({ cameo: '190' }, 10)).flat() as EvidencedEvent[];
      assert.deepEqual([month?.dateStart, month?.dateEnd], ['2031-02-01', '2031-02-28'], 'a month date streams with its day bounds');
    });

    test('a stream leaves out framed events unless included, and refuses an offset or a bad page size', async () => {
      const fresh = await makeStore();
      try {
        const framed = createDoc('Northland denied shelling Vell.', { published: '2031-05-01' });
        framed.layers.events = [event('e1', { plover: 'ASSAULT', cameo: '195' }), event('e2', { plover: 'ASSAULT', cameo: '195', negated: true })];
        await fresh.putDocs([framed]);
        const streamed = async (filter: EventFilter) => {
          const all: StoredEvent[] = [];
          for await (const page of fresh.streamEvents(filter)) all.push(...page);
          return all.length;
        };
        assert.equal(await streamed({}), 1);
        assert.equal(await streamed({ include: ['negated'] }), 2);
        const pages = fresh.streamEvents({ include: ['negated'] }, { pageSize: 1 })[Symbol.asyncIterator]();
        assert.equal((await pages.next()).value?.length, 1);
        await fresh.putDocs([docs.talks]);
        assert.equal((await pages.next()).value?.length, 1);
        assert.equal((await pages.next()).done, true, 'events stored after the stream began are not in it');
        assert.equal(await streamed({}), 2);
        await assert.rejects(streamed({ offset: 1 }), /offset/);
        assert.throws(() => fresh.streamEvents({}, { pageSize: 0 }), /page size/);
      } finally {
        await fresh.close();
      }
    });

    test('rejects calls after close', async () => {
      const fresh = await makeStore();
      await fresh.close();
      await fresh.close();
      await assert.rejects(fresh.countDocs(), /closed/);
    });

    if (options.reopen) {
      const reopen = options.reopen;
      test('what was stored is there after closing and opening again', async () => {
        const first = await makeStore();
        await first.putDocs([docs.shelling, docs.skipped]);
        await first.close();
        const second = await reopen(first);
        try {
          assert.equal(await second.countDocs(), 2);
          assert.deepEqual(await second.getDoc(docs.shelling.id), docs.shelling);
          assert.equal((await second.queryEvents({ actor: 'NLDMIL' })).length, 1);
          assert.deepEqual(await second.putDocs([docs.shelling]), { inserted: 0, duplicates: 1, nearDuplicates: 0, events: 0 });
        } finally {
          await second.close();
        }
      });
    }

    if (options.reopenReadOnly) {
      const reopenReadOnly = options.reopenReadOnly;
      test('a database opened read-only reads what was stored and refuses to write', async () => {
        const first = await makeStore();
        await first.putDocs([docs.shelling]);
        await first.close();
        const reader = await reopenReadOnly(first);
        try {
          assert.deepEqual(await reader.getDoc(docs.shelling.id), docs.shelling);
          assert.equal(await reader.countEvents({ plover: 'ASSAULT' }), 2);
          await assert.rejects(reader.putDocs([docs.talks]), /read-only/);
          assert.equal(await reader.countDocs(), 1);
        } finally {
          await reader.close();
        }
      });
    }
  });
}
