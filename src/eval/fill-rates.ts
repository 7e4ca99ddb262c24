/**
 * How many of Dyad's events an analyst can place, on news articles without event gold (the casualties
 * articles): the share of events with an actor; of events in articles that name a place, the share
 * with a location; of events in articles that give a date of their own (a resolved date other than the
 * publication date), the share dated by the text rather than by the report. Counted over the first
 * FILL_ARTICLES articles of a file, coded by the whole default pipeline; negated, hypothetical and
 * historical events are left out, as an analyst's counts leave them out.
 */
import type { Doc } from '../doc/types.js';
import { defaultPipeline } from '../pipeline/default.js';
import { stagePipeline, withHeadline } from './analyse.js';
import { ratio } from './metrics.js';

export const FILL_ARTICLES = 500;

export interface FillRates {
  events_with_actor: number;
  events_with_place: number;
  events_with_own_date: number;
  fill_events: number;
}

function givesOwnDate(doc: Doc): boolean {
  const published = doc.source.published?.slice(0, 10);
  return (doc.layers.dates ?? []).some((date) => date.resolved && date.value !== undefined && date.value !== published && date.granularity !== 'duration');
}

export function fillRates(articles: ReadonlyArray<{ text: string; title?: string; published?: string | null }>): FillRates {
  const analyse = stagePipeline(defaultPipeline().stages);
  let events = 0;
  let withActor = 0;
  let placeable = 0;
  let placed = 0;
  let datable = 0;
  let dated = 0;
  for (const article of articles.slice(0, FILL_ARTICLES)) {
    const published = typeof article.published === 'string' && /^\d{4}-\d\d-\d\d/.test(article.published) ? article.published.slice(0, 10) : undefined;
    const doc = analyse(withHeadline(article.text, article.title), published ? { published } : {});
    const namesPlace = (doc.layers.places ?? []).length > 0;
    const ownDate = givesOwnDate(doc);
    for (const event of doc.layers.events ?? []) {
      if (event.negated || event.hypothetical || event.historical) continue;
      events += 1;
      if (event.actors.length > 0) withActor += 1;
      if (namesPlace) {
        placeable += 1;
        if (event.location) placed += 1;
      }
      if (ownDate) {
        datable += 1;
        if (event.date && event.date.basis !== 'report') dated += 1;
      }
    }
  }
  return { events_with_actor: ratio(withActor, events), events_with_place: ratio(placed, placeable), events_with_own_date: ratio(dated, datable), fill_events: events };
}
