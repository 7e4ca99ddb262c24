import { franc } from 'franc-min';

/**
 * English function words that are rare as words in other Latin-script languages (no "a", "in",
 * "die", "was", "an": those are common words in French, German, Dutch, Spanish or Italian too).
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

export interface LanguageGuess {
  /** ISO 639-3, `und` when undecided. */
  language: string;
  method: 'function-words' | 'franc' | 'too-short' | 'script';
  detail: string;
}

/** Enough words to call a text English without reading the whole sample. */
const EARLY_WORDS = 50;

interface Share {
  words: number;
  share: number;
  /** Share of the scanned characters that sit in ASCII words (low for Cyrillic, Arabic, CJK …). */
  asciiLetterShare: number;
}

function englishShare(sample: string): Share {
  const word = /[A-Za-z]+/g;
  let words = 0;
  let hits = 0;
  let letters = 0;
  let scanned = sample.length;
  for (let match = word.exec(sample); match; match = word.exec(sample)) {
    words++;
    letters += match[0].length;
    if (ENGLISH_FUNCTION_WORDS.has(match[0]) || ENGLISH_FUNCTION_WORDS.has(match[0].toLowerCase())) hits++;
    if (words >= EARLY_WORDS && hits >= words * 0.25) {
      scanned = word.lastIndex;
      break;
    }
  }
  return { words, share: words === 0 ? 0 : hits / words, asciiLetterShare: scanned === 0 ? 0 : letters / scanned };
}

function letterCount(sample: string): number {
  return sample.match(/\p{L}/gu)?.length ?? 0;
}

/**
 * Identifies the language of a text cheaply: a function-word test settles clear English without
 * franc; franc runs only on a bounded sample, and only when there are enough letters for it.
 */
export function identifyLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const { words, share, asciiLetterShare } = englishShare(sample);
  const percent = `${Math.round(share * 100)}% English function words in ${words} words`;
  if (words >= MIN_WORDS_FOR_SHARE && share >= ENGLISH_SHARE && asciiLetterShare > 0.5) {
    return { language: 'eng', method: 'function-words', detail: percent };
  }
  const francSample = sample.length > FRANC_SAMPLE_CHARS ? sample.slice(0, FRANC_SAMPLE_CHARS) : sample;
  if (letterCount(francSample) < MIN_LETTERS_FOR_FRANC) {
    // Too little text for franc; a short line that still reads as English is accepted.
    if (words >= 3 && share >= ENGLISH_SHARE && asciiLetterShare > 0.5) return { language: 'eng', method: 'function-words', detail: percent };
    // Short Latin-script text (a headline, one sentence of a gold set) stays undecided rather than
    // non-English: the caller codes it with a warning. Short text in another script is not English.
    if (asciiLetterShare > 0.5) return { language: 'und', method: 'too-short', detail: `too little text to tell (${percent})` };
    return { language: 'und', method: 'script', detail: 'short text mostly outside the Latin script' };
  }
  const language = franc(francSample, { minLength: MIN_LETTERS_FOR_FRANC });
  return { language, method: 'franc', detail: `franc on ${francSample.length} chars; ${percent}` };
}
