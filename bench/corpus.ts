import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { IngestInput } from '../src/ingest/index.js';
import { goldPath } from '../eval/gold.js';

function jsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Article-length real news already in shared/gold (about 4,800 articles): read by path at benchmark
 * time, never copied. HTML pages go through the HTML path (Readability).
 */
export function realCorpus(shared: string, options: { html?: boolean } = {}): IngestInput[] {
  const gold = join(shared, 'gold');
  const inputs: IngestInput[] = [];
  const text = (file: string, field: string, date?: string) => {
    for (const item of jsonl(join(gold, file))) {
      const content = item[field];
      if (typeof content !== 'string' || !content.trim()) continue;
      const published = date && typeof item[date] === 'string' ? (item[date] as string).slice(0, 10) : undefined;
      inputs.push({ content, kind: 'text', inputId: String(item.id), ...(published ? { published } : {}) });
    }
  };
  text('quotes/polnear-train.jsonl', 'text', 'published');
  text('quotes/polnear-dev.jsonl', 'text', 'published');
  text('casualties/gva.jsonl', 'text', 'published');
  text('events/india_police_events_docs.jsonl', 'text', 'date');
  text('geo/geowebnews.jsonl', 'text');
  if (options.html) {
    const dir = join(gold, 'extraction', 'aeb', 'html');
    for (const name of readdirSync(dir)) {
      inputs.push({ content: gunzipSync(readFileSync(join(dir, name))).toString('utf8'), kind: 'html', inputId: name });
    }
  }
  return inputs;
}

/** The PolNeAR article texts (~900, ~750 words each) for the per-stage benchmarks; empty when absent. */
export function polnearTexts(): string[] {
  return ['polnear-dev.jsonl', 'polnear-train.jsonl']
    .map((file) => goldPath('quotes', file))
    .filter((path) => existsSync(path))
    .flatMap((path) => jsonl(path).map((item) => String(item.text)));
}
