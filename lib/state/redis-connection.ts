import type { Redis } from 'ioredis';
import { BridgeError, UpstreamError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  ADD_TO_GROUP_SCRIPT,
  CLAIM_DUE_GROUPS_SCRIPT,
  COMPARE_AND_SET_SCRIPT,
  HIT_SCRIPT,
} from './redis-scripts.js';

/**
 * The ioredis exports lib/state uses, and all the packaged ioredis chunk carries: a name missing
 * here is a type error where it is used, not an undefined at run time in a bundle.
 */
export const IOREDIS_EXPORTS = ['Redis'] as const;
type IoredisModule = Pick<typeof import('ioredis'), (typeof IOREDIS_EXPORTS)[number]>;
const loadIoredis = (): Promise<IoredisModule> => import('ioredis');

/** How the store reaches Redis: its own client from a URL, or one the caller owns. */
export type RedisTarget = { readonly url: string } | { readonly client: Redis };

export interface ConnectionOptions {
  readonly logger?: Logger | undefined;
  /** Bound on each command, so a function never waits on Redis past its own timeout. */
  readonly commandTimeoutMs?: number | undefined;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;

/**
 * A function instance must fail fast when Redis is away: one retry per command and a bounded
 * connect, then the delivery fails and the platform redelivers later. ioredis is imported here,
 * on the first command, not at load: most deployments keep state in memory, and esbuild makes
 * this import() a require() that runs only when reached, so their cold start never pays for it.
 */
const createOwnedClient = async (url: string, options: ConnectionOptions): Promise<Redis> => {
  const { Redis } = await loadIoredis();
  const timeout = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: timeout,
    commandTimeout: timeout,
  });
  // The URL may hold a password: it is never logged; one line per outage, not per retry.
  let healthy = true;
  client.on('error', (error: unknown) => {
    if (healthy) options.logger?.warn('redis connection failed', { service: 'redis', error });
    healthy = false;
  });
  client.on('ready', () => {
    healthy = true;
  });
  return client;
};

export type ScriptArg = string | number;
export type ScriptCall = (keys: readonly string[], args: readonly ScriptArg[]) => Promise<unknown>;

export interface StateScripts {
  readonly hit: ScriptCall;
  readonly compareAndSet: ScriptCall;
  readonly addToGroup: ScriptCall;
  readonly claimDueGroups: ScriptCall;
}

/**
 * defineCommand sends EVALSHA and falls back to EVAL once per connection. The command is
 * attached to the client at run time, so it is looked up rather than typed; the names are
 * namespaced because an injected client may be shared with other code.
 */
const defineScript = (client: Redis, name: string, lua: string): ScriptCall => {
  client.defineCommand(name, { lua });
  const command: unknown = Reflect.get(client, name);
  if (typeof command !== 'function') {
    throw new BridgeError('INTERNAL', `ioredis did not define the ${name} command`);
  }
  return async (keys, args) => {
    const reply: unknown = await command.call(client, keys.length, ...keys, ...args);
    return reply;
  };
};

const defineStateScripts = (client: Redis): StateScripts => ({
  hit: defineScript(client, 'batchBridgeHit', HIT_SCRIPT),
  compareAndSet: defineScript(client, 'batchBridgeCompareAndSet', COMPARE_AND_SET_SCRIPT),
  addToGroup: defineScript(client, 'batchBridgeAddToGroup', ADD_TO_GROUP_SCRIPT),
  claimDueGroups: defineScript(client, 'batchBridgeClaimDueGroups', CLAIM_DUE_GROUPS_SCRIPT),
});

const causeName = (cause: unknown): string => (cause instanceof Error ? cause.name : 'error');

/**
 * Wraps each Redis failure once. The message names the operation and the kind of failure only:
 * nothing from the connection string can reach it. Redis failures are taken as passing
 * (connection loss, failover, loading), so the delivery is retried.
 */
const redisCall = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (cause) {
    throw new UpstreamError('UPSTREAM', `redis ${operation} failed (${causeName(cause)})`, {
      service: 'redis',
      operation,
      retryable: true,
      cause,
    });
  }
};

export interface Connected {
  readonly client: Redis;
  readonly scripts: StateScripts;
}

const connect = async (target: RedisTarget, options: ConnectionOptions): Promise<Connected> => {
  const client = 'client' in target ? target.client : await createOwnedClient(target.url, options);
  return { client, scripts: defineStateScripts(client) };
};

/** QUIT needs a live link; a client that never connected or is reconnecting is just dropped. */
const quitOrDrop = async (client: Redis): Promise<void> => {
  if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
  else client.disconnect();
};

export interface RedisConnection {
  /** Runs one operation; its failures, making the client included, are wrapped by redisCall. */
  run<T>(operation: string, command: (connected: Connected) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The client and its scripts are made by the first operation, once, and shared by the rest, so
 * creating a store stays free of I/O. A failed start is kept: only a missing or broken ioredis
 * makes it fail, which trying again would not mend.
 */
export const lazyConnection = (
  target: RedisTarget,
  options: ConnectionOptions,
): RedisConnection => {
  const owned = !('client' in target);
  let connected: Promise<Connected> | undefined;
  let closed = false;
  const start = (): Promise<Connected> => {
    // Fails as a closed client would, rather than open a connection nobody will close.
    if (closed && connected === undefined) return Promise.reject(new Error('the store is closed'));
    connected ??= connect(target, options);
    return connected;
  };
  return {
    run: (operation, command) => redisCall(operation, async () => command(await start())),
    close: async () => {
      // The owner of an injected client closes it.
      if (!owned) return;
      closed = true;
      const live = await connected?.catch(() => undefined);
      if (live !== undefined) await quitOrDrop(live.client);
    },
  };
};
