import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Quantity } from '../../doc/types.js';
import { ingest } from '../../ingest/index.js';
import { defaultPipeline } from '../../pipeline/default.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { checkQuantityLexicon, getQuantityLexicon } from './lexicon.js';
import { parseNumberWords } from './numbers.js';
import { findQuantities } from './quantities.js';

function quantities(text: string): Quantity[] {
  const doc = makeDoc(text, [splitSentences(), findQuantities()]);
  assert.deepEqual(doc.messages, []);
  return doc.layers.quantities ?? [];
}

function brief(text: string): string[] {
  const doc = makeDoc(text, [splitSentences(), findQuantities()]);
  return (doc.layers.quantities ?? []).map((q) => `${q.text}|${q.category}|${q.min}|${q.max ?? ''}|${q.qualifier ?? ''}|${q.exact}|${doc.text.slice(q.cue!.start, q.cue!.end)}`);
}

/** The figures kept and the messages left, for sentences with figures that cannot be head counts. */
function checked(text: string): { kept: string[]; messages: string[] } {
  const doc = makeDoc(text, [splitSentences(), findQuantities()]);
  return {
    kept: (doc.layers.quantities ?? []).map((q) => `${q.text}|${q.min}|${q.max ?? ''}`),
    messages: doc.messages.map((m) => `${m.stage}|${m.ruleId}|${m.severity}|${doc.text.slice(m.span!.start, m.span!.end)}|${m.reason}`),
  };
}

test('the lexicon files are valid and load once', () => {
  assert.deepEqual(checkQuantityLexicon(), []);
  assert.equal(getQuantityLexicon(), getQuantityLexicon());
});

test('number words, digits with separators and scales', () => {
  assert.equal(parseNumberWords('twenty-five'), 25);
  assert.equal(parseNumberWords('two hundred'), 200);
  assert.equal(parseNumberWords('two hundred and fifty'), 250);
  assert.equal(parseNumberWords('a dozen'), 12);
  assert.equal(parseNumberWords('three thousand four hundred'), 3400);
  assert.equal(parseNumberWords('banana'), undefined);
  assert.deepEqual(brief('Rebels killed 1,200 villagers.'), ['1,200|killed|1200|1200||true|killed']);
  assert.deepEqual(brief('The floods displaced 3.5 million people.'), ['3.5 million|displaced|3500000|3500000||true|displaced']);
  assert.deepEqual(brief('Twenty-five soldiers were killed.'), ['Twenty-five|killed|25|25||true|killed']);
  assert.deepEqual(brief('Two hundred protesters were detained.'), ['Two hundred|arrested|200|200||true|detained']);
  assert.deepEqual(brief('A dozen fishermen are missing.'), ['A dozen|missing|12|12||true|missing']);
});

test('vague amounts count by the least they can mean', () => {
  assert.deepEqual(brief('Hundreds were killed in the raids.'), ['Hundreds|killed|100||vague|false|killed']);
  assert.deepEqual(brief('Thousands were displaced by the shelling.'), ['Thousands|displaced|1000||vague|false|displaced']);
  assert.deepEqual(brief('Dozens were wounded.'), ['Dozens|injured|24||vague|false|wounded']);
  assert.deepEqual(brief('Scores were arrested.'), ['Scores|arrested|40||vague|false|arrested']);
  assert.deepEqual(brief('Tens of thousands fled the town.'), ['Tens of thousands|displaced|10000||vague|false|fled']);
  assert.deepEqual(brief('Hundreds of thousands fled the region.'), ['Hundreds of thousands|displaced|100000||vague|false|fled']);
  assert.deepEqual(brief('Millions were displaced.'), ['Millions|displaced|1000000||vague|false|displaced']);
});

test('hedges become bounds', () => {
  assert.deepEqual(brief('At least 156 people were killed.'), ['At least 156|killed|156||at least|false|killed']);
  assert.deepEqual(brief('More than 40 were wounded.'), ['More than 40|injured|40||more than|false|wounded']);
  assert.deepEqual(brief('Over 300 were arrested.'), ['Over 300|arrested|300||more than|false|arrested']);
  assert.deepEqual(brief('Nearly 200 people were killed.'), ['Nearly 200|killed|180|200|at most|false|killed']);
  assert.deepEqual(brief('Almost 50 villagers died.'), ['Almost 50|killed|45|50|at most|false|died']);
  assert.deepEqual(brief('About 30 people were hurt.'), ['About 30|injured|30|30|about|false|hurt']);
  assert.deepEqual(brief('Some 20 soldiers are missing.'), ['Some 20|missing|20|20|about|false|missing']);
  assert.deepEqual(brief('An estimated 5,000 were displaced.'), ['An estimated 5,000|displaced|5000|5000|about|false|displaced']);
  assert.deepEqual(brief('Up to 60 people were detained.'), ['Up to 60|arrested|0|60|up to|false|detained']);
  assert.deepEqual(brief('Roughly 70 were abducted.'), ['Roughly 70|kidnapped|70|70|about|false|abducted']);
  assert.deepEqual(brief('Around 15 were killed.'), ['Around 15|killed|15|15|about|false|killed']);
});

test('each cue takes its own figure, before or after it', () => {
  assert.deepEqual(brief('The strike killed 12 and wounded 30.'), ['12|killed|12|12||true|killed', '30|injured|30|30||true|wounded']);
  assert.deepEqual(brief('The shelling went on for weeks, killing hundreds and displacing thousands more.'), [
    'hundreds|killed|100||vague|false|killing', 'thousands|displaced|1000||vague|false|displacing',
  ]);
  assert.deepEqual(brief('Officials said 12 were killed and 30 wounded.'), ['12|killed|12|12||true|killed', '30|injured|30|30||true|wounded']);
  assert.deepEqual(brief('Medics counted 12 dead.'), ['12|killed|12|12||true|dead']);
  assert.deepEqual(brief('The death toll rose to 45.'), ['45|killed|45|45||true|death toll']);
  assert.deepEqual(brief('The explosion left 7 people dead.'), ['7|killed|7|7||true|dead']);
  assert.deepEqual(brief('There were 9 civilians among the dead.'), ['9|killed|9|9||true|dead']);
  assert.deepEqual(brief('Gunmen abducted 40 pupils and took 3 teachers hostage.'), ['40|kidnapped|40|40||true|abducted', '3|kidnapped|3|3||true|hostage']);
  assert.deepEqual(brief('Police rounded up 85 demonstrators.'), ['85|arrested|85|85||true|rounded up']);
});

test('one person named by a noun counts 1', () => {
  assert.deepEqual(brief('Officers said a 17-year-old boy had been shot and killed.'), [
    'a 17-year-old boy|killed|1|1||true|killed', 'a 17-year-old boy|other|1|1||true|shot',
  ]);
});

test('casualties (killed or injured, unspecified) are kept as other', () => {
  assert.deepEqual(brief('The army reported 25 casualties.'), ['25|other|25|25||true|casualties']);
});

test('a number with no cue, or a number that is not a head count, is not a quantity', () => {
  assert.deepEqual(quantities('In 1994 the council met 12 times and spent $3 million.'), []);
  assert.deepEqual(quantities('Turnout was 64 percent in the 2019 vote.'), []);
  assert.deepEqual(quantities('A 45-year-old man spoke at 5:30 for two hours.'), []);
  assert.deepEqual(brief('In 2014 police arrested 30 people.'), ['30|arrested|30|30||true|arrested']);
  assert.deepEqual(brief('They were killed 5 hours later.'), []);
});

test('the cue span is the cue word and the quantity span the figure', () => {
  const text = 'Troops killed at least 8 rebels.';
  const [quantity] = quantities(text);
  assert.ok(quantity);
  assert.equal(text.slice(quantity.start, quantity.end), 'at least 8');
  assert.equal(text.slice(quantity.cue!.start, quantity.cue!.end), 'killed');
});

test('odd input does not crash', () => {
  assert.deepEqual(quantities(''), []);
  assert.deepEqual(quantities('killed killed 1,,2 — ☃ 𝟘 dead'), quantities('killed killed 1,,2 — ☃ 𝟘 dead'));
  assert.deepEqual(checked('9'.repeat(400) + ' people were killed.').kept, []);
});

test('figures have ids of their own (n1, n2 …), distinct from quote ids', () => {
  const doc = makeDoc('The strike killed 12 and wounded 30.', [splitSentences(), findQuantities()]);
  assert.deepEqual(doc.layers.quantities!.map((q) => q.id), ['n1', 'n2']);
});

test('figures past any recorded event, or past 2^53, are dropped with a message, never stored imprecisely', () => {
  assert.deepEqual(checked('Officials said 1e21 people were killed.'), {
    kept: [],
    messages: ['quantities|implausible-figure|warning|1e21|figure "1e21" (killed) is more than any recorded event (at most 100,000,000); dropped'],
  });
  assert.equal(checked('The blast killed 1e308 people.').messages.length, 1);
  assert.equal(checked('In all 9007199254740993 people were detained.').messages.length, 1);
  assert.equal(checked('Rebels killed 1000000000000000000000 villagers.').messages.length, 1);
  assert.equal(checked(`${'9'.repeat(400)} people were killed.`).messages.length, 1);
  assert.equal(checked('Billions were killed in the war, the leaflet claimed.').messages.length, 1);
  // Large but believable figures stay, each a safe integer.
  assert.deepEqual(checked('The war killed 70 million people and displaced 120 million more.').kept, ['70 million|70000000|70000000', '120 million|120000000|120000000']);
});

test('a fraction of a person is not rounded up to a head count', () => {
  assert.deepEqual(checked('0.5 people were killed on average each day.'), {
    kept: [], messages: ['quantities|implausible-figure|warning|0.5|figure "0.5" is not a whole number of people; dropped'],
  });
  assert.deepEqual(checked('Police arrested 2.5 protesters per village.').kept, []);
  // A scaled figure is a rounded count, so its fraction is fine.
  assert.deepEqual(brief('The floods displaced 1.25 million people.'), ['1.25 million|displaced|1250000|1250000||true|displaced']);
});

test('ranges keep both ends, lower first, whatever order they are written in', () => {
  assert.deepEqual(brief('Between 5 and 3 people were killed.'), ['Between 5 and 3|killed|3|5||false|killed']);
  assert.deepEqual(brief('Between 50 and 60 people were killed.'), ['Between 50 and 60|killed|50|60||false|killed']);
  assert.deepEqual(brief('Rebels killed 12 to 15 villagers.'), ['12 to 15|killed|12|15||false|killed']);
  assert.deepEqual(brief('20-30 people were wounded.'), ['20-30|injured|20|30||false|wounded']);
  assert.deepEqual(brief('Police detained 30–20 people.'), ['30–20|arrested|20|30||false|detained']);
  assert.deepEqual(brief('Five or six soldiers are missing.'), ['Five or six|missing|5|6||false|missing']);
  assert.deepEqual(brief('Some 20 to 30 people were killed.'), ['Some 20 to 30|killed|20|30|about|false|killed']);
  assert.deepEqual(brief('Between 3 and 4 million people were displaced.'), ['Between 3 and 4 million|displaced|3000000|4000000||false|displaced']);
  // Not ranges: a change from one figure to another, a span of years, "between" two places.
  const change = brief('The death toll rose from 30 to 45.');
  assert.ok(change.length > 0 && change.every((q) => !q.startsWith('30 to 45')), change.join());
  assert.deepEqual(brief('Fighting between 5 villages left 7 dead.'), ['7|killed|7|7||true|dead']);
  assert.deepEqual(quantities('Records of the 1994-2001 killings were lost.'), []);
});

test('property: every figure kept is a safe integer within the cap, with min <= max', () => {
  const doc = makeDoc([
    'Between 900 and 80 were killed.', 'Up to 1e9 were displaced.', 'About 99999999999 were arrested.',
    'Nearly 2.5 million fled.', 'Five or four were abducted.', 'At least 10 to 5 were wounded.', '3 to 2 billion were killed.',
  ].join(' '), [splitSentences(), findQuantities()]);
  for (const q of doc.layers.quantities ?? []) {
    assert.ok(Number.isSafeInteger(q.min), q.text);
    if (q.max !== undefined) {
      assert.ok(Number.isSafeInteger(q.max) && q.min <= q.max && q.max <= 1_000_000_000, q.text);
    }
  }
  assert.ok((doc.layers.quantities ?? []).length >= 4);
});

test('the events stage gets range figures as bounds and never a dropped figure', () => {
  const pipeline = defaultPipeline();
  const code = (text: string) => pipeline.run(ingest({ content: text, published: '2022-03-01' }));
  const ranged = code('Russian forces shelled the town of Kharkiv on Tuesday, killing between 15 and 12 civilians, officials said.');
  assert.deepEqual(ranged.layers.events?.map((event) => event.casualties?.killed && [event.casualties.killed.min, event.casualties.killed.max]), [[12, 15]]);
  const absurd = code('Russian forces shelled the town of Kharkiv on Tuesday, killing 1e21 civilians, officials said.');
  assert.ok((absurd.layers.events ?? []).length > 0);
  assert.ok(absurd.layers.events!.every((event) => event.casualties?.killed === undefined));
  assert.deepEqual(absurd.messages.filter((m) => m.stage === 'quantities').map((m) => m.ruleId), ['implausible-figure']);
});

test('ages in a list and house numbers are not head counts', () => {
  const figures = (text: string) => quantities(text).filter((q) => q.category === 'killed' || q.category === 'injured').map((q) => `${q.category}:${q.min}`);
  assert.deepEqual(figures('Three other men, ages 25, 26 and 33, were injured.'), ['injured:3']);
  assert.deepEqual(figures('Two men were wounded. Those injured were 28 and 31 years old.'), ['injured:2']);
  assert.deepEqual(figures('Police want to talk to him about the four people killed at 7050 Old State Road on July 15.'), ['killed:4']);
  assert.deepEqual(figures('Five people were wounded at 1080 South Hoagland Blvd. on Friday.'), ['injured:5']);
  assert.deepEqual(figures('At least 12 people were injured on Main Street.'), ['injured:12'], 'a count before a street is still a count');
});
