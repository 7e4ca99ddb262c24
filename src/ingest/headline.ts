/**
 * A news headline often states what the body spreads over several sentences or never repeats ("Teen
 * shot to death in …", "3 killed in …"), so ingest puts it before the body as the Doc's first line
 * and the stages read it like the lead. Only a headline that reads as a sentence is used: a site name
 * after a separator is dropped, and a Title Case headline is left out, because every capitalised word
 * would look like a name to the entity stages.
 */

/** Separators between a headline and the site or section that pages append to it. */
const SEPARATOR = /\s+(?:[-|–—:]{1,2}|::)\s+/g;
/** A trailing segment this short (in words) is a site or section name, not part of the headline. */
const SITE_WORDS = 6;
const MIN_WORDS = 3;
const MAX_CHARS = 300;
/** Words of four or more letters, of which a Title Case headline capitalises at least this share. */
const TITLE_CASE_SHARE = 0.6;

const words = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));

/** The headline to code from a page or record title, or undefined when it should not be coded. */
export function headlineOf(title: string | undefined, siteName?: string): string | undefined {
  if (!title) return undefined;
  let headline = title.replace(/\s+/g, ' ').trim();
  const site = siteName?.trim().toLowerCase();
  for (;;) {
    const separators = [...headline.matchAll(SEPARATOR)];
    const last = separators[separators.length - 1];
    if (!last || last.index === undefined) break;
    const tail = headline.slice(last.index + last[0].length);
    const head = headline.slice(0, last.index);
    const isSite = tail.toLowerCase() === site || words(tail).length <= SITE_WORDS;
    if (!isSite || words(head).length < MIN_WORDS) break;
    headline = head;
  }
  const all = words(headline);
  if (all.length < MIN_WORDS || headline.length > MAX_CHARS) return undefined;
  const long = all.filter((word) => /^\P{L}*\p{L}{4,}/u.test(word));
  const capitalised = long.filter((word) => /^\P{L}*\p{Lu}/u.test(word)).length;
  if (long.length >= 3 && capitalised / long.length >= TITLE_CASE_SHARE) return undefined;
  return headline;
}

const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Whether the body already opens with the headline (many extractors keep the <h1>). */
export function bodyLeadsWith(body: string, headline: string): boolean {
  const wanted = letters(headline);
  const opening = letters(body.slice(0, headline.length * 2 + 200));
  return wanted !== '' && opening.includes(wanted);
}
