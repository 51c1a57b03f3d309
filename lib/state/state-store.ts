import { BridgeError } from '../errors.js';

/**
 * The cross-delivery state store. Deliveries arrive at least once, unordered and on many
 * function instances at a time, so every operation that decides something (mark, count,
 * claim) is one atomic step in the store, never a read followed by a write in the caller.
 *
 * Keys are caller-chosen strings of any characters; stores keep each operation family in its
 * own namespace, so a value key never collides with a counter or a group of the same name.
 * Every entry expires: nothing grows without bound.
 */
export interface StateStore {
  /** Marks `key` for `ttlMs`; true when this call set it, false when it was already set. */
  setIfAbsent(key: string, ttlMs: number, value?: string): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Writes `value` only when the current value is `expected` (`undefined`: absent). */
  compareAndSet(key: string, change: CompareAndSet): Promise<boolean>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
  /**
   * Counts one occurrence in the sliding window of the last `windowMs` under `key`. With a
   * `limit`, an occurrence that would exceed it is refused and not counted.
   */
  hit(key: string, windowMs: number, limit?: number): Promise<HitResult>;
  /** Occurrences counted under `key` in the last `windowMs`. */
  count(key: string, windowMs: number): Promise<number>;
  /** Adds `member` to the group open under `groupKey`, opening one for `windowMs` if none. */
  addToGroup(groupKey: string, member: string, windowMs: number): Promise<GroupAddResult>;
  /** Removes and returns up to `limit` groups whose window has closed; each goes to one caller. */
  claimDueGroups(limit: number): Promise<readonly ClosedGroup[]>;
  close(): Promise<void>;
}

export interface CompareAndSet {
  readonly expected: string | undefined;
  readonly value: string;
  readonly ttlMs: number;
}

export interface HitResult {
  /** Occurrences in the window, this one included when it was allowed. */
  readonly count: number;
  readonly allowed: boolean;
}

export interface GroupAddResult {
  /** True for the member that opened the group: send it at once. */
  readonly first: boolean;
  /** Members added to the group so far, this one included. */
  readonly count: number;
}

export interface ClosedGroup {
  readonly key: string;
  readonly count: number;
  /** The first members added, at most `sampleSize` of them, in order of arrival. */
  readonly sample: readonly string[];
  readonly openedAt: number;
  readonly closesAt: number;
}

/** Epoch milliseconds; injected so tests can move time. */
export type Now = () => number;

export const DEFAULT_SAMPLE_SIZE = 20;
/** A closed group nobody claims (no timer running) is dropped this long after it closed. */
export const DEFAULT_GROUP_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Without a limit a hot counter could grow without bound: counts saturate here. */
export const MAX_HITS_PER_KEY = 10_000;

/** Options shared by every implementation. */
export interface StateStoreOptions {
  readonly now?: Now;
  readonly sampleSize?: number;
  readonly groupRetentionMs?: number;
}

/** A programming error in the caller, not a condition of the store. */
const invalid = (message: string): BridgeError => new BridgeError('INTERNAL', message);

/** Durations are whole milliseconds (Redis PX takes integers), rounded up so 0.5 is not 0. */
export const durationMs = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value <= 0) throw invalid(`${name} must be a positive number`);
  return Math.ceil(value);
};

export const countArg = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalid(`${name} must be a non-negative integer`);
  }
  return value;
};

export const positiveIntArg = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw invalid(`${name} must be a positive integer`);
  }
  return value;
};

export interface ResolvedOptions {
  readonly now: Now;
  readonly sampleSize: number;
  readonly groupRetentionMs: number;
}

export const resolveOptions = (options: StateStoreOptions): ResolvedOptions => ({
  now: options.now ?? Date.now,
  sampleSize: positiveIntArg('sampleSize', options.sampleSize ?? DEFAULT_SAMPLE_SIZE),
  groupRetentionMs: durationMs(
    'groupRetentionMs',
    options.groupRetentionMs ?? DEFAULT_GROUP_RETENTION_MS,
  ),
});
