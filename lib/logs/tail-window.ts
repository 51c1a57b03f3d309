import { extractTailLines } from './tail-lines.js';
import type { LogObject, RangeReader, TailOptions, TailResult } from './types.js';

export const DEFAULT_TAIL_LINES = 30;
export const DEFAULT_MAX_BYTES = 256 * 1024;
export const DEFAULT_INITIAL_WINDOW = 16 * 1024;

/** A log reaches COS when its task instance ends (batch-semantics.md 5), so absence is normal
 *  for a running instance and is a result, not an error. */
export const MISSING_FROM_COS =
  'the log is not in COS (yet): Batch uploads stdout/stderr when the task instance ends, ' +
  'and never for an instance that did not start';

const positive = (value: number | undefined, fallback: number): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;

export interface ResolvedTailOptions {
  readonly lines: number;
  readonly maxBytes: number;
  readonly initialWindow: number;
}

export const resolveTailOptions = (options: TailOptions = {}): ResolvedTailOptions => {
  const maxBytes = positive(options.maxBytes, DEFAULT_MAX_BYTES);
  return {
    lines: positive(options.lines, DEFAULT_TAIL_LINES),
    maxBytes,
    initialWindow: Math.min(positive(options.initialWindow, DEFAULT_INITIAL_WINDOW), maxBytes),
  };
};

interface Opening {
  readonly size: number;
  /** The object's last bytes, when the first request brought them. */
  readonly window: Uint8Array;
  readonly bytesRead: number;
}

/** The first window in one request when the reader can (a suffix read), else the size alone. */
const openTail = async (
  reader: RangeReader,
  object: LogObject,
  initialWindow: number,
): Promise<Opening | undefined> => {
  const first =
    reader.suffix === undefined ? { bytesRead: 0 } : await reader.suffix(object, initialWindow);
  if (first === undefined) return undefined;
  if (first.bytes !== undefined && first.size !== undefined) {
    return { size: first.size, window: first.bytes, bytesRead: first.bytesRead };
  }
  const size = first.size ?? (await reader.size(object));
  return size === undefined
    ? undefined
    : { size, window: new Uint8Array(0), bytesRead: first.bytesRead };
};

/**
 * The last lines of an object, read backwards in windows from its end: a window of
 * `initialWindow` bytes, grown by doubling (each read fetches only the new bytes in front) until
 * it holds enough lines, reaches the start, or reaches `maxBytes`. Cost depends on the lines
 * wanted and their length, never on the size of the log.
 */
export const tailObject = async (
  reader: RangeReader,
  object: LogObject,
  options: TailOptions = {},
): Promise<TailResult> => {
  const { lines: wanted, maxBytes, initialWindow } = resolveTailOptions(options);
  const opening = await openTail(reader, object, initialWindow);
  if (opening === undefined) return { status: 'missing', reason: MISSING_FROM_COS, source: 'cos' };
  const { size } = opening;
  let { window, bytesRead } = opening;
  let span = window.length > 0 ? window.length : Math.min(initialWindow, size);
  for (;;) {
    const start = size - span;
    const end = size - window.length - 1;
    if (end >= start) {
      const got = await reader.read(object, { start, end, limit: maxBytes });
      window = Buffer.concat([got.bytes, window]);
      bytesRead += got.bytesRead;
    }
    const final = start === 0 || span >= maxBytes;
    const found = extractTailLines(window, { wanted, atStart: start === 0, final });
    if (found.complete || final) {
      const truncated = start > 0 || found.dropped;
      return { status: 'ok', lines: found.lines, truncated, bytesRead, size, source: 'cos' };
    }
    span = Math.min(span * 2, maxBytes, size);
  }
};
