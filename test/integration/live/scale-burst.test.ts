import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { benchScaleBurst } from '../../../bench/scale-burst.js';
import {
  detailOf,
  ENV_ID,
  EVENT,
  envJob,
  type Harness,
  scalePlan,
  startHarness,
} from './harness.js';

/** Many deliveries touching one env in a short time: the count moves once per new value. */

describe('scaleEnv under a burst of deliveries', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('calls ModifyComputeEnv no more often than there are distinct desired counts', async () => {
    // Arrange: four waves of 50 reconciles; demand grows between waves (1, 3, 4, 6 instances)
    const em = h.emulator;
    const waves = [1, 2, 1, 2];
    const desired: unknown[] = [];

    // Act
    for (const instances of waves) {
      const { JobId } = await h.batch.submitJob(envJob(instances, 'sleep 100000'));
      await em.waitFor(() => em.job(JobId)?.state !== 'SUBMITTED');
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () => h.executor.execute(scalePlan(), EVENT)),
      );
      desired.push(...outcomes.map((o) => detailOf(o)['desired']));
    }

    // Assert
    const distinct = new Set(desired);
    expect([...distinct]).toEqual([1, 3, 4, 6]);
    expect(em.callCount('ModifyComputeEnv')).toBe(distinct.size);
    expect(em.env(ENV_ID)?.desired).toBe(6);
    // 200 executions coalesced into at most two reconciles per wave.
    expect(em.callCount('DescribeComputeEnv')).toBeLessThanOrEqual(2 * waves.length);
  });

  it('reports what one reconcile cost, asking DescribeJobSubmitInfo once per job', async () => {
    // Arrange
    const em = h.emulator;
    const { JobId } = await h.batch.submitJob(envJob(2, 'sleep 100000'));
    await em.waitFor(() => em.job(JobId)?.state !== 'SUBMITTED');

    // Act
    const first = detailOf(await h.executor.execute(scalePlan(), EVENT));
    const second = detailOf(await h.executor.execute(scalePlan(), EVENT));

    // Assert
    expect(first['calls']).toEqual({
      describeComputeEnv: 1,
      describeJobs: 1,
      describeJobSubmitInfo: 1,
      describeTask: 1,
      modifyComputeEnv: 1,
    });
    expect(second['calls']).toEqual({ describeComputeEnv: 1, describeJobs: 1, describeTask: 1 });
  });
});

describe('processDelivery under a burst of TASK_INSTANCE events on one env', () => {
  it('moves the env once per distinct count, at most twice a second, to the demand', async () => {
    // Arrange: 300 events in deliveries of 1-10 (some redelivered), 20 in flight, through the
    // client's production rate limits; four jobs raise demand to 1, 3, 6 and 11, clamped to 8.
    const options = { events: 300, waves: [1, 2, 3, 5], max: 8 };

    // Act
    const figures = await benchScaleBurst(options);

    // Assert
    expect(figures).toMatchObject({ events: 300, rejected: 0, failedOutcomes: 0, demand: 11 });
    expect(figures.desiredCounts).toEqual([1, 3, 6, 8]);
    expect(figures.modifyComputeEnvCalls).toBeLessThanOrEqual(figures.distinctDesiredCounts);
    expect(figures.maxModifyPerSecond).toBeLessThanOrEqual(2);
    expect(figures.finalDesired).toBe(Math.min(figures.demand, options.max));
    expect(figures.targetMet).toEqual({
      modifyWithinDistinct: true,
      modifyAtMostTwoPerSecond: true,
      finalEqualsDemand: true,
    });
    expect(figures.wallMs).toBeLessThan(20_000);
  });
});
