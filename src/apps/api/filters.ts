/** Query parameters (already validated by the schemas) turned into the store's filters. */
import type { EventFilter, GeoRadius, StoryFilter } from '../../index.js';
import { DEFAULT_PAGE } from './schemas.js';

export interface FilterParams {
  actor?: string | undefined;
  type?: string | undefined;
  country?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  near?: string | undefined;
  minConfidence?: number | undefined;
  text?: string | undefined;
}

export function radiusOf(near: string): GeoRadius {
  const [lat, lon, km] = near.split(',').map(Number) as [number, number, number];
  return { lat, lon, km };
}

function common(params: FilterParams): EventFilter & StoryFilter {
  const filter: EventFilter & StoryFilter = {};
  if (params.actor !== undefined) filter.actor = params.actor;
  if (params.type !== undefined) filter.plover = params.type.toUpperCase();
  if (params.country !== undefined) filter.country = params.country.toUpperCase();
  if (params.from !== undefined) filter.from = params.from;
  if (params.to !== undefined) filter.to = params.to;
  if (params.near !== undefined) filter.near = radiusOf(params.near);
  if (params.minConfidence !== undefined) filter.minConfidence = params.minConfidence;
  if (params.text !== undefined) filter.text = params.text;
  return filter;
}

export function eventFilter(params: FilterParams & { cameo?: string | undefined; limit?: number | undefined }): EventFilter {
  const filter: EventFilter = common(params);
  if (params.cameo !== undefined) filter.cameo = params.cameo;
  filter.limit = params.limit ?? DEFAULT_PAGE;
  return filter;
}

export function storyFilter(params: FilterParams & { minDocuments?: number | undefined; limit?: number | undefined }): StoryFilter {
  const filter: StoryFilter = common(params);
  if (params.minDocuments !== undefined) filter.minDocuments = params.minDocuments;
  filter.limit = params.limit ?? DEFAULT_PAGE;
  return filter;
}

/** A filter for whole listings (counts, exports): no page size. */
export function unpagedFilter(params: FilterParams): EventFilter & StoryFilter {
  return common(params);
}
