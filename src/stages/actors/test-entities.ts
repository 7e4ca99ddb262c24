import type { Entity, EntityType, KbLink } from '../../doc/types.js';

type EntitySpec = [text: string, type: EntityType, kb?: Partial<KbLink>];

/**
 * Hand-built entities layer for tests: every occurrence of each string (whole words) becomes an entity of
 * that type. A COUNTRY or NATIONALITY with a `country` gets the kb id `country:ISO3` (a NATIONALITY's kb name is
 * the country code unless given, as the entities stage names the country there).
 */
export function entitiesAt(text: string, specs: EntitySpec[]): Entity[] {
  const entities: Entity[] = [];
  for (const [needle, type, kb] of specs) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      if (entities.some((e) => start < e.end && start + needle.length > e.start)) continue;
      const entity: Entity = { id: '', start, end: start + needle.length, text: needle, type, source: 'gazetteer', confidence: 1 };
      if (kb) {
        const id = kb.id ?? (kb.country ? `country:${kb.country}` : `test:${needle}`);
        const name = type === 'NATIONALITY' ? kb.country ?? needle : needle;
        entity.kb = { name, ...kb, id };
      }
      entities.push(entity);
    }
  }
  entities.sort((a, b) => a.start - b.start);
  entities.forEach((entity, index) => (entity.id = `e${index + 1}`));
  return entities;
}
