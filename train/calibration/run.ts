/**
 * `npm run train` (after the parser and the NER) or `node dist/train/calibration/run.js`: fits the event
 * confidence model (src/models/calibration) on the dev event sets of the shared gold data (`--gold DIR`).
 * Every gold event with a PLOVER type (ZSP pairs, PLOVER GSR) or a PentaClass (ConfliBERT) is coded by
 * the pipeline with the coder's own scores; the event Dyad gives for it (eval/event-judging chooseEvent)
 * is an example, right or wrong. A fifth of the items, chosen by a hash of set and id, is held out: the
 * fit never sees it and the manifest reports calibration on it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { goldPath } from '../../eval/gold.js';
import { createDoc } from '../../src/doc/doc.js';
import type { Event } from '../../src/doc/types.js';
import { chooseEvent, pentaclassOf, reliability } from '../../src/eval/event-judging.js';
import { acceptedTypes } from '../../src/eval/event-types.js';
import type { EventItem } from '../../src/eval/events.js';
import { codePointsToUtf16 } from '../../src/eval/gold-files.js';
import { HELD_OUT_ONE_IN, isHeldOut, TRAINED_EVENT_SETS } from '../../src/eval/held-out.js';
import type { Interval } from '../../src/eval/metrics.js';
import { splitParagraphs } from '../../src/ingest/paragraphs.js';
import { getEventMatcher } from '../../src/knowledge/patterns.js';
import { calibrationFeatures, FEATURE_NAMES, probability, sentenceEventCounts } from '../../src/models/calibration/features.js';
import { CALIBRATION_FILE, CALIBRATION_FORMAT } from '../../src/models/calibration/load.js';
import { defaultPipeline } from '../../src/pipeline/default.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { codeEvents } from '../../src/stages/events/events.js';
import type { Classifier } from '../../src/stages/events/classify.js';
import { EVENT_TYPE_FILE, shippedClusterOf } from '../../src/models/event-type/load.js';
import { shippedModelDir } from '../../src/models/shipped.js';
import { DEFAULT_FIT as DEFAULT_EVENT_TYPE_FIT, fitEventTypes, type FitOptions } from '../event-type/fit.js';
import { collectCandidates, FOLDS, inFold, TRIGGER_THRESHOLD } from '../event-type/prepare.js';
import { repoRoot } from '../../test/paths.js';
import { brier, DEFAULT_FIT, fitLogistic, type Example } from './fit.js';

const SETS = TRAINED_EVENT_SETS;

interface Judged extends Example {
  raw: number;
  heldOut: boolean;
  set: string;
}

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const located = (actors: ReadonlyArray<{ start?: number; end?: number } | null | undefined>, toUtf16: (offset: number) => number): Interval[] =>
  actors.flatMap((a) => (a && Number.isInteger(a.start) && Number.isInteger(a.end) ? [{ start: toUtf16(a.start!), end: toUtf16(a.end!) }] : []));

function judge(set: string, items: readonly EventItem[], coderFor: (group: string, heldOut: boolean) => (text: string) => Event[]): Judged[] {
  const patterns = new Map(getEventMatcher().patterns.map((p) => [p.id, p]));
  const judged: Judged[] = [];
  for (const item of items) {
    if (!item.events || item.events.length === 0) continue;
    const heldOut = isHeldOut(set, String(item.id));
    const events = coderFor(`${set}:${String(item.id)}`, heldOut)(item.text);
    const toUtf16 = codePointsToUtf16(item.text);
    const counts = sentenceEventCounts(events);
    for (const gold of item.events) {
      const chosen = chooseEvent(events, located(gold.sources ?? [gold.source], toUtf16), located(gold.targets ?? [gold.target], toUtf16));
      if (!chosen) continue;
      let correct: boolean | undefined;
      if (gold.plover) correct = acceptedTypes(gold.plover).includes(chosen.plover);
      else if (Number.isInteger(gold.pentaclass)) correct = pentaclassOf(chosen.cameo) === gold.pentaclass;
      if (correct === undefined) continue;
      const pattern = patterns.get(chosen.pattern);
      const pos: readonly string[] = Array.isArray(pattern?.pos) ? pattern.pos : pattern?.pos ? [pattern.pos] : [];
      const sentenceEvents = counts.get(chosen.evidence.sentences[0]?.index ?? -1) ?? 1;
      const x = calibrationFeatures(chosen, { words: pattern?.length ?? 1, nominal: pos.includes('NOUN') && !pos.includes('VERB'), sentenceEvents });
      judged.push({ x, correct, raw: chosen.confidence, heldOut, set });
    }
  }
  return judged;
}

const round = (value: number) => Math.round(value * 10000) / 10000;

function coderWith(classifier: Classifier | undefined): (text: string) => Event[] {
  const stages = defaultPipeline().stages.map((stage) => (stage.name === 'events' ? codeEvents({ calibration: false, ...(classifier ? { classifier } : {}) }) : stage));
  const pipeline = createPipeline(stages, { initialLayers: ['paragraphs'] });
  return (text) => {
    const doc = createDoc(text, { format: 'text' }, { paragraphs: splitParagraphs(text) });
    pipeline.run(doc);
    return doc.layers.events ?? [];
  };
}

/**
 * Coders whose event classifier never saw the item they code: a training item is coded by the classifier
 * refitted without its cross-validation fold (the settings models/event-type chose), a held-out item by
 * the shipped classifier (fitted without any held-out item). The confidence model then learns how right
 * the classifier is on sentences it did not learn from, as at run time.
 */
function outOfFoldCoders(gold: string): (group: string, heldOut: boolean) => (text: string) => Event[] {
  const candidates = collectCandidates(gold);
  const manifest = join(shippedModelDir('event-type', EVENT_TYPE_FILE), 'manifest.json');
  const chosen = JSON.parse(readFileSync(manifest, 'utf8')) as { fit?: Partial<FitOptions>; retype?: { retypeMargin: number; retypeMinimum: number } };
  const options: FitOptions = { ...DEFAULT_EVENT_TYPE_FIT, ...chosen.fit };
  const retype = chosen.retype ?? { retypeMargin: 0, retypeMinimum: 0 };
  const folds = Array.from({ length: FOLDS }, (_, fold) => {
    const heads = fitEventTypes([...candidates.train.filter((c) => !inFold(c.group, fold)), ...candidates.noEvents.filter((_, i) => i % FOLDS !== fold)], options);
    return coderWith({ model: { ...heads, triggers: candidates.triggers, triggerThreshold: TRIGGER_THRESHOLD, ...retype }, clusterOf: shippedClusterOf });
  });
  const shipped = coderWith(undefined);
  return (group, heldOut) => (heldOut ? shipped : folds.find((_, fold) => inFold(group, fold))!);
}

function main(): void {
  const gold = resolve(flag('--gold') ?? goldPath());
  const files = SETS.map((name) => join(gold, 'events', name));
  if (!files.every(existsSync)) {
    console.log(`No event sets at ${join(gold, 'events')}: nothing to fit (give --gold DIR).`);
    return;
  }
  const out = resolve(flag('--out') ?? join(repoRoot(), 'models', 'calibration'));
  const started = performance.now();
  const coderFor = outOfFoldCoders(gold);
  const judged = files.flatMap((file, i) => {
    const items = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as EventItem);
    return judge(SETS[i]!, items, coderFor);
  });
  const train = judged.filter((j) => !j.heldOut);
  const heldOut = judged.filter((j) => j.heldOut);
  const weights = fitLogistic(train);
  const score = (examples: readonly Judged[], confidence: (j: Judged) => number) => {
    const predictions = examples.map((j) => ({ confidence: confidence(j), correct: j.correct }));
    return { events: examples.length, accuracy: round(examples.filter((j) => j.correct).length / Math.max(1, examples.length)), ece: round(reliability(predictions).ece), brier: round(brier(predictions)) };
  };
  const perSet = (examples: readonly Judged[]) => Object.fromEntries(SETS.map((set) => {
    const inSet = examples.filter((j) => j.set === set);
    return [set, { coderScore: score(inSet, (j) => j.raw), calibrated: score(inSet, (j) => probability(weights, j.x)) }];
  }));
  const scores = {
    heldOut: { coderScore: score(heldOut, (j) => j.raw), calibrated: score(heldOut, (j) => probability(weights, j.x)), perSet: perSet(heldOut) },
    training: { coderScore: score(train, (j) => j.raw), calibrated: score(train, (j) => probability(weights, j.x)) },
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, CALIBRATION_FILE), `${JSON.stringify({ format: CALIBRATION_FORMAT, features: FEATURE_NAMES, weights }, null, 1)}\n`);
  const manifest = {
    model: 'logistic regression from how the pattern coder found an event (pattern length, noun trigger, filled and named roles, quote, framing, repetition, casualties, place, own date, PLOVER type) to the probability that its type is right',
    data: SETS.map((name) => `events/${name}`),
    dataLicences: {
      'zsp_plover_plv_train.jsonl': 'Zero-Shot-PLOVER PLV_train: no licence stated; no text is shipped',
      'plover_gsr_cameo.jsonl': 'PLOVER gold standard records: CC BY-SA 4.0; no text is shipped',
      'conflibert_cameo_train.jsonl': 'ConfliBERT data (GPL-3.0 repository, third-party text): no text is shipped',
    },
    labels: 'an example is the event chooseEvent gives for a gold event; right when its PLOVER type is one the gold type stands for (YIELD = CONCEDE or RETREAT), or, for ConfliBERT, when its CAMEO root has the gold PentaClass',
    heldOut: `items of src/eval/held-out.ts (hash32("set:id") % ${HELD_OUT_ONE_IN} == 0), never fitted on`,
    fit: DEFAULT_FIT,
    date: new Date().toISOString().slice(0, 10),
    scores,
    note: 'coderScore is the rule-of-thumb confidence the coder gave before this model; ece is the count-weighted gap between confidence and accuracy over ten bins',
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(JSON.stringify(scores, null, 2));
  console.log(`calibration: ${train.length} events fitted, ${heldOut.length} held out, ${((performance.now() - started) / 1000).toFixed(1)} s; written to ${out}`);
}

main();
