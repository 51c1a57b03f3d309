import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../lib/errors.js';
import { createMemoryStateStore } from '../../../lib/state/index.js';
import { describeStateStoreContract } from './contract.js';

describeStateStoreContract('memory', {
  realTimeTtl: false,
  // One process holds one store: "instances" here are callers sharing it.
  make: async (options, count) => {
    const store = createMemoryStateStore(options);
    return Array.from({ length: count }, () => store);
  },
});

const HOUR = 3_600_000;

const clock = () => {
  let time = 0;
  return { now: () => time, advance: (ms: number) => (time += ms) };
};

describe('createMemoryStateStore bounds', () => {
  it('evicts the value written longest ago once maxKeys is reached', async () => {
    // Arrange
    const store = createMemoryStateStore({ maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) await store.set(key, key, HOUR);
    await store.set('a', 'a again', HOUR);
    // Act
    await store.set('d', 'd', HOUR);
    // Assert
    expect(await store.get('b')).toBeUndefined();
    expect(await Promise.all(['a', 'c', 'd'].map((k) => store.get(k)))).toEqual([
      'a again',
      'c',
      'd',
    ]);
  });

  it('drops expired values before evicting live ones', async () => {
    // Arrange
    const { now, advance } = clock();
    const store = createMemoryStateStore({ now, maxKeys: 3 });
    await store.set('live', 'v', HOUR);
    await store.set('short-1', 'v', 10);
    await store.set('short-2', 'v', 10);
    advance(20);
    // Act
    await store.set('new', 'v', HOUR);
    // Assert
    expect(await store.get('live')).toBe('v');
    expect(await store.get('new')).toBe('v');
  });

  it('bounds counters and groups by maxKeys too', async () => {
    // Arrange
    const { now, advance } = clock();
    const store = createMemoryStateStore({ now, maxKeys: 2 });
    for (const key of ['x', 'y', 'z']) {
      await store.hit(key, HOUR);
      await store.addToGroup(key, 'm', 1_000);
    }
    advance(1_000);
    // Act
    const groups = await store.claimDueGroups(10);
    // Assert
    expect(await store.count('x', HOUR)).toBe(0);
    expect(await store.count('z', HOUR)).toBe(1);
    expect(groups.map((g) => g.key)).toEqual(['y', 'z']);
  });

  it('rejects a maxKeys or sampleSize below 1', () => {
    // Arrange
    const bad = [{ maxKeys: 0 }, { sampleSize: 0 }, { groupRetentionMs: -1 }];
    // Act
    const attempts = bad.map((options) => () => createMemoryStateStore(options));
    // Assert
    for (const attempt of attempts) expect(attempt).toThrow(BridgeError);
  });
});
