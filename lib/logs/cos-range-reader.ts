import type { Logger } from '../logger.js';
import type { S3ClientPool } from './cos-client.js';
import { COS_SERVICE, isMissing, statusOf, wrapCosError } from './cos-errors.js';
import { LogFetchError } from './log-fetch-error.js';
import type { ByteRange, LogObject, RangeRead, RangeReader, SuffixRead } from './types.js';

interface Body extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

const isBody = (value: unknown): value is Body =>
  typeof value === 'object' &&
  value !== null &&
  Symbol.asyncIterator in value &&
  typeof (value as { destroy?: unknown }).destroy === 'function';

/** `bytes 100-199/1000` -> the part sent and the object's size; anything else -> undefined. */
export const parseContentRange = (value: string | undefined) => {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (match === null) return undefined;
  const total = match[3] === '*' ? undefined : Number(match[3]);
  return { start: Number(match[1]), end: Number(match[2]), total };
};

interface Slice {
  readonly skip: number;
  readonly take: number;
  readonly limit: number;
}

/** Streams a body, keeps `take` bytes after `skip`, and aborts the stream as soon as it has
 *  them or has streamed `limit` bytes: a server that ignores Range cannot make us download the
 *  whole log. */
const collect = async (body: Body, slice: Slice, signal: AbortSignal) => {
  const parts: Uint8Array[] = [];
  let streamed = 0;
  let kept = 0;
  const onAbort = () => body.destroy(new Error('read aborted'));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of body) {
      const from = Math.max(0, slice.skip - streamed);
      streamed += chunk.length;
      const piece = chunk.subarray(from, from + (slice.take - kept));
      if (piece.length > 0) parts.push(piece);
      kept += piece.length;
      if (kept >= slice.take || streamed >= slice.limit) break;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    body.destroy();
  }
  return { bytes: Buffer.concat(parts), streamed, complete: kept >= slice.take };
};

const incomplete = (object: LogObject, ranged: boolean, limit: number): LogFetchError =>
  new LogFetchError(
    `COS GetObject ${object.bucket}/${object.key}: ` +
      (ranged
        ? 'the body ended before the range did'
        : `the server ignored the Range header and the bytes wanted lie beyond the first ${limit}; stopped reading`),
    { service: COS_SERVICE, operation: 'GetObject', retryable: ranged },
  );

/** Which part of the body holds `range`, checked against Content-Range rather than assumed. */
const sliceFor = (object: LogObject, range: ByteRange, contentRange: string | undefined): Slice => {
  const take = range.end - range.start + 1;
  if (contentRange === undefined) return { skip: range.start, take, limit: range.limit };
  const got = parseContentRange(contentRange);
  if (got === undefined || got.start > range.start || got.end < range.end) {
    throw new LogFetchError(
      `COS GetObject ${object.bucket}/${object.key}: asked for bytes ${range.start}-${range.end}, got "${contentRange}"`,
      { service: COS_SERVICE, operation: 'GetObject', retryable: true },
    );
  }
  return { skip: range.start - got.start, take, limit: got.end - got.start + 1 };
};

export interface CosRangeReaderOptions {
  readonly pool: S3ClientPool;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

const headSize = async (
  options: CosRangeReaderOptions,
  object: LogObject,
): Promise<number | undefined> => {
  const { timeoutMs } = options;
  try {
    const { s3, client } = await options.pool.get(object.region);
    const head = await client.send(
      new s3.HeadObjectCommand({ Bucket: object.bucket, Key: object.key }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
    return head.ContentLength ?? 0;
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw wrapCosError(e, { operation: 'HeadObject', object, timeoutMs });
  }
};

const getRange = async (
  options: CosRangeReaderOptions,
  object: LogObject,
  range: ByteRange,
): Promise<RangeRead> => {
  const { timeoutMs } = options;
  // One deadline for the request and its body: a stalled body is as dead as no answer.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { s3, client } = await options.pool.get(object.region);
    const Range = `bytes=${range.start}-${range.end}`;
    const out = await client.send(
      new s3.GetObjectCommand({ Bucket: object.bucket, Key: object.key, Range }),
      { abortSignal: signal },
    );
    if (!isBody(out.Body)) throw new TypeError('GetObject returned no readable body');
    const ranged = out.ContentRange !== undefined;
    const got = await collect(out.Body, sliceFor(object, range, out.ContentRange), signal);
    if (!got.complete) throw incomplete(object, ranged, range.limit);
    if (!ranged) {
      options.logger.warn('cos: Range ignored', { bucket: object.bucket, key: object.key });
    }
    return { bytes: got.bytes, bytesRead: got.streamed };
  } catch (e) {
    const cause = signal.aborted ? signal.reason : e;
    throw wrapCosError(cause, { operation: 'GetObject', object, timeoutMs });
  }
};

/** Whether a 206 holds the object's last `bytes` bytes, as a suffix range asks. */
const isSuffix = (contentRange: string | undefined, bytes: number) => {
  const got = parseContentRange(contentRange);
  if (got?.total === undefined) return { size: undefined, ok: false };
  const ok = got.end === got.total - 1 && got.start === Math.max(0, got.total - bytes);
  return { size: got.total, ok };
};

/**
 * `bytes=-N` in one request. The answer is checked, not trusted: COS documents suffix ranges
 * only in newer pages (platform.md S7), and s3rver answers with the first bytes. When the part
 * sent is not the suffix, its body is dropped unread and the size it told is returned.
 */
const getSuffix = async (
  options: CosRangeReaderOptions,
  object: LogObject,
  bytes: number,
): Promise<SuffixRead | undefined> => {
  const { timeoutMs } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { s3, client } = await options.pool.get(object.region);
    const out = await client.send(
      new s3.GetObjectCommand({ Bucket: object.bucket, Key: object.key, Range: `bytes=-${bytes}` }),
      { abortSignal: signal },
    );
    if (!isBody(out.Body)) throw new TypeError('GetObject returned no readable body');
    const { size, ok } = isSuffix(out.ContentRange, bytes);
    if (!ok || size === undefined) {
      out.Body.destroy();
      return { size: size ?? out.ContentLength, bytesRead: 0 };
    }
    const take = Math.min(bytes, size);
    const got = await collect(out.Body, { skip: 0, take, limit: take }, signal);
    if (!got.complete) throw incomplete(object, true, take);
    return { size, bytes: got.bytes, bytesRead: got.streamed };
  } catch (e) {
    if (isMissing(e)) return undefined;
    // An empty object has no suffix to send (416): its size is asked for the usual way.
    if (statusOf(e) === 416) return { bytesRead: 0 };
    const cause = signal.aborted ? signal.reason : e;
    throw wrapCosError(cause, { operation: 'GetObject', object, timeoutMs });
  }
};

/** A suffix read first; if the server does not send the suffix, HEAD and `bytes=START-END`. */
export const createCosRangeReader = (options: CosRangeReaderOptions): RangeReader => ({
  size: (object) => headSize(options, object),
  read: (object, range) => getRange(options, object, range),
  suffix: (object, bytes) => getSuffix(options, object, bytes),
});
