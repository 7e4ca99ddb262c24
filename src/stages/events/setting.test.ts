import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../../doc/doc.js';
import type { Place } from '../../doc/types.js';
import { createEngine } from '../../engine/engine.js';
import { documentSetting } from './setting.js';

function docWith(text: string, names: Array<[string, Place['resolution'], string?]>) {
  const places: Place[] = names.map(([name, resolution, government], i) => {
    const start = text.indexOf(name, i === 0 ? 0 : text.indexOf(names[i - 1]![0]) + 1);
    return {
      id: `p${i + 1}`, entity: `e${i + 1}`, name, placeId: `place:${name.toLowerCase()}`, lat: 1, lon: 2, resolution, confidence: 0.9, start, end: start + name.length,
      ...(government ? { government } : {}),
    };
  });
  return createDoc(text, {}, { places });
}

test('the setting is the dateline place, else the city named most often, else the only one', () => {
  assert.equal(documentSetting(docWith('Dayton, Ohio: a man was shot near Springfield.', [['Dayton', 'city'], ['Springfield', 'city']]))?.name, 'Dayton');
  assert.equal(documentSetting(docWith('A man from Xenia was shot in Dayton. Dayton police said.', [['Xenia', 'city'], ['Dayton', 'city'], ['Dayton', 'city']]))?.name, 'Dayton');
  assert.equal(documentSetting(docWith('A man was shot in Dayton.', [['Dayton', 'city']]))?.from, 'document');
});

test('a dateline after a headline or a time stamp is the setting, however often other towns are named', () => {
  const text = 'Man shot in Xenia bar\nDAYTON, Ohio (AP) — A man from Xenia was shot. Xenia police said.';
  assert.equal(documentSetting(docWith(text, [['Xenia', 'city'], ['DAYTON', 'city'], ['Xenia', 'city'], ['Xenia', 'city']]))?.name, 'DAYTON');
});

test('no setting from a tie, a country, a government or a place where something was only said', () => {
  assert.equal(documentSetting(docWith('Men from Xenia and Dayton were shot.', [['Xenia', 'city'], ['Dayton', 'city']])), undefined);
  assert.equal(documentSetting(docWith('A man was shot in Kenya.', [['Kenya', 'country']])), undefined);
  assert.equal(documentSetting(docWith('So Washington said.', [['Washington', 'city', 'USA']])), undefined);
  assert.equal(documentSetting(docWith('A man was shot, the envoy said in Lima.', [['Lima', 'city']]), new Set(['p1'])), undefined);
});

test('a shooting whose sentence names no place happens where the story is set', () => {
  const doc = createEngine().extract({ content: 'Police in Dayton said two men were arrested. A man was shot dead outside a bar on Friday.', published: '2017-03-06' });
  const shooting = doc.layers.events!.find((e) => e.plover === 'ASSAULT');
  assert.deepEqual([shooting?.location?.name, shooting?.location?.from], ['Dayton', 'document']);
});
