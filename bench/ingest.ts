/**
 * Throughput of ingest: plain text over the PolNeAR article texts, HTML over the AEB pages.
 * Reads ../shared/gold (skips with a message when absent). Run: node --import tsx bench/ingest.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ingest } from '../src/ingest/index.js';
import { goldPath } from '../eval/gold.js';

const gold = goldPath();

function benchText(): void {
  const files = ['polnear-dev.jsonl', 'polnear-train.jsonl'].map((f) => join(gold, 'quotes', f)).filter(existsSync);
  if (files.length === 0) return console.log('skip text bench: no polnear files under', gold);
  const texts = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { text: string }).text),
  );
  for (const text of texts.slice(0, 100)) ingest({ content: text, kind: 'text' });
  const rounds = 5;
  const skips = new Map<string, number>();
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      const doc = ingest({ content: text });
      if (round === 0 && doc.skip) skips.set(doc.skip.ruleId, (skips.get(doc.skip.ruleId) ?? 0) + 1);
    }
  }
  const ms = (performance.now() - started) / (rounds * texts.length);
  console.log(`text: ${texts.length} articles x ${rounds}: ${ms.toFixed(4)} ms/article (${Math.round(1000 / ms)}/s); skips ${JSON.stringify([...skips])}`);
}

function benchHtml(): void {
  const dir = join(gold, 'extraction', 'aeb', 'html');
  if (!existsSync(dir)) return console.log('skip html bench: no', dir);
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8'));
  const started = performance.now();
  const methods = new Map<string, number>();
  for (const page of pages) {
    const doc = ingest({ content: page });
    const key = doc.skip ? `skip:${doc.skip.ruleId}` : doc.messages.some((m) => m.ruleId === 'no-article') ? 'body' : 'readability';
    methods.set(key, (methods.get(key) ?? 0) + 1);
  }
  const ms = (performance.now() - started) / pages.length;
  console.log(`html: ${pages.length} pages: ${ms.toFixed(2)} ms/page (${Math.round(1000 / ms)}/s); ${JSON.stringify([...methods])}`);
}

benchText();
benchHtml();
