/**
 * Main-text extraction on the article-extraction-benchmark pages (../shared/gold/extraction/aeb),
 * scored with the benchmark's own metric: \w+ tokens, 4-gram shingles counted with multiplicity,
 * per-page TP/FP/FN normalised to sum 1, precision and recall averaged over pages, F1 of the means.
 * Run: node --import tsx eval/extraction.ts   (skips with a message when the data is absent)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ingest } from '../src/ingest/index.js';
import { goldPath } from './gold.js';

export interface ExtractionScore {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  msPerPage: number;
}

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
  let tp = 0;
  let fp = 0;
  let fn = 0;
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

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

export function scoreExtraction(dir: string): ExtractionScore {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string }>;
  const counts: Array<[number, number, number]> = [];
  let ms = 0;
  for (const [id, expected] of Object.entries(truth)) {
    const html = gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))).toString('utf8');
    const started = performance.now();
    const doc = ingest({ content: html, kind: 'html' });
    ms += performance.now() - started;
    counts.push(shingleMatch(expected.articleBody ?? '', doc.text));
  }
  const precision = mean(counts.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(counts.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  return { pages: counts.length, precision, recall, f1: (2 * precision * recall) / (precision + recall), msPerPage: ms / counts.length };
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''));
if (isMain) {
  const dir = goldPath('extraction', 'aeb');
  if (!existsSync(join(dir, 'ground-truth.json'))) {
    console.log(`skip extraction eval: no benchmark data at ${dir}`);
  } else {
    const score = scoreExtraction(dir);
    console.log(
      `aeb main text: ${score.pages} pages  P ${score.precision.toFixed(3)}  R ${score.recall.toFixed(3)}  F1 ${score.f1.toFixed(3)}` +
        `  (${score.msPerPage.toFixed(1)} ms/page; baseline Readability.js + linkedom F1 0.947)`,
    );
  }
}
