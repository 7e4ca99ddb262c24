/**
 * Incremental fusion, order-independent by construction. Two levels:
 * - a **component** is a connected group of the graph "these two mentions match" (match.ts). Each new
 *   mention joins the components of every mention it matches; the graph, and so the components, are the
 *   same whatever order mentions arrive in. Candidates come from blocks (type family × country × week)
 *   and, for a follow-up published long after the incident, from the surnames both documents name; never
 *   from all pairs. A component is named by a number the index hands out (StoryIndex.newComponent): the
 *   name is internal and nothing computed from a component depends on it, so when components join, the
 *   oldest name stays and only the others' mentions are filed again.
 * - the **stories** of a component are recomputed from its mentions alone whenever it changes: its
 *   matching pairs, strongest first (ties by key), are joined unless that would put two mentions of one
 *   document that do not match each other in one story (the event coder merged what one document says of
 *   one event; two of its events joined only through other documents' reports are two events). A story's
 *   id is the key of its earliest-published mention (storyIdOf).
 * Both depend only on the stored mentions, so any sequence of ingests ends with the stories a fresh ingest
 * of the same documents gives. A story id that stops being one redirects to the story now holding the
 * mention it was the key of.
 */
import { bucketOf, candidateBuckets, followUpLookups, type FollowUpLookups } from './mention.js';
import { contradiction, judgePair, mentionsMatch, type MatchGate, type MatchVerdict } from './match.js';
import { storyIdOf, summariseStory } from './summary.js';
import type { Mention, Story } from './types.js';

export interface StoryCandidate {
  /** What the contradiction rules read: a candidate they rule out is never read in full. */
  gate: MatchGate;
  component: number;
  /** The stored mention in full. */
  mention(): Mention;
}

/** What fusion needs from a store, inside the store's write transaction. */
export interface StoryIndex {
  /** Stored mentions of the type family and country, filed in buckets from…to, whose periods overlap `day` (undated: none). */
  candidates(family: string, country: string, buckets: { from: number; to: number }, day: Mention['day']): StoryCandidate[];
  /**
   * Stored mentions of the type family and country that name one of `lookups.surnames`, each once: those filed
   * (followUpFiling) with a first day in `lookups.earlier`, and the possible follow-ups with a last day in
   * `lookups.later`.
   */
  followUpCandidates(family: string, country: string, lookups: FollowUpLookups): StoryCandidate[];
  /** The mentions of a component with the story each is in now. */
  mentionsOfComponent(component: number): Array<{ mention: Mention; story: string }>;
  /** A component name no stored mention is filed under, larger than every name handed out before. */
  newComponent(): number;
  addMention(mention: Mention, component: number, bucket: number): void;
  /**
   * Moves every mention of component `from` into component `into`; `block` is the type family and country
   * all their mentions share (a component only joins mentions of one family and country: see candidates).
   */
  mergeComponent(from: number, into: number, block: { family: string; country: string }): void;
  /** Files a stored mention under another component (when removing mentions splits one). */
  setComponent(mentionKey: string, component: number): void;
  /** Files the mention under a story (its own key until its component's stories are computed). */
  setStory(mentionKey: string, story: string): void;
  putStory(story: Story): void;
  /** Drops a story that no longer exists; `into` is the story now holding the mention `id` was the key of. */
  retireStory(id: string, into: string): void;
  /** Drops a story none of whose mentions is stored any more. */
  dropStory(id: string): void;
}

/**
 * The most mentions a component's stories are computed over at once. A dense block (one dyad, type and
 * week reported thousands of times) makes one huge component, and judging all pairs of it is quadratic
 * (20,000 mentions: hours per batch). A larger component is clustered in slices of consecutive mentions
 * (by first possible day, then key), none larger than this, so a batch judges at most
 * size × MAX_CLUSTERED_MENTIONS pairs. The slices depend only on the component's mentions, so the stories
 * stay order-independent; a story never spans two slices.
 */
export const MAX_CLUSTERED_MENTIONS = 200;

type Judge = (a: Mention, b: Mention) => MatchVerdict;

function byKey(a: Mention, b: Mention): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The stories of one component's mentions (see the file comment), as lists of mentions sorted by key, in
 * order of their first key. `judge` is the pair rule (a test counts the pairs judged through it).
 */
export function clusterComponent(mentions: readonly Mention[], judge: Judge = judgePair): Mention[][] {
  if (mentions.length <= MAX_CLUSTERED_MENTIONS) return clusterSlice([...mentions].sort(byKey), judge);
  // One component's mentions are all undated, all coarse or all fine (only such pairs match): day order is total.
  const byDay = [...mentions].sort((a, b) => (a.day?.start ?? 0) - (b.day?.start ?? 0) || byKey(a, b));
  const slices = Math.ceil(byDay.length / MAX_CLUSTERED_MENTIONS);
  const size = Math.ceil(byDay.length / slices);
  const clusters: Mention[][] = [];
  for (let from = 0; from < byDay.length; from += size) {
    clusters.push(...clusterSlice(byDay.slice(from, from + size).sort(byKey), judge));
  }
  return clusters.sort((a, b) => byKey(a[0]!, b[0]!));
}

/** The stories of mentions sorted by key: all their pairs judged, strongest match joined first. */
function clusterSlice(sorted: readonly Mention[], judge: Judge): Mention[][] {
  const edges: Array<{ a: number; b: number; score: number }> = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const verdict = judge(sorted[i]!, sorted[j]!);
      if (verdict.match) edges.push({ a: i, b: j, score: verdict.score ?? 0 });
    }
  }
  edges.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const parent = sorted.map((_, i) => i);
  const members = sorted.map((_, i) => [i]);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // Two stories join unless one document has a mention in each that do not match each other.
  const compatible = (x: number[], y: number[]) => x.every((i) => y.every((j) => sorted[i]!.docId !== sorted[j]!.docId
    || judge(sorted[i]!, sorted[j]!).match));
  for (const { a, b } of edges) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb || !compatible(members[ra]!, members[rb]!)) continue;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent[child] = root;
    members[root]!.push(...members[child]!);
    members[child] = [];
  }
  const groups = new Map<number, Mention[]>();
  sorted.forEach((mention, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(mention);
    else groups.set(root, [mention]);
  });
  return [...groups.values()];
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** Files the mentions into components and stories, rewriting the stories they touched; returns the touched components. */
export function fuseMentions(index: StoryIndex, mentions: readonly Mention[]): number[] {
  const touched = new Set<number>();
  // Components of one new mention that matched nothing: their members are known without reading them.
  const alone = new Map<number, Mention>();
  for (const mention of mentions) {
    const joined = new Set<number>();
    for (const candidate of index.candidates(mention.family, mention.country, candidateBuckets(mention), mention.day)) {
      if (joined.has(candidate.component) || contradiction(mention, candidate.gate) !== undefined) continue;
      if (mentionsMatch(mention, candidate.mention())) joined.add(candidate.component);
    }
    // A follow-up of an incident weeks or months old is outside the blocks above; the surnames both name find it.
    const lookups = followUpLookups(mention);
    if (lookups) {
      for (const candidate of index.followUpCandidates(mention.family, mention.country, lookups)) {
        if (joined.has(candidate.component) || contradiction(mention, candidate.gate, true) !== undefined) continue;
        if (mentionsMatch(mention, candidate.mention())) joined.add(candidate.component);
      }
    }
    // The oldest component joined keeps its name (it is most often the largest), so a report joining one
    // stored component files no stored mention again.
    const order = [...joined].sort(ascending);
    const id = order[0] ?? index.newComponent();
    for (const component of order) {
      if (component === id) continue;
      index.mergeComponent(component, id, mention);
      touched.delete(component);
    }
    index.addMention(mention, id, bucketOf(mention));
    touched.add(id);
    for (const component of joined) alone.delete(component);
    if (joined.size === 0) alone.set(id, mention);
  }
  const components = [...touched].sort(ascending);
  const added = new Set(mentions.map((m) => m.key));
  for (const component of components) {
    const single = alone.get(component);
    restory(index, [component], added, true, single && [{ mention: single, story: single.key }]);
  }
  return components;
}

/** The connected groups of the graph "these two mentions match", each sorted by key, in order of their first key. */
export function connectedGroups(mentions: readonly Mention[]): Mention[][] {
  const sorted = [...mentions].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const ri = find(i);
      const rj = find(j);
      if (ri !== rj && mentionsMatch(sorted[i]!, sorted[j]!)) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  }
  const groups = new Map<number, Mention[]>();
  sorted.forEach((mention, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(mention);
    else groups.set(root, [mention]);
  });
  return [...groups.values()];
}

/**
 * Files again the components that lost mentions (their document was coded anew): what is left of each may
 * fall apart into several components, whose stories are then recomputed, as a fresh ingest of the mentions
 * left would have them. The largest part (the first of equals) keeps the component's name; each other part
 * gets a new one. `lostStories` are the stories the removed mentions were in; those with no mention left are dropped.
 */
export function refileComponents(index: StoryIndex, components: readonly number[], lostStories: readonly string[]): void {
  const kept = new Set<string>();
  for (const component of [...new Set(components)].sort(ascending)) {
    const held = index.mentionsOfComponent(component);
    for (const { story } of held) kept.add(story);
    const parts = connectedGroups(held.map((h) => h.mention));
    if (parts.length === 0) continue;
    const largest = parts.reduce((best, part) => (part.length > best.length ? part : best));
    const names = parts.map((part) => {
      if (part === largest) return component;
      const name = index.newComponent();
      for (const mention of part) index.setComponent(mention.key, name);
      return name;
    });
    restory(index, names, new Set(), false);
  }
  for (const story of [...new Set(lostStories)].sort()) if (!kept.has(story)) index.dropStory(story);
}

/**
 * Recomputes the stories of components (several when one just fell apart: a story may have spanned them)
 * and writes what changed; `added` are the keys of mentions new in this batch; `known`, the mentions of a
 * single component when the caller has them already. `complete`: the components hold every mention their
 * stories had before (nothing was removed), so a story whose mentions are all as they were is the same
 * record as stored (a story depends on its mentions alone) and is not written again.
 */
function restory(index: StoryIndex, components: readonly number[], added: ReadonlySet<string>, complete: boolean,
  known?: Array<{ mention: Mention; story: string }>): void {
  const held = known ? [known] : components.map((component) => index.mentionsOfComponent(component));
  const before = new Map(held.flat().map(({ mention, story }) => [mention.key, story]));
  const previous = new Set(before.values());
  const sizeBefore = new Map<string, number>();
  for (const story of before.values()) sizeBefore.set(story, (sizeBefore.get(story) ?? 0) + 1);
  const storyOf = new Map<string, string>();
  // Where an old story's mentions went, for a story whose id mention is no longer stored.
  const successor = new Map<string, string>();
  for (const part of held) {
    for (const cluster of clusterComponent(part.map((h) => h.mention))) {
      const id = storyIdOf(cluster);
      let unchanged = complete && sizeBefore.get(id) === cluster.length;
      for (const mention of cluster) {
        storyOf.set(mention.key, id);
        const old = before.get(mention.key)!;
        if (!successor.has(old)) successor.set(old, id);
        if (old !== id) index.setStory(mention.key, id);
        if (old !== id || added.has(mention.key)) unchanged = false;
      }
      if (!unchanged) index.putStory(summariseStory(cluster));
    }
  }
  for (const old of [...previous].sort()) {
    // A new mention's provisional story (its own key) was never stored; every other story id is a mention key.
    if (old === storyOf.get(old) || (added.has(old) && before.get(old) === old)) continue;
    index.retireStory(old, storyOf.get(old) ?? successor.get(old)!);
  }
}
