/** Skipped documents by reason for a summary line: "skipped 3: not-english 2, empty 1", or "skipped 0". */
export function skippedSummary(byReason: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return entries.length === 0 ? 'skipped 0' : `skipped ${total}: ${entries.map(([reason, count]) => `${reason} ${count}`).join(', ')}`;
}

/** "near-duplicates 3, " for a summary line, after the duplicates; nothing when there were none. */
export function nearDuplicatesSummary(count: number): string {
  return count === 0 ? '' : `near-duplicates ${count}, `;
}
