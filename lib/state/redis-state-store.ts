import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import { lazyConnection, type RedisConnection, type RedisTarget } from './redis-connection.js';
import { parseClaimedGroups, parseCounts } from './redis-replies.js';
import {
  countArg,
  durationMs,
  MAX_HITS_PER_KEY,
  type ResolvedOptions,
  resolveOptions,
  type StateStore,
  type StateStoreOptions,
} from './state-store.js';

export type RedisStateStoreOptions = RedisTarget &
  StateStoreOptions & {
    /** Put before every key, so several bridges (or tests) can share one database. */
    readonly prefix?: string;
    readonly logger?: Logger;
    readonly commandTimeoutMs?: number;
  };

export const DEFAULT_REDIS_PREFIX = 'bb:';

interface RedisContext {
  readonly redis: RedisConnection;
  readonly options: ResolvedOptions;
  readonly prefix: string;
  /** Whole milliseconds keep Lua's arithmetic and the sorted-set scores exact. */
  readonly at: () => number;
}

type ValueOps = Pick<StateStore, 'setIfAbsent' | 'get' | 'set' | 'compareAndSet' | 'delete'>;

const valueOps = ({ redis, prefix }: RedisContext): ValueOps => {
  const valueKey = (key: string) => `${prefix}v:${key}`;
  return {
    setIfAbsent: async (key, ttlMs, value = '1') => {
      const ttl = durationMs('ttlMs', ttlMs);
      return redis.run('setIfAbsent', async ({ client }) => {
        return (await client.set(valueKey(key), value, 'PX', ttl, 'NX')) === 'OK';
      });
    },
    get: async (key) =>
      redis.run('get', async ({ client }) => (await client.get(valueKey(key))) ?? undefined),
    set: async (key, value, ttlMs) => {
      const ttl = durationMs('ttlMs', ttlMs);
      await redis.run('set', ({ client }) => client.set(valueKey(key), value, 'PX', ttl));
    },
    compareAndSet: async (key, { expected, value, ttlMs }) => {
      const args = [expected === undefined ? '1' : '0', expected ?? '', value];
      const ttl = durationMs('ttlMs', ttlMs);
      return redis.run('compareAndSet', async ({ scripts }) => {
        return (await scripts.compareAndSet([valueKey(key)], [...args, ttl])) === 1;
      });
    },
    delete: async (key) =>
      redis.run('delete', async ({ client }) => (await client.del(valueKey(key))) > 0),
  };
};

const counterOps = ({ redis, prefix, at }: RedisContext): Pick<StateStore, 'hit' | 'count'> => {
  const hitKey = (key: string) => `${prefix}h:${key}`;
  return {
    hit: async (key, windowMs, limit) => {
      const window = durationMs('windowMs', windowMs);
      const max = limit === undefined ? -1 : countArg('limit', limit);
      return redis.run('hit', async ({ scripts }) => {
        const time = at();
        // Each hit is its own member, even two in the same millisecond.
        const args = [time, window, max, `${time}:${randomUUID()}`, MAX_HITS_PER_KEY];
        const [count, allowed] = parseCounts(await scripts.hit([hitKey(key)], args));
        return { count, allowed: allowed === 1 };
      });
    },
    count: async (key, windowMs) => {
      const window = durationMs('windowMs', windowMs);
      return redis.run('count', ({ client }) =>
        client.zcount(hitKey(key), `(${at() - window}`, '+inf'),
      );
    },
  };
};

type GroupOps = Pick<StateStore, 'addToGroup' | 'claimDueGroups'>;

const groupOps = ({ redis, prefix, at, options }: RedisContext): GroupOps => {
  const keys = [`${prefix}g:due`, `${prefix}g:data`, `${prefix}g:open`];
  const { sampleSize, groupRetentionMs } = options;
  return {
    addToGroup: async (groupKey, member, windowMs) => {
      const window = durationMs('windowMs', windowMs);
      return redis.run('addToGroup', async ({ scripts }) => {
        const time = at();
        const id = `${time}:${randomUUID()}`;
        const args = [time, window, groupKey, member, sampleSize, groupRetentionMs, id];
        const [first, count] = parseCounts(await scripts.addToGroup(keys, args));
        return { first: first === 1, count };
      });
    },
    claimDueGroups: async (limit) => {
      if (countArg('limit', limit) === 0) return [];
      return redis.run('claimDueGroups', async ({ scripts }) => {
        const reply = await scripts.claimDueGroups(keys, [at(), limit, groupRetentionMs]);
        return parseClaimedGroups(reply);
      });
    },
  };
};

/**
 * The state store shared by many function instances. Every key has a TTL: values their own,
 * counters their window, group keys the longest window plus the retention of closed groups.
 * Windows and group times follow the injected clock; TTLs run on Redis's own.
 */
export const createRedisStateStore = (options: RedisStateStoreOptions): StateStore => {
  const resolved = resolveOptions(options);
  const redis = lazyConnection(options, options);
  const context: RedisContext = {
    redis,
    options: resolved,
    prefix: options.prefix ?? DEFAULT_REDIS_PREFIX,
    at: () => Math.floor(resolved.now()),
  };
  return {
    ...valueOps(context),
    ...counterOps(context),
    ...groupOps(context),
    close: () => redis.close(),
  };
};
