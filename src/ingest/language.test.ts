import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identifyLanguage } from './language.js';

const english =
  'The foreign ministers of the two countries met in the capital on Friday and said that they would ' +
  'continue the talks next week. It was the first meeting since the fighting began, and officials ' +
  'from both sides have called it a step towards peace.';

test('clear English is settled by function words without franc', () => {
  const guess = identifyLanguage(english);
  assert.equal(guess.language, 'eng');
  assert.equal(guess.method, 'function-words');
});

test('French, German and Russian are identified by franc', () => {
  const french =
    'Les ministres des affaires étrangères des deux pays se sont rencontrés vendredi dans la capitale et ont ' +
    'déclaré que les négociations se poursuivraient la semaine prochaine malgré les combats.';
  const german =
    'Die Außenminister der beiden Länder trafen sich am Freitag in der Hauptstadt und erklärten, dass die ' +
    'Gespräche trotz der Kämpfe in der nächsten Woche fortgesetzt werden sollen.';
  const russian =
    'Министры иностранных дел двух стран встретились в пятницу в столице и заявили, что переговоры ' +
    'продолжатся на следующей неделе, несмотря на продолжающиеся бои.';
  assert.deepEqual([french, german, russian].map((text) => identifyLanguage(text).language), ['fra', 'deu', 'rus']);
  assert.equal(identifyLanguage(french).method, 'franc');
});

test('a short string is not guessed by franc', () => {
  const guess = identifyLanguage('Follow us on:');
  assert.equal(guess.language, 'und');
  assert.equal(guess.method, 'too-short');
  assert.equal(identifyLanguage('The talks were held in the city.').language, 'eng');
});

test('Russian text quoting English is not taken for English', () => {
  const mixed = `${'Министр заявил журналистам, что переговоры продолжатся. '.repeat(6)} "We will talk to them"`;
  const guess = identifyLanguage(mixed);
  assert.notEqual(guess.language, 'eng');
  assert.equal(guess.method, 'franc');
});
