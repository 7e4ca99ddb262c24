import { createHash } from 'node:crypto';
import type { Doc, LayerName, Layers, Message, SourceInfo, Span } from './types.js';

/** A record over LayerName, so a layer added to Layers and missing here fails to compile. */
const LAYER_ORDER: Record<LayerName, number> = {
  paragraphs: 0, sentences: 1, tokens: 2, dependencies: 3, entities: 4, places: 5, dates: 6, quantities: 7, actors: 8, quotes: 9, events: 10,
};

/** Every layer a Doc can carry, in pipeline order. */
export const LAYER_NAMES: readonly LayerName[] = (Object.keys(LAYER_ORDER) as LayerName[]).sort((a, b) => LAYER_ORDER[a] - LAYER_ORDER[b]);

/**
 * Every run of white space becomes one space; a lone space is already that, so only longer runs and
 * other white space characters are replaced (same key as `/\s+/g`, in half the time).
 */
const COLLAPSIBLE_SPACE = /\s{2,}|[^\S ]/g;

/** Normalise text for identity: documents that differ only in white space or case are the same document. */
function identityKey(text: string, url?: string): string {
  const normalised = text.normalize('NFC').replace(COLLAPSIBLE_SPACE, ' ').trim().toLowerCase();
  return url ? `${url}\n${normalised}` : normalised;
}

/** A stable id: the same text (and URL) always gives the same id, so storing twice stores once. */
export function docId(text: string, url?: string): string {
  return createHash('sha256').update(identityKey(text, url)).digest('hex').slice(0, 24);
}

export function createDoc(text: string, source: Partial<SourceInfo> = {}, layers: Partial<Layers> = {}): Doc {
  return {
    id: docId(text, source.url),
    source: { format: 'text', ...source },
    text,
    layers,
    messages: [],
    provenance: [],
  };
}

export function spanText(doc: Pick<Doc, 'text'>, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

export function addMessage(doc: Doc, message: Message): void {
  doc.messages.push(message);
}
