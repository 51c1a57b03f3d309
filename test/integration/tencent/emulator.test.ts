import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchApi } from '../../../lib/tencent/batch-client.js';
import { createBatchClient } from '../../../lib/tencent/batch-client.js';
import { staticCredentials } from '../../../lib/tencent/credentials.js';
import { TencentApiError } from '../../../lib/tencent/tencent-api-error.js';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';

/** The same client against the sandbox's Batch emulator: its own TC3 check, its own shapes. */

const CREDENTIAL = { secretId: 'AKIDbridgeEmulator000001', secretKey: 'bridge-emulator-key-0001' };
const ENV_ID = 'env-bridge01';

let emulator: BatchEmulator;
let client: BatchApi;

beforeAll(async () => {
  emulator = await createBatchEmulator({
    credentials: [CREDENTIAL],
    speed: 200,
    envs: [{ envId: ENV_ID, envName: 'pool', desiredComputeNodeCount: 1, runningNodes: true }],
  });
  client = createBatchClient({
    credentials: staticCredentials(CREDENTIAL),
    region: 'ap-guangzhou',
    endpoint: emulator.url,
    // The emulator's own limits are what is under test elsewhere; keep these tests quick.
    rateLimits: { DescribeComputeEnv: 100, DescribeJob: 100, ModifyComputeEnv: 100 },
  });
});

afterAll(async () => {
  await emulator.close();
});

const JOB = {
  Placement: { Zone: 'ap-guangzhou-2' },
  Job: {
    JobName: 'bridge-emulator',
    Tasks: [
      {
        TaskName: 'A',
        TaskInstanceNum: 1,
        EnvId: ENV_ID,
        Application: { DeliveryForm: 'LOCAL', Command: 'echo hi' },
      },
    ],
  },
  ClientToken: 'bridge-emulator-token-1',
};

describe('createBatchClient against the sandbox Batch emulator', () => {
  it('submits once per ClientToken and reads the job back', async () => {
    // Act
    const first = await client.submitJob(JOB);
    const second = await client.submitJob(JOB);
    const job = await client.describeJob({ JobId: first.JobId });
    const info = await client.describeJobSubmitInfo({ JobId: first.JobId });

    // Assert
    expect(second.JobId).toBe(first.JobId);
    expect(job.JobId).toBe(first.JobId);
    expect(info.Tasks[0]?.EnvId).toBe(ENV_ID);
  });

  it('scales a compute environment and sees the new desired count', async () => {
    // Act
    await client.modifyComputeEnv({ EnvId: ENV_ID, DesiredComputeNodeCount: 2 });
    const env = await client.describeComputeEnv({ EnvId: ENV_ID });

    // Assert
    expect(env.DesiredComputeNodeCount).toBe(2);
    expect(env.ComputeNodeSet.length).toBeGreaterThanOrEqual(1);
  });

  it('gets AuthFailure.SignatureFailure from the emulator for a wrong key, in one call', async () => {
    // Arrange
    const wrong = createBatchClient({
      credentials: staticCredentials({ ...CREDENTIAL, secretKey: 'not-the-key' }),
      region: 'ap-guangzhou',
      endpoint: emulator.url,
    });
    emulator.resetCalls();

    // Act
    const error = await wrong.describeJobs({}).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(TencentApiError);
    expect(error).toMatchObject({ apiCode: 'AuthFailure.SignatureFailure', retryable: false });
    expect(emulator.calls()).toHaveLength(1);
  });
});
