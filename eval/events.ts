/**
 * PLOVER event type accuracy per sentence on the PLOVER gold standard records (CAMEO manual examples).
 *
 *   node --import tsx eval/events.ts [path/to/plover_gsr_cameo.jsonl]
 *
 * Runs whatever stages the tree has (the default pipeline, then every mention stage that loads), fills
 * the layers no stage provides with empty ones, and codes events. The predicted type of a sentence is the
 * type of its most confident event that is not negated; a sentence is right when that type is among the
 * gold types (strict: the first gold event's type; ZSP's YIELD is right as CONCEDE or RETREAT). The
 * majority baseline (always AGREE) is 12.4%.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createDoc } from '../src/doc/doc.js';
import type { Doc, LayerName, Layers } from '../src/doc/types.js';
import { splitParagraphs } from '../src/ingest/paragraphs.js';
import { defaultPipeline } from '../src/pipeline/default.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import type { AnyStage } from '../src/pipeline/stage.js';
import { judgeSentence } from '../src/eval/event-types.js';
import { codeEvents } from '../src/stages/events/events.js';
import { goldPath } from './gold.js';

const goldFile = process.argv.find((arg) => arg.endsWith('.jsonl')) ?? goldPath('events', 'plover_gsr_cameo.jsonl');
const MAJORITY_BASELINE = 0.124;

interface GoldItem {
  id: string;
  text: string;
  events: Array<{ plover: string }> | null;
}

/** Mention stages, in dependency order; a stage that is missing or broken in the tree is left out. */
const OPTIONAL_STAGES: Array<[string, string]> = [
  ['../src/stages/entities/entities.js', 'findEntities'],
  ['../src/stages/geocode/geocode.js', 'geocode'],
  ['../src/stages/dates/dates.js', 'resolveDates'],
  ['../src/stages/quantities/quantities.js', 'findQuantities'],
  ['../src/stages/actors/actors.js', 'resolveActors'],
  ['../src/stages/quotes/quotes.js', 'findQuotes'],
];

const EVENT_INPUTS: LayerName[] = ['entities', 'places', 'dates', 'quantities', 'actors', 'quotes'];

async function loadStages(): Promise<{ stages: AnyStage[]; used: string[] }> {
  const base = defaultPipeline().stages;
  const stages: AnyStage[] = [...base];
  const provided = new Set<LayerName>(['paragraphs', ...base.flatMap((s) => s.provides)]);
  const used = base.map((s) => s.name);
  for (const [path, name] of OPTIONAL_STAGES) {
    try {
      const module = (await import(path)) as Record<string, () => AnyStage>;
      const stage = module[name]?.();
      if (!stage || stage.provides.some((layer) => provided.has(layer))) continue;
      if (!stage.requires.every((layer) => provided.has(layer))) continue;
      stages.push(stage);
      stage.provides.forEach((layer) => provided.add(layer));
      used.push(stage.name);
    } catch (error) {
      console.warn(`(stage ${name} not used: ${(error as Error).message.split('\n')[0]})`);
    }
  }
  return { stages, used };
}

function predict(doc: Doc): string | undefined {
  const events = (doc.layers.events ?? []).filter((e) => !e.negated);
  return events.sort((a, b) => b.confidence - a.confidence)[0]?.plover;
}

async function main(): Promise<void> {
  if (!existsSync(goldFile)) {
    console.log(`skipped: ${goldFile} not found`);
    return;
  }
  const items = readFileSync(goldFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldItem)
    .filter((item) => item.events && item.events.length > 0);
  const { stages, used } = await loadStages();
  const pipeline = createPipeline(stages);
  const eventStage = codeEvents();
  let any = 0;
  let strict = 0;
  let predicted = 0;
  const perType = new Map<string, { gold: number; right: number; predicted: number }>();
  const confusion = new Map<string, number>();
  const started = performance.now();
  for (const item of items) {
    const doc = createDoc(item.text, {}, { paragraphs: splitParagraphs(item.text) });
    pipeline.run(doc);
    for (const layer of EVENT_INPUTS) (doc.layers as Record<string, unknown>)[layer] ??= [];
    const out = eventStage.run(doc, { report: () => undefined }) as Pick<Layers, 'events'>;
    doc.layers.events = out.events;
    const guess = predict(doc);
    const judgement = judgeSentence(item.events!.map((e) => e.plover), guess);
    const stats = perType.get(judgement.label) ?? { gold: 0, right: 0, predicted: 0 };
    stats.gold += 1;
    perType.set(judgement.label, stats);
    if (guess) {
      predicted += 1;
      const guessed = perType.get(guess) ?? { gold: 0, right: 0, predicted: 0 };
      guessed.predicted += 1;
      perType.set(guess, guessed);
    }
    if (judgement.any) any += 1;
    if (judgement.strict) {
      strict += 1;
      stats.right += 1;
    } else {
      const key = `${judgement.label} → ${guess ?? '(none)'}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
  }
  const ms = performance.now() - started;
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  console.log(`stages: ${used.join(', ')} + events`);
  console.log(`sentences: ${items.length}; with a prediction: ${predicted} (${pct(predicted, items.length)})`);
  console.log(`type accuracy (strict, first gold event): ${pct(strict, items.length)}`);
  console.log(`type accuracy (any gold event):           ${pct(any, items.length)}`);
  console.log(`precision on sentences with a prediction:  ${pct(any, predicted)}`);
  const majority = [...perType.entries()].sort((a, b) => b[1].gold - a[1].gold)[0];
  console.log(`majority baseline in this file (${majority?.[0]}):  ${pct(majority?.[1].gold ?? 0, items.length)} (published for plover_gsr_cameo: ${(MAJORITY_BASELINE * 100).toFixed(1)}%)`);
  console.log(`time: ${(ms / items.length).toFixed(2)} ms/sentence for the whole pipeline`);
  console.log('\nper gold type (strict recall, predicted count):');
  for (const [type, s] of [...perType.entries()].sort()) console.log(`  ${type.padEnd(10)} ${String(s.right).padStart(3)}/${String(s.gold).padEnd(3)} ${pct(s.right, s.gold).padStart(6)}  predicted ${s.predicted}`);
  console.log('\nmost frequent errors:');
  for (const [pair, n] of [...confusion.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${n}  ${pair}`);
}

await main();
