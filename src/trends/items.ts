/**
 * What series and alerts count: stories by default (one real-world event once, however many reports),
 * or event mentions (`--mentions`). Both become the same items, with the countries on each side.
 */
import { getCodebook } from '../knowledge/codebook.js';
import type { StoredEvent } from '../store/store.js';
import type { Story, StoryParticipant } from '../fuse/types.js';
import type { AlertItem } from './rules.js';

/** A participant's country from its key: `country:ARM`, a CAMEO-style code (`ARMGOV`) or a country-scoped id. */
function keyCountry(participant: StoryParticipant): string | undefined {
  const key = participant.key;
  const scoped = /^country:([a-z]{3})$/i.exec(key);
  if (scoped) return scoped[1]!.toUpperCase();
  return /^[A-Z]{3}(?:[A-Z]{3})*$/.test(key) ? key.slice(0, 3) : undefined;
}

let scales: Map<string, { quadClass: 1 | 2 | 3 | 4; goldstein: number | null }> | undefined;

/**
 * A story carries a PLOVER type, not a CAMEO code: its QuadClass is the type's, its Goldstein value the
 * mean of the type's two-digit CAMEO roots (ASSAULT: 18, 19, 20; all its codes where it has no root) —
 * one number per type, the same for every story of it.
 */
export function typeScale(plover: string): { quadClass: 1 | 2 | 3 | 4; goldstein: number | null } {
  if (!scales) {
    const codebook = getCodebook();
    scales = new Map(codebook.ploverTypes.map((type) => {
      const scored = codebook.cameoCodes.filter((code) => code.plover === type.name && code.goldstein !== null);
      const roots = scored.filter((code) => code.code.length === 2);
      const used = roots.length > 0 ? roots : scored;
      const goldstein = used.length > 0 ? Math.round((used.reduce((sum, code) => sum + code.goldstein!, 0) / used.length) * 10) / 10 : null;
      return [type.name, { quadClass: type.quadClass, goldstein }];
    }));
  }
  return scales.get(plover) ?? { quadClass: 1, goldstein: null };
}

const distinct = (values: ReadonlyArray<string | undefined>): string[] => [...new Set(values.filter((v): v is string => v !== undefined))].sort();

export function storyItem(story: Story): AlertItem | undefined {
  if (!story.date) return undefined;
  const item: AlertItem = {
    id: story.id, date: story.date.value, plover: story.plover, ...typeScale(story.plover),
    actorCountries: distinct(story.actors.map(keyCountry)), recipientCountries: distinct(story.recipients.map(keyCountry)),
  };
  if (story.casualties.killed) item.killed = story.casualties.killed.best;
  if (story.place?.name) item.title = `${story.plover} in ${story.place.name}`;
  return item;
}

export function eventItem(stored: StoredEvent): AlertItem | undefined {
  const { event } = stored;
  const date = event.date?.value ?? stored.published?.slice(0, 10);
  if (!date) return undefined;
  const item: AlertItem = {
    id: stored.id, date, plover: event.plover, quadClass: event.quadClass, goldstein: event.goldstein,
    actorCountries: distinct(event.actors.map((a) => a.country)), recipientCountries: distinct(event.recipients.map((r) => r.country)),
  };
  if (event.casualties?.killed) item.killed = event.casualties.killed.min;
  if (event.location?.name) item.title = `${event.plover} in ${event.location.name}`;
  return item;
}
