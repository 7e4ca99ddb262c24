/**
 * The items of a store that series and alerts count, read page by page: its stories (the default), or
 * its event mentions. A dyad keeps the items with one country on each side, either way round.
 */
import type { SeriesCountGroup, SeriesCountQuery, Store } from '../store/store.js';
import { eventItem, storyItem, typeScale } from './items.js';
import type { AlertItem } from './rules.js';
import { seriesJsonOfCounts, seriesOfCounts, type TypeScale } from './series-counts.js';
import { buildSeries, type Period, type Series } from './series.js';

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
  let after: string | undefined;
  do {
    const page = await store.pageStories({ ...base, limit: STORY_PAGE }, after);
    for (const story of page.items) {
      const item = storyItem(story);
      if (keep(item, selection)) items.push(item);
    }
    after = page.next;
  } while (after !== undefined);
  return items;
}

function countQuery(selection: ItemSelection): SeriesCountQuery {
  return {
    ...(selection.mentions ? { mentions: true } : {}), ...(selection.plover ? { plover: selection.plover } : {}),
    ...(selection.country ? { country: selection.country } : {}), ...(selection.from ? { from: selection.from } : {}),
    ...(selection.to ? { to: selection.to } : {}),
  };
}

/** A mention counts on its event's own scale; a story on its type's. */
const mentionScale = (group: SeriesCountGroup): TypeScale => ({ quadClass: group.quadClass, goldstein: group.goldstein });
const storyScale = (group: SeriesCountGroup): TypeScale => typeScale(group.plover);

/**
 * The series of the selected items. Without a dyad it is built from the counts the store groups
 * (Store.seriesCounts), so no story or event is read one by one; a dyad needs each item's sides.
 */
export async function collectSeries(store: Store, selection: ItemSelection, by: Period): Promise<Series> {
  if (selection.dyad) return buildSeries(await collectItems(store, selection), by);
  return seriesOfCounts(await store.seriesCounts(countQuery(selection)), by, selection.mentions ? mentionScale : storyScale);
}

/** JSON.stringify(await collectSeries(…)), the same content, written without building the series' objects (what the API sends). */
export async function collectSeriesJson(store: Store, selection: ItemSelection, by: Period): Promise<string> {
  if (selection.dyad) return JSON.stringify(buildSeries(await collectItems(store, selection), by));
  return seriesJsonOfCounts(await store.seriesCounts(countQuery(selection)), by, selection.mentions ? mentionScale : storyScale);
}
