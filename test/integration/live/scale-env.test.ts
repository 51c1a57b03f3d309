import { afterEach, describe, expect, it } from 'vitest';
import { reconcileEnv } from '../../../lib/scaling/index.js';
import {
  detailOf,
  ENV_ID,
  EVENT,
  envJob,
  type Harness,
  POLICY,
  REGION,
  scalePlan,
  startHarness,
} from './harness.js';

/** Scale-out and scale-in against the emulator, under both answers to the UNVERIFIED
 *  question whether TerminateComputeNodes lowers DesiredComputeNodeCount. */

const INPUT = { envId: ENV_ID, region: REGION, policy: POLICY };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([true, false])('scaleEnv with terminateLowersDesired %s', (lowers) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('scales from 0 to the demand of a waiting job, and back to 0 once it drained', async () => {
    // Arrange
    h = await startHarness({ emulator: { terminateLowersDesired: lowers } });
    const em = h.emulator;
    const { JobId } = await h.batch.submitJob(envJob(3));
    await em.waitFor(() => em.job(JobId)?.state === 'RUNNABLE');

    // Act
    const up = detailOf(await h.executor.execute(scalePlan(), EVENT));
    await em.waitFor(() => em.job(JobId)?.state === 'SUCCEED');
    const drained = detailOf(await h.executor.execute(scalePlan(), EVENT));
    h.advance(POLICY.scaleDownAfterMs);
    const down = detailOf(await h.executor.execute(scalePlan(), EVENT));
    // Where terminated slots are refilled, the replacements must boot before the count can drop.
    for (let i = 0; i < 50 && em.env(ENV_ID)?.desired !== 0; i++) {
      await sleep(10);
      await h.executor.execute(scalePlan(), EVENT);
    }
    await em.waitFor(() => em.env(ENV_ID)?.nodes.length === 0);

    // Assert
    expect(up).toMatchObject({ demand: 3, current: 0, desired: 3, action: 'scale-up' });
    expect(drained).toMatchObject({ demand: 0, capacity: 3, busy: 0, desired: 0, action: 'hold' });
    expect(down).toMatchObject({ action: 'scale-down', terminated: expect.any(Array) });
    expect(down['terminated']).toHaveLength(3);
    expect(em.env(ENV_ID)?.desired).toBe(0);
    const instances = em.job(JobId)?.tasks[0]?.instances ?? [];
    expect(instances.map((i) => [i.state, i.attempts])).toEqual([
      ['SUCCEED', 1],
      ['SUCCEED', 1],
      ['SUCCEED', 1],
    ]);
    expect(em.callCount('TerminateComputeNodes')).toBe(1);
    expect(em.callCount('ModifyComputeEnv')).toBe(lowers ? 1 : 2);
  });

  it('removes only idle nodes while others run task instances', async () => {
    // Arrange
    h = await startHarness({ desired: 4, emulator: { terminateLowersDesired: lowers } });
    const em = h.emulator;
    const { JobId } = await h.batch.submitJob(envJob(2, 'sleep 100000'));
    const running = () => em.job(JobId)?.tasks[0]?.instances.filter((i) => i.state === 'RUNNING');
    await em.waitFor(() => running()?.length === 2);
    const busyNodes = em.env(ENV_ID)?.nodes.filter((n) => n.occupant !== null) ?? [];

    // Act
    const waiting = await reconcileEnv(INPUT, h.scaling);
    h.advance(POLICY.scaleDownAfterMs);
    const down = await reconcileEnv(INPUT, h.scaling);
    const next = await reconcileEnv(INPUT, h.scaling);

    // Assert
    expect(waiting).toMatchObject({ demand: 2, capacity: 4, busy: 2, desired: 2, action: 'hold' });
    expect(down).toMatchObject({ action: 'scale-down', current: 4 });
    expect(down.terminated).toHaveLength(2);
    expect(down.terminated).not.toContain(busyNodes[0]?.nodeId);
    expect(down.terminated).not.toContain(busyNodes[1]?.nodeId);
    const after = em.env(ENV_ID)?.nodes ?? [];
    for (const node of busyNodes) {
      expect(after.find((n) => n.nodeId === node.nodeId)).toMatchObject({
        state: 'RUNNING',
        occupant: node.occupant,
      });
    }
    expect(running()?.map((i) => i.attempts)).toEqual([1, 1]);
    expect(em.callCount('ModifyComputeEnv')).toBe(0);
    // No churn: a platform that refills terminated slots is not asked again while nodes are busy.
    expect(em.callCount('TerminateComputeNodes')).toBe(1);
    expect(next.action).toBe(lowers ? 'none' : 'hold');
    expect(em.env(ENV_ID)?.desired).toBe(lowers ? 2 : 4);
  });
});

describe('scaleEnv on a large env', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('terminates idle nodes in calls of at most 100 ids', async () => {
    // Arrange
    h = await startHarness({ desired: 150, emulator: { terminateLowersDesired: true } });
    const policy = { ...POLICY, max: 200, scaleDownAfterMs: 0 };

    // Act
    const result = await reconcileEnv({ ...INPUT, policy }, h.scaling);

    // Assert
    expect(result).toMatchObject({ demand: 0, capacity: 150, action: 'scale-down' });
    const sizes = h.emulator
      .calls()
      .filter((c) => c.action === 'TerminateComputeNodes')
      .map((c) => (c.params['ComputeNodeIds'] as string[]).length);
    expect(sizes).toEqual([100, 50]);
    expect(h.emulator.env(ENV_ID)?.desired).toBe(0);
    expect(h.emulator.callCount('ModifyComputeEnv')).toBe(0);
  });
});
