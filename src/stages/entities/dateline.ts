/**
 * A news dateline: the report opens, at the start of a line, with the place it was filed from in capitals,
 * often with its state or country, a date and the agency, then a dash: "LAS VEGAS (AP) —", "DORCHESTER,
 * Mass. —", "KYIV, Ukraine (Reuters) -", "GENEVA, March 3 -", "DETROIT -" (the body on the next line).
 * Pages put a headline, a byline or a time stamp before it, so any line opening the first part of the text
 * may hold it; the first one that does is the dateline. Its place is where the story is, so the entities
 * stage makes it a place whatever the NER model (which learnt all-caps words from sports results) says, and
 * the geocoder reads the document's other places in its light.
 */

/** The place in capitals: one to five words of capitals, with "St." and "Ft." style abbreviations and hyphens. */
const WORD = String.raw`[A-Z](?:[A-Z'’.-]*[A-Z.])?`;
const PLACE = String.raw`${WORD}(?: ${WORD}){0,4}`;
/** ", Mass.", ", N.J.", ", Ukraine", ", TEXAS", ", Modoc County": what contains the place. */
const CONTAINER = String.raw`,[ \t]*[A-Z][\p{L}'’.-]*(?: [A-Z][\p{L}'’.-]*){0,2}`;
/** ", March 3", " 1996-08-22", ", Jan. 5, 2014": the day it was filed. */
const DATE = String.raw`(?:,?[ \t]+(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?|\d{4}-\d\d-\d\d))`;
/** "(AP)", "(Reuters)", "(KPIX 5)", "(April 11, 2014)": the agency, station or date in parentheses. */
const AGENCY = String.raw`(?:[ \t]*\([^()\n]{1,40}\))`;
const DASH = String.raw`[ \t]*(?:—|–|--|-|−)`;
const DATELINE = new RegExp(String.raw`^(${PLACE})(${CONTAINER})?${DATE}?${AGENCY}?${DASH}(?=[ \t]|\n|$|\p{Lu})`, 'u');
/** Only this far into the text: a dateline opens the report, after at most a headline and some page furniture. */
export const DATELINE_REACH = 2_500;

export interface Dateline {
  /** The place in capitals, as offsets into the text. */
  start: number;
  end: number;
  /** The containing state or country written after it, when there is one. */
  container?: { start: number; end: number };
}

/**
 * The document's dateline, when a line near its start opens with one. `isPlace` tells whether the words in
 * capitals name a place at all, so that "UPDATE -" or "WATCH -" are not taken for one; a place followed by a
 * container is taken without asking.
 */
export function findDateline(text: string, isPlace: (name: string) => boolean): Dateline | undefined {
  let lineStart = 0;
  while (lineStart < text.length && lineStart < DATELINE_REACH) {
    let at = lineStart;
    while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at += 1;
    const code = text.charCodeAt(at);
    if (code >= 65 && code <= 90) {
      const match = DATELINE.exec(text.slice(at, at + 160));
      if (match) {
        const place = match[1]!;
        const container = match[2];
        const letters = place.replace(/[^A-Z]/g, '').length;
        if (letters >= 3 && (container !== undefined || isPlace(place))) {
          const dateline: Dateline = { start: at, end: at + place.length };
          if (container) {
            const end = at + place.length + container.length;
            dateline.container = { start: end - container.replace(/^,[ \t]*/, '').length, end };
          }
          return dateline;
        }
      }
    }
    const next = text.indexOf('\n', lineStart);
    if (next < 0) break;
    lineStart = next + 1;
  }
  return undefined;
}
