import type { Writable } from 'node:stream';
import { total, type RunCounts } from '../../index.js';

/** How a long run reports: a redrawn progress line (a terminal), plain log lines, or JSON Lines for machines. */
export type LogMode = 'tty' | 'plain' | 'json';

export function logMode(json: boolean, stream: { isTTY?: boolean }): LogMode {
  return json ? 'json' : stream.isTTY ? 'tty' : 'plain';
}

function byReason(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? '' : ` (${entries.map(([reason, n]) => `${reason} ${n}`).join(', ')})`;
}

/** The closing summary: fetched, new, duplicates, near-duplicates, skipped and failed by reason, events coded. */
export function countsSummary(counts: Readonly<RunCounts>): string {
  return `fetched ${counts.fetched}, new ${counts.new}, duplicates ${counts.duplicates}, near-duplicates ${counts.nearDuplicates}, `
    + `skipped ${total(counts.skipped)}${byReason(counts.skipped)}, failed ${total(counts.failed)}${byReason(counts.failed)}; `
    + `${counts.events} event${counts.events === 1 ? '' : 's'} coded`;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Redraws at most this often on a terminal, so a fast run is not slowed by its own progress line. */
const REDRAW_MS = 100;

/**
 * Progress of a long run. On a terminal one line on stderr is redrawn (items done, rate, ETA when the
 * number waiting is known, errors) and log lines are printed above it; otherwise each log line is a
 * plain timestamped line on stderr, or with --json a JSON object per line on stdout, as is the summary.
 */
export class Progress {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    readonly mode: LogMode,
    private readonly err: Writable = process.stderr,
    private readonly out: Writable = process.stdout,
    private readonly started = performance.now(),
  ) {}

  update(counts: Readonly<RunCounts>): void {
    if (this.mode !== 'tty') return;
    const now = performance.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const done = counts.new + counts.duplicates + total(counts.skipped) + total(counts.failed);
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = counts.pending && rate > 0 ? `, ETA ${duration(counts.pending / rate)}` : '';
    const errors = total(counts.failed);
    this.err.write(`\r\x1b[K${done} items (${counts.new} new, ${counts.duplicates} duplicates), ${rate.toFixed(1)}/s${eta}${errors ? `, ${errors} errors` : ''}`);
    this.drawn = true;
  }

  log(level: 'info' | 'error', message: string, fields: Record<string, unknown> = {}): void {
    if (this.mode === 'json') {
      this.out.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
      return;
    }
    const where = typeof fields.source === 'string' ? `${fields.source}: ` : '';
    const line = `${new Date().toISOString()} ${where}${message}${typeof fields.url === 'string' ? ` (${fields.url})` : ''}\n`;
    if (this.mode === 'tty') {
      if (this.drawn) this.err.write('\r\x1b[K');
      this.err.write(line);
      this.lastDraw = -Infinity;
    } else {
      this.err.write(line);
    }
  }

  /** Clears the progress line and writes the summary (stdout): a sentence, or a JSON object with --json. */
  finish(counts: Readonly<RunCounts>, extra: { db: string; seconds: number }): string {
    if (this.mode === 'tty' && this.drawn) this.err.write('\r\x1b[K');
    if (this.mode === 'json') {
      const { pending: _pending, ...rest } = counts;
      return `${JSON.stringify({ summary: rest, db: extra.db, seconds: Number(extra.seconds.toFixed(1)) })}\n`;
    }
    return `${countsSummary(counts)} into ${extra.db} in ${extra.seconds.toFixed(1)} s\n`;
  }
}
