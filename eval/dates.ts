/**
 * Date detection and normalisation on TimeBank/AQUAINT (TempEval-3 TBAQ-cleaned), reference = the
 * document creation time. Gold = DATE and TIME timexes. Detection counts overlapping spans; value
 * accuracy is over detected gold timexes; TempEval-style value F1 counts a prediction right when it
 * overlaps a gold timex and has its value. `--baseline` scores plain chrono-node casual for comparison.
 * Run: node --import tsx eval/dates.ts [--baseline]
 */
import { existsSync, readFileSync } from 'node:fs';
import * as chrono from 'chrono-node';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { resolveDates } from '../src/stages/dates/dates.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { goldPath } from './gold.js';

const FILE = goldPath('time', 'tbaq_cleaned.jsonl');
interface Timex { start: number; end: number; text: string; type: string; value: string }
interface Item { id: string; dct: string; text: string; timex: Timex[] }
interface Prediction { start: number; end: number; value: string | undefined }

/** Gold offsets are code points; JavaScript strings index UTF-16 units. */
function utf16Offsets(text: string): (cp: number) => number {
  const map: number[] = [];
  let unit = 0;
  for (const ch of text) { map.push(unit); unit += ch.length; }
  map.push(unit);
  return (cp) => map[cp] ?? unit;
}

function normaliseValue(value: string | undefined): string | undefined {
  if (!value) return value;
  return value.replace(/-W(\d)$/, '-W0$1').replace(/(T\d\d:\d\d):00(?:\.\d+)?$/, '$1').replace(/^(\d{4}-\d\d-\d\dT\d\d)$/, '$1:00');
}

function baseline(item: Item): Prediction[] {
  const [y, m, d] = item.dct.slice(0, 10).split('-').map(Number);
  return chrono.casual.parse(item.text, { instant: new Date(Date.UTC(y!, m! - 1, d!, 12)), timezone: 0 }).map((r) => {
    const c = r.start;
    const iso = (n: number | null, w = 2) => String(n ?? 0).padStart(w, '0');
    let value: string;
    if (c.isCertain('hour')) value = `${iso(c.get('year'), 4)}-${iso(c.get('month'))}-${iso(c.get('day'))}T${iso(c.get('hour'))}:${iso(c.get('minute'))}`;
    else if (c.isCertain('day') || c.isCertain('weekday')) value = `${iso(c.get('year'), 4)}-${iso(c.get('month'))}-${iso(c.get('day'))}`;
    else if (c.isCertain('month')) value = `${iso(c.get('year'), 4)}-${iso(c.get('month'))}`;
    else value = iso(c.get('year'), 4);
    return { start: r.index, end: r.index + r.text.length, value };
  });
}

function ours(item: Item): Prediction[] {
  const doc = makeDoc(item.text, [splitSentences(), resolveDates()], { published: item.dct.slice(0, 10), format: 'text' });
  return (doc.layers.dates ?? []).filter((m) => m.granularity !== 'duration').map((m) => ({ start: m.start, end: m.end, value: m.value }));
}

function main(): void {
  if (!existsSync(FILE)) {
    console.log(`skipped: ${FILE} not found`);
    return;
  }
  const useBaseline = process.argv.includes('--baseline');
  const items = readFileSync(FILE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item);
  const predictions = items.map((item) => (useBaseline ? baseline(item) : ours(item)));
  console.log(useBaseline ? 'chrono-node casual baseline' : 'dyad dates stage');
  score(items, predictions, ['DATE', 'TIME']);
  score(items, predictions, ['DATE']);
}

function score(items: Item[], allPredictions: Prediction[][], types: string[]): void {
  let gold = 0, predicted = 0, goldFound = 0, predMatched = 0, valueRight = 0, valueF1Right = 0;
  const misses: string[] = [];
  items.forEach((item, index) => {
    const at = utf16Offsets(item.text);
    const timexes = item.timex.filter((t) => types.includes(t.type)).map((t) => ({ ...t, start: at(t.start), end: at(t.end) }));
    // With DATE alone, predictions that overlap a gold timex of another type are set aside, not counted wrong.
    const predictions = allPredictions[index]!.filter((p) => !item.timex.some((t) => !types.includes(t.type) && p.start < at(t.end) && at(t.start) < p.end));
    gold += timexes.length;
    predicted += predictions.length;
    for (const t of timexes) {
      const hit = predictions.find((p) => p.start < t.end && t.start < p.end);
      if (!hit) continue;
      goldFound += 1;
      if (normaliseValue(hit.value) === normaliseValue(t.value)) valueRight += 1;
      else if (misses.length < 400) misses.push(`${t.text} gold=${t.value} got=${hit.value} [${item.text.slice(hit.start, hit.end)}] dct=${item.dct}`);
    }
    for (const p of predictions) {
      const t = timexes.find((g) => p.start < g.end && g.start < p.end);
      if (!t) continue;
      predMatched += 1;
      if (normaliseValue(p.value) === normaliseValue(t.value)) valueF1Right += 1;
    }
  });
  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const detP = predMatched / predicted, detR = goldFound / gold;
  const valP = valueF1Right / predicted, valR = valueRight / gold;
  console.log(`${types.join('+')}: ${items.length} docs, ${gold} gold timexes, ${predicted} predictions`);
  console.log(`  detection P ${detP.toFixed(3)} R ${detR.toFixed(3)} F1 ${f1(detP, detR).toFixed(3)}`);
  console.log(`  value accuracy on detected ${(valueRight / goldFound).toFixed(3)}`);
  console.log(`  value P ${valP.toFixed(3)} R ${valR.toFixed(3)} F1 ${f1(valP, valR).toFixed(3)}`);
  if (process.argv.includes('--misses')) console.log(misses.join('\n'));
}

main();
