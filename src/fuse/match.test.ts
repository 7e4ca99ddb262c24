import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../doc/doc.js';
import type { Doc, Event, EventParticipant } from '../doc/types.js';
import { typeFamily } from './family.js';
import { clusterComponent } from './fuse.js';
import { contradiction, judgePair, MATCH_THRESHOLD, wordSimilarity, type MatchGate } from './match.js';
import { bucketOf, candidateBuckets, contentWords, documentSurnames, FOLLOW_UP_DAYS, followUpFiling, followUpLookups, mentionOf, mentionsOf, sourceHost } from './mention.js';
import { sourcesOf, summariseStory } from './summary.js';
import type { Mention } from './types.js';

const person = (text: string, country?: string): EventParticipant => ({ text, start: 0, end: text.length, ...(country ? { country } : {}) });

interface Spec {
  text: string;
  url?: string;
  published?: string;
  plover?: string;
  place?: { name: string; lat: number; lon: number; resolution?: 'city' | 'admin' | 'country'; country?: string };
  date?: Event['date'];
  killed?: number;
  actors?: EventParticipant[];
  recipients?: EventParticipant[];
  future?: boolean;
}

function docWith(spec: Spec): Doc {
  const doc = createDoc(spec.text, { url: spec.url ?? 'https://one.test/a', published: spec.published ?? '2024-05-06' });
  const event: Event = {
    id: 'e1', plover: spec.plover ?? 'ASSAULT', cameo: '190', quadClass: 4, goldstein: -10,
    actors: spec.actors ?? [person('a gunman')], recipients: spec.recipients ?? [person('a teenager')], negated: false, future: spec.future ?? false,
    hypothetical: false, historical: false, confidence: 0.5, trigger: { start: 0, end: 4, text: spec.text.slice(0, 4) },
    evidence: { sentences: [{ start: 0, end: spec.text.length, index: 0 }] }, pattern: 'test',
  };
  if (spec.place) {
    event.location = { name: spec.place.name, country: spec.place.country ?? 'USA', lat: spec.place.lat, lon: spec.place.lon, from: 'sentence', resolution: spec.place.resolution ?? 'city' };
  }
  if (spec.date) event.date = spec.date;
  if (spec.killed !== undefined) event.casualties = { killed: { min: spec.killed, exact: true, text: String(spec.killed), quantity: 'n1' } };
  doc.layers.events = [event];
  return doc;
}

const mention = (spec: Spec): Mention => mentionOf(docWith(spec), docWith(spec).layers.events![0]!, 0)!;
const DAYTON = { name: 'Dayton', lat: 39.76, lon: -84.19 };
const KETTERING = { name: 'Kettering', lat: 39.69, lon: -84.17 };
const CLEVELAND = { name: 'Cleveland', lat: 41.5, lon: -81.69 };
const TUESDAY = { value: '2024-05-07', granularity: 'day', basis: 'event' } as const;
const shooting = 'A gunman shot a teenager outside a Dayton grocery store on Tuesday night, police said.';
const retold = 'Police said a teenager was shot by a gunman outside a grocery store in Dayton on Tuesday night.';

test('two outlets reporting one shooting match; the verdict gives its score', () => {
  const verdict = judgePair(mention({ text: shooting, place: DAYTON, date: TUESDAY }), mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: TUESDAY }));
  assert.equal(verdict.match, true, verdict.reason);
  assert.ok(verdict.score! >= MATCH_THRESHOLD);
});

test('a neighbouring town within a city radius is no contradiction; a city 300 km away is', () => {
  const here = mention({ text: shooting, place: DAYTON, date: TUESDAY });
  assert.equal(judgePair(here, mention({ text: retold, url: 'https://two.test/b', place: KETTERING, date: TUESDAY })).match, true);
  assert.deepEqual(judgePair(here, mention({ text: retold, url: 'https://two.test/b', place: CLEVELAND, date: TUESDAY })).reason, 'places apart');
});

test('the distance allowed depends on the coarser place: a state contains its cities', () => {
  const ohio = { name: 'Ohio', lat: 40.25, lon: -83.0, resolution: 'admin' as const };
  const here = mention({ text: shooting, place: DAYTON, date: TUESDAY });
  const state = mention({ text: retold, url: 'https://two.test/b', place: ohio, date: TUESDAY });
  assert.equal(judgePair(here, state).match, true);
  const abroad = mention({ text: retold, url: 'https://two.test/b', place: { name: 'Ontario', lat: 45, lon: -80, resolution: 'admin', country: 'CAN' }, date: TUESDAY });
  assert.equal(judgePair(here, abroad).reason, 'country differs');
});

test('a state contains the places of its own subdivision, however far its centre is', () => {
  const texas = { name: 'Texas', lat: 31.25, lon: -99.25, resolution: 'admin' as const };
  const elPaso = { name: 'El Paso', lat: 31.76, lon: -106.49 };
  const inState = (m: Mention, admin1: string): Mention => ({ ...m, place: { ...m.place!, admin1 } });
  const city = inState(mention({ text: shooting, place: elPaso, date: TUESDAY }), 'USA.TX');
  const state = inState(mention({ text: retold, url: 'https://two.test/b', place: texas, date: TUESDAY }), 'USA.TX');
  assert.equal(contradiction(city, state), undefined, 'El Paso is some 690 km from the centre of Texas');
  assert.equal(contradiction(city, inState(state, 'USA.NM')), 'places apart', 'another state that far away');
});

test('surnames both documents name count as agreement between documents, not within one', () => {
  const withPeople = (text: string, names: string[]): Doc => {
    const doc = docWith({ text, url: 'https://one.test/a' });
    doc.layers.actors = names.map((name, i) => ({ id: `a${i + 1}`, name, type: 'PERSON', mentions: [] }));
    return doc;
  };
  const doc = withPeople('x', ['Kevin Barbee', 'Robinson', 'Edward Hollis Jr.', 'Police']);
  assert.deepEqual(documentSurnames(doc), ['barbee', 'hollis'], 'names of one word and suffixes are left out');
  const lead = 'A teenager was shot outside a Dayton grocery store on Tuesday night.';
  const other = 'Relatives gathered on Wednesday to remember the boy, who loved basketball.';
  const first = { ...mention({ text: lead, place: DAYTON, date: TUESDAY }), surnames: ['barbee'] };
  const second = { ...mention({ text: other, url: 'https://two.test/b', place: DAYTON, published: '2024-05-08',
    date: { value: '2024-05-08', granularity: 'day', basis: 'report' },
    actors: [person('relatives')], recipients: [person('the boy')] }), surnames: ['barbee'] };
  assert.equal(judgePair(first, { ...second, surnames: ['jones'] }).reason, 'too little agreement');
  assert.equal(judgePair(first, second).match, true, judgePair(first, second).reason);
  assert.equal(judgePair(first, { ...second, docId: first.docId }).reason, 'too little agreement', 'one document: the same names on both');
});

test('dates: a named day allows a few days either way, a report date the week before it', () => {
  const here = mention({ text: shooting, place: DAYTON, date: TUESDAY });
  const twoDaysOn = mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: { ...TUESDAY, value: '2024-05-09' } });
  assert.equal(judgePair(here, twoDaysOn).match, true);
  const nextMonth = mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: { ...TUESDAY, value: '2024-06-07' } });
  assert.equal(judgePair(here, nextMonth).reason, 'dates apart');
  const reportedLater = mention({ text: retold, url: 'https://two.test/b', place: DAYTON, published: '2024-05-12', date: { value: '2024-05-12', granularity: 'day', basis: 'report' } });
  assert.equal(judgePair(here, reportedLater).match, true, 'published five days later, no date of its own');
  const year = mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: { value: '2024', granularity: 'year', basis: 'event' } });
  assert.equal(judgePair(here, year).reason, 'dates apart', 'a year says too little to join a dated report');
});

test('casualty figures: a rising toll is one event, one killed against four is not', () => {
  const one = mention({ text: shooting, place: DAYTON, date: TUESDAY, killed: 1 });
  assert.equal(judgePair(one, mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: TUESDAY, killed: 2 })).match, true);
  assert.equal(judgePair(one, mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: TUESDAY, killed: 4 })).reason, 'killed figures contradict');
  const four = mention({ text: shooting, place: DAYTON, date: TUESDAY, killed: 4 });
  assert.equal(judgePair(four, mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: TUESDAY, killed: 6 })).match, true);
});

test('type families, parties and plain coincidence keep mentions apart', () => {
  const here = mention({ text: shooting, place: DAYTON, date: TUESDAY });
  assert.equal(judgePair(here, mention({ text: retold, url: 'https://two.test/b', plover: 'PROTEST', place: DAYTON, date: TUESDAY })).reason, 'type family differs');
  const armed = (country: string) => [person('soldiers', country)];
  assert.equal(judgePair(mention({ text: shooting, place: DAYTON, date: TUESDAY, actors: armed('USA') }),
    mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: TUESDAY, actors: armed('CAN') })).reason, 'parties differ');
  assert.equal(judgePair(here, here).reason, 'same mention');
  const unrelated = mention({
    text: 'Two men were wounded in a drive-by on Main Street, witnesses said.', url: 'https://two.test/c', place: DAYTON,
    published: '2024-05-08', date: { value: '2024-05-08', granularity: 'day', basis: 'report' },
    actors: [person('someone in a passing car')], recipients: [person('two men')],
  });
  assert.equal(judgePair(here, unrelated).reason, 'too little agreement');
});

test('families group older PLOVER names with the current type; other types are their own family', () => {
  assert.equal(typeFamily('DEMAND'), typeFamily('REQUEST'));
  assert.equal(typeFamily('disapprove'), 'ACCUSE');
  assert.notEqual(typeFamily('THREATEN'), typeFamily('ASSAULT'));
});

test('mentions: hosts through web archives, content words, buckets, and no mention of a future event', () => {
  assert.equal(sourceHost('http://web.archive.org/web/20141108120159/http://www.wkrn.com:80/story/1'), 'wkrn.com');
  assert.equal(sourceHost('https://www.example.org/a'), 'example.org');
  assert.equal(sourceHost('not a url'), undefined);
  assert.deepEqual(contentWords('The gunman shot the gunman, police said.'), ['gunman', 'shot']);
  assert.equal(wordSimilarity(['a', 'b'], ['a', 'b']), 1);
  const here = mention({ text: shooting, place: DAYTON, date: TUESDAY });
  const buckets = candidateBuckets(here);
  assert.ok(buckets.from < bucketOf(here) && bucketOf(here) <= buckets.to);
  assert.equal(mentionsOf(docWith({ text: 'A gunman will strike again, police fear.', future: true })).length, 0);
  const repeated = docWith({ text: shooting });
  repeated.layers.events = [repeated.layers.events![0]!, { ...repeated.layers.events![0]! }];
  assert.deepEqual(mentionsOf(repeated).map((m) => m.seq), [0], 'a repeated event id is one mention');
  const undated = mentionOf(createDoc('Shots were fired.'), { ...docWith({ text: 'Shots were fired.' }).layers.events![0]! }, 0)!;
  assert.equal(undated.day, undefined);
  assert.deepEqual(candidateBuckets(undated), { from: bucketOf(undated), to: bucketOf(undated) });
});

test('a story summary: syndicated copies are one source, each source keeps its largest figure', () => {
  const a = mention({ text: shooting, url: 'https://one.test/a', place: DAYTON, date: TUESDAY, killed: 1 });
  const copy = mention({ text: shooting, url: 'https://three.test/copy', place: DAYTON, date: TUESDAY, killed: 1 });
  const b = mention({ text: retold, url: 'https://two.test/b', place: KETTERING, date: { ...TUESDAY, basis: 'report' }, killed: 2 });
  const sources = sourcesOf([a, copy, b]);
  assert.equal(sources.get(a.docId), sources.get(copy.docId));
  assert.notEqual(sources.get(a.docId), sources.get(b.docId));
  const story = summariseStory([b, copy, a]);
  assert.deepEqual(summariseStory([a, b, copy]), story, 'the order of the mentions changes nothing');
  assert.equal(story.sources, 2);
  assert.equal(story.documents, 3);
  assert.equal(story.place?.name, 'Dayton', 'the place most mentions name');
  assert.equal(story.place?.evidence.support, 2);
  assert.equal(story.date?.basis, 'event', 'a date the text gives wins over the report date');
  assert.deepEqual([story.casualties.killed?.low, story.casualties.killed?.best, story.casualties.killed?.high], [1, 1, 2], 'a tie: the lower killed');
  assert.equal(story.confidence, 0.75, 'two independent sources of 0.5 each');
  assert.throws(() => summariseStory([]), /at least one mention/);
});

test('stories of a component: two events of one document that do not match stay in two stories', () => {
  const inDoc = (m: Mention, docId: string, id: string): Mention => ({ ...m, docId, key: `${docId}:${id}` });
  const one = inDoc(mention({ text: shooting, place: DAYTON, date: TUESDAY, killed: 1 }), 'x', 'e1');
  const five = inDoc(mention({ text: `${shooting} Five died.`, place: DAYTON, date: TUESDAY, killed: 5 }), 'x', 'e2');
  const other = inDoc(mention({ text: retold, url: 'https://two.test/b', place: DAYTON, date: TUESDAY }), 'y', 'e1');
  assert.equal(judgePair(one, five).match, false);
  assert.equal(judgePair(one, other).match && judgePair(five, other).match, true, 'the other report matches both');
  const stories = clusterComponent([other, five, one]);
  assert.equal(stories.length, 2);
  assert.deepEqual(clusterComponent([one, other, five]), stories, 'the order of the mentions changes nothing');
  assert.ok(stories.every((story) => new Set(story.map((m) => m.docId)).size === story.length));
  const twin = inDoc(mention({ text: retold, place: DAYTON, date: TUESDAY, killed: 1 }), 'x', 'e3');
  assert.equal(clusterComponent([one, twin]).length, 1, 'two events of one document that match each other are one story');
});

test('two mentions of one document that nothing contradicts are one event unless they name other actors and other targets', () => {
  const inDoc = (m: Mention, id: string): Mention => ({ ...m, docId: 'x', key: `x:${id}` });
  const lead = inDoc(mention({ text: shooting, place: DAYTON, date: TUESDAY }), 'e1');
  // A sentence naming no place is placed in its document's country.
  const victim = inDoc({ ...mention({ text: 'The teenager, a junior at a local high school, died at the hospital, relatives said.',
    published: '2024-05-08', actors: [person('relatives')], recipients: [person('a teenager')] }), country: 'USA' }, 'e2');
  assert.equal(judgePair(lead, victim).reason, 'one document', 'the victim named lower down is the lead\'s victim');
  assert.equal(judgePair({ ...victim, docId: 'y', key: 'y:e2' }, lead).reason, 'too little agreement', 'between documents the words must agree');
  const police = inDoc({ ...mention({ text: 'Officers later shot the suspect near a gas station.', published: '2024-05-08',
    actors: [person('officers')], recipients: [person('the suspect')] }), country: 'USA' }, 'e3');
  assert.equal(judgePair(lead, police).reason, 'too little agreement', 'other actors and other targets: another act');
  const lastWeek = inDoc(mention({ text: 'Another teenager was shot in the same block last week.', place: DAYTON,
    date: { value: '2024-04-28', granularity: 'day', basis: 'event' } }), 'e4');
  assert.equal(judgePair(lead, lastWeek).reason, 'dates apart', 'an earlier shooting the article recalls');
});

test('a figure naming one of a document\'s victims is part of its toll, not a count of its own', () => {
  const withEvents = (...specs: Spec[]): Doc => {
    const doc = docWith(specs[0]!);
    doc.layers.events = specs.map((spec, i) => ({ ...docWith(spec).layers.events![0]!, id: `e${i + 1}` }));
    return doc;
  };
  const toll = { text: shooting, place: DAYTON, date: TUESDAY, killed: 3 };
  const mother = { text: 'His mother was killed in the kitchen.', place: DAYTON, date: TUESDAY, killed: 1 };
  const lastYear = { text: 'A shooting on the same street last year killed one man.', place: DAYTON,
    date: { value: '2023-05-02', granularity: 'day', basis: 'event' } as const, killed: 1 };
  const doc = withEvents(toll, mother, lastYear);
  const [lead, part, recalled] = mentionsOf(doc);
  assert.equal(lead!.killed?.min, 3);
  assert.equal(part!.killed, undefined, 'the mother is one of the three');
  assert.equal(recalled!.killed?.min, 1, 'an earlier shooting the article recalls keeps its own toll');
  assert.deepEqual(mentionOf(doc, doc.layers.events![1]!, 1), part, 'one event\'s mention is the one mentionsOf gives');
  assert.deepEqual(mentionsOf(withEvents(mother, toll, lastYear)).map((m) => m.killed?.min), [undefined, 3, 1], 'whatever the order');
  assert.equal(judgePair(lead!, part!).match, true);
});

test('the contradiction rules read only the gate: a pair they rule out from the gate alone is one judgePair rules out', () => {
  const gate = (m: Mention): MatchGate => {
    const kept: MatchGate = { parties: m.parties };
    if (m.day) kept.day = m.day;
    if (m.place) kept.place = m.place;
    if (m.killed) kept.killed = m.killed;
    if (m.injured) kept.injured = m.injured;
    return kept;
  };
  const base = mention({ text: shooting, place: DAYTON, date: TUESDAY, killed: 1 });
  const others = [
    mention({ text: retold, place: DAYTON, date: TUESDAY, killed: 1 }),
    mention({ text: retold, place: CLEVELAND, date: TUESDAY }),
    mention({ text: retold, place: KETTERING, date: { ...TUESDAY, value: '2024-05-27' } }),
    mention({ text: retold, place: DAYTON, date: TUESDAY, killed: 5 }),
  ];
  const reasons = others.map((other) => contradiction(gate(base), gate(other)));
  assert.deepEqual(reasons, [undefined, 'places apart', 'dates apart', 'killed figures contradict']);
  others.forEach((other, i) => {
    if (reasons[i] !== undefined) assert.deepEqual(judgePair(base, other), { match: false, reason: reasons[i] });
  });
  assert.equal(judgePair(base, others[0]!).match, true);
});

test('a follow-up months later whose sentence dates nothing matches the report of the incident when they name three people', () => {
  const people = ['dalca', 'marek', 'sorin'];
  const original = { ...mention({ text: shooting, place: DAYTON, date: TUESDAY }), surnames: [...people, 'kolar'] };
  const trialText = 'A gunman went on trial over the shooting of a teenager outside a Dayton grocery store.';
  const trial = (published: string, surnames: string[], date?: Event['date']) =>
    ({ ...mention({ text: trialText, url: 'https://two.test/b', published, place: DAYTON, ...(date ? { date } : {}) }), surnames });
  const months = trial('2024-12-02', people);
  assert.equal(judgePair(original, months).match, true, judgePair(original, months).reason);
  assert.deepEqual(judgePair(months, original), judgePair(original, months), 'the rule is symmetric');
  assert.equal(judgePair(original, trial('2024-12-02', people.slice(0, 2))).reason, 'dates apart', 'two shared names are not enough');
  assert.equal(judgePair(original, trial('2027-01-04', people)).reason, 'dates apart', 'past FOLLOW_UP_DAYS');
  const ownDate = { value: '2024-12-01', granularity: 'day', basis: 'event' } as const;
  assert.equal(judgePair(original, trial('2024-12-02', people, ownDate)).reason, 'dates apart', 'a sentence that dates its event is no follow-up');
  assert.equal(judgePair(original, trial('2024-01-02', people)).reason, 'dates apart', 'a report before the incident follows up nothing');
  const elsewhere = { ...months, place: { ...months.place!, name: 'Cleveland', lat: CLEVELAND.lat, lon: CLEVELAND.lon } };
  assert.equal(judgePair(original, elsewhere).reason, 'places apart', 'places must still not contradict');
});

test('the follow-up look-ups cover the rule: a mention is filed by surname and looks both ways', () => {
  const people = ['dalca', 'marek', 'sorin'];
  const original = { ...mention({ text: shooting, place: DAYTON, date: TUESDAY }), surnames: people };
  const trial = { ...mention({ text: retold, url: 'https://two.test/b', published: '2024-12-02', place: DAYTON }), surnames: people };
  const originalFiling = followUpFiling(original)!;
  const trialFiling = followUpFiling(trial)!;
  assert.equal(originalFiling.followUpEnd, undefined, 'a report that dates its event follows up nothing');
  assert.equal(trialFiling.followUpEnd, trial.day!.end);
  // The trial stored first: the original finds it among the possible follow-ups; stored second, it finds the original.
  const asEarlier = followUpLookups(original)!;
  assert.equal(asEarlier.earlier, undefined);
  assert.ok(trialFiling.followUpEnd! >= asEarlier.later.from && trialFiling.followUpEnd! <= asEarlier.later.to);
  const asLater = followUpLookups(trial)!;
  assert.ok(originalFiling.dayStart >= asLater.earlier!.from && originalFiling.dayStart <= asLater.earlier!.to);
  assert.equal(followUpFiling({ ...trial, country: '-' }), undefined, 'no country, no follow-up');
  assert.equal(followUpFiling({ ...trial, surnames: [] }), undefined);
  assert.equal(trial.day!.end - asLater.earlier!.from, FOLLOW_UP_DAYS);
});
