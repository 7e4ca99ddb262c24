/**
 * Where a document's story happens when an event's own sentence names no place: local news says "in
 * Dayton" once, or in its dateline, and then tells what happened there. The setting is the place the
 * document opens with (a dateline: its first words, or a dateline's place after a headline or time stamp, see
 * entities/dateline.ts), else the city or subdivision it names most often
 * (twice at least), else the only one it names. Places read as governments ("Washington said") and
 * country or continent names are not settings: a country is too coarse to place a local event.
 */
import type { Doc, EventLocation, Place } from '../../doc/types.js';
import { findDateline } from '../entities/dateline.js';

const SETTING_RESOLUTIONS = new Set<Place['resolution']>(['city', 'admin']);

function locationOf(place: Place): EventLocation {
  const location: EventLocation = { place: place.id, name: place.name, placeId: place.placeId, lat: place.lat, lon: place.lon, resolution: place.resolution, from: 'document' };
  if (place.country) location.country = place.country;
  return location;
}

/** `spoken`: the places of verbal events ("said at a briefing in Lima", "talks in Geneva"), which set no story. */
export function documentSetting(doc: Readonly<Doc>, spoken: ReadonlySet<string> = new Set()): EventLocation | undefined {
  const places = (doc.layers.places ?? []).filter((p) => SETTING_RESOLUTIONS.has(p.resolution) && !p.government && !spoken.has(p.id));
  if (places.length === 0) return undefined;
  const opening = doc.text.slice(0, places[0]!.start);
  if (/^[\s"'“‘(]*$/.test(opening)) return locationOf(places[0]!);
  // A dateline after a headline or a time stamp ("Teen shot in park\nDAYTON, Ohio (AP) —") is still where the report was filed.
  const dateline = findDateline(doc.text, () => true);
  const filedFrom = dateline && places.find((place) => place.start === dateline.start);
  if (filedFrom) return locationOf(filedFrom);
  const counts = new Map<string, { place: Place; count: number }>();
  for (const place of places) {
    const entry = counts.get(place.placeId) ?? { place, count: 0 };
    entry.count += 1;
    counts.set(place.placeId, entry);
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count || a.place.start - b.place.start);
  if (ranked.length === 1 || ranked[0]!.count >= 2 && ranked[0]!.count > ranked[1]!.count) return locationOf(ranked[0]!.place);
  return undefined;
}
