/**
 * `npm run train` (after the parser and the NER, before calibration) or `node dist/train/event-type/run.js`:
 * fits the event classifier (src/models/event-type) on the dev event sets of the shared gold data
 * (`--gold DIR`) and "no event" candidates from CoNLL-2003 train sentences, and writes models/event-type.
 * The items of src/eval/held-out.ts are never fitted on; the manifest reports the pattern coder and the
 * model on them.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { goldPath } from '../../eval/gold.js';
import { describeModel, EVENT_TYPE_FILE, EVENT_TYPE_WEIGHTS_FILE, weightBytes } from '../../src/models/event-type/load.js';
import type { EventTypeModel } from '../../src/models/event-type/model.js';
import { repoRoot } from '../../test/paths.js';
import { fitEventTypes } from './fit.js';
import { chooseFit, collectCandidates, MIN_TRIGGER_COUNT, MIN_TRIGGER_EVENT_RATE, NO_EVENT_FILE, NO_EVENT_SENTENCES, score, SETS, TRIGGER_THRESHOLD } from './prepare.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): void {
  const gold = resolve(flag('--gold') ?? goldPath());
  const files = SETS.map((name) => join(gold, 'events', name));
  if (!files.every(existsSync)) {
    console.log(`No event sets at ${join(gold, 'events')}: nothing to train (give --gold DIR).`);
    return;
  }
  const out = resolve(flag('--out') ?? join(repoRoot(), 'models', 'event-type'));
  const started = performance.now();
  const { train, heldOut, heldOutBySet, noEvents, triggers } = collectCandidates(gold);
  const fit = chooseFit(train, noEvents, triggers);
  const heads = fitEventTypes([...train, ...noEvents], fit.options);
  const model: EventTypeModel = { ...heads, triggers, triggerThreshold: TRIGGER_THRESHOLD, ...fit.retype };
  const scores = {
    heldOut: { all: score(model, heldOut), perSet: Object.fromEntries(Object.entries(heldOutBySet).map(([set, c]) => [set, score(model, c)])) },
    training: score(model, train),
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, EVENT_TYPE_FILE), `${JSON.stringify(describeModel(model), null, 1)}\n`);
  writeFileSync(join(out, EVENT_TYPE_WEIGHTS_FILE), weightBytes(model));
  const manifest = {
    model: 'two multinomial logistic heads over hashed features of a candidate event (its pattern, trigger lemma, part of speech and word cluster, dependency relation, head and complements, context words, the other pattern hits of the sentence): PLOVER type or no event, and CAMEO PentaClass',
    data: [...SETS.map((name) => `events/${name}`), `${NO_EVENT_FILE} (first ${NO_EVENT_SENTENCES} sentences, as "no event" candidates only)`],
    dataLicences: {
      'zsp_plover_plv_train.jsonl': 'Zero-Shot-PLOVER PLV_train: no licence stated; no text is shipped',
      'plover_gsr_cameo.jsonl': 'PLOVER gold standard records: CC BY-SA 4.0; no text is shipped',
      'conflibert_cameo_train.jsonl': 'ConfliBERT data (GPL-3.0 repository, third-party text): no text is shipped',
      'conll2003_train.conll': 'CoNLL-2003 English (Reuters RCV1): research use, not redistributable; no text is shipped',
    },
    labels: 'train/event-type/examples.ts: the event the pattern coder gives for a gold event, or the predicate joining its source and target where the coder found none, labelled with the gold PLOVER type (YIELD = CONCEDE or RETREAT) or PentaClass (ConfliBERT: every type with codes in it); learned triggers in CoNLL sentences where no pattern matches are "no event"',
    heldOut: 'items of src/eval/held-out.ts (hash32("set:id") % 5 == 0), never fitted on',
    fit: fit.options,
    retype: fit.retype,
    crossValidation: fit.grid,
    triggers: { count: triggers.size, minimumCount: MIN_TRIGGER_COUNT, minimumEventRate: MIN_TRIGGER_EVENT_RATE, threshold: TRIGGER_THRESHOLD },
    examples: { training: train.length, heldOut: heldOut.length, noEvent: noEvents.length },
    shipped: 'hashed feature weights (float32) and the learned trigger lemmas; no sentences of the data',
    date: new Date().toISOString().slice(0, 10),
    scores,
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(JSON.stringify(scores, null, 2));
  console.log(`event-type: ${train.length} candidates fitted with ${noEvents.length} no-event ones, ${heldOut.length} held out, ${triggers.size} learned triggers, ${((performance.now() - started) / 1000).toFixed(1)} s; written to ${out}`);
}

main();
