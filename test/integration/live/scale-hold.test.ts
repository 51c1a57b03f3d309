import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

/** A scaler must survive its own signal failing: an error is never "no demand". */

describe('scaleEnv when Describe calls fail', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ desired: 2 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('holds the count and fails retryably while DescribeJobs is throttled', async () => {
    // Arrange
    const em = h.emulator;
    em.setFaults({ throttle: { DescribeJobs: 1 } });
    h.advance(POLICY.scaleDownAfterMs * 10);

    // Act
    const outcome = await h.executor.execute(scalePlan(), EVENT);

    // Assert
    expect(outcome).toMatchObject({
      status: 'failed',
      retryable: true,
      error: { code: 'TENCENT_API', message: expect.stringContaining('RequestLimitExceeded') },
    });
    expect(em.callCount('ModifyComputeEnv')).toBe(0);
    expect(em.callCount('TerminateComputeNodes')).toBe(0);
    expect(em.env(ENV_ID)?.desired).toBe(2);
  });

  it('holds while DescribeComputeEnv fails, and scales once the API answers again', async () => {
    // Arrange
    const em = h.emulator;
    const { JobId } = await h.batch.submitJob(envJob(4, 'sleep 100000'));
    await em.waitFor(() => em.job(JobId)?.state !== 'SUBMITTED');
    em.setFaults({ throttle: { DescribeComputeEnv: 1 } });
    const input = { envId: ENV_ID, region: REGION, policy: POLICY };

    // Act
    const held = await reconcileEnv(input, h.scaling);
    em.resetFaults();
    const recovered = detailOf(await h.executor.execute(scalePlan(), EVENT));

    // Assert
    expect(held).toMatchObject({
      action: 'hold',
      demand: null,
      current: null,
      failure: { retryable: true },
    });
    expect(recovered).toMatchObject({ demand: 4, current: 2, desired: 4, action: 'scale-up' });
    expect(em.callCount('ModifyComputeEnv')).toBe(1);
  });

  it('does not count a failed read as no demand when the env is idle and old', async () => {
    // Arrange: capacity with no visible demand would scale down, were the error read as zero
    const em = h.emulator;
    em.setFaults({ throttle: { DescribeTask: 1 } });
    const { JobId } = await h.batch.submitJob(envJob(1, 'sleep 100000'));
    await em.waitFor(() => em.job(JobId)?.state !== 'SUBMITTED');
    const input = { envId: ENV_ID, region: REGION, policy: { ...POLICY, scaleDownAfterMs: 0 } };

    // Act
    const held = await reconcileEnv(input, h.scaling);

    // Assert
    expect(held).toMatchObject({ action: 'hold', current: 2, failure: { retryable: true } });
    expect(em.callCount('TerminateComputeNodes')).toBe(0);
    expect(em.callCount('ModifyComputeEnv')).toBe(0);
  });
});
