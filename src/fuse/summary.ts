/** A story's record, rebuilt from its mentions alone: the same mentions give the same story, whatever their order. */
import { DATE_SLACK_DAYS, isCoarse, isoFromEpochDay } from './mention.js';
import { wordSimilarity } from './match.js';
import type { ChoiceEvidence, Mention, MentionFigure, SourceFigure, Story, StoryFigure, StoryParticipant } from './types.js';

/** Evidence sentences this alike (Dice over word trigrams, so word order counts) are one text syndicated, not two reports. */
export const SYNDICATED_SIMILARITY = 0.8;

/** Word trigrams of a sentence, sorted and distinct (the words themselves for a sentence under three words). */
function shingles(sentence: string): string[] {
  const words = sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 3) return [...new Set(words)].sort();
  const grams = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) grams.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return [...grams].sort();
}

const RESOLUTION_RANK: Readonly<Record<string, number>> = { city: 5, admin: 4, region: 3, country: 2, continent: 1 };
const GRANULARITY_RANK: Readonly<Record<string, number>> = { time: 7, day: 6, week: 5, month: 4, quarter: 3, year: 2, duration: 1 };
const BASIS_RANK: Readonly<Record<string, number>> = { event: 3, document: 2, report: 1 };
const FROM_RANK: Readonly<Record<string, number>> = { sentence: 3, speech: 2, document: 1 };

function byKey(a: Mention, b: Mention): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The source of each document: documents of one host are one source, and so are near-duplicate documents
 * (the store links a syndicated copy to the copies stored before it) and documents whose evidence is
 * near-identical (one wire story run by several outlets). Named by the smallest document id of the group.
 */
export function sourcesOf(mentions: readonly Mention[]): Map<string, string> {
  const docs = new Map<string, Mention[]>();
  for (const mention of mentions) docs.set(mention.docId, [...(docs.get(mention.docId) ?? []), mention]);
  const ids = [...docs.keys()].sort();
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const mention of mentions) for (const copy of mention.copies ?? []) if (docs.has(copy)) union(mention.docId, copy);
  const hostOf = (id: string) => docs.get(id)![0]!.host;
  const grams = new Map(ids.map((id) => [id, docs.get(id)!.map((m) => shingles(m.sentence)).filter((g) => g.length >= 3)]));
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      const hostA = hostOf(a);
      if (hostA !== undefined && hostA === hostOf(b)) {
        union(a, b);
        continue;
      }
      const syndicated = grams.get(a)!.some((ga) => grams.get(b)!.some((gb) => wordSimilarity(ga, gb) >= SYNDICATED_SIMILARITY));
      if (syndicated) union(a, b);
    }
  }
  return new Map(ids.map((id) => [id, find(id)]));
}

function participants(mentions: readonly Mention[], side: 'actors' | 'recipients'): StoryParticipant[] {
  const counts = new Map<string, StoryParticipant>();
  for (const mention of mentions) {
    for (const key of mention[side]) {
      const entry = counts.get(key) ?? { key, name: mention.names[key] ?? key, mentions: 0 };
      entry.mentions++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.mentions - a.mentions || (a.key < b.key ? -1 : 1));
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

function evidence(mention: Mention, support: number): ChoiceEvidence {
  return { mention: mention.key, docId: mention.docId, sentence: mention.sentence, support };
}

/** The finest place, then the one most mentions name, then read from its own sentence. */
function bestPlace(mentions: readonly Mention[]): Story['place'] {
  const placed = mentions.filter((m) => m.place);
  if (placed.length === 0) return undefined;
  const support = new Map<string, number>();
  for (const m of placed) support.set(m.place!.name, (support.get(m.place!.name) ?? 0) + 1);
  const ranked = [...placed].sort((a, b) => (RESOLUTION_RANK[b.place!.resolution ?? ''] ?? 0) - (RESOLUTION_RANK[a.place!.resolution ?? ''] ?? 0)
    || support.get(b.place!.name)! - support.get(a.place!.name)!
    || (FROM_RANK[b.place!.from] ?? 0) - (FROM_RANK[a.place!.from] ?? 0)
    || byKey(a, b));
  const chosen = ranked[0]!;
  const { from: _from, admin1: _admin1, ...place } = chosen.place!;
  return { ...place, evidence: evidence(chosen, support.get(chosen.place!.name)!) };
}

/** The date read from the text before dates taken from the report, the finest, then the one most mentions give. */
function bestDate(mentions: readonly Mention[]): Story['date'] {
  const dated = mentions.filter((m) => m.date && m.day);
  if (dated.length === 0) return undefined;
  const dayOf = (m: Mention) => m.date!.value.slice(0, 10);
  const support = new Map<string, number>();
  for (const m of dated) support.set(dayOf(m), (support.get(dayOf(m)) ?? 0) + 1);
  const ranked = [...dated].sort((a, b) => (BASIS_RANK[b.date!.basis] ?? 0) - (BASIS_RANK[a.date!.basis] ?? 0)
    || (GRANULARITY_RANK[b.date!.granularity] ?? 0) - (GRANULARITY_RANK[a.date!.granularity] ?? 0)
    || support.get(dayOf(b))! - support.get(dayOf(a))!
    || byKey(a, b));
  const chosen = ranked[0]!;
  const period = chosen.day!;
  // The period without the slack matching allows: the named day, or the week before the report.
  const slack = chosen.date!.basis === 'report' || isCoarse(period) ? 0 : DATE_SLACK_DAYS;
  return {
    ...chosen.date!, start: isoFromEpochDay(period.start + slack), end: isoFromEpochDay(period.end - slack),
    evidence: evidence(chosen, support.get(dayOf(chosen))!),
  };
}

/**
 * A source's figure: the toll of its document whose lead mention the story holds (see documentToll in
 * mention.ts: the article's count over all its sentences, none where it gives only the other category),
 * else the largest any of its mentions gives (a source's later, fuller count); the largest over its documents.
 */
function sourceFigures(mentions: readonly Mention[], sources: Map<string, string>, category: 'killed' | 'injured'): SourceFigure[] {
  const byDoc = new Map<string, MentionFigure & { toll?: true }>();
  const tolled = new Set<string>();
  for (const mention of [...mentions].sort(byKey)) {
    if (tolled.has(mention.docId)) continue;
    if (mention.toll) {
      byDoc.set(mention.docId, { min: mention.toll[category], exact: true, toll: true });
      tolled.add(mention.docId);
      continue;
    }
    const figure = mention[category];
    const held = byDoc.get(mention.docId);
    if (figure && (!held || figure.min > held.min)) byDoc.set(mention.docId, figure);
  }
  const bySource = new Map<string, { figure: MentionFigure & { toll?: true }; docId: string }>();
  for (const [docId, figure] of [...byDoc.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const source = sources.get(docId)!;
    const held = bySource.get(source);
    if (!held || figure.min > held.figure.min) bySource.set(source, { figure, docId });
  }
  return [...bySource.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([source, { figure, docId }]) => ({
    source, docId, min: figure.min, ...(figure.max !== undefined ? { max: figure.max } : {}), exact: figure.exact,
    ...(figure.toll ? { toll: true as const } : {}),
  }));
}

/**
 * Low, best and high over the sources. Best is the value most sources give; between values as many
 * sources give, the one more of them give as their article's toll (its count over the whole text, where
 * a figure read from one event's sentence is often a part of it or another incident's); then, for the
 * killed, the lower (ACLED's conservative rule: a death no majority reports is not counted), for the
 * injured, the higher (a source's partial list of the wounded undercounts more often than it overcounts).
 * On the GVA stories, each rule alone and both scored at least as well as the higher on every tie, on both
 * incident halves (EVALUATION.md).
 */
function storyFigure(reports: SourceFigure[], category: 'killed' | 'injured'): StoryFigure | undefined {
  if (reports.length === 0) return undefined;
  const values = reports.map((r) => r.min);
  const sourcesOf = new Map<number, { all: number; tolls: number }>();
  for (const report of reports) {
    const held = sourcesOf.get(report.min) ?? { all: 0, tolls: 0 };
    held.all++;
    if (report.toll) held.tolls++;
    sourcesOf.set(report.min, held);
  }
  const lowerFirst = category === 'killed';
  const best = [...sourcesOf.entries()].sort(([va, a], [vb, b]) => b.all - a.all || b.tolls - a.tolls || (lowerFirst ? va - vb : vb - va))[0]![0];
  return { low: Math.min(...values), best, high: Math.max(...reports.map((r) => r.max ?? r.min)), reports };
}

/**
 * The id of the story these mentions make: the key of its earliest-published mention (smallest key among
 * equals; an undated document after every dated one). It depends on the mentions alone, so any ingest
 * order gives the same ids, and because news mostly arrives in publication order, a later report joining
 * a story leaves its id as it was: no rename, no redirect, no rewrite of the mentions already filed.
 */
export function storyIdOf(mentions: readonly Mention[]): string {
  let first = mentions[0]!;
  for (const mention of mentions) if (publishedFirst(mention, first) < 0) first = mention;
  return first.key;
}

function publishedFirst(a: Mention, b: Mention): number {
  const pa = a.published ?? '\uffff';
  const pb = b.published ?? '\uffff';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return byKey(a, b);
}

/** The story its mentions make (at least one mention). */
export function summariseStory(mentions: readonly Mention[]): Story {
  if (mentions.length === 0) throw new Error('a story needs at least one mention');
  const sorted = [...mentions].sort(byKey);
  const sources = sourcesOf(sorted);
  const distinctSources = new Set(sources.values());
  const bestConfidence = new Map<string, number>();
  for (const m of sorted) {
    const source = sources.get(m.docId)!;
    bestConfidence.set(source, Math.max(bestConfidence.get(source) ?? 0, m.confidence));
  }
  const doubt = [...bestConfidence.values()].reduce((product, c) => product * (1 - Math.min(0.999, Math.max(0, c))), 1);
  const published = sorted.map((m) => m.published).filter((p): p is string => p !== undefined).sort();
  const killed = storyFigure(sourceFigures(sorted, sources, 'killed'), 'killed');
  const injured = storyFigure(sourceFigures(sorted, sources, 'injured'), 'injured');
  const countries = sorted.map((m) => m.country).filter((c) => c !== '-');
  const story: Story = {
    id: storyIdOf(sorted),
    plover: mostCommon(sorted.map((m) => m.plover)),
    family: sorted[0]!.family,
    actors: participants(sorted, 'actors'),
    recipients: participants(sorted, 'recipients'),
    parties: [...new Set(sorted.flatMap((m) => m.parties))].sort(),
    mentions: sorted.length,
    documents: new Set(sorted.map((m) => m.docId)).size,
    sources: distinctSources.size,
    casualties: { ...(killed ? { killed } : {}), ...(injured ? { injured } : {}) },
    confidence: Math.round((1 - doubt) * 10_000) / 10_000,
  };
  if (countries.length > 0) story.country = mostCommon(countries);
  const place = bestPlace(sorted);
  if (place) story.place = place;
  const date = bestDate(sorted);
  if (date) story.date = date;
  if (published.length > 0) {
    story.firstSeen = published[0]!;
    story.lastSeen = published[published.length - 1]!;
  }
  return story;
}
