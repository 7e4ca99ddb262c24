import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toInputOffset } from '../doc/offsets.js';
import { bodyLeadsWith, headlineOf } from './headline.js';
import { ingest } from './ingest.js';

test('headline: a site or section name after a separator is dropped', () => {
  assert.equal(headlineOf('Two men wounded in market shooting - Riverside Courier'), 'Two men wounded in market shooting');
  assert.equal(headlineOf('Boy dies after accidental shooting | Metro | The Daily Lantern'), 'Boy dies after accidental shooting');
  assert.equal(headlineOf('Clashes near the border: army says three soldiers were killed'), 'Clashes near the border: army says three soldiers were killed');
});

test('headline: too short, or Title Case (every word would look like a name), is not coded', () => {
  assert.equal(headlineOf('Breaking news'), undefined);
  assert.equal(headlineOf('Police Say Teen Shot Outside Corner Store Died Overnight'), undefined);
  assert.equal(headlineOf(undefined), undefined);
});

test('headline: a body that already opens with it is not given it twice', () => {
  assert.ok(bodyLeadsWith('Two men wounded in market shooting\nTwo men were wounded on Friday.', 'Two men wounded in market shooting'));
  assert.ok(!bodyLeadsWith('Two men were wounded on Friday.', 'Two men wounded in market shooting'));
});

test('ingest puts the title first, and offsets in the headline have no place in the input', () => {
  const body = 'Police said the  woman was found on Sunday.';
  const doc = ingest({ content: body, kind: 'text', title: 'Woman found shot dead in her car - The Valley Post' }, { language: 'eng' });
  assert.equal(doc.text, 'Woman found shot dead in her car\nPolice said the woman was found on Sunday.');
  assert.equal(doc.source.headlineEnd, 'Woman found shot dead in her car'.length);
  assert.equal(doc.layers.paragraphs?.length, 2);
  assert.equal(toInputOffset(doc, 3), undefined);
  const woman = doc.text.indexOf('woman was');
  const start = toInputOffset(doc, woman)!;
  assert.equal(body.slice(start, start + 5), 'woman');
  assert.ok(doc.messages.some((m) => m.ruleId === 'headline'));
});

test('ingest leaves the text alone without a title, or with headline: false', () => {
  const body = 'Police said the woman was found on Sunday.';
  assert.equal(ingest({ content: body, kind: 'text' }, { language: 'eng' }).text, body);
  assert.equal(ingest({ content: body, kind: 'text', title: 'Woman found shot dead in her car' }, { language: 'eng', headline: false }).text, body);
});
