import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../lib/errors.js';
import { MAX_HITS_PER_KEY } from '../../../lib/state/index.js';
import { type ContractContext, openOne, storeFor, times } from './contract-harness.js';

const HOUR = 3_600_000;

export const describeCounters = (context: ContractContext) =>
  describe('hit and count', () => {
    it('counts each occurrence in the window', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      const results = [await store.hit('node', HOUR), await store.hit('node', HOUR)];
      // Assert
      expect(results).toEqual([
        { count: 1, allowed: true },
        { count: 2, allowed: true },
      ]);
      expect(await store.count('node', HOUR)).toBe(2);
      expect(await store.count('other', HOUR)).toBe(0);
    });

    it('slides: an occurrence leaves the window windowMs after it happened', async () => {
      // Arrange
      const store = await openOne(context);
      await store.hit('node', 1_000);
      context.advance(600);
      await store.hit('node', 1_000);
      // Act
      context.advance(400);
      const afterFirstLeft = await store.count('node', 1_000);
      context.advance(600);
      const afterBothLeft = await store.count('node', 1_000);
      // Assert
      expect([afterFirstLeft, afterBothLeft]).toEqual([1, 0]);
    });

    it('refuses past the limit without counting the refusal', async () => {
      // Arrange
      const store = await openOne(context);
      await store.hit('node', HOUR, 2);
      await store.hit('node', HOUR, 2);
      // Act
      const refused = await store.hit('node', HOUR, 2);
      // Assert
      expect(refused).toEqual({ count: 2, allowed: false });
      expect(await store.count('node', HOUR)).toBe(2);
    });

    it('allows again once the oldest occurrence has left the window', async () => {
      // Arrange
      const store = await openOne(context);
      await store.hit('node', HOUR, 1);
      context.advance(HOUR - 1);
      const stillRefused = await store.hit('node', HOUR, 1);
      // Act
      context.advance(1);
      const allowed = await store.hit('node', HOUR, 1);
      // Assert
      expect(stillRefused.allowed).toBe(false);
      expect(allowed).toEqual({ count: 1, allowed: true });
    });

    it('allows exactly the limit of 50 concurrent callers on several instances', async () => {
      // Arrange
      const stores = await context.open(5);
      // Act
      const results = await times(50, (i) => storeFor(stores, i).hit('terminate', HOUR, 5));
      // Assert
      const allowed = results.filter((r) => r.allowed);
      expect(allowed).toHaveLength(5);
      expect(allowed.map((r) => r.count).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(await storeFor(stores, 0).count('terminate', HOUR)).toBe(5);
    });

    it('agrees with a reference sliding window over any sequence of hits', async () => {
      // Arrange
      const steps = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 700 }) }), {
        minLength: 1,
        maxLength: 15,
      });
      const limit = fc.integer({ min: 0, max: 4 });
      // Act / Assert
      await fc.assert(
        fc.asyncProperty(steps, limit, async (sequence, max) => {
          const store = await openOne(context);
          const model: number[] = [];
          for (const { gap } of sequence) {
            context.advance(gap);
            const at = context.now();
            model.splice(0, model.filter((t) => t <= at - 1_000).length);
            const allowed = model.length < max;
            if (allowed) model.push(at);
            expect(await store.hit('k', 1_000, max)).toEqual({ count: model.length, allowed });
          }
        }),
        { numRuns: 25 },
      );
    });

    it('refuses everything with a limit of 0', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      const result = await store.hit('node', HOUR, 0);
      // Assert
      expect(result).toEqual({ count: 0, allowed: false });
    });

    it('saturates an unlimited counter instead of growing without bound', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      await times(MAX_HITS_PER_KEY + 5, () => store.hit('hot', HOUR));
      // Assert
      expect(await store.count('hot', HOUR)).toBe(MAX_HITS_PER_KEY);
    });

    it('rejects a bad window or limit', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      const attempts = [store.hit('k', 0), store.hit('k', HOUR, -1), store.hit('k', HOUR, 1.5)];
      // Assert
      for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(BridgeError);
      await expect(store.count('k', -1)).rejects.toBeInstanceOf(BridgeError);
    });
  });
