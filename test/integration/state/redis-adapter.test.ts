import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeError, UpstreamError } from '../../../lib/errors.js';
import { createLogger } from '../../../lib/logger.js';
import { createRedisStateStore, createStateStoreFromEnv } from '../../../lib/state/index.js';
import { freePort, type RedisServer, startRedisServer } from '../../support/redis-server.js';

const PASSWORD = 'hunter2-state-secret';
let server: RedisServer;
let admin: Redis;

beforeAll(async () => {
  server = await startRedisServer({ password: PASSWORD });
  admin = new Redis(server.url);
}, 15_000);

afterAll(async () => {
  await admin?.quit();
  await server?.stop();
}, 15_000);

const freshPrefix = () => `bb-test:${randomUUID()}:`;

/** Every text the error offers a log or a response, along its cause chain. */
const errorTexts = (error: unknown): string => {
  const texts: string[] = [JSON.stringify(summarizeError(error))];
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    texts.push(String(e), e.stack ?? '');
  return texts.join('\n');
};

const failureOf = async (run: () => Promise<unknown>): Promise<unknown> =>
  run().then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );

const ttlsUnder = async (prefix: string): Promise<Map<string, number>> => {
  const keys = await admin.keys(`${prefix}*`);
  const ttls = await Promise.all(keys.map((key) => admin.pttl(key)));
  return new Map(keys.map((key, i) => [key, ttls[i] ?? -3]));
};

describe('createRedisStateStore against redis-server', () => {
  it('puts a TTL on every key it writes', async () => {
    // Arrange
    const prefix = freshPrefix();
    const store = createRedisStateStore({ url: server.url, prefix });
    // Act
    await store.setIfAbsent('dedup', 60_000);
    await store.set('value', 'v', 60_000);
    await store.compareAndSet('cas', { expected: undefined, value: 'v', ttlMs: 60_000 });
    await store.hit('limited', 60_000, 5);
    await store.hit('unlimited', 60_000);
    await store.addToGroup('open', 'm', 60_000);
    await store.addToGroup('closing', 'm', 1);
    const ttls = await ttlsUnder(prefix);
    await store.close();
    // Assert
    expect(ttls.size).toBe(8);
    for (const [key, ttl] of ttls) expect([key, ttl > 0]).toEqual([key, true]);
  });

  it('wraps a refused connection once, retryable, without the password', async () => {
    // Arrange
    const url = `redis://:${PASSWORD}@127.0.0.1:${await freePort()}`;
    const store = createRedisStateStore({ url, commandTimeoutMs: 1_000 });
    // Act
    const error = await failureOf(() => store.get('k'));
    await store.close();
    // Assert
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ service: 'redis', operation: 'get', retryable: true });
    expect((error as UpstreamError).cause).not.toBeInstanceOf(UpstreamError);
    expect(errorTexts(error)).not.toContain(PASSWORD);
  });

  it('wraps a wrong password without repeating either password', async () => {
    // Arrange
    const wrong = 'wrong-password-xyz';
    const store = createRedisStateStore({ url: `redis://:${wrong}@127.0.0.1:${server.port}` });
    // Act
    const error = await failureOf(() => store.setIfAbsent('k', 1_000));
    await store.close();
    // Assert
    expect(error).toMatchObject({ name: 'UpstreamError', service: 'redis', retryable: true });
    expect(errorTexts(error)).not.toContain(wrong);
    expect(errorTexts(error)).not.toContain(PASSWORD);
  });

  it('logs a lost connection once, without the URL', async () => {
    // Arrange
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    const url = `redis://:${PASSWORD}@127.0.0.1:${await freePort()}`;
    const store = createRedisStateStore({ url, logger, commandTimeoutMs: 1_000 });
    // Act
    await failureOf(() => store.get('a'));
    await failureOf(() => store.get('b'));
    await store.close();
    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('redis connection failed');
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('reloads its scripts after the server lost them', async () => {
    // Arrange
    const store = createRedisStateStore({ url: server.url, prefix: freshPrefix() });
    await store.hit('k', 60_000, 3);
    await admin.script('FLUSH');
    // Act
    const result = await store.hit('k', 60_000, 3);
    await store.close();
    // Assert
    expect(result).toEqual({ count: 2, allowed: true });
  });

  it('leaves an injected client open on close', async () => {
    // Arrange
    const client = new Redis(server.url);
    const store = createRedisStateStore({ client, prefix: freshPrefix() });
    await store.set('k', 'v', 60_000);
    // Act
    await store.close();
    // Assert
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });

  it('closes a store that never connected at once', async () => {
    // Arrange
    const store = createRedisStateStore({ url: server.url });
    // Act
    const started = Date.now();
    await store.close();
    // Assert
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('createStateStoreFromEnv with BATCH_BRIDGE_REDIS_URL', () => {
  it('shares state between instances through Redis', async () => {
    // Arrange
    const env = { BATCH_BRIDGE_REDIS_URL: server.url };
    const [one, two] = [createStateStoreFromEnv(env), createStateStoreFromEnv(env)];
    const key = `from-env:${randomUUID()}`;
    // Act
    const marks = [await one.setIfAbsent(key, 60_000), await two.setIfAbsent(key, 60_000)];
    await Promise.all([one.close(), two.close()]);
    // Assert
    expect(marks).toEqual([true, false]);
    expect(await admin.pttl(`bb:v:${key}`)).toBeGreaterThan(0);
  });
});
