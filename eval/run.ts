/**
 * `npm run eval`: scores every component on the shared gold data (`--gold DIR`, default ../shared/gold)
 * with the same library code as `dyad eval <task>`, prints each report and writes them into
 * EVALUATION.md. Language identification on newswire runs as a script of its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, replaceSection } from '../bench/report.js';
import { evaluateAsync, formatReport, GoldFormatError, NoParserError, type TaskName } from '../src/index.js';
import { shortfall, targetBound } from '../src/eval/targets.js';
import { repoRoot } from '../test/paths.js';
import { goldPath } from './gold.js';

const gold = goldPath();

const TASK_SECTIONS: Array<{ task: TaskName; title: string; baseline: string }> = [
  { task: 'extraction', title: 'Main text from HTML (aeb)', baseline: 'Readability.js + linkedom: F1 0.947 (P 0.914, R 0.982)' },
  { task: 'ner', title: 'Named entities (the NER model is trained on conll2003_train and en_worldwide_newswire: their scores below are training fit, not results; testa only chose the epoch; wikigold and re3d are never read in training)', baseline: 'compromise on wikigold: F1 44.7 (PER 55.7, ORG 27.9, LOC 45.8)' },
  { task: 'parse', title: 'Dependency parsing (UD English EWT)', baseline: 'none published here' },
  { task: 'geo', title: 'Geoparsing (geowebnews; resolution on gold spans, detection end to end)', baseline: 'most populous exact name: acc@161 km 37.6%, coverage 54%' },
  { task: 'dates', title: 'Dates (TimeBank + AQUAINT, tbaq_cleaned)', baseline: 'chrono-node casual: detection F1 0.784, value accuracy 0.826, value F1 0.488 (QUIRKS.md); the same baseline scored by the same one-to-one matching as Dyad is baseline_detection_f1 / baseline_value_f1 below' },
  { task: 'casualties', title: 'Casualty figures (Gun Violence Archive articles)', baseline: 'none published' },
  { task: 'events', title: 'Events (every event set; patterns were added while reading plover_gsr_cameo misses; the confidence model is fitted on four fifths of zsp, plover_gsr and conflibert, so their ece here is partly training fit: models/calibration/manifest.json has it on the held-out fifth)', baseline: 'majority class: PLOVER type accuracy 12.4% on plover_gsr_cameo (QUIRKS.md); keyword lists on india_police_events dev: F1 KILL 29.3, ARREST 48.6, FORCE 46.6' },
  { task: 'stories', title: 'Stories across documents (Gun Violence Archive articles grouped by incident; even incident ids tuned on, odd held out)', baseline: 'every article its own story: B-cubed F1 0.735 (even) / 0.722 (odd)' },
  { task: 'quotes', title: 'Quotes and speakers (PolNeAR)', baseline: 'regex between double quotes (≥ 3 words): direct-quote F1 62.5 (QUIRKS.md); the same baseline scored by the same one-to-one matching as Dyad is baseline_direct_f1 below' },
];

/** Evaluations that are scripts of their own (not yet `dyad eval` tasks), each run in a fresh process. */
const SCRIPT_SECTIONS: Array<{ script: string; args: string[]; title: string; baseline: string }> = [
  {
    script: 'language-conll.js', args: ['--gold', gold], title: 'Language identification on English newswire (CoNLL-2003 testa sentences)',
    baseline: 'franc-min alone calls 1,333 of the 3,250 sentences another language; before fail-safe identification ingest skipped 600',
  },
];

const here = dirname(fileURLToPath(import.meta.url));
const root = repoRoot();
if (!existsSync(gold)) {
  console.log(`No gold data at ${gold}: nothing to evaluate (pass --gold DIR).`);
  process.exit(0);
}
/** A path as the reader of EVALUATION.md would type it from the repository: relative when it is near. */
function shown(path: string): string {
  const near = relative(root, path) || '.';
  return near.split('/').filter((part) => part === '..').length <= 1 ? near : path;
}

const sections: string[] = [`Run ${new Date().toISOString().slice(0, 10)} on ${shown(gold)}; every number below is printed by the command named, on data no one here wrote. Metrics are fractions (0–1) unless named in km.`];
const targetRows: string[][] = [];
for (const { task, title, baseline } of TASK_SECTIONS) {
  console.log(`\n== ${title}`);
  const started = performance.now();
  let output: string;
  try {
    const report = await evaluateAsync(task, gold);
    for (const set of report.sets) {
      for (const target of set.targets ?? []) {
        targetRows.push([task, set.file.replaceAll(`${gold}/`, ''), target.metric, targetBound(target), target.value === null ? '—' : target.value.toFixed(3), target.met ? 'met' : target.value === null ? 'missed (not measured)' : `missed by ${shortfall(target).toFixed(3)}`, target.source]);
      }
    }
    output = formatReport(report).replaceAll(`${gold}/`, '');
  } catch (error) {
    if (!(error instanceof GoldFormatError || error instanceof NoParserError)) throw error;
    output = `not run: ${error.message.replaceAll(`${gold}/`, '')}`;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(output);
  sections.push(`### ${title}\n\n\`dyad eval ${task} --gold ${shown(gold)}\`, ${seconds} s. Baseline to beat: ${baseline}.\n\n\`\`\`\n${output}\n\`\`\``);
}

for (const { script, args, title, baseline } of SCRIPT_SECTIONS) {
  console.log(`\n== ${title}`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(here, script), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const output = `${run.stdout}${run.status === 0 ? '' : `\n(exit ${run.status}) ${run.stderr}`}`.trim();
  console.log(output);
  sections.push(`### ${title}\n\n\`eval/${script.replace(/\.js$/, '.ts')}\`, ${seconds} s. Baseline to beat: ${baseline}.\n\n\`\`\`\n${output}\n\`\`\``);
}
if (targetRows.length > 0) {
  const table = markdownTable(['task', 'set', 'metric', 'target', 'Dyad', 'verdict', 'from'], targetRows);
  console.log(`\n== Targets\n${table}`);
  sections.splice(1, 0, `### Targets\n\n${table}`);
}
replaceSection(join(root, 'EVALUATION.md'), 'Latest run (`npm run eval`)', sections.join('\n\n'));
