/**
 * Numbers that are not head counts whatever casualty cue is near them: years ("in 2014"), days of a month
 * ("on Nov. 3"), ages ("Ana Ruiz, 40,", "ages 25, 26 and 33", "a 16-year-old") and house numbers ("7050 Old
 * State Road"). The quantities stage drops them before tying figures to cues.
 */
import type { Token } from '../../doc/types.js';
import type { NumberPhrase } from './numbers.js';
import { ageEnd } from './persons.js';

/** Words before a bare 1900-2099 that make it a year, not a head count ("in 1994 police …", "the 2009 shooting"). */
const YEAR_PREPOSITIONS = new Set(['in', 'for', 'the', 'since', 'of', 'by', 'until', 'till', 'during', 'from', 'before', 'after', 'through', 'between', 'early', 'late', 'mid']);

/** A month before a number makes it a day of the month: "on Nov. 3", "Sept 12". */
const MONTH = /^(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?$|^(?:january|february|march|april|june|july|august|september|october|november|december)$/;

/** "Ana Ruiz, 40, of Conway": a bare number set off by commas after a name is the person's age. */
function isAgeAside(tokens: readonly Token[], phrase: NumberPhrase): boolean {
  if (phrase.qualifier || phrase.tokenEnd - phrase.figureStart !== 1) return false;
  const before = tokens[phrase.tokenStart - 1]?.normal;
  const after = tokens[phrase.tokenEnd]?.normal;
  const named = tokens[phrase.tokenStart - 2];
  return before === ',' && (after === ',' || after === '.' || after === undefined) && (named?.pos === 'PROPN' || named?.pos === 'NOUN');
}

/** Numbers that are not head counts whatever cue is near: years, dates, ages, house numbers. */
export function isNotACount(tokens: readonly Token[], phrase: NumberPhrase): boolean {
  return isYear(tokens, phrase) || MONTH.test(tokens[phrase.tokenStart - 1]?.normal ?? '') || isAgeAside(tokens, phrase)
    || ageEnd(tokens, phrase.figureStart) !== undefined || isInAgeList(tokens, phrase) || isHouseNumber(tokens, phrase);
}

/** Words after which the numbers listed are ages: "ages 25, 26 and 33", "aged 16", "between the ages of 16-18". */
const AGE_WORDS = new Set(['age', 'ages', 'aged']);
/** What joins the numbers of a list of ages. */
const LIST_JOINERS = new Set([',', 'and', 'or', '-', '–', 'to']);
const MAX_LIST_TOKENS = 9;

/**
 * A number in a list of ages: after "ages" ("the wounded men, ages 18, 21 and 35") or before "years old"
 * ("those injured were 28 and 31 years old"), however many numbers the list has.
 */
function isInAgeList(tokens: readonly Token[], phrase: NumberPhrase): boolean {
  let k = phrase.tokenStart - 1;
  while (k >= 0 && phrase.tokenStart - k <= MAX_LIST_TOKENS && (LIST_JOINERS.has(tokens[k]!.normal) || tokens[k]!.pos === 'NUM')) k -= 1;
  const before = tokens[k]?.normal ?? '';
  if (AGE_WORDS.has(before) || (before === 'of' && AGE_WORDS.has(tokens[k - 1]?.normal ?? ''))) return true;
  for (let j = phrase.tokenEnd; j < tokens.length && j - phrase.tokenEnd < MAX_LIST_TOKENS; j += 1) {
    if (tokens[j]!.pos === 'NUM' && ageEnd(tokens, j) !== undefined) return true;
    if (!LIST_JOINERS.has(tokens[j]!.normal) && tokens[j]!.pos !== 'NUM') return false;
  }
  return false;
}

/** The kinds of way a house number stands before: "7050 Old State Road", "1080 South Hoagland Blvd.". */
const STREET_KINDS = new Set(['street', 'st', 'road', 'rd', 'avenue', 'ave', 'boulevard', 'blvd', 'drive', 'dr', 'lane', 'ln', 'court',
  'ct', 'way', 'place', 'parkway', 'pkwy', 'highway', 'hwy', 'circle', 'terrace', 'pike']);
const MAX_STREET_WORDS = 4;

/** A bare number before a street's name is its house number, whatever cue is near ("four killed at 7050 Old State Road"). */
function isHouseNumber(tokens: readonly Token[], phrase: NumberPhrase): boolean {
  if (phrase.qualifier || phrase.tokenEnd - phrase.figureStart !== 1 || !/^\d+$/.test(tokens[phrase.figureStart]!.normal)) return false;
  for (let j = phrase.tokenEnd; j < tokens.length && j - phrase.tokenEnd < MAX_STREET_WORDS; j += 1) {
    const token = tokens[j]!;
    if (STREET_KINDS.has(token.normal.replace(/\.$/, '')) && j > phrase.tokenEnd) return true;
    if (token.pos !== 'PROPN' && !/^\d+(?:st|nd|rd|th)$/.test(token.normal)) return false;
  }
  return false;
}

function isYear(tokens: readonly Token[], phrase: NumberPhrase): boolean {
  if (phrase.qualifier || phrase.tokenEnd - phrase.figureStart !== 1) return false;
  if (!/^(19|20)\d\d$/.test(tokens[phrase.figureStart]!.normal)) return false;
  return YEAR_PREPOSITIONS.has(tokens[phrase.figureStart - 1]?.normal ?? '');
}
