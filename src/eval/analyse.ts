import { createDoc } from '../doc/doc.js';
import type { Doc, SourceInfo } from '../doc/types.js';
import { bodyLeadsWith, headlineOf } from '../ingest/headline.js';
import { splitParagraphs } from '../ingest/paragraphs.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';
import type { AnyStage } from '../pipeline/stage.js';

/**
 * A pipeline of only the stages a task measures, run on plain text as ingest would hand it over
 * (paragraphs already split): each component is scored on its own, and quickly.
 */
export function stagePipeline(stages: readonly AnyStage[]): (text: string, source?: Partial<SourceInfo>) => Doc {
  const pipeline: Pipeline = createPipeline(stages, { initialLayers: ['paragraphs'] });
  return (text, source = {}) => {
    const doc = createDoc(text, { format: 'text', ...source }, { paragraphs: splitParagraphs(text) });
    pipeline.run(doc);
    return doc;
  };
}

/** The text ingest would code for a body with this title: the headline first when it reads as one (ingest/headline.ts). */
export function withHeadline(text: string, title: unknown): string {
  const headline = typeof title === 'string' ? headlineOf(title) : undefined;
  return headline && !bodyLeadsWith(text, headline) ? `${headline}\n${text}` : text;
}
