/**
 * Killed / injured figures on the Gun Violence Archive articles (SemEval-2018 Task 5). For each article the
 * largest killed and injured figure the quantities stage finds is compared with the incident's gold count:
 * exact accuracy, accuracy within ±1, and how often nothing is found when the gold count is above zero.
 * A vague or hedged figure counts by its lower bound (its upper bound for "nearly").
 * Run: node --import tsx eval/casualties.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Quantity } from '../src/doc/types.js';
import { findQuantities } from '../src/stages/quantities/quantities.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { goldPath } from './gold.js';

const FILE = goldPath('casualties', 'gva.jsonl');
interface Item { id: string; published?: string; text: string; killed: number | null; injured: number | null }

function figure(quantities: Quantity[], category: 'killed' | 'injured'): number | undefined {
  const values = quantities.filter((q) => q.category === category).map((q) => (q.qualifier === 'at most' ? q.max ?? q.min : q.min));
  return values.length === 0 ? undefined : Math.max(...values);
}

function main(): void {
  if (!existsSync(FILE)) {
    console.log(`skipped: ${FILE} not found`);
    return;
  }
  const items = readFileSync(FILE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item);
  const stages = [splitSentences(), findQuantities()];
  const scores = { killed: { n: 0, exact: 0, near: 0, positive: 0, none: 0, zeroRight: 0, zero: 0 }, injured: { n: 0, exact: 0, near: 0, positive: 0, none: 0, zeroRight: 0, zero: 0 } };
  const verbose = process.argv.includes('--misses');
  for (const item of items) {
    const doc = makeDoc(item.text, stages, { published: item.published, format: 'text' });
    const quantities = doc.layers.quantities ?? [];
    for (const category of ['killed', 'injured'] as const) {
      const gold = item[category];
      if (gold === null || gold === undefined) continue;
      const score = scores[category];
      const found = figure(quantities, category) ?? 0;
      score.n += 1;
      if (found === gold) score.exact += 1;
      if (Math.abs(found - gold) <= 1) score.near += 1;
      if (gold > 0) {
        score.positive += 1;
        if (figure(quantities, category) === undefined) score.none += 1;
      } else {
        score.zero += 1;
        if (found === 0) score.zeroRight += 1;
      }
      if (verbose && found !== gold && Math.random() < 0.05) console.log(`${category} gold=${gold} found=${found}: ${quantities.filter((q) => q.category === category).map((q) => q.text).join('; ')}`);
    }
  }
  console.log(`${items.length} GVA articles (a figure not found counts as 0)`);
  for (const [category, s] of Object.entries(scores)) {
    console.log(`${category}: exact ${(s.exact / s.n).toFixed(3)}, within ±1 ${(s.near / s.n).toFixed(3)} (n=${s.n}); ` +
      `nothing found when gold > 0: ${s.none}/${s.positive} (${(s.none / s.positive).toFixed(3)}); gold 0 and none found: ${s.zeroRight}/${s.zero}`);
  }
}

main();
