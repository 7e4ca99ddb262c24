/**
 * Main text from HTML, in the layout of the article-extraction-benchmark: a folder with
 * `ground-truth.json` ({id: {articleBody}}) and `html/<id>.html.gz` (or `.html`). Scored with the
 * benchmark's own metric: \w+ tokens, 4-gram shingles counted with multiplicity, per-page TP/FP/FN
 * normalised to sum 1, precision and recall averaged over pages, F1 of the two means. A page whose
 * precision or recall is below 0.9 is a miss.
 *
 * Each page is also read by plain Readability (linkedom + Readability's textContent, no Dyad code), the
 * baseline Dyad must not fall below: a page where Readability finds text and Dyad returns none, or where
 * Dyad's F1 is more than REGRESSION_MARGIN below Readability's, is a regression, listed by page id. F1 is
 * also reported on the held-out fifth of pages (a hash of set and page id, src/eval/held-out.ts) that
 * extractor changes were not looked at on, and on the other four fifths.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { ingest } from '../ingest/ingest.js';
import { isHeldOut } from './held-out.js';
import { filesUnder, GoldFormatError } from './gold-files.js';
import { ratio } from './metrics.js';
import type { Miss, ReportTable, SetResult } from './types.js';

export const EXTRACTION_FORMAT = 'a folder with ground-truth.json ({id: {articleBody}}) and html/<id>.html.gz or html/<id>.html';

const TRUTH = 'ground-truth.json';

// Python's re \w with UNICODE: letters, digits and underscore (combining marks are not word characters).
const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const gram = tokens.slice(i, i + n);
    if (gram.length === 0) continue;
    const key = gram.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** TP, FP, FN over shingles, normalised so that long pages weigh no more than short ones. */
export function shingleMatch(truth: string, predicted: string): [number, number, number] {
  const want = shingles(truth);
  const got = shingles(predicted);
  let tp = 0, fp = 0, fn = 0;
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const t = want.get(key) ?? 0;
    const p = got.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

function precisionOf([tp, fp, fn]: [number, number, number]): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf([tp, fp, fn]: [number, number, number]): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** A page F1 this far below plain Readability's is a regression. */
export const REGRESSION_MARGIN = 0.1;
/** Readability "finds text" on a page when its text has at least this many words. */
const BASELINE_MIN_WORDS = 20;

type Counts = [number, number, number];

const requireLazily = createRequire(import.meta.url);

/** The text plain Readability extracts from a page (its textContent), or '' when it finds no article. */
export function plainReadabilityText(html: string): string {
  try {
    const { parseHTML } = requireLazily('linkedom') as typeof import('linkedom');
    const { Readability } = requireLazily('@mozilla/readability') as typeof import('@mozilla/readability');
    const { document } = parseHTML(html);
    return new Readability(document as never).parse()?.textContent ?? '';
  } catch {
    return '';
  }
}

function pageF1(counts: Counts): number {
  const p = precisionOf(counts);
  const r = recallOf(counts);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Precision and recall averaged over pages, and their F1 (the benchmark's own aggregation). */
function aggregate(counts: readonly Counts[]): { f1: number; precision: number; recall: number } {
  const precision = mean(counts.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(counts.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  return { f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), precision, recall };
}

/** Why Dyad's page is worse than plain Readability's, or undefined when it is not. */
export function regressionOf(dyad: { text: string; counts: Counts }, baseline: { text: string; counts: Counts }): string | undefined {
  const baselineWords = (baseline.text.match(TOKEN) ?? []).length;
  if (baselineWords >= BASELINE_MIN_WORDS && (dyad.text.match(TOKEN) ?? []).length === 0) return `Readability finds ${baselineWords} words, Dyad none`;
  const gap = pageF1(baseline.counts) - pageF1(dyad.counts);
  return gap > REGRESSION_MARGIN ? `F1 ${gap.toFixed(2)} below Readability's` : undefined;
}

const mean = (values: number[]): number => ratio(values.reduce((a, b) => a + b, 0), values.length);

const isBenchmarkFolder = (dir: string): boolean => existsSync(join(dir, TRUTH)) && existsSync(join(dir, 'html'));

/** The benchmark folders at `path`: the folder itself, the folder of a ground-truth.json, or every one below. */
export function extractionSets(path: string): string[] {
  if (!existsSync(path)) throw new GoldFormatError(`${path}: no such file or folder`);
  if (!statSync(path).isDirectory()) {
    if (basename(path) === TRUTH && isBenchmarkFolder(dirname(path))) return [dirname(path)];
    throw new GoldFormatError(`${path}: not an extraction gold set (expected ${EXTRACTION_FORMAT})`);
  }
  if (isBenchmarkFolder(path)) return [path];
  const sets = filesUnder(path).filter((file) => basename(file) === TRUTH && isBenchmarkFolder(dirname(file))).map(dirname);
  if (sets.length === 0) throw new GoldFormatError(`${path}: no extraction gold sets in this folder (expected ${EXTRACTION_FORMAT})`);
  return sets;
}

function readPage(dir: string, id: string): string {
  const gz = join(dir, 'html', `${id}.html.gz`);
  if (existsSync(gz)) return gunzipSync(readFileSync(gz)).toString('utf8');
  const plain = join(dir, 'html', `${id}.html`);
  if (existsSync(plain)) return readFileSync(plain, 'utf8');
  throw new GoldFormatError(`${dir}: ground-truth.json names page "${id}", but there is no html/${id}.html.gz or html/${id}.html`);
}

export function scoreExtraction(dir: string): SetResult {
  let truth: Record<string, { articleBody?: unknown }>;
  try {
    truth = JSON.parse(readFileSync(join(dir, TRUTH), 'utf8')) as Record<string, { articleBody?: unknown }>;
  } catch (error) {
    throw new GoldFormatError(`${join(dir, TRUTH)}: not JSON (${(error as Error).message})`);
  }
  const counts: Counts[] = [];
  const baselineCounts: Counts[] = [];
  const heldOut: Counts[] = [];
  const developed: Counts[] = [];
  const misses: Miss[] = [];
  const regressions: ReportTable = { title: 'Regressions against plain Readability', header: ['page', 'held out', 'Dyad F1', 'Readability F1', 'what'], rows: [] };
  for (const id of Object.keys(truth).sort()) {
    const expected = typeof truth[id]?.articleBody === 'string' ? (truth[id]!.articleBody as string) : '';
    const html = readPage(dir, id);
    // The body is scored against the article body: the headline ingest puts before it comes from the title.
    const doc = ingest({ content: html, kind: 'html' }, { headline: false });
    const match = shingleMatch(expected, doc.text);
    counts.push(match);
    const held = isHeldOut(dir, id);
    (held ? heldOut : developed).push(match);
    const baselineText = plainReadabilityText(html);
    const baseline = shingleMatch(expected, baselineText);
    baselineCounts.push(baseline);
    const regression = regressionOf({ text: doc.text, counts: match }, { text: baselineText, counts: baseline });
    if (regression) regressions.rows.push([id, held ? 'yes' : 'no', pageF1(match).toFixed(3), pageF1(baseline).toFixed(3), regression]);
    const precision = precisionOf(match);
    const recall = recallOf(match);
    if (precision < 0.9 || recall < 0.9) {
      misses.push({ id, text: `P ${precision.toFixed(2)} R ${recall.toFixed(2)}, ${doc.text.length} characters extracted${doc.skip ? ` (skipped: ${doc.skip.reason})` : ''}, begins "${doc.text.slice(0, 80).replace(/\s+/g, ' ')}"` });
    }
  }
  const all = aggregate(counts);
  const base = aggregate(baselineCounts);
  const metrics = {
    ...all,
    readability_f1: base.f1, readability_precision: base.precision, readability_recall: base.recall,
    regressions: regressions.rows.length,
    f1_held_out: aggregate(heldOut).f1, held_out_pages: heldOut.length, f1_developed: aggregate(developed).f1,
  };
  return { file: dir, items: counts.length, metrics, tables: [regressions], misses };
}

export function evaluateExtraction(path: string): SetResult[] {
  return extractionSets(path).map(scoreExtraction);
}
