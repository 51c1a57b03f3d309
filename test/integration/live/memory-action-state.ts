import type { ActionState } from '../../../lib/scaling/index.js';

/** A tiny in-memory ActionState for the tests; the real store is adapted to the same port. */
export const createMemoryActionState = (
  now: () => number = Date.now,
): ActionState & {
  keys(): string[];
} => {
  const values = new Map<string, { value: string; expires: number }>();
  const hits = new Map<string, number[]>();
  const live = (key: string) => {
    const entry = values.get(key);
    if (entry !== undefined && entry.expires <= now()) values.delete(key);
    return values.get(key);
  };
  return {
    get: async (key) => live(key)?.value,
    set: async (key, value, ttlMs) => {
      values.set(key, { value, expires: now() + ttlMs });
    },
    setIfAbsent: async (key, ttlMs) => {
      if (live(key) !== undefined) return false;
      values.set(key, { value: '1', expires: now() + ttlMs });
      return true;
    },
    delete: async (key) => values.delete(key),
    hit: async (key, windowMs, limit) => {
      const recent = (hits.get(key) ?? []).filter((t) => t > now() - windowMs);
      const allowed = recent.length < limit;
      if (allowed) recent.push(now());
      hits.set(key, recent);
      return { count: recent.length, allowed };
    },
    keys: () => [...values.keys()].filter((k) => live(k) !== undefined),
  };
};
