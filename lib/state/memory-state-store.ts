import { createMemoryGroups } from './memory-groups.js';
import {
  countArg,
  durationMs,
  MAX_HITS_PER_KEY,
  type Now,
  positiveIntArg,
  resolveOptions,
  type StateStore,
  type StateStoreOptions,
} from './state-store.js';
import { createTtlMap } from './ttl-map.js';

export interface MemoryStateStoreOptions extends StateStoreOptions {
  /** Bound on the entries of each family (values, counters, groups); the oldest go first. */
  readonly maxKeys?: number;
}

export const DEFAULT_MEMORY_MAX_KEYS = 10_000;

type ValueOps = Pick<StateStore, 'setIfAbsent' | 'get' | 'set' | 'compareAndSet' | 'delete'>;

const valueOps = (now: Now, maxKeys: number): ValueOps => {
  const values = createTtlMap<string>(now, maxKeys);
  return {
    setIfAbsent: async (key, ttlMs, value = '1') => {
      const ttl = durationMs('ttlMs', ttlMs);
      if (values.get(key) !== undefined) return false;
      values.set(key, value, now() + ttl);
      return true;
    },
    get: async (key) => values.get(key),
    set: async (key, value, ttlMs) => {
      values.set(key, value, now() + durationMs('ttlMs', ttlMs));
    },
    compareAndSet: async (key, { expected, value, ttlMs }) => {
      const ttl = durationMs('ttlMs', ttlMs);
      if (values.get(key) !== expected) return false;
      values.set(key, value, now() + ttl);
      return true;
    },
    delete: async (key) => values.delete(key),
  };
};

const counterOps = (now: Now, maxKeys: number): Pick<StateStore, 'hit' | 'count'> => {
  // Hit times in arrival order; the list expires one window after its latest hit.
  const hits = createTtlMap<number[]>(now, maxKeys);
  const firstInWindow = (times: readonly number[], windowMs: number): number => {
    const since = now() - windowMs;
    const index = times.findIndex((at) => at > since);
    return index === -1 ? times.length : index;
  };
  return {
    hit: async (key, windowMs, limit) => {
      const window = durationMs('windowMs', windowMs);
      const max = limit === undefined ? undefined : countArg('limit', limit);
      const times = hits.get(key) ?? [];
      times.splice(0, firstInWindow(times, window));
      if (max !== undefined && times.length >= max) return { count: times.length, allowed: false };
      times.push(now());
      if (times.length > MAX_HITS_PER_KEY) times.splice(0, times.length - MAX_HITS_PER_KEY);
      hits.set(key, times, now() + window);
      return { count: times.length, allowed: true };
    },
    count: async (key, windowMs) => {
      const times = hits.get(key) ?? [];
      return times.length - firstInWindow(times, durationMs('windowMs', windowMs));
    },
  };
};

/**
 * The state store of one process: the default, and what tests of callers use. It shares
 * nothing between function instances, so it dedups only within one warm instance. Each
 * operation runs to completion without awaiting, so each is atomic.
 */
export const createMemoryStateStore = (options: MemoryStateStoreOptions = {}): StateStore => {
  const resolved = resolveOptions(options);
  const maxKeys = positiveIntArg('maxKeys', options.maxKeys ?? DEFAULT_MEMORY_MAX_KEYS);
  const groups = createMemoryGroups(resolved, maxKeys);
  return {
    ...valueOps(resolved.now, maxKeys),
    ...counterOps(resolved.now, maxKeys),
    addToGroup: async (groupKey, member, windowMs) =>
      groups.add(groupKey, member, durationMs('windowMs', windowMs)),
    claimDueGroups: async (limit) => groups.claimDue(countArg('limit', limit)),
    close: async () => {},
  };
};
