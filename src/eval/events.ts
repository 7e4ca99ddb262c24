/**
 * Events on the JSON Lines event sets of ../shared/gold/events (its README): each item is a sentence or
 * an article with gold `events` (a list; empty = no event expected) or only `labels` (sentence- or
 * document-level classes). The whole default pipeline codes each item's text, dated by its `date`.
 *
 * Per gold event, Dyad's answer is the event chooseEvent picks (the one whose roles match the gold's
 * marked pair where there is one). Types count as right when they are a type the gold label stands for
 * (ZSP's YIELD = CONCEDE or RETREAT).
 */
import type { Event } from '../doc/types.js';
import { defaultPipeline } from '../pipeline/default.js';
import { stagePipeline } from './analyse.js';
import { chooseEvent, codeCountry, LABEL_RULES, labelsOf, participantCountry, pentaclassOf, reliability } from './event-judging.js';
import { acceptedTypes } from './event-types.js';
import { isHeldOut, isTrainedEventSet } from './held-out.js';
import { codePointsToUtf16, goldFiles, isTextDataFile, jsonlKeys, readJsonl } from './gold-files.js';
import { overlaps, prf, ratio, type Interval } from './metrics.js';
import type { Miss, ReportTable, SetResult, TypeScore } from './types.js';

export const EVENTS_FORMAT = 'JSON Lines event sets: {"id", "text", "date", "events": [...] or null, "labels": [...] or null}';

interface GoldActor { text?: string; code?: string | null; start?: number; end?: number }
interface GoldEvent {
  plover?: string | null;
  cameo?: string | null;
  pentaclass?: number | null;
  source?: GoldActor | null;
  target?: GoldActor | null;
  sources?: GoldActor[];
  targets?: GoldActor[];
}
export interface EventItem { id?: string | number; text: string; date?: string | null; events: GoldEvent[] | null; labels: string[] | null }

export const isEventsFile = (path: string): boolean => {
  if (!isTextDataFile(path, ['.jsonl', '.ndjson'])) return false;
  const keys = jsonlKeys(path);
  return keys !== undefined && keys.has('text') && keys.has('events') && keys.has('labels');
};

const isEventItem = (item: Record<string, unknown>): boolean =>
  typeof item.text === 'string' && (item.events === null || Array.isArray(item.events)) && (item.labels === null || Array.isArray(item.labels));

/** The located spans of a gold role, in UTF-16 offsets. */
function spans(actors: ReadonlyArray<GoldActor | null | undefined>, toUtf16: (offset: number) => number): Interval[] {
  return actors.flatMap((actor) => (actor && Number.isInteger(actor.start) && Number.isInteger(actor.end) ? [{ start: toUtf16(actor.start!), end: toUtf16(actor.end!) }] : []));
}

class Tally {
  typeRight = 0;
  typeJudged = 0;
  pentaRight = 0;
  pentaJudged = 0;
  cameoExact = 0;
  cameoRoot = 0;
  cameoJudged = 0;
  noEventRight = 0;
  noEventItems = 0;
  readonly roles = { source: { matched: 0, predicted: 0, gold: 0 }, target: { matched: 0, predicted: 0, gold: 0 } };
  readonly countries = { source: { right: 0, judged: 0 }, target: { right: 0, judged: 0 } };
  /** Per gold type: [gold, predicted, right]; keys are the gold file's labels. */
  readonly types = new Map<string, { gold: number; predicted: number; right: number }>();
  readonly confusion = new Map<string, Map<string, number>>();
  readonly labels = new Map<string, { gold: number; predicted: number; matched: number }>();
  readonly judged: Array<{ confidence: number; correct: boolean }> = [];
  readonly misses: Miss[] = [];
}

function typeRow(tally: Tally, label: string) {
  let row = tally.types.get(label);
  if (!row) tally.types.set(label, (row = { gold: 0, predicted: 0, right: 0 }));
  return row;
}

/**
 * Role spans are scored where the gold locates that role: recall over those gold events, precision over
 * the ones among them where Dyad's event fills the role (a set that marks no span says nothing of ours).
 */
function scoreRoles(tally: Tally, role: 'source' | 'target', gold: Interval[], predicted: Interval[]): void {
  if (gold.length === 0) return;
  const score = tally.roles[role];
  score.gold += 1;
  if (predicted.length > 0) score.predicted += 1;
  if (predicted.some((p) => gold.some((g) => overlaps(p, g)))) score.matched += 1;
}

function scoreGoldEvent(tally: Tally, id: string, text: string, gold: GoldEvent, events: readonly Event[], toUtf16: (offset: number) => number): void {
  const sources = spans(gold.sources ?? [gold.source], toUtf16);
  const targets = spans(gold.targets ?? [gold.target], toUtf16);
  const chosen = chooseEvent(events, sources, targets);
  let correct: boolean | undefined;
  if (gold.plover) {
    const right = chosen !== undefined && acceptedTypes(gold.plover).includes(chosen.plover);
    tally.typeJudged += 1;
    if (right) tally.typeRight += 1;
    typeRow(tally, gold.plover).gold += 1;
    if (right) typeRow(tally, gold.plover).right += 1;
    const guess = chosen?.plover ?? '(none)';
    if (chosen) typeRow(tally, right ? gold.plover : chosen.plover).predicted += 1;
    const row = tally.confusion.get(gold.plover) ?? new Map<string, number>();
    row.set(right ? gold.plover : guess, (row.get(right ? gold.plover : guess) ?? 0) + 1);
    tally.confusion.set(gold.plover, row);
    if (!right) tally.misses.push({ id, text: `type ${gold.plover}, got ${guess}${chosen ? ` ("${chosen.trigger.text}", ${chosen.pattern})` : ''}: ${text.slice(0, 160)}` });
    correct = right;
  }
  if (Number.isInteger(gold.pentaclass) && !gold.plover) {
    const right = chosen !== undefined && pentaclassOf(chosen.cameo) === gold.pentaclass;
    tally.pentaJudged += 1;
    if (right) tally.pentaRight += 1;
    correct ??= right;
  }
  if (gold.cameo) {
    tally.cameoJudged += 1;
    if (chosen?.cameo === gold.cameo) tally.cameoExact += 1;
    if (chosen && chosen.cameo.slice(0, 2) === gold.cameo.slice(0, 2)) tally.cameoRoot += 1;
    correct ??= chosen?.cameo === gold.cameo;
  }
  scoreRoles(tally, 'source', sources, chosen?.actors ?? []);
  scoreRoles(tally, 'target', targets, chosen?.recipients ?? []);
  for (const [role, goldActor, participants] of [['source', gold.source, chosen?.actors ?? []], ['target', gold.target, chosen?.recipients ?? []]] as const) {
    const country = codeCountry(goldActor?.code);
    if (!country) continue;
    tally.countries[role].judged += 1;
    if (participants.some((p) => participantCountry(p) === country)) tally.countries[role].right += 1;
  }
  if (correct !== undefined) tally.judged.push({ confidence: chosen?.confidence ?? 0, correct: chosen !== undefined && correct });
}

function scoreLabels(tally: Tally, id: string, text: string, gold: readonly string[], events: readonly Event[], scored: readonly string[]): void {
  const predicted = labelsOf(events.filter((event) => !event.negated));
  for (const label of scored) {
    const row = tally.labels.get(label) ?? { gold: 0, predicted: 0, matched: 0 };
    const inGold = gold.includes(label);
    const inPredicted = predicted.has(label);
    if (inGold) row.gold += 1;
    if (inPredicted) row.predicted += 1;
    if (inGold && inPredicted) row.matched += 1;
    if (inGold !== inPredicted) tally.misses.push({ id, text: `${label}: gold ${inGold ? 'yes' : 'no'}, Dyad ${inPredicted ? 'yes' : 'no'}: ${text.slice(0, 160)}` });
    tally.labels.set(label, row);
  }
}

const penta = (tally: Tally): Record<string, number> => (tally.pentaJudged > 0 ? { pentaclass_acc: ratio(tally.pentaRight, tally.pentaJudged) } : {});

function metricsOf(tally: Tally): SetResult['metrics'] {
  const metrics: SetResult['metrics'] = {};
  if (tally.typeJudged > 0) {
    const perType = [...tally.types.values()].filter((row) => row.gold > 0).map((row) => prf(row.right, row.predicted, row.gold).f1);
    metrics.type_acc = ratio(tally.typeRight, tally.typeJudged);
    metrics.type_macro_f1 = perType.reduce((sum, f1) => sum + f1, 0) / Math.max(1, perType.length);
  }
  Object.assign(metrics, penta(tally));
  if (tally.cameoJudged > 0) {
    metrics.cameo_exact = ratio(tally.cameoExact, tally.cameoJudged);
    metrics.cameo_root = ratio(tally.cameoRoot, tally.cameoJudged);
  }
  for (const role of ['source', 'target'] as const) {
    const score = tally.roles[role];
    if (score.gold > 0) metrics[`${role}_f1`] = prf(score.matched, score.predicted, score.gold).f1;
    if (tally.countries[role].judged > 0) metrics[`${role}_country`] = ratio(tally.countries[role].right, tally.countries[role].judged);
  }
  if (tally.noEventItems > 0) metrics.no_event_acc = ratio(tally.noEventRight, tally.noEventItems);
  if (tally.labels.size > 0) {
    const perLabel: Record<string, TypeScore> = {};
    for (const [label, row] of tally.labels) perLabel[label] = prf(row.matched, row.predicted, row.gold);
    metrics.label_f1 = perLabel;
  }
  if (tally.judged.length > 0) metrics.ece = reliability(tally.judged).ece;
  return metrics;
}

function tablesOf(tally: Tally): ReportTable[] {
  const tables: ReportTable[] = [];
  if (tally.confusion.size > 0) {
    const predicted = [...new Set([...tally.confusion.values()].flatMap((row) => [...row.keys()]))].sort();
    tables.push({
      title: 'confusion (rows gold type, columns Dyad)',
      header: ['gold', ...predicted],
      rows: [...tally.confusion.keys()].sort().map((gold) => [gold, ...predicted.map((guess) => tally.confusion.get(gold)!.get(guess) ?? 0)]),
    });
  }
  if (tally.judged.length > 0) {
    tables.push({
      title: 'reliability (confidence bins)',
      header: ['bin', 'events', 'confidence', 'accuracy'],
      rows: reliability(tally.judged).bins.filter((bin) => bin.count > 0).map((bin) => [`${bin.from.toFixed(1)}–${bin.to.toFixed(1)}`, bin.count, bin.confidence.toFixed(3), bin.accuracy.toFixed(3)]),
    });
  }
  return tables;
}

export function scoreEvents(file: string, items: readonly EventItem[]): SetResult {
  const analyse = stagePipeline(defaultPipeline().stages);
  const tally = new Tally();
  const setLabels = new Map<string, number>();
  for (const item of items) for (const label of item.events === null ? item.labels ?? [] : []) setLabels.set(label, (setLabels.get(label) ?? 0) + 1);
  const scored = [...setLabels.keys()].filter((label) => label in LABEL_RULES).sort();
  for (const [index, item] of items.entries()) {
    const id = String(item.id ?? index + 1);
    const published = typeof item.date === 'string' && /^\d{4}-\d\d-\d\d/.test(item.date) ? item.date.slice(0, 10) : undefined;
    const events = analyse(item.text, published ? { published } : {}).layers.events ?? [];
    const toUtf16 = codePointsToUtf16(item.text);
    if (item.events && item.events.length === 0) {
      tally.noEventItems += 1;
      const affirmative = events.filter((event) => !event.negated);
      if (affirmative.length === 0) tally.noEventRight += 1;
      else tally.misses.push({ id, text: `no event expected, got ${affirmative.map((e) => `${e.plover} ("${e.trigger.text}")`).join(', ')}: ${item.text.slice(0, 160)}` });
    }
    for (const gold of item.events ?? []) scoreGoldEvent(tally, id, item.text, gold, events, toUtf16);
    if (item.events === null && item.labels && scored.length > 0) scoreLabels(tally, id, item.text, item.labels, events, scored);
  }
  const tables = tablesOf(tally);
  const unmapped = [...setLabels].filter(([label]) => !(label in LABEL_RULES)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (unmapped.length > 0) tables.push({ title: 'labels of the set that no Dyad event maps to (not scored)', header: ['label', 'items'], rows: unmapped });
  return { file, items: items.length, metrics: metricsOf(tally), tables, misses: tally.misses };
}

/** The suffix of the result on the held-out fifth of a set the trainers fit on (src/eval/held-out.ts). */
export const HELD_OUT_SUFFIX = ' (held-out fifth)';

/**
 * Every events file at `path`; a set the trainers fit on is scored twice, on all its items and on the
 * fifth no trainer saw (the number to trust).
 */
export function evaluateEvents(path: string): SetResult[] {
  return goldFiles(path, 'events', EVENTS_FORMAT, isEventsFile).flatMap((file) => {
    const items = readJsonl<EventItem>(file, isEventItem, EVENTS_FORMAT);
    const all = scoreEvents(file, items);
    if (!isTrainedEventSet(file)) return [all];
    const heldOut = items.filter((item, index) => isHeldOut(file, String(item.id ?? index + 1)));
    return [all, scoreEvents(`${file}${HELD_OUT_SUFFIX}`, heldOut)];
  });
}
