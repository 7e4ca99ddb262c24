import { defineStage } from '../../pipeline/stage.js';
import { resolveActorsIn } from './resolve.js';
import { getActorRoles } from './roles.js';

export { checkActorRoles, getActorRoles } from './roles.js';

/**
 * Who is who inside one document: names and surnames, titles, offices ("Kenya's president"),
 * governments, armed groups, peoples, "both countries" groups and pronouns become clusters of mentions.
 */
export const resolveActors = () =>
  defineStage({
    name: 'actors',
    version: 1,
    requires: ['sentences', 'tokens', 'entities'],
    provides: ['actors'],
    run(doc) {
      const { sentences = [], tokens = [], entities = [] } = doc.layers;
      if (tokens.length === 0) return { actors: [] };
      return { actors: resolveActorsIn(doc.text, sentences, tokens, entities, getActorRoles(), doc.source.published) };
    },
  });
