import type { Span } from '../../doc/types.js';

/** A stretch of text between quotation marks, possibly running over several paragraphs. */
export interface MarkedSpan {
  /** Offset of the opening mark and one past the closing mark (or the paragraph end when unclosed). */
  outerStart: number;
  outerEnd: number;
  /** The content inside the marks. */
  start: number;
  end: number;
  /** The content without the marks that reopen the quotation in each continuing paragraph. */
  text: string;
}

const MARK = /“|”|"|''|``|‘|’/g;
const OPENS_BEFORE = /[\s([{\u2014\u2013\-/]/;

type Family = 'double' | 'single';

function familyOf(mark: string): Family {
  return mark === '‘' || mark === '’' ? 'single' : 'double';
}

/**
 * Finds quotations: curly and straight double marks, NYT-style '' and ``, and ‘…’ when it opens before a
 * letter and closes before a non-letter (so apostrophes stay apostrophes). A quotation left open at a
 * paragraph end continues into the next paragraph when that one opens with a mark, as news style does.
 */
export function findMarkedSpans(text: string, paragraphs: readonly Span[]): MarkedSpan[] {
  const found: MarkedSpan[] = [];
  let open: { outerStart: number; start: number; family: Family; pieces: string[]; pieceStart: number } | undefined;
  const marks = [...text.matchAll(MARK)];
  let next = 0;
  for (let p = 0; p < paragraphs.length; p += 1) {
    const paragraph = paragraphs[p]!;
    while (next < marks.length && marks[next]!.index < paragraph.start) next += 1;
    if (!open && (next >= marks.length || marks[next]!.index >= paragraph.end)) continue;
    for (; next < marks.length && marks[next]!.index < paragraph.end; next += 1) {
      const match = marks[next]!;
      const mark = match[0];
      const at = match.index;
      const after = at + mark.length;
      const before = at > paragraph.start ? text[at - 1]! : ' ';
      const nextChar = after < paragraph.end ? text[after]! : ' ';
      const family = familyOf(mark);
      if (open && open.pieceStart > at) continue;
      if (!open) {
        const opensHere = mark === '“' || mark === '``' || ((mark === '"' || mark === "''") && OPENS_BEFORE.test(before) && !/\s/.test(nextChar))
          || (mark === '‘' && OPENS_BEFORE.test(before) && /\p{L}/u.test(nextChar));
        if (opensHere) open = { outerStart: at, start: after, family, pieces: [], pieceStart: after };
        continue;
      }
      if (family !== open.family) continue;
      const closesHere = family === 'double' ? mark !== '“' && mark !== '``' : mark === '’' && !/\p{L}/u.test(nextChar) && before !== 's';
      if (!closesHere) continue;
      open.pieces.push(text.slice(open.pieceStart, at));
      found.push({ outerStart: open.outerStart, outerEnd: after, start: open.start, end: at, text: open.pieces.join('\n') });
      open = undefined;
    }
    if (!open) continue;
    const following = paragraphs[p + 1];
    const reopening = following ? openingMarkAt(text, following.start, open.family) : 0;
    open.pieces.push(text.slice(open.pieceStart, paragraph.end));
    if (reopening > 0) {
      open.pieceStart = following!.start + reopening;
      continue;
    }
    found.push({ outerStart: open.outerStart, outerEnd: paragraph.end, start: open.start, end: paragraph.end, text: open.pieces.join('\n') });
    open = undefined;
  }
  return found;
}

function openingMarkAt(text: string, at: number, family: Family): number {
  if (family === 'single') return text.startsWith('‘', at) ? 1 : 0;
  if (text.startsWith('“', at) || text.startsWith('"', at)) return 1;
  return text.startsWith("''", at) || text.startsWith('``', at) ? 2 : 0;
}
