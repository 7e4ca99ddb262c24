import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes to a stream, waiting when its buffer is full, so a long JSON Lines run streams in bounded memory. */
export async function writeOut(text: string, stream: Writable = process.stdout): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

export function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}
