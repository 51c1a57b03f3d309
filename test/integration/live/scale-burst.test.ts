import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
