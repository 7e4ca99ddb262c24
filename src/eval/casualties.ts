/**
 * Killed / injured figures on JSON Lines articles with incident counts (`{"id","published","title"?,"text","killed","injured"}`);
 * the title is coded before the text as ingest codes it.
 * Dyad's figure for an article is documentFigures of what the quantities stage finds (the largest
 * figure of each category; the injured also as the people shot less the killed); no figure counts as 0.
 * An item whose gold count is null is not scored for that count. The same articles also give the fill
 * rates of the events coded from them (fill-rates.ts).
 */
import { resolveDates } from '../stages/dates/dates.js';
import { documentFigures } from '../stages/quantities/document-figures.js';
import { findQuantities } from '../stages/quantities/quantities.js';
import { splitSentences } from '../stages/tokens/tokens.js';
import { stagePipeline, withHeadline } from './analyse.js';
import { goldFiles, isTextDataFile, jsonlKeys, readJsonl } from './gold-files.js';
import { fillRates } from './fill-rates.js';
import { ratio } from './metrics.js';
import type { Miss, SetResult } from './types.js';

export const CASUALTIES_FORMAT = 'JSON Lines with "text", "killed" and "injured" (numbers or null)';

export interface CasualtiesItem { id?: string; published?: string | null; title?: string; text: string; killed: number | null; injured: number | null }

export const isCasualtiesFile = (path: string): boolean => {
  if (!isTextDataFile(path, ['.jsonl', '.ndjson'])) return false;
  const keys = jsonlKeys(path);
  return keys !== undefined && keys.has('text') && keys.has('killed') && keys.has('injured');
};

const countOrNull = (value: unknown) => value === null || (Number.isInteger(value) && (value as number) >= 0);
const isCasualtiesItem = (item: Record<string, unknown>): boolean =>
  typeof item.text === 'string' && countOrNull(item.killed) && countOrNull(item.injured);

export function scoreCasualties(file: string, items: readonly CasualtiesItem[], options: { fillRates?: boolean } = {}): SetResult {
  // Dates too: a figure of another month or year than the article's is a tally (documentFigures).
  const analyse = stagePipeline([splitSentences(), resolveDates(), findQuantities()]);
  const tally = { killed: { n: 0, exact: 0, near: 0 }, injured: { n: 0, exact: 0, near: 0 } };
  const misses: Miss[] = [];
  for (const [index, item] of items.entries()) {
    const id = String(item.id ?? index + 1);
    const published = typeof item.published === 'string' && /^\d{4}-\d\d-\d\d/.test(item.published) ? item.published.slice(0, 10) : undefined;
    const doc = analyse(withHeadline(item.text, item.title), published ? { published } : {});
    const quantities = doc.layers.quantities ?? [];
    const figures = documentFigures(quantities, doc.text, doc.layers.sentences ?? [], { dates: doc.layers.dates ?? [], published });
    for (const category of ['killed', 'injured'] as const) {
      const gold = item[category];
      if (gold === null) continue;
      const found = figures[category] ?? 0;
      const score = tally[category];
      score.n += 1;
      if (found === gold) score.exact += 1;
      if (Math.abs(found - gold) <= 1) score.near += 1;
      if (found !== gold) {
        const seen = quantities.filter((q) => q.category === category || (category === 'injured' && q.category === 'other')).map((q) => `"${q.text}"`).join('; ') || 'no figure';
        misses.push({ id, text: `${category}: gold ${gold}, got ${found} (${seen})` });
      }
    }
  }
  return {
    file,
    items: items.length,
    metrics: {
      killed_exact: ratio(tally.killed.exact, tally.killed.n),
      killed_within1: ratio(tally.killed.near, tally.killed.n),
      injured_exact: ratio(tally.injured.exact, tally.injured.n),
      injured_within1: ratio(tally.injured.near, tally.injured.n),
      ...(options.fillRates === false ? {} : fillRates(items)),
    },
    misses,
  };
}

export function evaluateCasualties(path: string): SetResult[] {
  return goldFiles(path, 'casualties', CASUALTIES_FORMAT, isCasualtiesFile).map((file) => scoreCasualties(file, readJsonl<CasualtiesItem>(file, isCasualtiesItem, CASUALTIES_FORMAT)));
}
