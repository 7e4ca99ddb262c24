import { decodeText, type Decoded, type Declaration, metaCharset, xmlDeclaredEncoding } from '../ingest/decode.js';
import type { FetchResult } from './fetcher.js';

const XML_TYPES = /(^|[/+])xml$/;

/**
 * The charset a fetched body declares: the Content-Type header first, then (HTML) `<meta charset>` or
 * (XML) the XML declaration. decodeText lets a byte order mark overrule all of these, as browsers do,
 * and falls back to detection when nothing is declared.
 */
export function declaredCharset(result: Pick<FetchResult, 'body' | 'charset' | 'mediaType'>): Declaration | undefined {
  if (result.charset) return { charset: result.charset, from: 'the Content-Type header' };
  if (result.mediaType === 'text/plain') return undefined;
  if (result.mediaType && XML_TYPES.test(result.mediaType)) {
    const encoding = xmlDeclaredEncoding(result.body);
    return encoding ? { charset: encoding, from: 'the XML declaration' } : undefined;
  }
  const meta = metaCharset(result.body);
  return meta ? { charset: meta, from: 'the page\'s <meta> charset' } : undefined;
}

/** A fetched body as text, with what decoding had to say. */
export function decodeFetched(result: Pick<FetchResult, 'body' | 'charset' | 'mediaType'>): Decoded {
  return decodeText(result.body, declaredCharset(result));
}
