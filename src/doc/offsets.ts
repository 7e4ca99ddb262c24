import type { Doc, OffsetMap } from './types.js';

/**
 * Builds an offset map from clean units given in text order: an anchor is written only where the
 * distance between clean and input offsets changes, so unchanged stretches cost nothing.
 */
export class OffsetMapBuilder {
  private readonly anchors: OffsetMap = [];

  /** The clean text from `clean` on comes from the input from `input` on. */
  map(clean: number, input: number): void {
    const last = this.anchors[this.anchors.length - 1];
    if (last && last[1] - last[0] === input - clean) return;
    if (last && last[0] === clean) last[1] = input;
    else this.anchors.push([clean, input]);
  }

  /** The anchors up to `length` (the clean text may have been cut); undefined when the map is the identity. */
  finish(length: number): OffsetMap | undefined {
    const anchors = this.anchors.filter(([clean]) => clean <= length);
    const identity = anchors.length === 0 || (anchors.length === 1 && anchors[0]?.[0] === 0 && anchors[0][1] === 0);
    return identity ? undefined : anchors;
  }
}

/**
 * Where an offset into `doc.text` falls in the text ingest was given (the decoded input, in UTF-16
 * units), for plain-text documents. A span `{ start, end }` of the Doc maps to
 * `input.slice(toInputOffset(doc, start), toInputOffset(doc, end))`, which holds the same text up to
 * what ingest cleaned: white space runs and line breaks (collapsed), invisible and control characters
 * (dropped) and Unicode composition (NFC). A span that crosses a removed furniture line includes that
 * line. Where a clean stretch equals its input, the slice is exactly the span's text.
 *
 * Returns undefined for HTML, whose main text has no offsets in the page, and inside a headline ingest
 * put before the body (`source.headlineEnd`), which the input holds in no field of its text. A plain-text Doc without
 * `source.offsetMap` has the input's own offsets.
 */
export function toInputOffset(doc: Pick<Doc, 'source' | 'text'>, offset: number): number | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset > doc.text.length) {
    throw new RangeError(`offset ${offset} is outside the text (0–${doc.text.length})`);
  }
  if (doc.source.format !== 'text') return undefined;
  if (doc.source.headlineEnd !== undefined && offset <= doc.source.headlineEnd) return undefined;
  const anchors = doc.source.offsetMap;
  if (!anchors || anchors.length === 0) return offset;
  let low = 0;
  let high = anchors.length - 1;
  if ((anchors[0]?.[0] ?? 0) > offset) return offset;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((anchors[middle]?.[0] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  const [clean, input] = anchors[low] as [number, number];
  return input + (offset - clean);
}
