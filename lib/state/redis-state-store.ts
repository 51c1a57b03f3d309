import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import {
  connectClient,
  defineStateScripts,
  type RedisTarget,
  redisCall,
  type StateScripts,
} from './redis-connection.js';
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
  readonly client: Redis;
  readonly scripts: StateScripts;
  readonly options: ResolvedOptions;
  readonly prefix: string;
  /** Whole milliseconds keep Lua's arithmetic and the sorted-set scores exact. */
  readonly at: () => number;
}

type ValueOps = Pick<StateStore, 'setIfAbsent' | 'get' | 'set' | 'compareAndSet' | 'delete'>;

const valueOps = ({ client, scripts, prefix }: RedisContext): ValueOps => {
  const valueKey = (key: string) => `${prefix}v:${key}`;
  return {
    setIfAbsent: async (key, ttlMs, value = '1') => {
      const ttl = durationMs('ttlMs', ttlMs);
      return redisCall('setIfAbsent', async () => {
        return (await client.set(valueKey(key), value, 'PX', ttl, 'NX')) === 'OK';
      });
    },
    get: async (key) =>
      redisCall('get', async () => (await client.get(valueKey(key))) ?? undefined),
    set: async (key, value, ttlMs) => {
      const ttl = durationMs('ttlMs', ttlMs);
      await redisCall('set', () => client.set(valueKey(key), value, 'PX', ttl));
    },
    compareAndSet: async (key, { expected, value, ttlMs }) => {
      const args = [expected === undefined ? '1' : '0', expected ?? '', value];
      const ttl = durationMs('ttlMs', ttlMs);
      return redisCall('compareAndSet', async () => {
        return (await scripts.compareAndSet([valueKey(key)], [...args, ttl])) === 1;
      });
    },
    delete: async (key) => redisCall('delete', async () => (await client.del(valueKey(key))) > 0),
  };
};

const counterOps = ({
  client,
  scripts,
  prefix,
  at,
}: RedisContext): Pick<StateStore, 'hit' | 'count'> => {
  const hitKey = (key: string) => `${prefix}h:${key}`;
  return {
    hit: async (key, windowMs, limit) => {
      const window = durationMs('windowMs', windowMs);
      const max = limit === undefined ? -1 : countArg('limit', limit);
      return redisCall('hit', async () => {
        const time = at();
        // Each hit is its own member, even two in the same millisecond.
        const args = [time, window, max, `${time}:${randomUUID()}`, MAX_HITS_PER_KEY];
        const [count, allowed] = parseCounts(await scripts.hit([hitKey(key)], args));
        return { count, allowed: allowed === 1 };
      });
    },
    count: async (key, windowMs) => {
      const window = durationMs('windowMs', windowMs);
      return redisCall('count', () => client.zcount(hitKey(key), `(${at() - window}`, '+inf'));
    },
  };
};

type GroupOps = Pick<StateStore, 'addToGroup' | 'claimDueGroups'>;

const groupOps = ({ scripts, prefix, at, options }: RedisContext): GroupOps => {
  const keys = [`${prefix}g:due`, `${prefix}g:data`, `${prefix}g:open`];
  const { sampleSize, groupRetentionMs } = options;
  return {
    addToGroup: async (groupKey, member, windowMs) => {
      const window = durationMs('windowMs', windowMs);
      return redisCall('addToGroup', async () => {
        const time = at();
        const id = `${time}:${randomUUID()}`;
        const args = [time, window, groupKey, member, sampleSize, groupRetentionMs, id];
        const [first, count] = parseCounts(await scripts.addToGroup(keys, args));
        return { first: first === 1, count };
      });
    },
    claimDueGroups: async (limit) => {
      if (countArg('limit', limit) === 0) return [];
      return redisCall('claimDueGroups', async () => {
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
  const { client, owned } = connectClient(options, options);
  const context: RedisContext = {
    client,
    scripts: defineStateScripts(client),
    options: resolved,
    prefix: options.prefix ?? DEFAULT_REDIS_PREFIX,
    at: () => Math.floor(resolved.now()),
  };
  return {
    ...valueOps(context),
    ...counterOps(context),
    ...groupOps(context),
    close: async () => {
      // The owner of an injected client closes it. QUIT needs a live link; a client that
      // never connected or is reconnecting is just dropped.
      if (!owned) return;
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
};
