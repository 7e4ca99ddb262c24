// GeoWebNews scored on its even- and odd-numbered documents separately: geocoding rules were chosen
// while looking at the errors of the even half only, so the odd half shows how well they generalise.
// Run: npm run build && node dist/eval/geo-halves.js [--gold DIR]
import { existsSync, readFileSync } from 'node:fs';
import { scoreGeo, type GeoItem } from '../src/eval/geo.js';
import { goldPath } from './gold.js';

const file = goldPath('geo', 'geowebnews.jsonl');
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found`);
  process.exit(0);
}
const items = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as GeoItem);
for (const [half, remainder] of [['even', 0], ['odd', 1]] as const) {
  const { metrics } = scoreGeo(`${file} (${half})`, items.filter((item) => Number(item.id) % 2 === remainder));
  const rounded = Object.fromEntries(Object.entries(metrics).map(([name, value]) => [name, typeof value === 'number' ? Math.round(value * 1e4) / 1e4 : value]));
  console.log(`${half}: ${JSON.stringify(rounded)}`);
}
