import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** wink's model takes ~200 ms to load: load it once per process, on first use. */
let instance: ReturnType<typeof winkNLP> | undefined;

export function wink(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model);
  return instance;
}
