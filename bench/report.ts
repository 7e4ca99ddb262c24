import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Replaces the section under `## heading` in a Markdown file (up to the next `## `), or appends it,
 * so that hand-written notes elsewhere in the file survive a new run.
 */
export function replaceSection(path: string, heading: string, body: string): void {
  const title = `## ${heading}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = current.indexOf(title);
  const section = `${title}\n\n${body.trim()}\n`;
  if (start < 0) {
    writeFileSync(path, `${current.trimEnd()}${current ? '\n\n' : ''}${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + title.length);
  const rest = next < 0 ? '' : current.slice(next + 1);
  writeFileSync(path, `${current.slice(0, start)}${section}${rest ? `\n${rest}` : ''}`);
}

/** Milliseconds per item of `work` over every item, the median of three passes after a warm-up. */
export function msPerItem<T>(items: readonly T[], work: (item: T) => unknown, warmUp = 100): number {
  for (const item of items.slice(0, warmUp)) work(item);
  const runs: number[] = [];
  for (let pass = 0; pass < 3; pass += 1) {
    const started = performance.now();
    for (const item of items) work(item);
    runs.push((performance.now() - started) / items.length);
  }
  return median(runs);
}
