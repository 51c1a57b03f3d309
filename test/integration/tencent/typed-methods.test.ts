import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../lib/errors.js';
import type { BatchApi } from '../../../lib/tencent/batch-client.js';
import { type BatchTestServer, startBatchTestServer } from './batch-test-server.js';
import { KEYS, testClient } from './client-fixtures.js';
import { SAMPLES } from './documented-samples.js';

let server: BatchTestServer;
let client: BatchApi;

beforeAll(async () => {
  // Every action answers with its documented example.
  server = await startBatchTestServer(KEYS, (request) => {
    const sample = (SAMPLES as Record<string, Record<string, unknown>>)[request.action];
    return sample === undefined
      ? { kind: 'error', code: 'InvalidAction' }
      : { kind: 'ok', response: sample };
  });
  client = testClient(server.url, { rateLimits: { DescribeComputeEnv: 100 } });
});

beforeEach(() => {
  server.requests.length = 0;
});

afterAll(async () => {
  await server.close();
});

describe('typed Batch methods parse the documented responses', () => {
  it('submitJob returns the JobId and sends the TC3 JSON body as given', async () => {
    // Arrange
    const request = {
      Placement: { Zone: 'ap-guangzhou-2' },
      Job: {
        JobName: 'test',
        Priority: 1,
        Tasks: [
          {
            TaskName: 'hello2',
            TaskInstanceNum: 1,
            Application: { DeliveryForm: 'LOCAL', Command: 'echo hi' },
            ComputeEnv: { EnvType: 'MANAGED', EnvData: { InstanceType: 'S1.SMALL1' } },
          },
        ],
        NotificationTarget: 'TDMQ_CMQ',
      },
      ClientToken: 'bridge-0f6c2a3e-0001',
    };

    // Act
    const response = await client.submitJob(request);

    // Assert
    expect(response).toEqual(SAMPLES.SubmitJob);
    expect(server.requests[0]?.action).toBe('SubmitJob');
    expect(server.requests[0]?.params).toEqual(request);
  });

  it('describeJob accepts StartTaskName/EndTaskName and hands out StartTask/EndTask', async () => {
    // Act
    const job = await client.describeJob({ JobId: 'job-97zcl3wt' });

    // Assert
    expect(job.JobState).toBe('SUCCEED');
    expect(job.TaskSet.map((t) => t.TaskName)).toEqual(['A', 'B', 'C', 'D']);
    expect(job.DependenceSet[0]).toMatchObject({ StartTask: 'A', EndTask: 'B' });
    expect(job.TaskInstanceMetrics?.SucceedCount).toBe(8);
    expect(job.RequestId).toBe('d1b08863-b8ee-49d4-aa08-f464499f97a0');
  });

  it('describeJobs returns the job overview list', async () => {
    // Act
    const jobs = await client.describeJobs({ JobIds: ['job-97zcl3wt'] });

    // Assert
    expect(jobs.TotalCount).toBe(1);
    expect(jobs.JobSet[0]).toMatchObject({ JobId: 'job-97zcl3wt', JobState: 'SUCCEED' });
  });

  it('describeJobSubmitInfo returns the submitted tasks', async () => {
    // Act
    const info = await client.describeJobSubmitInfo({ JobId: 'job-97zcl3wt' });

    // Assert
    expect(info.Tasks).toHaveLength(4);
    expect(info.Tasks[0]).toMatchObject({ TaskName: 'A', FailedAction: 'TERMINATE' });
    expect(info.Dependences[3]).toMatchObject({ StartTask: 'C', EndTask: 'D' });
  });

  it('describeTask keeps null ComputeNodeInstanceId and the resolved log names', async () => {
    // Act
    const task = await client.describeTask({ JobId: 'job-97zcl3wt', TaskName: 'A' });

    // Assert
    expect(task.TaskInstanceSet).toHaveLength(2);
    expect(task.TaskInstanceSet[0]).toMatchObject({
      TaskInstanceIndex: 1,
      ComputeNodeInstanceId: null,
      StateIfCreateCvmFailed: 'FAILED',
    });
    expect(task.TaskInstanceSet[1]?.RedirectInfo?.StderrRedirectFileName).toBe(
      'stderr.job-97zcl3wt.A.0.log',
    );
  });

  it('describeComputeEnv returns nodes, metrics and the desired count', async () => {
    // Act
    const env = await client.describeComputeEnv({ EnvId: 'env-lcpcej85' });

    // Assert
    expect(env.DesiredComputeNodeCount).toBe(2);
    expect(env.ComputeNodeSet.map((n) => n.ComputeNodeState)).toEqual(['ABNORMAL', 'RUNNING']);
    expect(env.ComputeNodeMetrics?.AbnormalCount).toBe(1);
  });

  it('describeComputeEnvs and describeComputeEnvActivities return their lists', async () => {
    // Act
    const envs = await client.describeComputeEnvs({ EnvIds: ['env-lcx7qbbr', 'env-lcpcej85'] });
    const activities = await client.describeComputeEnvActivities({
      EnvId: 'env-lcpcej85',
      Filters: { Name: 'compute-node-id', Values: ['node-9yzd5jei'] },
    });

    // Assert
    expect(envs.ComputeEnvSet.map((e) => e.EnvId)).toEqual(['env-lcpcej85', 'env-lcx7qbbr']);
    expect(activities.ActivitySet[0]?.ActivityId).toBe('act-83xvnt5p');
    expect(server.requests[1]?.params).toMatchObject({ Filters: { Name: 'compute-node-id' } });
  });

  it('the acknowledging actions return their RequestId', async () => {
    // Act
    const results = await Promise.all([
      client.terminateJob({ JobId: 'job-rybewp57' }),
      client.modifyComputeEnv({ EnvId: 'env-lcpcej85', DesiredComputeNodeCount: 2 }),
      client.terminateComputeNode({ EnvId: 'env-lcx7qbbr', ComputeNodeId: 'node-lcpcej85' }),
      client.terminateComputeNodes({
        EnvId: 'env-lcx7qbbr',
        ComputeNodeIds: ['node-lcpcej85', 'node-lcz8jkvw'],
      }),
    ]);

    // Assert
    expect(results.map((r) => r.RequestId)).toEqual([
      SAMPLES.TerminateJob.RequestId,
      SAMPLES.ModifyComputeEnv.RequestId,
      SAMPLES.TerminateComputeNode.RequestId,
      SAMPLES.TerminateComputeNodes.RequestId,
    ]);
  });

  it('describeTaskLogs returns the Base64 logs', async () => {
    // Act
    const logs = await client.describeTaskLogs({ JobId: 'job-97zcl3wt', TaskName: 'A' });

    // Assert
    const [log] = logs.TaskInstanceLogSet;
    expect(Buffer.from(log?.StderrLog ?? '', 'base64').toString()).toBe('boom\n');
  });

  it('accepts node counters sent as strings, as the seed types them', async () => {
    // Arrange
    const sample = { ...SAMPLES.DescribeComputeEnv, ComputeNodeMetrics: { AbnormalCount: '3' } };
    const previous = server.scenario;
    server.scenario = () => ({ kind: 'ok', response: sample });

    // Act
    const env = await client.describeComputeEnv({ EnvId: 'env-lcpcej85' }).finally(() => {
      server.scenario = previous;
    });

    // Assert
    expect(env.ComputeNodeMetrics?.AbnormalCount).toBe(3);
  });

  it('reports a success without the fields the bridge relies on as an UpstreamError', async () => {
    // Arrange
    const previous = server.scenario;
    server.scenario = () => ({ kind: 'ok', response: { JobId: 42 } });

    // Act
    const error = await client
      .submitJob({
        Placement: { Zone: 'ap-guangzhou-2' },
        Job: { Tasks: [{ Application: { Command: 'x', DeliveryForm: 'LOCAL' } }] },
      })
      .catch((e: unknown) => e)
      .finally(() => {
        server.scenario = previous;
      });

    // Assert
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code: 'TENCENT_API',
      retryable: false,
      requestId: expect.any(String),
    });
    expect((error as Error).message).toMatch(/unexpected response shape[\s\S]*JobId/);
  });
});
