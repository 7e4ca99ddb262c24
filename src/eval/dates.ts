/**
 * Dates on TimeML-style JSON Lines (`{"id","dct","text","timex":[{"start","end","text","type","value"}]}`),
 * reference = the document creation time. Gold = DATE and TIME expressions; durations and sets are not
 * dates. A prediction is matched one-to-one to a gold expression it overlaps: detection_f1 counts the
 * matches, value_f1 (TempEval-3 style) only the matches whose normalised value equals the gold value.
 * A prediction overlapping a gold DURATION or SET is set aside, not counted wrong. The plain
 * chrono-node baseline is scored by the same code.
 */
import * as chrono from 'chrono-node';
import { resolveDates } from '../stages/dates/dates.js';
import { splitSentences } from '../stages/tokens/tokens.js';
import { stagePipeline } from './analyse.js';
import { codePointsToUtf16, goldFiles, isSpan, isTextDataFile, jsonlKeys, readJsonl } from './gold-files.js';
import { matchOneToOne, overlaps, prf, ratio } from './metrics.js';
import type { Miss, SetResult } from './types.js';

export const DATES_FORMAT = 'JSON Lines with "dct", "text" and "timex" [{start, end, text, type, value}]';

interface Timex { start: number; end: number; text: string; type: string; value: string }
export interface DatesItem { id?: string; dct: string; text: string; timex: Timex[] }
export interface DatePrediction { start: number; end: number; value: string | undefined }
export type DateTagger = (item: DatesItem) => DatePrediction[];

const SCORED_TYPES = new Set(['DATE', 'TIME']);

export const isDatesFile = (path: string): boolean => {
  if (!isTextDataFile(path, ['.jsonl', '.ndjson'])) return false;
  const keys = jsonlKeys(path);
  return keys !== undefined && keys.has('text') && keys.has('timex') && keys.has('dct');
};

const isDatesItem = (item: Record<string, unknown>): boolean =>
  typeof item.text === 'string' && typeof item.dct === 'string' && /^\d{4}-\d\d-\d\d/.test(item.dct) &&
  Array.isArray(item.timex) && item.timex.every((t: Record<string, unknown>) => isSpan(t) && typeof t.type === 'string');

/** TimeML writes the same instant several ways: "W3" / "W03", "T10:30:00" / "T10:30", "T10" / "T10:00". */
export function normaliseValue(value: string | undefined): string | undefined {
  if (!value) return value;
  return value.replace(/-W(\d)$/, '-W0$1').replace(/(T\d\d:\d\d):00(?:\.\d+)?$/, '$1').replace(/^(\d{4}-\d\d-\d\dT\d\d)$/, '$1:00');
}

export function dyadDates(): DateTagger {
  const analyse = stagePipeline([splitSentences(), resolveDates()]);
  return (item) => (analyse(item.text, { published: item.dct.slice(0, 10) }).layers.dates ?? [])
    .filter((m) => m.granularity !== 'duration')
    .map((m) => ({ start: m.start, end: m.end, value: m.value }));
}

/** chrono-node's casual parser with the document creation time as reference, values at its certain precision. */
export function chronoBaseline(): DateTagger {
  return (item) => {
    const [y, m, d] = item.dct.slice(0, 10).split('-').map(Number);
    return chrono.casual.parse(item.text, { instant: new Date(Date.UTC(y!, m! - 1, d!, 12)), timezone: 0 }).map((r) => {
      const c = r.start;
      const pad = (n: number | null, width = 2) => String(n ?? 0).padStart(width, '0');
      let value: string;
      if (c.isCertain('hour')) value = `${pad(c.get('year'), 4)}-${pad(c.get('month'))}-${pad(c.get('day'))}T${pad(c.get('hour'))}:${pad(c.get('minute'))}`;
      else if (c.isCertain('day') || c.isCertain('weekday')) value = `${pad(c.get('year'), 4)}-${pad(c.get('month'))}-${pad(c.get('day'))}`;
      else if (c.isCertain('month')) value = `${pad(c.get('year'), 4)}-${pad(c.get('month'))}`;
      else value = pad(c.get('year'), 4);
      return { start: r.index, end: r.index + r.text.length, value };
    });
  };
}

interface DateScore { detection_f1: number; value_f1: number; value_accuracy: number; detection_precision: number; detection_recall: number; value_precision: number; value_recall: number }

function scoreTagger(items: readonly DatesItem[], tagger: DateTagger, misses?: Miss[]): DateScore {
  let gold = 0, predicted = 0, matched = 0, valueRight = 0;
  for (const [index, item] of items.entries()) {
    const id = String(item.id ?? index + 1);
    const at = codePointsToUtf16(item.text);
    const timexes = item.timex.map((t) => ({ ...t, start: at(t.start), end: at(t.end) }));
    const scored = timexes.filter((t) => SCORED_TYPES.has(t.type));
    const others = timexes.filter((t) => !SCORED_TYPES.has(t.type));
    const predictions = tagger(item).filter((p) => !others.some((t) => overlaps(p, t)));
    gold += scored.length;
    predicted += predictions.length;
    const matches = matchOneToOne(predictions, scored);
    const found = new Set<number>();
    matches.forEach((goldIndex, p) => {
      const prediction = predictions[p]!;
      if (goldIndex < 0) {
        misses?.push({ id, text: `spurious "${item.text.slice(prediction.start, prediction.end)}" = ${prediction.value} (dct ${item.dct})` });
        return;
      }
      found.add(goldIndex);
      matched += 1;
      const timex = scored[goldIndex]!;
      if (normaliseValue(prediction.value) === normaliseValue(timex.value)) valueRight += 1;
      else misses?.push({ id, text: `"${timex.text}" gold ${timex.value}, got ${prediction.value} from "${item.text.slice(prediction.start, prediction.end)}" (dct ${item.dct})` });
    });
    scored.forEach((timex, g) => {
      if (!found.has(g)) misses?.push({ id, text: `missed "${timex.text}" = ${timex.value} (dct ${item.dct})` });
    });
  }
  const detection = prf(matched, predicted, gold);
  const value = prf(valueRight, predicted, gold);
  return {
    detection_f1: detection.f1, value_f1: value.f1, value_accuracy: ratio(valueRight, matched),
    detection_precision: detection.precision, detection_recall: detection.recall, value_precision: value.precision, value_recall: value.recall,
  };
}

export function scoreDates(file: string, items: readonly DatesItem[], tagger: DateTagger, baseline?: DateTagger): SetResult {
  const misses: Miss[] = [];
  const ours = scoreTagger(items, tagger, misses);
  const metrics: SetResult['metrics'] = { ...ours };
  if (baseline) {
    const theirs = scoreTagger(items, baseline);
    metrics.baseline_detection_f1 = theirs.detection_f1;
    metrics.baseline_value_f1 = theirs.value_f1;
  }
  return { file, items: items.length, metrics, misses };
}

export function evaluateDates(path: string): SetResult[] {
  const tagger = dyadDates();
  const baseline = chronoBaseline();
  return goldFiles(path, 'dates', DATES_FORMAT, isDatesFile).map((file) => scoreDates(file, readJsonl<DatesItem>(file, isDatesItem, DATES_FORMAT), tagger, baseline));
}
