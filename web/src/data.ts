import { useEffect, useState } from 'preact/hooks';
import { getJson, type Page, type Story, type StoryParticipant } from './api';
import { apiFilters, type Filters } from './state';

/** The most stories a view draws: one page of the API. */
export const MAX_STORIES = 500;

export interface Loaded<T> { data?: T; error?: string; loading: boolean }

export function useJson<T>(path: string | undefined, params: Record<string, string | undefined> = {}, reload = 0): Loaded<T> {
  const key = JSON.stringify([path, params, reload]);
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    getJson<T>(path, params).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error: error.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

function matches(participant: StoryParticipant, wanted: string): boolean {
  const key = participant.key.toLowerCase();
  return key === wanted || participant.name.toLowerCase() === wanted || key.endsWith(`:${wanted}`);
}

/** Whether a story has the participant on either side (by key, name, or as a party's country). */
export function involves(story: Story, who: string): boolean {
  const wanted = who.trim().toLowerCase();
  if (wanted === '') return true;
  return [...story.actors, ...story.recipients].some((p) => matches(p, wanted)) || story.parties.some((p) => p.toLowerCase() === wanted);
}

/** The stories the filters select; a dyad (actor and recipient) keeps the stories that involve both. */
export function useStories(filters: Filters): Loaded<Story[]> {
  const page = useJson<Page<Story>>('/api/stories', { ...apiFilters(filters), limit: String(MAX_STORIES) });
  const recipient = filters.recipient;
  const data = page.data?.items.filter((story) => !recipient || involves(story, recipient));
  const result: Loaded<Story[]> = { loading: page.loading };
  if (page.error !== undefined) result.error = page.error;
  if (data) result.data = data;
  return result;
}
