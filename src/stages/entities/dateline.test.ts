import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDateline } from './dateline.js';

const anyName = () => true;
const placeOf = (text: string, isPlace: (name: string) => boolean = anyName) => {
  const found = findDateline(text, isPlace);
  return found && { place: text.slice(found.start, found.end), container: found.container && text.slice(found.container.start, found.container.end) };
};

test('datelines with a state or country, an agency, a date or none, and each kind of dash', () => {
  assert.deepEqual(placeOf('LAS VEGAS (AP) — Two men were shot.'), { place: 'LAS VEGAS', container: undefined });
  assert.deepEqual(placeOf('DORCHESTER, Mass. — A man was shot.'), { place: 'DORCHESTER', container: 'Mass.' });
  assert.deepEqual(placeOf('KYIV, Ukraine (Reuters) - Missiles struck.'), { place: 'KYIV', container: 'Ukraine' });
  assert.deepEqual(placeOf('ST. LOUIS, Mo. (KMOV.com) – A shooting.'), { place: 'ST. LOUIS', container: 'Mo.' });
  assert.deepEqual(placeOf('GENEVA, March 3 - Talks resumed.'), { place: 'GENEVA', container: undefined });
  assert.deepEqual(placeOf('AMARILLO, TEXAS -- Four people were hurt.'), { place: 'AMARILLO', container: 'TEXAS' });
  assert.deepEqual(placeOf('CHATTANOOGA, Tennessee(WDEF) - Detectives said.'), { place: 'CHATTANOOGA', container: 'Tennessee' });
  assert.deepEqual(placeOf('STOCKTON, Calif.—Stockton police said.'), { place: 'STOCKTON', container: 'Calif.' });
  assert.deepEqual(placeOf('MIAMI-DADE COUNTY, Fla. -\n\nA boy was shot.'), { place: 'MIAMI-DADE COUNTY', container: 'Fla.' });
});

test('a dateline after a headline or page furniture is found on its own line', () => {
  assert.deepEqual(placeOf('Teen shot dead in park\nMarch 1, 2014 5:40 PM\nPITTSBURGH (KDKA) – Police said.'), { place: 'PITTSBURGH', container: undefined });
});

test('capitals that are no place, labels with a colon and words in running text are no dateline', () => {
  const onlyCities = (name: string) => name === 'DETROIT';
  assert.equal(placeOf('UPDATE - police say a man was shot.', onlyCities), undefined);
  assert.equal(placeOf('CORRECTION: an earlier version misnamed the street.'), undefined);
  assert.equal(placeOf('Police in DETROIT - the city - said.'), undefined);
  assert.equal(placeOf('NY - a shooting.'), undefined);
  assert.equal(placeOf(`${'x'.repeat(3000)}\nDETROIT - A man was shot.`), undefined);
});
