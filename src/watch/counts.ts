/** Running totals of a long run (`dyad ingest`, `dyad watch`), for its progress line and its summary. */
export interface RunCounts {
  /** Pages or inputs read. */
  fetched: number;
  /** Documents newly stored and coded. */
  new: number;
  /** Documents already in the store. */
  duplicates: number;
  /** Near-duplicate copies of a stored document (syndicated stories), counted in `new` or `skipped` too. */
  nearDuplicates: number;
  /** Documents stored without coding, by skip rule. */
  skipped: Record<string, number>;
  /** Inputs that failed, by kind of failure (failureKind). */
  failed: Record<string, number>;
  events: number;
  /** Items known to be waiting in the current poll or batch, when known (for an ETA). */
  pending?: number;
}

export function emptyCounts(): RunCounts {
  return { fetched: 0, new: 0, duplicates: 0, nearDuplicates: 0, skipped: {}, failed: {}, events: 0 };
}

export function total(byReason: Readonly<Record<string, number>>): number {
  return Object.values(byReason).reduce((sum, n) => sum + n, 0);
}

/** A short, stable name for a failure message, to count failures by: `http-404`, `timeout`, `refused`, `too-large`, `not-html`, `unreachable`, `feed`, `error`. */
export function failureKind(message: string): string {
  const status = /\bHTTP (\d{3})\b/.exec(message)?.[1];
  if (status) return `http-${status}`;
  if (/did not answer|timed? ?out/i.test(message)) return 'timeout';
  if (/^refusing\b/i.test(message)) return 'refused';
  if (/more than \d+ bytes|over the .* limit/i.test(message)) return 'too-large';
  if (/not an HTML/i.test(message)) return 'not-html';
  if (/redirects more than/i.test(message)) return 'redirects';
  if (/^cannot fetch\b/i.test(message)) return 'unreachable';
  if (/feed|XML|sitemap|OPML/.test(message)) return 'feed';
  return 'error';
}
