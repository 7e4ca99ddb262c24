import type { Doc } from '../doc/types.js';

/** Everything analysis puts in a Doc except provenance, whose time stamps and timings vary by design. */
export function analysisOf(doc: Doc): string {
  const { provenance: _provenance, source, ...rest } = doc;
  const { retrievedAt: _retrievedAt, ...stableSource } = source;
  return JSON.stringify({ ...rest, source: stableSource });
}
