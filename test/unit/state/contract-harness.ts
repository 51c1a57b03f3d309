import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach } from 'vitest';
import type { Now, StateStore, StateStoreOptions } from '../../../lib/state/index.js';

/** How the contract reaches one implementation of the state store. */
export interface StoreFactory {
  /**
   * `count` stores over one fresh, shared state, as `count` function instances would see it
   * (Redis: one client each on one prefix; memory: the same store, since it is one process).
   */
  make(options: StateStoreOptions & { readonly now: Now }, count: number): Promise<StateStore[]>;
  /** True when TTLs run on real time (Redis), so expiry tests must wait as well. */
  readonly realTimeTtl: boolean;
}

export interface ContractContext {
  /** Opens stores on a fresh state; they are closed after the test. */
  open(count?: number, options?: StateStoreOptions): Promise<StateStore[]>;
  /** Moves the injected clock only: what window logic follows. */
  advance(ms: number): void;
  /** The injected clock's current time. */
  now(): number;
  /** Moves the clock and, for real-time TTLs, waits too (with a margin for timer slack). */
  elapse(ms: number): Promise<void>;
}

/** A fixed start keeps window arithmetic readable and independent of the wall clock. */
export const START = 1_700_000_000_000;

export const useContractContext = (factory: StoreFactory): ContractContext => {
  let time = START;
  const opened: StateStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    time = START;
  });
  return {
    open: async (count = 1, options = {}) => {
      const stores = await factory.make({ ...options, now: () => time }, count);
      opened.push(...stores);
      return stores;
    },
    advance: (ms) => {
      time += ms;
    },
    now: () => time,
    elapse: async (ms) => {
      time += ms;
      if (factory.realTimeTtl) await sleep(ms + 20);
    },
  };
};

/** The store a caller number `i` of many concurrent callers uses. */
export const storeFor = (stores: readonly StateStore[], i: number): StateStore => {
  const store = stores[i % stores.length];
  if (store === undefined) throw new Error('no store was opened');
  return store;
};

export const openOne = async (context: ContractContext, options?: StateStoreOptions) => {
  const [store] = await context.open(1, options);
  if (store === undefined) throw new Error('no store was opened');
  return store;
};

export const times = <T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => run(i)));
