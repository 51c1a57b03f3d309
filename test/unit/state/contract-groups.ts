import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_SIZE } from '../../../lib/state/index.js';
import { type ContractContext, openOne, START, storeFor, times } from './contract-harness.js';

const MINUTE = 60_000;

export const describeGroupFolding = (context: ContractContext) =>
  describe('addToGroup', () => {
    it('sends the first member at once and folds the rest into the group', async () => {
      // Arrange
      const store = await openOne(context);
      // Act
      const first = await store.addToGroup('failures', 'job-1', MINUTE);
      const second = await store.addToGroup('failures', 'job-2', MINUTE);
      // Assert
      expect(first).toEqual({ first: true, count: 1 });
      expect(second).toEqual({ first: false, count: 2 });
    });

    it('gives exactly one of 50 concurrent members the first place', async () => {
      // Arrange
      const stores = await context.open(5);
      // Act
      const results = await times(50, (i) => storeFor(stores, i).addToGroup('g', `m${i}`, MINUTE));
      // Assert
      expect(results.filter((r) => r.first)).toHaveLength(1);
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
    });

    it('keeps only the first members as the sample, and counts them all', async () => {
      // Arrange
      const store = await openOne(context);
      const members = Array.from({ length: DEFAULT_SAMPLE_SIZE + 5 }, (_, i) => `task-${i}`);
      for (const member of members) await store.addToGroup('g', member, MINUTE);
      // Act
      context.advance(MINUTE);
      const [group] = await store.claimDueGroups(10);
      // Assert
      expect(group?.count).toBe(members.length);
      expect(group?.sample).toEqual(members.slice(0, DEFAULT_SAMPLE_SIZE));
    });

    it('takes the sample size from the options', async () => {
      // Arrange
      const store = await openOne(context, { sampleSize: 2 });
      for (const member of ['a', 'b', 'c']) await store.addToGroup('g', member, MINUTE);
      // Act
      context.advance(MINUTE);
      const [group] = await store.claimDueGroups(10);
      // Assert
      expect(group).toMatchObject({ count: 3, sample: ['a', 'b'] });
    });

    it('opens a new group for a member that comes after the window closed', async () => {
      // Arrange
      const store = await openOne(context);
      await store.addToGroup('g', 'early', MINUTE);
      context.advance(MINUTE);
      // Act
      const late = await store.addToGroup('g', 'late', MINUTE);
      const closed = await store.claimDueGroups(10);
      // Assert
      expect(late).toEqual({ first: true, count: 1 });
      expect(closed).toEqual([
        { key: 'g', count: 1, sample: ['early'], openedAt: START, closesAt: START + MINUTE },
      ]);
    });

    it('keeps groups of keys with any characters apart', async () => {
      // Arrange
      const store = await openOne(context);
      const keys = ['rule:oncall:job-1', 'rule oncall', 'группа', '"quoted"\n{json}', 'g'];
      // Act
      for (const key of keys) await store.addToGroup(key, `member of ${key}`, MINUTE);
      context.advance(MINUTE);
      const groups = await store.claimDueGroups(10);
      // Assert
      expect(groups.map((g) => g.key).sort()).toEqual([...keys].sort());
      for (const group of groups) expect(group.sample).toEqual([`member of ${group.key}`]);
    });
  });

export const describeGroupClaims = (context: ContractContext) =>
  describe('claimDueGroups', () => {
    it('claims nothing before the window closes, then the group exactly once', async () => {
      // Arrange
      const store = await openOne(context);
      await store.addToGroup('g', 'm1', MINUTE);
      context.advance(1_000);
      await store.addToGroup('g', 'm2', MINUTE);
      // Act
      context.advance(MINUTE - 1_001);
      const early = await store.claimDueGroups(10);
      context.advance(1);
      const due = await store.claimDueGroups(10);
      const again = await store.claimDueGroups(10);
      // Assert
      expect(early).toEqual([]);
      expect(due).toEqual([
        { key: 'g', count: 2, sample: ['m1', 'm2'], openedAt: START, closesAt: START + MINUTE },
      ]);
      expect(again).toEqual([]);
    });

    it('claims at most the limit, the longest closed first', async () => {
      // Arrange
      const store = await openOne(context);
      for (const key of ['c', 'b', 'a']) {
        await store.addToGroup(key, 'm', MINUTE);
        context.advance(10);
      }
      context.advance(MINUTE);
      // Act
      const firstBatch = await store.claimDueGroups(2);
      const secondBatch = await store.claimDueGroups(2);
      const none = await store.claimDueGroups(0);
      // Assert
      expect(firstBatch.map((g) => g.key)).toEqual(['c', 'b']);
      expect(secondBatch.map((g) => g.key)).toEqual(['a']);
      expect(none).toEqual([]);
    });

    it('hands each due group to exactly one of 10 concurrent claimers', async () => {
      // Arrange
      const stores = await context.open(5);
      const keys = Array.from({ length: 30 }, (_, i) => `group-${i}`);
      for (const key of keys) await storeFor(stores, 0).addToGroup(key, 'm', MINUTE);
      context.advance(MINUTE);
      // Act
      const claims = await times(10, (i) => storeFor(stores, i).claimDueGroups(7));
      // Assert
      const claimed = claims.flat().map((g) => g.key);
      expect(claimed).toHaveLength(30);
      expect(new Set(claimed).size).toBe(30);
    });

    it('drops a closed group nobody claimed once the retention has passed', async () => {
      // Arrange
      const store = await openOne(context, { groupRetentionMs: 10 * MINUTE });
      await store.addToGroup('forgotten', 'm', MINUTE);
      await store.addToGroup('kept', 'm', 5 * MINUTE);
      // Act
      context.advance(11 * MINUTE);
      const groups = await store.claimDueGroups(10);
      // Assert
      expect(groups.map((g) => g.key)).toEqual(['kept']);
    });
  });
