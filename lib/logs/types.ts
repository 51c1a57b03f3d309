/** One object in COS: `bucket` carries the APPID suffix (`logs-1250000000`). */
export interface LogObject {
  readonly bucket: string;
  readonly region: string;
  readonly key: string;
}

export type LogStream = 'stdout' | 'stderr';

export type LogSource = 'cos' | 'describe-task-logs';

export interface TailOptions {
  /** How many lines to return; default 30. */
  readonly lines?: number;
  /** Ceiling on the bytes fetched for one tail; default 256 KiB. */
  readonly maxBytes?: number;
  /** First suffix window; doubled until enough lines are found; default 16 KiB. */
  readonly initialWindow?: number;
}

export interface TailFound {
  readonly status: 'ok';
  readonly lines: string[];
  /** The lines shown are not the whole log: earlier text exists, or the first line was cut. */
  readonly truncated: boolean;
  /** Body bytes downloaded for this tail. */
  readonly bytesRead: number;
  /** Size of the whole log in bytes. */
  readonly size: number;
  readonly source: LogSource;
}

export interface TailMissing {
  readonly status: 'missing';
  readonly reason: string;
  readonly source: LogSource;
}

export type TailResult = TailFound | TailMissing;

export interface FollowOptions {
  /** Byte offset to start from; default 0. */
  readonly fromOffset?: number;
  /** Delay between polls when nothing new arrived; default 2000 ms. */
  readonly pollMs?: number;
  /** Resolves true once the task has ended: one last read is made, then the iterator ends. */
  readonly until?: () => Promise<boolean>;
  /** Stops the iterator at once, without a last read. */
  readonly signal?: AbortSignal;
  /** Largest single ranged read; default 1 MiB. */
  readonly chunkBytes?: number;
}

export interface LogStore {
  tail(object: LogObject, options?: TailOptions): Promise<TailResult>;
  follow(object: LogObject, options?: FollowOptions): AsyncIterable<string>;
}

/** The bytes `[start, start + bytes.length)` of an object, and what it cost to get them. */
export interface RangeRead {
  readonly bytes: Uint8Array;
  readonly bytesRead: number;
}

/** What a suffix read learned: the object's last bytes when the server sent them. */
export interface SuffixRead {
  /** The object's size, when the answer told it. */
  readonly size?: number | undefined;
  /** The last `min(bytes asked, size)` bytes; absent when the server sent another part. */
  readonly bytes?: Uint8Array | undefined;
  readonly bytesRead: number;
}

/** The reads tail and follow need; the COS adapter implements them over S3. */
export interface RangeReader {
  /** The object's size, or undefined when it does not exist. */
  size(object: LogObject): Promise<number | undefined>;
  /** Inclusive `start..end`; `limit` bounds what may be streamed if the server ignores Range. */
  read(object: LogObject, range: ByteRange): Promise<RangeRead>;
  /** The last `bytes` bytes in one request (`bytes=-N`); undefined when the object is missing. */
  suffix?(object: LogObject, bytes: number): Promise<SuffixRead | undefined>;
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
  readonly limit: number;
}
