/**
 * `npm run eval`: runs every evaluation against the shared gold data (`--gold DIR`, default
 * ../shared/gold), prints each one's report and writes them into EVALUATION.md. Each evaluation is its
 * own script, run in a fresh process so its timings are not disturbed by the others.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceSection } from '../bench/report.js';
import { repoRoot } from '../test/paths.js';
import { goldPath } from './gold.js';

const evaluations = [
  { script: 'extraction.js', title: 'Main text from HTML (aeb)', baseline: 'Readability.js + linkedom: F1 0.947 (P 0.914, R 0.982)' },
  { script: 'ner-wikigold.js', title: 'Named entities (wikigold)', baseline: 'compromise: F1 44.7 (PER 55.7, ORG 27.9, LOC 45.8)' },
  { script: 'language-conll.js', title: 'Language identification on English newswire (CoNLL-2003 testa sentences)', baseline: 'franc-min alone calls 1,333 of the 3,250 sentences another language; before this change ingest skipped 600' },
  { script: 'geo-geowebnews.js', title: 'Geoparsing, gold spans given (geowebnews)', baseline: 'most populous exact name: acc@161 km 37.6%, coverage 54%' },
  { script: 'dates.js', title: 'Dates (TimeBank + AQUAINT, tbaq_cleaned)', baseline: 'chrono-node casual: detection F1 0.784, value accuracy 0.826, value F1 0.488' },
  { script: 'casualties.js', title: 'Casualty figures (Gun Violence Archive articles)', baseline: 'none published' },
  { script: 'quotes.js', title: 'Quotes and speakers (PolNeAR dev)', baseline: 'regex between double quotes (≥ 3 words): direct-quote F1 62.5' },
  { script: 'events.js', title: 'PLOVER event type (plover_gsr_cameo; patterns were added while reading its misses)', baseline: 'majority class (AGREE): accuracy 12.4%' },
  {
    script: 'events.js', args: [goldPath('events', 'zsp_plover_plv_train.jsonl')],
    title: 'PLOVER event type (zsp_plover_plv_train; not tuned on; YIELD counts as CONCEDE or RETREAT)', baseline: 'majority class: accuracy 13.5%',
  },
];

const here = dirname(fileURLToPath(import.meta.url));
const gold = goldPath();
if (!existsSync(gold)) {
  console.log(`No gold data at ${gold}: nothing to evaluate (pass --gold DIR).`);
  process.exit(0);
}

const sections: string[] = [`Run ${new Date().toISOString().slice(0, 10)} on ${gold.replace(repoRoot(), '.')}; every number below is printed by the script named, on data no one here wrote.`];
for (const { script, title, baseline, args = [] } of evaluations as Array<{ script: string; title: string; baseline: string; args?: string[] }>) {
  console.log(`\n== ${title}`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(here, script), ...args, '--gold', gold], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const output = `${run.stdout}${run.status === 0 ? '' : `\n(exit ${run.status}) ${run.stderr}`}`.trim();
  console.log(output);
  sections.push(`### ${title}\n\n\`eval/${script.replace(/\.js$/, '.ts')}\`, ${seconds} s. Baseline to beat: ${baseline}.\n\n\`\`\`\n${output}\n\`\`\``);
}
replaceSection(join(repoRoot(), 'EVALUATION.md'), 'Latest run (`npm run eval`)', sections.join('\n\n'));
