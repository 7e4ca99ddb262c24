// Why same-incident articles of the stories gold end up in different stories: codes one half of the
// incidents (even by default: the half rules are tuned on), fuses them as `dyad eval stories` does and,
// for every pair of articles of one incident whose main stories differ, prints the nearest miss among the
// pairs of their events (the pair failing the fewest rules; the rule it fails). Not part of the runtime.
// Run: npm run build && node dist/eval/stories-diagnose.js [--gold DIR] [--half odd] [--cache FILE] [--pairs N]
// --cache keeps the coded documents in FILE (outside the repository) so that a second run only fuses.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Doc } from '../src/doc/types.js';
import { codeItems, incidentHalf, isStoriesFile, mainStories, scoreStories, STORIES_FORMAT, type StoriesItem } from '../src/eval/stories.js';
import { readJsonl } from '../src/eval/gold-files.js';
import { agreement, contradiction, isFollowUpPair, MATCH_THRESHOLD } from '../src/fuse/match.js';
import { mentionsOf } from '../src/fuse/mention.js';
import type { Mention } from '../src/fuse/types.js';
import { openStore } from '../src/store/store.js';
import { goldPath } from './gold.js';

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

/** Every rule a pair of mentions fails, checked independently (judgePair stops at the first). */
function failures(a: Mention, b: Mention): string[] {
  const failed: string[] = [];
  if (a.family !== b.family) failed.push('type family');
  if (a.country !== b.country) failed.push(a.country === '-' || b.country === '-' ? 'country unknown on one side' : 'country differs');
  // A follow-up pair's dates may differ (see isFollowUpPair): the date rule is then the only one relaxed.
  const ruledOut = contradiction(a, b, isFollowUpPair(a, b));
  if (ruledOut !== undefined) failed.push(ruledOut);
  // The gates checked one at a time would hide a second contradiction; contradiction() names the first only.
  if (ruledOut === undefined && agreement(a, b) < MATCH_THRESHOLD) failed.push('too little agreement');
  return failed;
}

const file = goldPath('casualties', 'gva.jsonl');
if (!existsSync(file) || !isStoriesFile(file)) {
  console.log(`skipped: ${file} not found or not in the stories format`);
  process.exit(0);
}
const half = argument('--half') === 'odd' ? 'odd' : 'even';
const items = readJsonl<StoriesItem>(file, (item) => typeof item.text === 'string' && item.incident_id !== undefined, STORIES_FORMAT)
  .filter((item) => incidentHalf(item.incident_id) === half);
const cache = argument('--cache');
let docs: Doc[];
if (cache && existsSync(cache)) docs = JSON.parse(readFileSync(cache, 'utf8')) as Doc[];
else {
  docs = codeItems(items);
  if (cache) writeFileSync(cache, JSON.stringify(docs));
}

const store = await openStore('sqlite::memory:');
const started = performance.now();
const result = await scoreStories(`${file} (${half})`, items, docs, store);
console.log(`${half}: ${JSON.stringify(Object.fromEntries(Object.entries(result.metrics).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e4) / 1e4 : v])))}`);
console.log(`store + score ${Math.round(performance.now() - started)} ms`);
const main = await mainStories(store, docs);
await store.close();

const mentions = docs.map((doc) => mentionsOf(doc));
const allMentions = mentions.flat();
console.log(`mentions ${allMentions.length}, country unknown ${allMentions.filter((m) => m.country === '-').length}, `
  + `documents without mentions ${mentions.filter((m) => m.length === 0).length}`);

const reasons = new Map<string, number>();
const examples = new Map<string, string[]>();
let pairs = 0;
let missed = 0;
const showPairs = Number(argument('--pairs') ?? 0);
for (let i = 0; i < items.length; i++) {
  for (let j = i + 1; j < items.length; j++) {
    if (String(items[i]!.incident_id) !== String(items[j]!.incident_id) || docs[i]!.id === docs[j]!.id) continue;
    pairs++;
    const storyA = main.get(docs[i]!.id);
    if (storyA !== undefined && storyA === main.get(docs[j]!.id)) continue;
    missed++;
    let nearest: { failed: string[]; a?: Mention; b?: Mention } = { failed: ['no events on one side'] };
    let fewest = Infinity;
    for (const a of mentions[i]!) {
      for (const b of mentions[j]!) {
        const failed = failures(a, b);
        if (failed.length < fewest) {
          fewest = failed.length;
          nearest = { failed, a, b };
        }
      }
    }
    const reason = nearest.failed.length === 0 ? 'a matching pair (joined elsewhere / main story choice)'
      : nearest.failed.length === 1 ? nearest.failed[0]! : `several: ${[...nearest.failed].sort().join(' + ')}`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    const { a, b } = nearest;
    const seen = examples.get(reason) ?? [];
    if (a && b && seen.length < showPairs) {
      const describe = (m: Mention) => `${m.plover} ${m.country} ${m.place?.name ?? '-'}(${m.place?.resolution ?? ''}) `
        + `${m.date?.value ?? '-'}/${m.date?.basis ?? ''} pub ${m.published ?? '-'} k=${m.killed?.min ?? '-'} | ${m.sentence.slice(0, 140)}`;
      seen.push(`  [${items[i]!.incident_id}] ${describe(a)}\n      ${describe(b)}`);
      examples.set(reason, seen);
    }
  }
}
console.log(`same-incident article pairs ${pairs}, in different main stories ${missed}`);
for (const [reason, count] of [...reasons].sort((x, y) => y[1] - x[1])) {
  console.log(`${String(count).padStart(5)}  ${reason}`);
  for (const line of examples.get(reason) ?? []) console.log(line);
}

// The killed figure of each incident's story under other reconciliations of its sources' reports, to
// see which rule the gold favours (the story is the one most of the incident's articles have as main).
const verify = await openStore('sqlite::memory:');
for (let i = 0; i < docs.length; i += 200) await verify.putDocs(docs.slice(i, i + 200));
const mainAgain = await mainStories(verify, docs);
const publishedOf = new Map(docs.map((doc) => [doc.id, doc.source.published ?? '']));
const rules: Record<string, (reports: Array<{ min: number; exact: boolean; docId: string }>) => number> = {
  current: (r) => {
    const counts = new Map<number, number>();
    for (const x of r) counts.set(x.min, (counts.get(x.min) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  },
  highest: (r) => Math.max(...r.map((x) => x.min)),
  lowest: (r) => Math.min(...r.map((x) => x.min)),
  latest: (r) => [...r].sort((a, b) => (publishedOf.get(b.docId)! < publishedOf.get(a.docId)! ? -1 : 1) || b.min - a.min)[0]!.min,
  highestExact: (r) => Math.max(...(r.some((x) => x.exact) ? r.filter((x) => x.exact) : r).map((x) => x.min)),
};
const exact = new Map(Object.keys(rules).map((rule) => [rule, 0]));
let incidents = 0;
const killedMisses = new Map<string, number>();
const byIncident = new Map<string, number[]>();
items.forEach((item, index) => byIncident.set(String(item.incident_id), [...(byIncident.get(String(item.incident_id)) ?? []), index]));
for (const indexes of byIncident.values()) {
  const expected = items[indexes[0]!]!.killed;
  if (typeof expected !== 'number') continue;
  incidents++;
  const votes = new Map<string, number>();
  for (const index of indexes) {
    const story = mainAgain.get(docs[index]!.id);
    if (story !== undefined) votes.set(story, (votes.get(story) ?? 0) + 1);
  }
  const chosen = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const reports = chosen === undefined ? [] : (await verify.getStory(chosen))?.casualties.killed?.reports ?? [];
  const found = reports.length === 0 ? 0 : rules.current!(reports);
  if (found !== expected) {
    // Would another story of the incident's documents have had the gold figure?
    const others = new Set<number>();
    for (const index of indexes) {
      const doc = docs[index]!;
      const stories = await verify.storiesOfEvents((doc.layers.events ?? []).map((e) => `${doc.id}:${e.id}`));
      for (const story of new Set(stories.values())) others.add((await verify.getStory(story))?.casualties.killed?.best ?? 0);
    }
    const chosenStory = chosen === undefined ? undefined : await verify.getStory(chosen);
    const kind = `${chosenStory?.plover ?? 'no story'}: ${found === 0 ? 'story has none' : expected === 0 ? 'gold none, story has some' : found > expected ? 'story higher' : 'story lower'}`
      + `; another story of its documents has the gold figure: ${others.has(expected)}`;
    killedMisses.set(kind, (killedMisses.get(kind) ?? 0) + 1);
  }
  for (const [rule, pick] of Object.entries(rules)) if ((reports.length === 0 ? 0 : pick(reports)) === expected) exact.set(rule, exact.get(rule)! + 1);
}
await verify.close();
console.log(`killed_exact by reconciliation rule over ${incidents} incidents (chosen story without the documents tie-break): `
  + [...exact].map(([rule, n]) => `${rule} ${(n / incidents).toFixed(4)}`).join(', '));
for (const [kind, n] of [...killedMisses].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(5)}  killed miss: ${kind}`);
