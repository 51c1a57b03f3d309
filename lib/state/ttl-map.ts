import type { Now } from './state-store.js';

/**
 * A Map whose entries expire and whose size is bounded, for the one-process memory store.
 * Expiry is lazy (checked on read, swept when full); past `maxKeys` the entry written longest
 * ago goes first, since a Map iterates in insertion order and every write re-inserts.
 */
export interface TtlMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, expiresAt: number): void;
  delete(key: string): boolean;
  readonly size: number;
}

interface Slot<V> {
  readonly value: V;
  readonly expiresAt: number;
}

export const createTtlMap = <V>(now: Now, maxKeys: number): TtlMap<V> => {
  const slots = new Map<string, Slot<V>>();

  const sweep = (): void => {
    const at = now();
    for (const [key, slot] of slots) if (slot.expiresAt <= at) slots.delete(key);
  };

  const makeRoom = (): void => {
    if (slots.size < maxKeys) return;
    sweep();
    for (const key of slots.keys()) {
      if (slots.size < maxKeys) return;
      slots.delete(key);
    }
  };

  const get = (key: string): V | undefined => {
    const slot = slots.get(key);
    if (slot === undefined) return undefined;
    if (slot.expiresAt > now()) return slot.value;
    slots.delete(key);
    return undefined;
  };

  return {
    get,
    set: (key, value, expiresAt) => {
      slots.delete(key);
      makeRoom();
      slots.set(key, { value, expiresAt });
    },
    delete: (key) => {
      const live = get(key) !== undefined;
      slots.delete(key);
      return live;
    },
    get size() {
      return slots.size;
    },
  };
};
