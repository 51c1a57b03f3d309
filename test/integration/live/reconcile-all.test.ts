import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeConfigSchema } from '../../../lib/config/schema.js';
import type { LogFields } from '../../../lib/logger.js';
import { reconcileAll } from '../../../lib/scaling/index.js';
import { ENV_ID, envJob, type Harness, REGION, startHarness } from './harness.js';

/** The timer's use case over a whole bridge.yml. */

const config = BridgeConfigSchema.parse({
  version: 1,
  region: REGION,
  rules: [
    {
      name: 'pool',
      on: 'JOB_*',
      do: [{ scaleEnv: { envId: ENV_ID, max: 5 } }],
    },
    {
      name: 'pool-again',
      on: 'TASK_*',
      do: [{ scaleEnv: { envId: ENV_ID, max: 5 } }],
    },
    {
      name: 'per-event',
      on: 'COMPUTE_NODE_*',
      do: [{ scaleEnv: { envId: '{{ envId }}', max: 3 } }],
    },
  ],
});

describe('reconcileAll', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('reconciles each literal env once and skips templated ones with a log line', async () => {
    // Arrange
    const { JobId } = await h.batch.submitJob(envJob(2, 'sleep 100000'));
    await h.emulator.waitFor(() => h.emulator.job(JobId)?.state !== 'SUBMITTED');
    const lines: Array<[string, LogFields | undefined]> = [];
    const logger = { ...h.scaling.logger, info: (m: string, f?: LogFields) => lines.push([m, f]) };

    // Act
    const results = await reconcileAll(config, { ...h.scaling, logger });

    // Assert
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      envId: ENV_ID,
      region: REGION,
      demand: 2,
      desired: 2,
      action: 'scale-up',
    });
    expect(lines).toContainEqual([
      'scaling.skip-templated',
      { rule: 'per-event', envId: '{{ envId }}' },
    ]);
    expect(h.emulator.callCount('DescribeComputeEnv')).toBe(1);
  });
});
