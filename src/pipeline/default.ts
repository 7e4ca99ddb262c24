import { createPipeline, type Pipeline } from './pipeline.js';
import { splitSentences } from '../stages/tokens/tokens.js';

/** The standard Dyad pipeline, in the order the stages need one another. */
export function defaultPipeline(): Pipeline {
  return createPipeline([splitSentences()]);
}
