import { knowledgeManifest } from '../knowledge/check.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import { resolveActors } from '../stages/actors/actors.js';
import { resolveDates } from '../stages/dates/dates.js';
import { findEntities } from '../stages/entities/entities.js';
import { codeEvents } from '../stages/events/events.js';
import { geocode } from '../stages/geocode/geocode.js';
import { parseDependencies, type ParseSelection } from '../stages/parse/parse.js';
import { findQuantities } from '../stages/quantities/quantities.js';
import { findQuotes } from '../stages/quotes/quotes.js';
import { splitSentences } from '../stages/tokens/tokens.js';

export interface DefaultPipelineOptions {
  /**
   * Which sentences get a dependency parse (the `dependencies` layer): by default those that can carry an
   * event (a parse of every sentence costs ~4 ms per news article, more than the rest of the pipeline);
   * `false` leaves the parser out.
   */
  parse?: ParseSelection | false;
}

/** The standard Dyad pipeline, in the order the stages need one another. */
export function defaultPipeline(options: DefaultPipelineOptions = {}): Pipeline {
  return createPipeline([
    splitSentences(),
    ...(options.parse === false ? [] : [parseDependencies({ sentences: options.parse ?? 'event-candidates' })]),
    findEntities(),
    geocode(),
    resolveDates(),
    findQuantities(),
    resolveActors(),
    findQuotes(),
    codeEvents(),
  ], { knowledgeVersion: knowledgeManifest().version });
}
