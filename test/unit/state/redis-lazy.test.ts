import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Just enough of ioredis for the commands these tests send; it records every client made. */
class FakeRedis {
  status = 'wait';
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    ioredis.clients.push(this);
  }
  on(): this {
    return this;
  }
  defineCommand(name: string): void {
    Reflect.set(this, name, async () => [1, 1]);
  }
  async get(key: string): Promise<string | null> {
    return `value of ${key}`;
  }
  async set(): Promise<'OK'> {
    return 'OK';
  }
  async quit(): Promise<'OK'> {
    this.status = 'end';
    return 'OK';
  }
  disconnect(): void {
    this.status = 'end';
  }
}

const ioredis = { loads: 0, failLoad: false, clients: [] as FakeRedis[] };

beforeEach(() => {
  ioredis.loads = 0;
  ioredis.failLoad = false;
  ioredis.clients.length = 0;
});

/**
 * A fresh module graph with ioredis mocked anew, so its factory runs (and counts a load) the
 * first time anything imports ioredis: a static import under lib/state counts one right here.
 */
const loadState = async () => {
  vi.resetModules();
  vi.doMock('ioredis', () => {
    ioredis.loads += 1;
    if (ioredis.failLoad) throw new Error('Cannot find module ioredis');
    return { Redis: FakeRedis };
  });
  return import('../../../lib/state/index.js');
};

const REDIS_URL = 'redis://:secret@127.0.0.1:6379';

describe('createRedisStateStore loads ioredis lazily', () => {
  it('never loads ioredis for a store created from a URL and closed unused', async () => {
    // Arrange
    const { createRedisStateStore, createStateStoreFromEnv } = await loadState();
    const stores = [
      createRedisStateStore({ url: REDIS_URL }),
      createStateStoreFromEnv({ BATCH_BRIDGE_REDIS_URL: REDIS_URL }),
    ];
    // Act
    await Promise.all(stores.map((store) => store.close()));
    // Assert
    expect(ioredis.loads).toBe(0);
    expect(ioredis.clients).toHaveLength(0);
  });

  it('never loads ioredis for an injected client, nor closes it', async () => {
    // Arrange
    const { createRedisStateStore } = await loadState();
    const client = new FakeRedis(REDIS_URL);
    const store = createRedisStateStore({ client: client as unknown as Redis });
    // Act
    const value = await store.get('k');
    await store.close();
    // Assert
    expect(value).toBe('value of bb:v:k');
    expect(ioredis.loads).toBe(0);
    expect(client.status).toBe('wait');
  });

  it('makes one client for concurrent first operations and closes it', async () => {
    // Arrange
    const { createRedisStateStore } = await loadState();
    const store = createRedisStateStore({ url: REDIS_URL });
    // Act
    const replies = await Promise.all([store.get('a'), store.hit('b', 1_000), store.get('c')]);
    await store.close();
    // Assert
    expect(replies).toEqual(['value of bb:v:a', { count: 1, allowed: true }, 'value of bb:v:c']);
    expect(ioredis.loads).toBe(1);
    expect(ioredis.clients.map((c) => [c.url, c.status])).toEqual([[REDIS_URL, 'end']]);
  });

  it('fails an operation after close without opening a connection', async () => {
    // Arrange
    const { createRedisStateStore } = await loadState();
    const store = createRedisStateStore({ url: REDIS_URL });
    await store.close();
    // Act
    const failure = store.get('k');
    // Assert
    await expect(failure).rejects.toMatchObject({ name: 'UpstreamError', operation: 'get' });
    expect(ioredis.loads).toBe(0);
  });

  it('reports a failure to load ioredis as the operation failing upstream', async () => {
    // Arrange
    const { createRedisStateStore } = await loadState();
    const store = createRedisStateStore({ url: REDIS_URL });
    ioredis.failLoad = true;
    // Act
    const error = await store.setIfAbsent('k', 1_000).catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({
      name: 'UpstreamError',
      code: 'UPSTREAM',
      service: 'redis',
      operation: 'setIfAbsent',
      retryable: true,
    });
    expect([ioredis.loads, ioredis.clients.length]).toEqual([1, 0]);
    await store.close();
  });
});
