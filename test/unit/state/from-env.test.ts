import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/errors.js';
import { createStateStoreFromEnv } from '../../../lib/state/index.js';

describe('createStateStoreFromEnv', () => {
  it.each([
    ['unset', {}],
    ['empty', { BATCH_BRIDGE_REDIS_URL: '' }],
  ])('builds the memory store when BATCH_BRIDGE_REDIS_URL is %s', async (_, env) => {
    // Arrange
    const store = createStateStoreFromEnv(env, { now: () => 0 });
    // Act
    const marked = await store.setIfAbsent('event', 1_000);
    // Assert: answered without any server, and by the injected clock
    expect(marked).toBe(true);
    expect(await store.addToGroup('g', 'm', 10)).toEqual({ first: true, count: 1 });
    expect(await store.claimDueGroups(1)).toEqual([]);
    await store.close();
  });

  it.each([
    'http://user:hunter2-secret@cache.internal:6379',
    'cache.internal:6379',
    'not a url hunter2-secret',
  ])('rejects %s without repeating it', (url) => {
    // Arrange
    const env = { BATCH_BRIDGE_REDIS_URL: url };
    // Act
    const build = () => createStateStoreFromEnv(env);
    // Assert
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/BATCH_BRIDGE_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(build).not.toThrow(/hunter2/);
  });
});
