export { ingest, sniffKind, DEFAULT_MAX_CHARS, INGEST_STAGE, INGEST_VERSION, type IngestInput, type IngestOptions } from './ingest.js';
export { checkFurniture, getFurniture, removeFurniture, compileFurniture, MAX_FURNITURE_LINE, type Furniture } from './furniture.js';
export { identifyLanguage, normaliseLanguage, type LanguageGuess } from './language.js';
export { extractHtml, type HtmlExtract } from './html.js';
export { normaliseDate, type PageMeta } from './html-meta.js';
export { splitParagraphs } from './paragraphs.js';
export {
  readSource,
  decodeBytes,
  SourceError,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  type SourceContent,
  type SourceOptions,
} from './source.js';
export { decodeText, type Decoded, type Declaration, type SourceMessage } from './decode.js';
