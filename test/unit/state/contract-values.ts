import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../lib/errors.js';
import { type ContractContext, openOne, storeFor, times } from './contract-harness.js';

const HOUR = 3_600_000;

export const describeSetIfAbsent = (context: ContractContext) =>
  describe('setIfAbsent', () => {
    it('marks a key once: the first call gets true, the next false', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      const first = await store.setIfAbsent('event-1', HOUR);
      const second = await store.setIfAbsent('event-1', HOUR);
      // Assert
      expect([first, second]).toEqual([true, false]);
    });

    it('lets exactly one of 50 concurrent callers mark a key', async () => {
      // Arrange
      const stores = await context.open(5);
      // Act
      const results = await times(50, (i) => storeFor(stores, i).setIfAbsent('event-2', HOUR));
      // Assert
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('marks the key again once its TTL has passed', async () => {
      // Arrange
      const store = await openOne(context);
      await store.setIfAbsent('event-3', 30);
      // Act
      await context.elapse(80);
      const again = await store.setIfAbsent('event-3', 30);
      // Assert
      expect(again).toBe(true);
    });

    it('stores the given value, or "1" without one', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      await store.setIfAbsent('since', HOUR, '1700000000000');
      await store.setIfAbsent('plain', HOUR);
      // Assert
      expect(await store.get('since')).toBe('1700000000000');
      expect(await store.get('plain')).toBe('1');
    });
  });

export const describeValues = (context: ContractContext) =>
  describe('get, set and delete', () => {
    it('reads back what was set, and undefined for a key never set', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      await store.set('env-1:low-since', 'first', HOUR);
      await store.set('env-1:low-since', 'second', HOUR);
      // Assert
      expect(await store.get('env-1:low-since')).toBe('second');
      expect(await store.get('never')).toBeUndefined();
    });

    it('forgets a value once its TTL has passed', async () => {
      // Arrange
      const store = await openOne(context);
      await store.set('short', 'v', 30);
      await store.set('long', 'v', HOUR);
      // Act
      await context.elapse(80);
      // Assert
      expect(await store.get('short')).toBeUndefined();
      expect(await store.get('long')).toBe('v');
    });

    it('deletes a value and says whether there was one', async () => {
      // Arrange
      const store = await openOne(context);
      await store.set('mark', 'v', HOUR);
      // Act
      const deleted = [await store.delete('mark'), await store.delete('mark')];
      // Assert
      expect(deleted).toEqual([true, false]);
      expect(await store.setIfAbsent('mark', HOUR)).toBe(true);
    });

    it('keeps values apart from counters and groups of the same key', async () => {
      // Arrange
      const store = await openOne(context);
      await store.hit('same', HOUR);
      await store.addToGroup('same', 'member', HOUR);
      // Act
      const marked = await store.setIfAbsent('same', HOUR);
      // Assert
      expect(marked).toBe(true);
      expect(await store.count('same', HOUR)).toBe(1);
    });

    it('takes keys of any characters', async () => {
      // Arrange
      const store = await openOne(context);
      const keys = ['a:b', 'a b', 'ключ', 'emoji 🎬', 'line\nbreak', '*', '{tag}'];
      // Act
      await Promise.all(keys.map((key) => store.set(key, `value of ${key}`, HOUR)));
      // Assert
      for (const key of keys) expect(await store.get(key)).toBe(`value of ${key}`);
    });

    it('rejects a TTL that is not a positive number', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      const attempts = [0, -5, Number.NaN].map((ttl) => store.set('k', 'v', ttl));
      // Assert
      for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(BridgeError);
    });
  });

export const describeCompareAndSet = (context: ContractContext) =>
  describe('compareAndSet', () => {
    it('sets an absent key when undefined is expected', async () => {
      // Arrange
      const store = await openOne(context);
      const change = { expected: undefined, value: 'a', ttlMs: HOUR };
      // Act
      const results = [
        await store.compareAndSet('k', change),
        await store.compareAndSet('k', change),
      ];
      // Assert
      expect(results).toEqual([true, false]);
      expect(await store.get('k')).toBe('a');
    });

    it('replaces the value only when it is the expected one', async () => {
      // Arrange
      const store = await openOne(context);
      await store.set('k', 'a', HOUR);
      // Act
      const stale = await store.compareAndSet('k', { expected: 'x', value: 'b', ttlMs: HOUR });
      const fresh = await store.compareAndSet('k', { expected: 'a', value: 'c', ttlMs: HOUR });
      // Assert
      expect([stale, fresh]).toEqual([false, true]);
      expect(await store.get('k')).toBe('c');
    });

    it('lets exactly one of 50 concurrent callers move from the same value', async () => {
      // Arrange
      const stores = await context.open(5);
      await storeFor(stores, 0).set('k', 'v0', HOUR);
      // Act
      const results = await times(50, (i) =>
        storeFor(stores, i).compareAndSet('k', { expected: 'v0', value: `v${i + 1}`, ttlMs: HOUR }),
      );
      // Assert
      const winner = results.indexOf(true);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await storeFor(stores, 0).get('k')).toBe(`v${winner + 1}`);
    });

    it('gives the new value its TTL', async () => {
      // Arrange
      const store = await openOne(context);
      await store.compareAndSet('k', { expected: undefined, value: 'a', ttlMs: 30 });
      // Act
      await context.elapse(80);
      // Assert
      expect(await store.get('k')).toBeUndefined();
    });
  });
