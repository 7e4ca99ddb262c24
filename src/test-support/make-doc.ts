import { createDoc } from '../doc/doc.js';
import type { Doc, Layers, SourceInfo } from '../doc/types.js';
import { splitParagraphs } from '../ingest/paragraphs.js';
import { createPipeline } from '../pipeline/pipeline.js';
import type { AnyStage } from '../pipeline/stage.js';

/**
 * Builds a doc by hand for a stage test: the text split into paragraphs, then only the stages named,
 * so a stage's test depends on nothing but the layers it requires.
 */
export function makeDoc(text: string, stages: AnyStage[] = [], source: Partial<SourceInfo> = {}, layers: Partial<Layers> = {}): Doc {
  const doc = createDoc(text, source, { paragraphs: splitParagraphs(text), ...layers });
  const initial = Object.keys(doc.layers) as Array<keyof Layers>;
  createPipeline(stages, { initialLayers: initial }).run(doc);
  return doc;
}
