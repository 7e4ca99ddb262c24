// Geoparsing on GeoWebNews with gold toponym spans: acc@161 km and coverage. Run: node --import tsx eval/geo-geowebnews.ts
import { existsSync, readFileSync } from 'node:fs';
import { getGazetteer } from '../src/stages/entities/gazetteer.js';
import { resolveToponym } from '../src/stages/geocode/resolve.js';
import { goldPath } from './gold.js';

const file = goldPath('geo', 'geowebnews.jsonl');
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found`);
  process.exit(0);
}
interface Toponym { start: number; end: number; text: string; lat: number | null; lon: number | null }
const km = (lat1: number, lon1: number, lat2: number, lon2: number) => {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
};
let total = 0;
let resolved = 0;
let within = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const doc = JSON.parse(line) as { text: string; toponyms: Toponym[] };
  const countries = new Set<string>();
  for (const toponym of doc.toponyms) {
    for (const entry of getGazetteer().byPhrase.get(toponym.text.toLowerCase()) ?? []) {
      if (entry.kb.country && entry.type !== 'PERSON') countries.add(entry.kb.country);
    }
  }
  for (const toponym of doc.toponyms) {
    if (toponym.lat === null || toponym.lon === null) continue;
    total += 1;
    const before = doc.text.slice(Math.max(0, toponym.start - 12), toponym.start);
    const result = resolveToponym(toponym.text, { countries, locative: /\b(in|at|near|from)\s+(the\s+)?$/i.test(before) });
    if (!result) continue;
    resolved += 1;
    if (km(result.lat, result.lon, toponym.lat, toponym.lon) <= 161) within += 1;
  }
}
console.log(`geowebnews (${total} toponyms with coordinates): acc@161km ${(100 * within / total).toFixed(1)}% of all, coverage ${(100 * resolved / total).toFixed(1)}%, acc@161 on resolved ${(100 * within / (resolved || 1)).toFixed(1)}%; baseline 37.6% / 54%`);
