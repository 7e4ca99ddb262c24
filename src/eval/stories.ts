/**
 * Stories across documents, on JSON Lines articles that name the incident they report
 * (`{"id","incident_id","text","published"?,"url"?,"killed"?,"injured"?}`, e.g. the Gun Violence Archive set).
 * Each half of the incidents (even and odd incident ids, so that one half can stay unread while the
 * rules are tuned on the other) is coded and stored into a fresh in-memory store, whose stories are then
 * compared with the incidents:
 * - a document's **main story** is, of the stories its events belong to, the one reported by the most
 *   documents; on a tie the one holding the document's most intense event (lowest Goldstein score: an article
 *   on the arrest, the investigation or an appeal after a shooting reports the shooting, as conflict event
 *   data count the violent act and not its aftermath), then the one of its deadliest event (most killed, then
 *   injured), then the one holding more of the document's events, then the one of its earliest event.
 *   A document without events is a cluster of its own;
 * - pairwise and B-cubed precision / recall / F1 of the documents grouped by main story against the incidents;
 * - `killed_exact` / `injured_exact`: the share of incidents whose story has a best figure equal to the gold
 *   (none counts as 0). An incident's story here is that of its violent act: the story most of its documents'
 *   lead events are in (leadSeq in fuse/mention.ts: a document's most intense event, the one its toll goes to;
 *   a document without one votes with its main story), then the one with more documents. An arrest, a charge
 *   or a vigil several outlets report can be the main story of their articles while each tells of the
 *   shooting, whose toll is the incident's.
 */
import type { Doc } from '../doc/types.js';
import { createEngine } from '../engine/engine.js';
import { leadSeq } from '../fuse/mention.js';
import { openStore, type Store } from '../store/store.js';
import { clusterScores } from './clustering.js';
import { goldFiles, isTextDataFile, jsonlKeys, readJsonl } from './gold-files.js';
import { ratio } from './metrics.js';
import type { Miss, SetResult } from './types.js';

export const STORIES_FORMAT = 'JSON Lines with "text" and "incident_id" (and optionally "published", "url", "killed", "injured")';

export interface StoriesItem {
  id?: string;
  incident_id: string | number;
  text: string;
  published?: string | null;
  url?: string | null;
  title?: string | null;
  killed?: number | null;
  injured?: number | null;
}

export const isStoriesFile = (path: string): boolean => {
  if (!isTextDataFile(path, ['.jsonl', '.ndjson'])) return false;
  const keys = jsonlKeys(path);
  return keys !== undefined && keys.has('text') && keys.has('incident_id');
};

const isStoriesItem = (item: Record<string, unknown>): boolean =>
  typeof item.text === 'string' && (typeof item.incident_id === 'string' || typeof item.incident_id === 'number');

/** Even incident ids are the half rules may be tuned on; odd ones are held out (a non-numeric id goes by its characters). */
export function incidentHalf(incident: string | number): 'even' | 'odd' {
  const text = String(incident);
  const value = /^\d+$/.test(text) ? Number(text.slice(-6)) : [...text].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  return value % 2 === 0 ? 'even' : 'odd';
}

const validDate = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\d{4}-\d\d-\d\d/.test(value) ? value.slice(0, 10) : undefined;

/** The main story of each document (see the file comment), or undefined for a document with no story. */
export async function mainStories(store: Store, docs: readonly Doc[]): Promise<Map<string, string | undefined>> {
  const documentsOf = new Map<string, number>();
  const result = new Map<string, string | undefined>();
  for (const doc of docs) {
    if (result.has(doc.id)) continue;
    const events = doc.skip ? [] : doc.layers.events ?? [];
    const stories = await store.storiesOfEvents(events.map((e) => `${doc.id}:${e.id}`));
    const tally = new Map<string, { events: number; first: number; intensity: number; toll: number }>();
    events.forEach((event, seq) => {
      const story = stories.get(`${doc.id}:${event.id}`);
      if (story === undefined) return;
      // Goldstein runs from -10 (military attack) to +10: the lower, the more intense the conflict.
      const intensity = -(event.goldstein ?? 0);
      // The killed first, the injured between events with as many dead.
      const toll = (event.casualties?.killed?.min ?? 0) * 1_000_000 + (event.casualties?.injured?.min ?? 0);
      const held = tally.get(story);
      if (held) {
        held.events++;
        held.intensity = Math.max(held.intensity, intensity);
        held.toll = Math.max(held.toll, toll);
      } else tally.set(story, { events: 1, first: seq, intensity, toll });
    });
    for (const story of tally.keys()) {
      if (!documentsOf.has(story)) documentsOf.set(story, (await store.getStory(story))?.documents ?? 0);
    }
    const ranked = [...tally.entries()].sort((a, b) => documentsOf.get(b[0])! - documentsOf.get(a[0])!
      || b[1].intensity - a[1].intensity || b[1].toll - a[1].toll || b[1].events - a[1].events || a[1].first - b[1].first);
    result.set(doc.id, ranked[0]?.[0]);
  }
  return result;
}

/** The story of each document's lead event (leadSeq in fuse/mention.ts: the one its toll goes to), where it has one. */
export async function leadStories(store: Store, docs: readonly Doc[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const doc of docs) {
    const lead = doc.skip ? undefined : leadSeq(doc);
    if (lead === undefined) continue;
    const key = `${doc.id}:${doc.layers.events![lead]!.id}`;
    const story = (await store.storiesOfEvents([key])).get(key);
    if (story !== undefined) result.set(doc.id, story);
  }
  return result;
}

/** Scores stories over coded documents of the items (the same order); the store is a fresh one the docs go into. */
export async function scoreStories(file: string, items: readonly StoriesItem[], docs: readonly Doc[], store: Store): Promise<SetResult> {
  for (let i = 0; i < docs.length; i += 200) await store.putDocs(docs.slice(i, i + 200));
  const main = await mainStories(store, docs);
  const gold = new Map<string, string>();
  const predicted = new Map<string, string>();
  const incidentItems = new Map<string, number[]>();
  items.forEach((item, index) => {
    const id = String(item.id ?? index + 1);
    const incident = String(item.incident_id);
    gold.set(id, incident);
    const doc = docs[index]!;
    predicted.set(id, main.get(doc.id) ?? `document:${doc.id}`);
    incidentItems.set(incident, [...(incidentItems.get(incident) ?? []), index]);
  });
  const scores = clusterScores(gold, predicted);
  const tally = { killed: { n: 0, exact: 0 }, injured: { n: 0, exact: 0 } };
  const misses: Miss[] = [];
  const storyCache = new Map<string, Awaited<ReturnType<Store['getStory']>>>();
  const leads = await leadStories(store, docs);
  for (const [incident, indexes] of [...incidentItems].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const votes = new Map<string, number>();
    for (const index of indexes) {
      const story = leads.get(docs[index]!.id) ?? main.get(docs[index]!.id);
      if (story !== undefined) votes.set(story, (votes.get(story) ?? 0) + 1);
    }
    for (const story of votes.keys()) if (!storyCache.has(story)) storyCache.set(story, await store.getStory(story));
    const chosen = [...votes.entries()].sort((a, b) => b[1] - a[1]
      || (storyCache.get(b[0])?.documents ?? 0) - (storyCache.get(a[0])?.documents ?? 0) || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    const story = chosen === undefined ? undefined : storyCache.get(chosen);
    const first = items[indexes[0]!]!;
    for (const category of ['killed', 'injured'] as const) {
      const expected = first[category];
      if (typeof expected !== 'number') continue;
      const found = story?.casualties[category]?.best ?? 0;
      tally[category].n++;
      if (found === expected) tally[category].exact++;
      else misses.push({ id: incident, text: `${category}: gold ${expected}, story ${chosen ?? 'none'} has ${found} (${indexes.length} articles)` });
    }
    const clusters = new Set(indexes.map((index) => predicted.get(String(items[index]!.id ?? index + 1))));
    if (clusters.size > 1) misses.push({ id: incident, text: `${indexes.length} articles of the incident are in ${clusters.size} stories` });
  }
  return {
    file,
    items: items.length,
    metrics: {
      bcubed_precision: scores.bcubed.precision,
      bcubed_recall: scores.bcubed.recall,
      bcubed_f1: scores.bcubed.f1,
      pairwise_precision: scores.pairwise.precision,
      pairwise_recall: scores.pairwise.recall,
      pairwise_f1: scores.pairwise.f1,
      killed_exact: ratio(tally.killed.exact, tally.killed.n),
      injured_exact: ratio(tally.injured.exact, tally.injured.n),
      incidents: incidentItems.size,
      stories: await store.countStories(),
    },
    misses,
  };
}

/** Codes the items with the default pipeline (no time budget: the scores must not depend on the machine's speed). */
export function codeItems(items: readonly StoriesItem[]): Doc[] {
  const engine = createEngine({ timeBudgetMs: Infinity });
  return items.map((item, index) => {
    const published = validDate(item.published);
    const doc = engine.extract({
      content: item.text, kind: 'text', inputId: String(item.id ?? index + 1),
      ...(published ? { published } : {}), ...(typeof item.url === 'string' && item.url ? { url: item.url } : {}),
      ...(typeof item.title === 'string' && item.title ? { title: item.title } : {}),
    });
    delete doc.layers.tokens;
    return doc;
  });
}

export async function evaluateStories(path: string): Promise<SetResult[]> {
  const results: SetResult[] = [];
  for (const file of goldFiles(path, 'stories', STORIES_FORMAT, isStoriesFile)) {
    const items = readJsonl<StoriesItem>(file, isStoriesItem, STORIES_FORMAT);
    for (const half of ['even', 'odd'] as const) {
      const chosen = items.filter((item) => incidentHalf(item.incident_id) === half);
      if (chosen.length === 0) continue;
      const store = await openStore('sqlite::memory:');
      try {
        const label = half === 'even' ? 'even incident ids: tuned on' : 'odd incident ids: held out';
        results.push(await scoreStories(`${file} (${label})`, chosen, codeItems(chosen), store));
      } finally {
        await store.close();
      }
    }
  }
  return results;
}
