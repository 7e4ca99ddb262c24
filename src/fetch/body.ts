import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createUnzip } from 'node:zlib';
import { FetchError, shownUrl } from './errors.js';

const DECODERS: Record<string, () => Transform> = {
  gzip: () => createGunzip(),
  'x-gzip': () => createGunzip(),
  br: () => createBrotliDecompress(),
  // createUnzip reads the zlib wrapper `deflate` is meant to have (and gzip, which some servers mislabel).
  deflate: () => createUnzip(),
};

/** The codings a Content-Encoding header lists, in the order they were applied. */
export function contentCodings(header: string | undefined): string[] {
  return (header ?? '').split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '' && part !== 'identity');
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}

/** A pass-through that counts what crosses it. */
class Counter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

class TooLarge extends Error {}

export interface BodyRead {
  bytes: Uint8Array;
  /** Bytes that came off the wire, before decompression. */
  bytesReceived: number;
}

/**
 * Reads a response body, decompressing it as a stream and stopping at `maxBytes` of DECOMPRESSED
 * output: a gzip bomb is cut off after at most the cap (plus one zlib chunk) is inflated, and what
 * is read off the wire stays small. Undici's own errors (timeouts, aborts) pass through unchanged.
 */
export async function readBody(body: Readable, url: string, encodingHeader: string | undefined, maxBytes: number): Promise<BodyRead> {
  const codings = contentCodings(encodingHeader);
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    const decoder = DECODERS[coding];
    if (decoder) decoders.push(decoder());
    else {
      body.on('error', () => {});
      body.destroy();
      throw new FetchError('content-type', url, `${shownUrl(url)} is sent with content-encoding ${coding.slice(0, 40)}, which Dyad cannot decode`);
    }
  }
  const wire = new Counter();
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new TooLarge());
      chunks.push(chunk);
      done();
    },
  });
  try {
    await pipeline([body, wire, ...decoders, sink]);
  } catch (error) {
    if (error instanceof TooLarge) {
      throw new FetchError('too-large', url, `${shownUrl(url)} is larger than the ${megabytes(maxBytes)} limit${decoders.length > 0 ? ' once decompressed' : ''}; stopped reading`, { bytesReceived: wire.bytes });
    }
    const code = (error as { code?: string }).code;
    if (code?.startsWith('Z_') || code === 'ERR__ERROR' || code?.startsWith('ERR_BROTLI')) {
      throw new FetchError('network', url, `${shownUrl(url)} sent a body that does not decompress (${codings.join(', ')}: ${(error as Error).message})`, { bytesReceived: wire.bytes, cause: error });
    }
    throw error;
  }
  return { bytes: Buffer.concat(chunks), bytesReceived: wire.bytes };
}
