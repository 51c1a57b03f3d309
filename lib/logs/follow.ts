import { setTimeout as sleep } from 'node:timers/promises';
import { createChunkDecoder } from './tail-lines.js';
import type { FollowOptions, LogObject, RangeReader } from './types.js';

export const DEFAULT_POLL_MS = 2000;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/** Resolves after `ms`, or at once when `signal` aborts (never rejects: stopping is normal). */
const pause = async (ms: number, signal: AbortSignal | undefined): Promise<void> => {
  try {
    await sleep(ms, undefined, signal === undefined ? {} : { signal });
  } catch {
    // Aborted: the loop checks the signal next.
  }
};

/**
 * New text of a growing object, read with ranges from the last offset. `until` is asked before
 * each poll, so the read after it turns true still collects what was written just before the
 * end; a missing object is waited for, since Batch uploads logs when the instance ends.
 */
export async function* followObject(
  reader: RangeReader,
  object: LogObject,
  options: FollowOptions = {},
): AsyncGenerator<string, void, undefined> {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const decoder = createChunkDecoder();
  const stopped = (): boolean => options.signal?.aborted === true;
  let offset = options.fromOffset ?? 0;
  while (!stopped()) {
    const ended = (await options.until?.()) ?? false;
    const size = (await reader.size(object)) ?? 0;
    while (offset < size && !stopped()) {
      const end = Math.min(size, offset + chunkBytes) - 1;
      const got = await reader.read(object, { start: offset, end, limit: chunkBytes });
      offset += got.bytes.length;
      const text = decoder.write(got.bytes);
      if (text !== '') yield text;
    }
    if (ended) break;
    await pause(pollMs, options.signal);
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}
