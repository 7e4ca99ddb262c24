import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes to a stream and waits when its buffer is full, so an export holds at most a page of output
 * however fast the store reads. A stream that fails while full rejects the wait with its error.
 */
export async function writeOut(chunk: string | Uint8Array, stream: Writable): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}
