import type { Entity, Place } from '../../doc/types.js';
import { defineStage } from '../../pipeline/stage.js';
import { resolveToponym, type Resolved, type ToponymContext } from './resolve.js';

const TOPONYM_TYPES: ReadonlySet<Entity['type']> = new Set(['COUNTRY', 'REGION', 'PLACE']);
const LOCATIVE_BEFORE = /\b(in|at|near|from|outside|into|to)\s+(the\s+)?$/i;

/** The mention's own link as a fallback resolution when the name alone does not resolve. */
function fromLink(entity: Entity): Resolved | undefined {
  const kb = entity.kb;
  if (kb?.lat === undefined || kb.lon === undefined) return undefined;
  return { name: kb.name, placeId: kb.id, country: kb.country, lat: kb.lat, lon: kb.lon, resolution: 'city', confidence: 0.5 };
}

/**
 * Every country, region and place mention resolved to coordinates. The document's own country
 * mentions (countries, demonyms, regions) are the context that picks among same-named places.
 */
export const geocode = () =>
  defineStage({
    name: 'geocode',
    version: 2,
    requires: ['entities'],
    provides: ['places'],
    run(doc) {
      const entities = doc.layers.entities ?? [];
      const countries = new Set<string>();
      for (const entity of entities) {
        if (entity.kb?.country && entity.type !== 'PLACE' && entity.type !== 'PERSON') countries.add(entity.kb.country);
      }
      const contexts: Record<'plain' | 'located', ToponymContext> = { plain: { countries, locative: false }, located: { countries, locative: true } };
      // A document names the same few places again and again: resolve each (name, locative) once.
      const resolved = new Map<string, Resolved | null>();
      const places: Place[] = [];
      for (const entity of entities) {
        if (!TOPONYM_TYPES.has(entity.type)) continue;
        const locative = LOCATIVE_BEFORE.test(doc.text.slice(Math.max(0, entity.start - 12), entity.start));
        const key = `${locative ? 1 : 0}${entity.text}`;
        let resolution = resolved.get(key);
        if (resolution === undefined) {
          resolution = resolveToponym(entity.text, locative ? contexts.located : contexts.plain) ?? null;
          resolved.set(key, resolution);
        }
        const chosen = resolution ?? fromLink(entity);
        if (!chosen) continue;
        const place: Place = {
          id: `p${places.length + 1}`, start: entity.start, end: entity.end, entity: entity.id, name: chosen.name,
          placeId: chosen.placeId, lat: chosen.lat, lon: chosen.lon, resolution: chosen.resolution, confidence: chosen.confidence,
        };
        if (chosen.country) place.country = chosen.country;
        places.push(place);
      }
      return { places };
    },
  });
