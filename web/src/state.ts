/**
 * The dashboard's state is its URL: the view, what it shows (a story, a document) and the shared filters,
 * so any view can be bookmarked and shared. Changing state pushes a history entry.
 */
import { useEffect, useState } from 'preact/hooks';

export const FILTER_KEYS = ['from', 'to', 'type', 'actor', 'recipient', 'country', 'minConfidence', 'text'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;
export const VIEWS = ['timeline', 'map', 'network', 'story', 'article'] as const;
export type View = (typeof VIEWS)[number];

export interface AppState {
  view: View;
  filters: Filters;
  story?: string;
  doc?: string;
  /** The event of the article view to bring into focus. */
  event?: string;
}

export function readState(search: string = location.search): AppState {
  const params = new URLSearchParams(search);
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'timeline';
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const state: AppState = { view, filters };
  for (const key of ['story', 'doc', 'event'] as const) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  return state;
}

export function searchOf(state: AppState): string {
  const params = new URLSearchParams();
  params.set('view', state.view);
  for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]!);
  for (const key of ['story', 'doc', 'event'] as const) if (state[key]) params.set(key, state[key]!);
  return `?${params.toString()}`;
}

export function navigate(state: AppState): void {
  history.pushState(null, '', searchOf(state));
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useAppState(): AppState {
  const [state, setState] = useState(readState);
  useEffect(() => {
    const update = () => setState(readState());
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return state;
}

/** The API query of the filters (the API's story filter names; "recipient" is matched on the page: a dyad). */
export function apiFilters(filters: Filters): Record<string, string | undefined> {
  const { recipient: _recipient, ...rest } = filters;
  return rest;
}
