import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Token } from '../../doc/types.js';
import { gazetteerNames } from '../../models/ner/lexicon.js';
import type { NerSpan } from '../../models/ner/tagger.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { getEntityCues } from './cues.js';
import { mergeNames } from './named.js';
import { isShouting, lowerText } from './text.js';
import type { Scan } from './typing.js';

/** The scan of a one-sentence text, its gazetteer names, and a span maker by the words' text. */
function sentence(text: string) {
  const doc = makeDoc(text, [splitSentences()]);
  const tokens: Token[] = doc.layers.tokens!;
  const scan: Scan = { text, lower: lowerText(text), tokens, cues: getEntityCues(), shouting: isShouting(text, 0, text.length), lowercase: false, sentenceEnd: tokens.length };
  const names = gazetteerNames(text, scan.lower, tokens, 0, tokens.length);
  const at = (words: string): [number, number] => {
    const start = text.indexOf(words);
    const first = tokens.findIndex((token) => token.start === start);
    const last = tokens.findIndex((token) => token.end === start + words.length);
    assert.ok(first >= 0 && last >= first, `no tokens for ${words}`);
    return [first, last];
  };
  const span = (words: string, type: NerSpan['type']): NerSpan => {
    const [first, last] = at(words);
    return { first, last, type, confidence: 0.7 };
  };
  const merged = (spans: NerSpan[]) => mergeNames(scan, spans, names).map((m) => [text.slice(tokens[m.first]!.start, tokens[m.last]!.end), m.type, m.kb?.id ?? null, m.source]);
  return { span, merged };
}

test('a gazetteer name equal to a model span links it and gives its fine type', () => {
  const { span, merged } = sentence('Troops from Armenia crossed the border.');
  assert.deepEqual(merged([span('Armenia', 'LOC')]), [['Armenia', 'COUNTRY', 'country:ARM', 'gazetteer']]);
  // The knowledge base's type wins on the name it lists, whatever the model's coarse type.
  assert.deepEqual(merged([span('Armenia', 'ORG')]), [['Armenia', 'COUNTRY', 'country:ARM', 'gazetteer']]);
});

test('a model span covering a name keeps its extent; it takes the link only when the coarse types agree', () => {
  const ministry = sentence('The Armenian Defence Ministry said so.');
  assert.deepEqual(ministry.merged([ministry.span('Armenian Defence Ministry', 'ORG')]), [['Armenian Defence Ministry', 'ORG', null, 'model']]);
  const western = sentence('He flew to Western Armenia today.');
  assert.deepEqual(western.merged([western.span('Western Armenia', 'LOC')]), [['Western Armenia', 'COUNTRY', 'country:ARM', 'model']]);
});

test('a gazetteer name covering a model span is the mention', () => {
  const { span, merged } = sentence('Fighting resumed in Nagorno-Karabakh on Sunday.');
  assert.deepEqual(merged([span('Karabakh', 'LOC')]), [['Nagorno-Karabakh', 'REGION', 'region:nagorno-karabakh', 'gazetteer']]);
});

test('names the model leaves out are kept, spans of non-names dropped, unknown spans typed by the model', () => {
  const { span, merged } = sentence('On Monday Kessler met envoys from Turkey in Varnholm.');
  assert.deepEqual(merged([span('Monday', 'MISC'), span('Kessler', 'PER'), span('Varnholm', 'LOC')]), [
    ['Kessler', 'PERSON', null, 'model'], ['Turkey', 'COUNTRY', 'country:TUR', 'gazetteer'], ['Varnholm', 'PLACE', null, 'model'],
  ]);
});

test('a known person named by the model links to the knowledge base', () => {
  const { span, merged } = sentence('Later Pashinyan left the hall.');
  assert.deepEqual(merged([span('Pashinyan', 'PER')]), [['Pashinyan', 'PERSON', 'person:nikol-pashinyan', 'model']]);
});

test('in an all-caps headline an acronym is a name only where the model finds one', () => {
  const headline = sentence('US WARNS IRAN OVER TALKS');
  assert.deepEqual(headline.merged([]), [['IRAN', 'COUNTRY', 'country:IRN', 'gazetteer']]);
  assert.deepEqual(headline.merged([headline.span('US', 'LOC')]), [['US', 'COUNTRY', 'country:USA', 'gazetteer'], ['IRAN', 'COUNTRY', 'country:IRN', 'gazetteer']]);
});

test('spans the model split at a lower-case name particle are one person; another word between joins nothing', () => {
  const bin = sentence('A statement from Osama bin Laden was read.');
  assert.deepEqual(bin.merged([bin.span('Osama', 'LOC'), bin.span('Laden', 'PER')]), [['Osama bin Laden', 'PERSON', null, 'model']]);
  const and = sentence('Maria and Tomas met.');
  assert.equal(and.merged([and.span('Maria', 'PER'), and.span('Tomas', 'PER')]).length, 2, '"and" is no particle');
});
