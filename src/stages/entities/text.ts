/** Character-level tests the entity matcher runs per token, written to allocate nothing. */

/** Whether the character at `index` is an upper-case letter. */
export function capitalAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return code >= 65 && code <= 90;
  if (Number.isNaN(code)) return false;
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase();
}

/** Whether a string holds an ASCII digit. */
export function hasDigit(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

/** Whether a string is only ASCII lower-case letters and digits (its own first-word key). */
export function isPlainWord(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) return false;
  }
  return true;
}

/** An all-caps headline: mostly upper-case letters (counted on ASCII letters, which is cheap). */
export function isShouting(text: string, start: number, end: number): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) upper += 1;
    else if (code >= 97 && code <= 122) lower += 1;
  }
  return upper >= 8 && upper > 2 * lower;
}

/** The text lower-cased once per document, or undefined when lower-casing would shift offsets ("İ"). */
export function lowerText(text: string): string | undefined {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : undefined;
}

/** Whether `phrase` occurs at `start`: exactly when case-sensitive, else in lower case. */
export function matchesAt(text: string, lower: string | undefined, start: number, phrase: string, caseSensitive: boolean): boolean {
  if (caseSensitive) return text.startsWith(phrase, start);
  if (lower !== undefined) return lower.startsWith(phrase, start);
  return text.slice(start, start + phrase.length).toLowerCase() === phrase;
}

/**
 * A text lower-cased throughout, as some news archives keep it: at most 1 % of its ASCII letters are
 * capitals and four in five sentences open in lower case. Too short a text (under 20 letters) is never
 * called lower-cased: there is too little to tell.
 */
export function isLowercased(text: string, sentenceStarts: readonly number[]): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) upper += 1;
    else if (code >= 97 && code <= 122) lower += 1;
  }
  if (lower < 20 || upper * 100 > upper + lower) return false;
  let opensLower = 0;
  let opensWithLetter = 0;
  for (const start of sentenceStarts) {
    for (let i = start; i < text.length && i < start + 40; i += 1) {
      const code = text.charCodeAt(i);
      if (code >= 97 && code <= 122) opensLower += 1;
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
        opensWithLetter += 1;
        break;
      }
    }
  }
  return opensWithLetter > 0 && opensLower * 5 >= opensWithLetter * 4;
}
