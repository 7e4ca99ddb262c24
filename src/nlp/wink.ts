import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** wink's model takes ~200 ms to load: load it once per process, on first use. */
let instance: ReturnType<typeof winkNLP> | undefined;

/**
 * Only sentence boundaries and part of speech: wink's own negation, sentiment and entity passes
 * cost a third of its time and Dyad has stages of its own for those.
 */
export function wink(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model, ['sbd', 'pos']);
  return instance;
}
