import type { Entity, Place } from '../../doc/types.js';
import { defineStage } from '../../pipeline/stage.js';
import { resolveMentions } from './context.js';
import type { Resolved } from './resolve.js';

const TOPONYM_TYPES: ReadonlySet<Entity['type']> = new Set(['COUNTRY', 'REGION', 'PLACE']);

/** The mention's own link as a fallback resolution when the name alone does not resolve. */
function fromLink(entity: Entity): Resolved | undefined {
  const kb = entity.kb;
  if (kb?.lat === undefined || kb.lon === undefined) return undefined;
  return { name: kb.name, placeId: kb.id, country: kb.country, lat: kb.lat, lon: kb.lon, resolution: 'city', confidence: 0.5 };
}

/**
 * Every country, region and place mention resolved to coordinates, all of a document's toponyms
 * together: the others' unambiguous readings (and its demonyms') are the context that picks among
 * same-named places, "Town, State" is read as containment, and a capital that speaks or acts is marked
 * as its government. Demonyms inform the context but are not places themselves.
 */
export const geocode = () =>
  defineStage({
    name: 'geocode',
    version: 4,
    requires: ['entities'],
    provides: ['places'],
    run(doc) {
      const entities = (doc.layers.entities ?? []).filter((entity) => TOPONYM_TYPES.has(entity.type) || entity.type === 'NATIONALITY');
      const resolved = resolveMentions(doc.text, entities);
      const places: Place[] = [];
      entities.forEach((entity, i) => {
        if (!TOPONYM_TYPES.has(entity.type)) return;
        const chosen = resolved[i] ?? fromLink(entity);
        if (!chosen) return;
        const place: Place = {
          id: `p${places.length + 1}`, start: entity.start, end: entity.end, entity: entity.id, name: chosen.name,
          placeId: chosen.placeId, lat: chosen.lat, lon: chosen.lon, resolution: chosen.resolution, confidence: chosen.confidence,
        };
        if (chosen.country) place.country = chosen.country;
        if (chosen.admin1) place.admin1 = chosen.admin1;
        if (chosen.government) place.government = chosen.government;
        places.push(place);
      });
      return { places };
    },
  });
