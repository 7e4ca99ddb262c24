/**
 * The items of a store that series and alerts count, read page by page: its stories (the default), or
 * its event mentions. A dyad keeps the items with one country on each side, either way round.
 */
import type { Store } from '../store/store.js';
import { eventItem, storyItem } from './items.js';
import type { AlertItem } from './rules.js';

export interface ItemSelection {
  /** Count event mentions instead of stories. */
  mentions?: boolean;
  plover?: string;
  country?: string;
  dyad?: readonly [string, string];
  from?: string;
  to?: string;
}

const STORY_PAGE = 1000;

function keep(item: AlertItem | undefined, selection: ItemSelection): item is AlertItem {
  if (!item) return false;
  if (selection.dyad) {
    const [a, b] = selection.dyad;
    const forward = item.actorCountries.includes(a) && item.recipientCountries.includes(b);
    const backward = item.actorCountries.includes(b) && item.recipientCountries.includes(a);
    if (!forward && !backward) return false;
  }
  return true;
}

export async function collectItems(store: Store, selection: ItemSelection): Promise<AlertItem[]> {
  const items: AlertItem[] = [];
  const base = {
    ...(selection.plover ? { plover: selection.plover } : {}), ...(selection.country ? { country: selection.country } : {}),
    ...(selection.from ? { from: selection.from } : {}), ...(selection.to ? { to: selection.to } : {}),
  };
  if (selection.mentions) {
    for await (const page of store.streamEvents(base)) for (const stored of page) {
      const item = eventItem(stored);
      if (keep(item, selection)) items.push(item);
    }
    return items;
  }
  for (let offset = 0; ; offset += STORY_PAGE) {
    const page = await store.queryStories({ ...base, limit: STORY_PAGE, offset });
    for (const story of page) {
      const item = storyItem(story);
      if (keep(item, selection)) items.push(item);
    }
    if (page.length < STORY_PAGE) return items;
  }
}
