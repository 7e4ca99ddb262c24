import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { documentFigures } from './document-figures.js';
import { findQuantities } from './quantities.js';

function articleFigures(text: string) {
  const doc = makeDoc(text, [splitSentences(), findQuantities()]);
  return documentFigures(doc.layers.quantities ?? [], doc.text, doc.layers.sentences ?? []);
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
});

test('a tally over several incidents does not set the figure when the article has its own', () => {
  const text = 'A cook was killed in the robbery. Nine people were killed in shootings across the city over the weekend.';
  assert.deepEqual(articleFigures(text), { killed: 1 });
  assert.deepEqual(articleFigures('Nine people were killed in separate shootings.'), { killed: 9 }, 'a tally is kept when it is all there is');
});

test('without sentences every figure counts on its own', () => {
  const doc = makeDoc('Three were shot. One died.', [splitSentences(), findQuantities()]);
  assert.deepEqual(documentFigures(doc.layers.quantities ?? []), { killed: 1, injured: 2 });
  assert.deepEqual(documentFigures([]), {});
});
