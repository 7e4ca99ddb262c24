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

test('French, German, Spanish and Russian paragraphs are identified by franc', () => {
  const french =
    'Les ministres des affaires étrangères des deux pays se sont rencontrés vendredi dans la capitale et ont ' +
    'déclaré que les négociations se poursuivraient la semaine prochaine malgré les combats.';
  const german =
    'Die Außenminister der beiden Länder trafen sich am Freitag in der Hauptstadt und erklärten, dass die ' +
    'Gespräche trotz der Kämpfe in der nächsten Woche fortgesetzt werden sollen.';
  const russian =
    'Министры иностранных дел двух стран встретились в пятницу в столице и заявили, что переговоры ' +
    'продолжатся на следующей неделе, несмотря на продолжающиеся бои.';
  const spanish =
    'Los ministros de asuntos exteriores de ambos países se reunieron el viernes en la capital y declararon ' +
    'que las conversaciones continuarán la próxima semana a pesar de los combates en la frontera.';
  const guesses = [french, german, spanish, russian].map((text) => identifyLanguage(text));
  assert.deepEqual(guesses.map((guess) => guess.language), ['fra', 'deu', 'spa', 'rus']);
  assert.ok(guesses.every((guess) => guess.confident));
  assert.equal(identifyLanguage(french).method, 'franc');
});

test('a short string is not guessed by franc', () => {
  const guess = identifyLanguage('Follow us on:');
  assert.equal(guess.language, 'und');
  assert.equal(guess.method, 'too-short');
  assert.equal(guess.confident, false);
  assert.equal(identifyLanguage('The talks were held in the city.').language, 'eng');
});

/** Written for this test: the kinds of English line that franc alone takes for another language. */
const hardEnglish = {
  headline: 'REBELS SEIZE AIRPORT AFTER TWO-DAY SIEGE',
  'lower-case headline': 'Government forces retake northern town',
  dateline: 'NAIROBI 2021-03-14',
  'dateline with agency': 'GENEVA, March 3 -',
  table: 'Group A: Kenya 3 2 1 0 5-2 7, Uganda 3 1 1 1 4-4 4, Ethiopia 3 0 2 1 2-5 2, Sudan 3 0 0 3 1-6 0',
  'long table': Array.from({ length: 12 }, (_, i) => `${i + 1}. Ahmed Salah (Egypt) 2:10:${10 + i}, Kenji Sato (Japan) 2:11:${20 + i}`).join('\n'),
  'figure sentence': 'Kyiv, 2022-09-12 — 12 killed.',
  'figures with two counts': 'Mogadishu, 2019-05-02 — 7 wounded, 3 arrested.',
  'names sentence': 'Brazilian Navy rescues fishermen stranded off Bahia coast after storm.',
  'name list': 'Squad: Okafor, Mensah, Diallo, Traore, Keita, Mbeki, Nkosi, Banda, Phiri, Zulu, Moyo, Dube, Sithole',
};

test('headlines, datelines, tables and short sentences with figures are never skipped as another language', () => {
  for (const [kind, text] of Object.entries(hardEnglish)) {
    const guess = identifyLanguage(text);
    assert.ok(guess.language === 'eng' || guess.confident === false, `${kind}: ${guess.language} (${guess.detail})`);
  }
});

test('a figure-heavy text is judged by its letters, not taken for another script', () => {
  const guess = identifyLanguage('LAGOS 2023-11-02 14:05 +01:00');
  assert.notEqual(guess.method, 'script');
  assert.equal(guess.confident, false);
});

test('short news sentences in other Latin-script languages are still identified', () => {
  const sentences: Record<string, string> = {
    fra: 'Le gouvernement a annoncé lundi de nouvelles sanctions contre le pays voisin.',
    deu: 'Die Polizei hat nach den Protesten am Samstag drei Personen festgenommen.',
    spa: 'La policía detuvo a tres personas tras las protestas del sábado en Madrid.',
    ita: 'La polizia ha arrestato tre persone dopo le proteste di sabato a Roma, secondo fonti locali.',
    por: 'A polícia prendeu três pessoas depois dos protestos de sábado em Lisboa, segundo a imprensa.',
    ind: 'Polisi menangkap tiga orang setelah aksi protes pada hari Sabtu di Jakarta.',
  };
  for (const [language, text] of Object.entries(sentences)) {
    const guess = identifyLanguage(text);
    assert.deepEqual([guess.language, guess.confident], [language, true], `${language}: ${guess.detail}`);
  }
});

test('Russian text quoting English is not taken for English', () => {
  const mixed = `${'Министр заявил журналистам, что переговоры продолжатся. '.repeat(6)} "We will talk to them"`;
  const guess = identifyLanguage(mixed);
  assert.notEqual(guess.language, 'eng');
  assert.equal(guess.method, 'franc');
});
