/**
 * Geoparsing on JSON Lines with gold toponyms (`{"id","text","toponyms":[{"start","end","text","lat","lon"}]}`).
 * Resolution is measured on the gold spans (what the resolver does when detection is perfect): acc161 is
 * the share of all gold toponyms with coordinates that Dyad places within 161 km (100 miles), coverage the
 * share it resolves at all, median_km the median error of those it resolves. Detection is measured end
 * to end: the places the pipeline finds in the text against every gold toponym, one-to-one by overlap.
 */
import { findEntities } from '../stages/entities/entities.js';
import { resolveMentions } from '../stages/geocode/context.js';
import { geocode } from '../stages/geocode/geocode.js';
import { splitSentences } from '../stages/tokens/tokens.js';
import { stagePipeline } from './analyse.js';
import { codePointsToUtf16, goldFiles, isSpan, isTextDataFile, jsonlKeys, readJsonl } from './gold-files.js';
import { haversineKm, matchOneToOne, median, prf, ratio } from './metrics.js';
import type { Miss, SetResult } from './types.js';

export const GEO_FORMAT = 'JSON Lines with "text" and "toponyms" [{start, end, text, lat, lon}]';

interface Toponym { start: number; end: number; text: string; lat: number | null; lon: number | null }
export interface GeoItem { id?: string; text: string; toponyms: Toponym[] }

export const isGeoFile = (path: string): boolean => {
  if (!isTextDataFile(path, ['.jsonl', '.ndjson'])) return false;
  const keys = jsonlKeys(path);
  return keys !== undefined && keys.has('text') && keys.has('toponyms');
};

const isGeoItem = (item: Record<string, unknown>): boolean =>
  typeof item.text === 'string' && Array.isArray(item.toponyms) && item.toponyms.every((t: Record<string, unknown>) => isSpan(t) && typeof t.text === 'string');

const WITHIN_KM = 161;

export function scoreGeo(file: string, items: readonly GeoItem[]): SetResult {
  const analyse = stagePipeline([splitSentences(), findEntities(), geocode()]);
  let located = 0, resolved = 0, within = 0, goldSpans = 0, predictedSpans = 0, matchedSpans = 0;
  const errors: number[] = [];
  const misses: Miss[] = [];
  for (const [index, item] of items.entries()) {
    const id = String(item.id ?? index + 1);
    const at = codePointsToUtf16(item.text);
    const toponyms = item.toponyms.map((t) => ({ ...t, start: at(t.start), end: at(t.end) }));
    // Every gold toponym of the document is resolved together, as the geocode stage resolves its mentions.
    const readings = resolveMentions(item.text, toponyms);
    for (const [t, toponym] of toponyms.entries()) {
      if (toponym.lat === null || toponym.lon === null) continue;
      located += 1;
      const result = readings[t];
      if (!result) {
        misses.push({ id, text: `unresolved "${toponym.text}" (gold ${toponym.lat}, ${toponym.lon})` });
        continue;
      }
      resolved += 1;
      const km = haversineKm(result.lat, result.lon, toponym.lat, toponym.lon);
      errors.push(km);
      if (km <= WITHIN_KM) within += 1;
      else misses.push({ id, text: `"${toponym.text}" → ${result.name} (${result.placeId}), ${Math.round(km)} km off` });
    }
    const places = analyse(item.text).layers.places ?? [];
    const matches = matchOneToOne(places, toponyms);
    goldSpans += toponyms.length;
    predictedSpans += places.length;
    matchedSpans += matches.filter((m) => m >= 0).length;
  }
  const detection = prf(matchedSpans, predictedSpans, goldSpans);
  return {
    file,
    items: items.length,
    metrics: {
      acc161: ratio(within, located),
      coverage: ratio(resolved, located),
      median_km: median(errors),
      acc161_resolved: ratio(within, resolved),
      toponyms: located,
      detect_f1: detection.f1,
      detect_precision: detection.precision,
      detect_recall: detection.recall,
    },
    misses,
  };
}

export function evaluateGeo(path: string): SetResult[] {
  return goldFiles(path, 'geo', GEO_FORMAT, isGeoFile).map((file) => scoreGeo(file, readJsonl<GeoItem>(file, isGeoItem, GEO_FORMAT)));
}
