/**
 * Quotes on attribution JSON Lines (`{"id","text","attributions":[{"source","cue","content","direct"}]}`,
 * spans `{start,end,text}`). Direct and reported (indirect) speech are scored apart: a predicted quote is
 * matched one-to-one to a gold content it overlaps, of the same kind. direct_speaker is the share of
 * matched direct quotes with a gold source whose speaker is right: the speaker span overlaps the source,
 * or any mention of the actor it resolves to does (coreference). The baseline (text between double
 * quotation marks, at least three words) is scored by the same matching.
 */
import type { Doc, Quote } from '../doc/types.js';
import { resolveActors } from '../stages/actors/actors.js';
import { findEntities } from '../stages/entities/entities.js';
import { findQuotes } from '../stages/quotes/quotes.js';
import { splitSentences } from '../stages/tokens/tokens.js';
import { stagePipeline } from './analyse.js';
import { codePointsToUtf16, goldFiles, isSpan, isTextDataFile, jsonlKeys, readJsonl } from './gold-files.js';
import { matchOneToOne, overlaps, prf, ratio, type Interval } from './metrics.js';
import type { Miss, SetResult } from './types.js';

export const QUOTES_FORMAT = 'JSON Lines with "text" and "attributions" [{source, cue, content, direct}]';

interface GoldSpan { start: number; end: number; text?: string; fragments?: Array<{ start: number; end: number }> }
interface Attribution { source: GoldSpan | null; cue: GoldSpan | null; content: GoldSpan | null; direct: boolean }
export interface QuotesItem { id?: string; text: string; attributions: Attribution[] }

export const isQuotesFile = (path: string): boolean => {
  if (!isTextDataFile(path, ['.jsonl', '.ndjson'])) return false;
  const keys = jsonlKeys(path);
  return keys !== undefined && keys.has('text') && keys.has('attributions');
};

const isFragmented = (value: unknown) => Array.isArray((value as GoldSpan | null)?.fragments) && (value as GoldSpan).fragments!.length > 0 && (value as GoldSpan).fragments!.every(isSpan);
const spanOrNull = (value: unknown) => value === null || value === undefined || isSpan(value) || isFragmented(value);

/** A discontinuous span by its outer extent, computed from its fragments (some files get the stored extent wrong). */
function outerExtent(span: GoldSpan): GoldSpan {
  if (!span.fragments || span.fragments.length === 0) return span;
  return { ...span, start: Math.min(...span.fragments.map((f) => f.start)), end: Math.max(...span.fragments.map((f) => f.end)) };
}
const isQuotesItem = (item: Record<string, unknown>): boolean =>
  typeof item.text === 'string' && Array.isArray(item.attributions) &&
  item.attributions.every((a: Record<string, unknown>) => a && typeof a.direct === 'boolean' && spanOrNull(a.source) && spanOrNull(a.content) && spanOrNull(a.cue));

/** Text between double quotation marks ("…" or “…”), three words or more: the plain baseline. */
export function quoteMarksBaseline(text: string): Interval[] {
  const quotes: Interval[] = [];
  for (const match of text.matchAll(/"([^"\n]+)"|“([^“”\n]+)”/g)) {
    const inner = match[1] ?? match[2] ?? '';
    if (inner.trim().split(/\s+/).length >= 3) quotes.push({ start: match.index, end: match.index + match[0].length });
  }
  return quotes;
}

interface Tally { predicted: number; gold: number; matched: number; withSource: number; speakerRight: number }
const emptyTally = (): Tally => ({ predicted: 0, gold: 0, matched: 0, withSource: 0, speakerRight: 0 });

function speakerRight(doc: Doc, quote: Quote, source: GoldSpan): boolean {
  if (!quote.speaker) return false;
  if (overlaps(quote.speaker, source)) return true;
  const actor = doc.layers.actors?.find((a) => a.id === quote.speaker?.actor);
  return actor?.mentions.some((m) => overlaps(m, source)) ?? false;
}

function tallyKind(doc: Doc, id: string, kind: 'direct' | 'indirect', gold: Attribution[], tally: Tally, misses: Miss[]): void {
  const predicted = (doc.layers.quotes ?? []).filter((q) => q.kind === kind);
  const contents = gold.map((a) => a.content!);
  const matches = matchOneToOne(predicted, contents);
  tally.predicted += predicted.length;
  tally.gold += gold.length;
  const found = new Set<number>();
  matches.forEach((g, p) => {
    const quote = predicted[p]!;
    if (g < 0) {
      misses.push({ id, text: `spurious ${kind} quote "${quote.text.slice(0, 120)}"` });
      return;
    }
    found.add(g);
    tally.matched += 1;
    const source = gold[g]!.source;
    if (!source) return;
    tally.withSource += 1;
    if (speakerRight(doc, quote, source)) tally.speakerRight += 1;
    else if (kind === 'direct') misses.push({ id, text: `speaker of "${quote.text.slice(0, 80)}": gold "${doc.text.slice(source.start, source.end)}", got "${quote.speaker?.text ?? '(none)'}"` });
  });
  gold.forEach((a, g) => {
    if (!found.has(g)) misses.push({ id, text: `missed ${kind} quote "${doc.text.slice(a.content!.start, a.content!.end).slice(0, 120)}"` });
  });
}

export function scoreQuotes(file: string, items: readonly QuotesItem[]): SetResult {
  const analyse = stagePipeline([splitSentences(), findEntities(), resolveActors(), findQuotes()]);
  const direct = emptyTally();
  const indirect = emptyTally();
  const baseline = emptyTally();
  const misses: Miss[] = [];
  for (const [index, item] of items.entries()) {
    const id = String(item.id ?? index + 1);
    const at = codePointsToUtf16(item.text);
    const toUnits = (span: GoldSpan | null | undefined) => {
      if (!span) return null;
      const outer = outerExtent(span);
      return { ...outer, start: at(outer.start), end: at(outer.end) };
    };
    const attributions = item.attributions.filter((a) => a.content).map((a) => ({ ...a, source: toUnits(a.source), cue: toUnits(a.cue), content: toUnits(a.content) }));
    const goldDirect = attributions.filter((a) => a.direct);
    const doc = analyse(item.text);
    tallyKind(doc, id, 'direct', goldDirect, direct, misses);
    tallyKind(doc, id, 'indirect', attributions.filter((a) => !a.direct), indirect, []);
    const guesses = quoteMarksBaseline(item.text);
    baseline.predicted += guesses.length;
    baseline.gold += goldDirect.length;
    baseline.matched += matchOneToOne(guesses, goldDirect.map((a) => a.content!)).filter((g) => g >= 0).length;
  }
  const directScore = prf(direct.matched, direct.predicted, direct.gold);
  const indirectScore = prf(indirect.matched, indirect.predicted, indirect.gold);
  return {
    file,
    items: items.length,
    metrics: {
      direct_f1: directScore.f1,
      direct_precision: directScore.precision,
      direct_recall: directScore.recall,
      direct_speaker: ratio(direct.speakerRight, direct.withSource),
      indirect_f1: indirectScore.f1,
      indirect_speaker: ratio(indirect.speakerRight, indirect.withSource),
      baseline_direct_f1: prf(baseline.matched, baseline.predicted, baseline.gold).f1,
    },
    misses,
  };
}

export function evaluateQuotes(path: string): SetResult[] {
  return goldFiles(path, 'quotes', QUOTES_FORMAT, isQuotesFile).map((file) => scoreQuotes(file, readJsonl<QuotesItem>(file, isQuotesItem, QUOTES_FORMAT)));
}
