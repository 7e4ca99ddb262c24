/**
 * Direct quotes on PolNeAR dev: precision/recall/F1 of direct quote content spans (a prediction matches an
 * unmatched gold `direct` attribution whose content overlaps it), against the QUIRKS baseline (regex between
 * double quotes, F1 62.5); speaker accuracy on matched quotes (the speaker text overlaps the gold source,
 * and, coreference-aware, any mention of the speaker's actor does). Also reports reported speech (indirect)
 * and ms/article of the actors + quotes stages. `--train` adds polnear-train.
 * Run: node --import tsx eval/quotes.ts [--train]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc, Quote } from '../src/doc/types.js';
import { resolveActors } from '../src/stages/actors/actors.js';
import { findEntities } from '../src/stages/entities/entities.js';
import { findQuotes } from '../src/stages/quotes/quotes.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { goldPath } from './gold.js';

interface GoldSpan { start: number; end: number; text: string }
interface Attribution { source: GoldSpan | null; cue: GoldSpan | null; content: GoldSpan | null; direct: boolean }
interface Item { id: string; text: string; attributions: Attribution[] }

const DIR = goldPath('quotes');
const BASELINE_F1 = 62.5;

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

interface Tally { predicted: number; gold: number; matched: number; withSource: number; speakerText: number; speakerActor: number }

function score(doc: Doc, predicted: Quote[], gold: Attribution[], tally: Tally): void {
  tally.predicted += predicted.length;
  tally.gold += gold.length;
  const used = new Set<number>();
  for (const quote of predicted) {
    const index = gold.findIndex((g, i) => !used.has(i) && g.content !== null && overlaps(quote, g.content));
    if (index < 0) continue;
    used.add(index);
    tally.matched += 1;
    const source = gold[index]!.source;
    if (!source) continue;
    tally.withSource += 1;
    if (quote.speaker && overlaps(quote.speaker, source)) tally.speakerText += 1;
    const actor = doc.layers.actors?.find((a) => a.id === quote.speaker?.actor);
    if ((quote.speaker && overlaps(quote.speaker, source)) || actor?.mentions.some((m) => overlaps(m, source))) tally.speakerActor += 1;
  }
}

function report(label: string, t: Tally): void {
  const p = t.matched / Math.max(1, t.predicted);
  const r = t.matched / Math.max(1, t.gold);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  const pct = (x: number) => (100 * x).toFixed(1);
  console.log(`${label}: predicted ${t.predicted}, gold ${t.gold}, matched ${t.matched} — P ${pct(p)} R ${pct(r)} F1 ${pct(f)}`);
  console.log(`  speaker on matched (gold source given, n=${t.withSource}): text overlap ${pct(t.speakerText / Math.max(1, t.withSource))}%, actor/coreference ${pct(t.speakerActor / Math.max(1, t.withSource))}%`);
}

function main(): void {
  const files = ['polnear-dev.jsonl', ...(process.argv.includes('--train') ? ['polnear-train.jsonl'] : [])].map((f) => join(DIR, f));
  if (!existsSync(files[0]!)) {
    console.log(`skipped: ${files[0]} not found`);
    return;
  }
  const items = files.filter((f) => existsSync(f)).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item));
  const stages = [splitSentences(), findEntities(), resolveActors(), findQuotes()];
  const direct: Tally = { predicted: 0, gold: 0, matched: 0, withSource: 0, speakerText: 0, speakerActor: 0 };
  const indirect: Tally = { ...direct };
  const ms = new Map<string, number>();
  for (let pass = 0; pass < 3; pass += 1) {
    ms.clear();
    for (const item of items) {
      const doc = makeDoc(item.text, stages, { format: 'text' });
      for (const run of doc.provenance) ms.set(run.stage, (ms.get(run.stage) ?? 0) + run.ms);
      for (const message of doc.messages) if (message.severity === 'error') console.log(`${item.id}: ${message.reason}`);
      if (pass > 0) continue;
      const quotes = doc.layers.quotes ?? [];
      score(doc, quotes.filter((q) => q.kind === 'direct'), item.attributions.filter((a) => a.content && a.direct), direct);
      score(doc, quotes.filter((q) => q.kind === 'indirect'), item.attributions.filter((a) => a.content && !a.direct), indirect);
    }
  }
  console.log(`${items.length} articles`);
  report(`direct quotes (baseline F1 ${BASELINE_F1})`, direct);
  report('reported speech (indirect, overlap)', indirect);
  const per = (stage: string) => ((ms.get(stage) ?? 0) / items.length).toFixed(3);
  console.log(`ms/article (third pass): actors ${per('actors')}, quotes ${per('quotes')}, together ${(((ms.get('actors') ?? 0) + (ms.get('quotes') ?? 0)) / items.length).toFixed(3)}; entities ${per('entities')}, tokens ${per('tokens')}`);
}

main();
