import { francAll } from 'franc-min';

/**
 * English function words that are rare as words in other Latin-script languages (no "a", "in",
 * "die", "an": those are common words in French, German, Dutch, Spanish or Italian too).
 * A fixed property of English used only to skip franc on text that is plainly English.
 */
const ENGLISH_FUNCTION_WORDS = new Set(
  (
    'the of and to is that for with as by at it he his she her its from are be has have had been ' +
    'this not but were they their them who which would will said says there than also after about ' +
    'into more when what we our you your i him or if can could should may over out up was'
  ).split(' '),
);

const SAMPLE_CHARS = 2000;
const FRANC_SAMPLE_CHARS = 1000;
/** In English news about a third of the words are function words; other languages score near zero. */
const ENGLISH_SHARE = 0.2;
const MIN_WORDS_FOR_SHARE = 8;
/** Below this many letters franc is unreliable ("Follow us on:" comes out Finnish). */
const MIN_LETTERS_FOR_FRANC = 60;
/**
 * franc scores every language relative to its best (1). Other-language news puts English at about
 * 0.4–0.8; English that franc gets wrong (names, figures, headlines) keeps English near the top.
 */
const ENGLISH_RUNNER_UP = 0.85;
/** This much English function-word evidence outweighs a franc guess that is not far ahead. */
const SOME_ENGLISH_SHARE = 0.12;
/**
 * Prose has many words in lower case; headlines in capitals, name lists and results tables have few,
 * and franc's guesses on them are noise, so they never count as evidence of another language.
 */
const MIN_PROSE_WORDS = 5;
const MIN_PROSE_SHARE = 0.4;

export interface LanguageGuess {
  /** ISO 639-3, `und` when undecided. */
  language: string;
  method: 'function-words' | 'franc' | 'too-short' | 'script' | 'uncertain';
  /**
   * False when the evidence does not settle the question (short text, figures, capitals, franc's
   * guess too close to English): the caller codes such text as English, with a warning.
   */
  confident: boolean;
  detail: string;
}

/** Enough words to call a text English without reading the whole sample. */
const EARLY_WORDS = 50;

interface Evidence {
  words: number;
  /** Share of the words that are English function words. */
  share: number;
  /** Words of three or more letters that start in lower case: a sign of running prose. */
  proseWords: number;
  /** Share of the letters that are Latin (low for Cyrillic, Arabic, CJK …; digits do not count). */
  latinShare: number;
  letters: number;
}

const WORD = /\p{L}+/gu;
const LATIN_LETTER = /\p{Script=Latin}/u;

function gatherEvidence(sample: string): Evidence {
  let words = 0;
  let hits = 0;
  let proseWords = 0;
  let letters = 0;
  let latin = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(sample); match; match = WORD.exec(sample)) {
    const word = match[0];
    words++;
    letters += word.length;
    if (LATIN_LETTER.test(word)) latin += word.length;
    if (ENGLISH_FUNCTION_WORDS.has(word) || ENGLISH_FUNCTION_WORDS.has(word.toLowerCase())) hits++;
    if (word.length >= 3 && word[0] !== word[0]!.toUpperCase()) proseWords++;
    if (words >= EARLY_WORDS && hits >= words * 0.25) break;
  }
  return { words, share: words === 0 ? 0 : hits / words, proseWords, latinShare: letters === 0 ? 0 : latin / letters, letters };
}

function percentEnglish({ share, words }: Evidence): string {
  return `${Math.round(share * 100)}% English function words in ${words} words`;
}

/**
 * Identifies the language of a text cheaply and fails safe: a function-word test settles clear
 * English without franc; franc runs only on a bounded sample with enough letters, and its verdict
 * skips a text as another language only when it is well ahead of English, English function words
 * are scarce and the text reads as prose. Anything in between is English, not confidently.
 */
export function identifyLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const evidence = gatherEvidence(sample);
  const percent = percentEnglish(evidence);
  const latinScript = evidence.latinShare > 0.5;
  if (latinScript && evidence.words >= MIN_WORDS_FOR_SHARE && evidence.share >= ENGLISH_SHARE) {
    return { language: 'eng', method: 'function-words', confident: true, detail: percent };
  }
  const francSample = sample.length > FRANC_SAMPLE_CHARS ? sample.slice(0, FRANC_SAMPLE_CHARS) : sample;
  const francLetters = francSample.length === sample.length ? evidence.letters : (francSample.match(/\p{L}/gu)?.length ?? 0);
  if (francLetters < MIN_LETTERS_FOR_FRANC) {
    if (evidence.letters === 0) return { language: 'und', method: 'too-short', confident: false, detail: 'no words to tell the language by' };
    if (!latinScript) return { language: 'und', method: 'script', confident: true, detail: 'short text mostly outside the Latin script' };
    if (evidence.words >= 3 && evidence.share >= ENGLISH_SHARE) return { language: 'eng', method: 'function-words', confident: true, detail: percent };
    return { language: 'und', method: 'too-short', confident: false, detail: `too little text to tell (${percent})` };
  }
  const scores = francAll(francSample, { minLength: MIN_LETTERS_FOR_FRANC });
  const [best, bestScore] = scores[0] ?? ['und', 0];
  const englishScore = scores.find(([language]) => language === 'eng')?.[1] ?? 0;
  const detail = `franc on ${francSample.length} chars: ${best}${best === 'eng' ? '' : `, English at ${englishScore.toFixed(2)} of ${bestScore.toFixed(2)}`}; ${percent}`;
  if (best === 'eng' || best === 'und' || !latinScript) return { language: best, method: 'franc', confident: true, detail };
  const prose = evidence.proseWords >= MIN_PROSE_WORDS && evidence.proseWords >= evidence.words * MIN_PROSE_SHARE;
  const otherWellAhead = englishScore < ENGLISH_RUNNER_UP * bestScore;
  if (prose && otherWellAhead && evidence.share < SOME_ENGLISH_SHARE) return { language: best, method: 'franc', confident: true, detail };
  const why = !prose ? 'not enough running prose' : !otherWellAhead ? 'English nearly as likely' : 'English function words present';
  return { language: 'und', method: 'uncertain', confident: false, detail: `${detail}; ${why}` };
}

const LANGUAGE_TAG = /^([a-z]{2,3})(?:-[a-z0-9]{1,8})*$/i;

/**
 * A language a caller gives (ISO 639-3 `eng`, ISO 639-1 `en`, or a BCP 47 tag such as `en-GB`) as
 * Dyad records it: English is always `eng`, any other language keeps its code, lower-cased.
 * Undefined when the value is not a language code at all.
 */
export function normaliseLanguage(given: string): string | undefined {
  const primary = LANGUAGE_TAG.exec(given.trim())?.[1]?.toLowerCase();
  if (!primary) return undefined;
  return primary === 'en' || primary === 'eng' ? 'eng' : given.trim().toLowerCase();
}
