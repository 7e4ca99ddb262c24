/**
 * Incremental fusion: each new mention joins every story one of whose mentions it matches (match.ts), and
 * the stories it joins become one. A story is thus a connected group of the graph "these two mentions
 * match", which is the same graph whatever order the mentions arrive in, so the stories after any
 * sequence of ingests are those a fresh ingest of the same documents gives. A story's id is its smallest
 * mention key (again order-free); an id that stops being one (its story merged into another, or gained a
 * smaller mention) redirects to the new one. Candidates come from blocks (type family × country × week),
 * never from all pairs.
 */
import { bucketOf, candidateBuckets } from './mention.js';
import { mentionsMatch } from './match.js';
import { summariseStory } from './summary.js';
import type { Mention, Story } from './types.js';

export interface StoryCandidate {
  mention: Mention;
  story: string;
}

/** What fusion needs from a store, inside the store's write transaction. */
export interface StoryIndex {
  /** Stored mentions of the type family and country, filed in buckets from…to, whose periods overlap `day` (undated: none). */
  candidates(family: string, country: string, buckets: { from: number; to: number }, day: Mention['day']): StoryCandidate[];
  mentionsOfStory(story: string): Mention[];
  addMention(mention: Mention, story: string, bucket: number): void;
  /** Moves every mention of story `from` to story `into`, drops `from` and records that it redirects to `into`. */
  mergeStory(from: string, into: string): void;
  putStory(story: Story): void;
}

/** Files the mentions into stories and rewrites the stories they touched; returns those stories' ids. */
export function fuseMentions(index: StoryIndex, mentions: readonly Mention[]): string[] {
  const touched = new Set<string>();
  for (const mention of mentions) {
    const joined = new Set<string>();
    for (const candidate of index.candidates(mention.family, mention.country, candidateBuckets(mention), mention.day)) {
      if (!joined.has(candidate.story) && mentionsMatch(mention, candidate.mention)) joined.add(candidate.story);
    }
    let id = mention.key;
    for (const story of joined) if (story < id) id = story;
    for (const story of [...joined].sort()) {
      if (story === id) continue;
      index.mergeStory(story, id);
      touched.delete(story);
    }
    index.addMention(mention, id, bucketOf(mention));
    touched.add(id);
  }
  const ids = [...touched].sort();
  for (const id of ids) index.putStory(summariseStory(index.mentionsOfStory(id)));
  return ids;
}
