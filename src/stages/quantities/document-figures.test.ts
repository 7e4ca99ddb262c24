import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDoc } from '../../test-support/make-doc.js';
import { resolveDates } from '../dates/dates.js';
import { splitSentences } from '../tokens/tokens.js';
import { documentFigures } from './document-figures.js';
import { findQuantities } from './quantities.js';

function articleFigures(text: string, published = '2015-08-03') {
  const doc = makeDoc(text, [splitSentences(), resolveDates(), findQuantities()], { published });
  return documentFigures(doc.layers.quantities ?? [], doc.text, doc.layers.sentences ?? [], { dates: doc.layers.dates ?? [], published });
}

test('a later total wins over the victims told one by one; repeating a figure does not add to it', () => {
  assert.deepEqual(articleFigures('A man died at the scene. His brother was killed too. In all, two people were killed.'), { killed: 2 });
  assert.deepEqual(articleFigures('A teacher was killed on Monday. The teacher was killed near the school.'), { killed: 1 });
});

test('figures spread over sentences: the people shot less the killed are the injured', () => {
  assert.deepEqual(articleFigures('Six people were shot outside the club. One of them died at the hospital.'), { killed: 1, injured: 5 });
  assert.deepEqual(articleFigures('A woman was shot on Friday. She died on Saturday.'), { killed: 1 });
  assert.deepEqual(articleFigures('A boy was shot in the arm.'), { injured: 1 }, '"a man was shot" is injured unless a death word says otherwise');
  assert.deepEqual(articleFigures('Four were shot. Two were wounded, and two were killed.'), { killed: 2, injured: 2 });
  assert.deepEqual(articleFigures('A woman was killed on Friday and four others were shot.'), { killed: 1, injured: 4 }, 'the others are besides the dead');
});

test('a shooter who killed himself adds to the victims of his sentence', () => {
  assert.deepEqual(articleFigures('The man killed his two daughters before fatally shooting himself.'), { killed: 3 });
  assert.deepEqual(articleFigures('Police: Man shoots 4 relatives, killing 2, then himself.'), { killed: 3 });
  assert.deepEqual(articleFigures('He killed his wife and then himself.'), { killed: 2 }, 'counted once');
  assert.deepEqual(articleFigures('Two boys were killed. Their father committed suicide after the Amber Alert.'), { killed: 2 },
    'told in another sentence, the largest sentence counts');
  assert.deepEqual(articleFigures('Two boys killed, father commits suicide following Amber Alert.'), { killed: 3 });
  assert.deepEqual(articleFigures('The gunman killed three people before taking his own life.'), { killed: 4 });
  assert.deepEqual(articleFigures('He threatened to take his own life. He did not commit suicide, police said.'), {});
});

test('a figure of another month or year than the article\'s is a tally; one dating the incident itself is not', () => {
  const august = 'Seven people were shot in a single incident early Sunday, and one man was killed. '
    + 'The homicide came after 45 people were killed in July.';
  assert.deepEqual(articleFigures(august, '2015-08-02'), { killed: 1, injured: 6 });
  assert.deepEqual(articleFigures('An airliner plunged into the river in 1982, killing 78. A gunman killed 12 people on Monday.', '2013-09-17'), { killed: 12 });
  assert.deepEqual(articleFigures('The two people who were gunned down are the town\'s fourth and fifth homicide victims of 2013.', '2013-12-30'),
    { killed: 2 }, 'the year the article is in');
  assert.deepEqual(articleFigures('Three men were charged on Monday. A July 2014 shooting left a 13-year-old boy dead and six others wounded.',
    '2015-10-01'), { killed: 1, injured: 6 }, 'a date before an incident noun dates the incident');
});

test('a tally over several incidents does not set the figure when the article has its own', () => {
  const text = 'A cook was killed in the robbery. Nine people were killed in shootings across the city over the weekend.';
  assert.deepEqual(articleFigures(text), { killed: 1 });
  assert.deepEqual(articleFigures('Nine people were killed in separate shootings.'), { killed: 9 }, 'a tally is kept when it is all there is');
});

test('a figure hedged from above counts as said: "as many as 98", "up to 30", "nearly 200"', () => {
  assert.deepEqual(articleFigures('As many as 98 people were killed in police firing, he said.'), { killed: 98 });
  assert.deepEqual(articleFigures('Up to 30 people were injured.'), { injured: 30 });
  assert.deepEqual(articleFigures('Nearly 200 people were killed.'), { killed: 200 });
});

test('without sentences every figure counts on its own', () => {
  const doc = makeDoc('Three were shot. One died.', [splitSentences(), findQuantities()]);
  assert.deepEqual(documentFigures(doc.layers.quantities ?? []), { killed: 1, injured: 2 });
  assert.deepEqual(documentFigures([]), {});
});
