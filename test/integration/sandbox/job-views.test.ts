import { afterEach, describe, expect, it } from 'vitest';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';
import { anonymousTask, callApi, errorCode, FAST, ok } from './emulator-client.js';
import { finished, PLACEMENT, submit } from './fixtures.js';

describe('batch emulator job views and validation', () => {
  let emulator: BatchEmulator | undefined;

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('lists jobs newest first, filtered by job-state and paged by Offset and Limit', async () => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST });
    const ok1 = await submit(emulator, { JobName: 'a', Tasks: [anonymousTask('A', 'echo 1')] });
    const bad = await submit(emulator, { JobName: 'b', Tasks: [anonymousTask('A', 'exit 1')] });
    const ok2 = await submit(emulator, { JobName: 'c', Tasks: [anonymousTask('A', 'echo 2')] });
    await Promise.all([ok1, bad, ok2].map((id) => finished(emulator as BatchEmulator, id)));

    // Act
    const succeeded = await ok(
      callApi(emulator, 'DescribeJobs', {
        Filters: [{ Name: 'job-state', Values: ['SUCCEED'] }],
        Limit: 1,
      }),
    );
    const secondPage = await ok(
      callApi(emulator, 'DescribeJobs', {
        Filters: [{ Name: 'job-state', Values: ['SUCCEED'] }],
        Offset: 1,
        Limit: 1,
      }),
    );
    const failedOrRunning = await ok(
      callApi(emulator, 'DescribeJobs', {
        Filters: [{ Name: 'job-state', Values: ['FAILED', 'RUNNING'] }],
      }),
    );

    // Assert
    const ids = (r: Record<string, unknown>) =>
      (r['JobSet'] as Array<{ JobId: string }>).map((j) => j.JobId);
    expect(succeeded['TotalCount']).toBe(2);
    expect(ids(succeeded)).toEqual([ok2]);
    expect(ids(secondPage)).toEqual([ok1]);
    expect(ids(failedOrRunning)).toEqual([bad]);
  });

  it('describes a job, its submit info and its task metrics', async () => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST });
    const jobId = await submit(emulator, {
      JobName: 'dag',
      Tasks: [anonymousTask('A', 'echo a', { TaskInstanceNum: 3 }), anonymousTask('B', 'echo b')],
      Dependences: [{ StartTask: 'A', EndTask: 'B' }],
    });
    await finished(emulator, jobId);

    // Act
    const job = await ok(callApi(emulator, 'DescribeJob', { JobId: jobId }));
    const info = await ok(callApi(emulator, 'DescribeJobSubmitInfo', { JobId: jobId }));

    // Assert
    expect(job).toMatchObject({
      JobState: 'SUCCEED',
      Zone: 'ap-guangzhou-3',
      DependenceSet: [{ StartTask: 'A', EndTask: 'B' }],
      TaskMetrics: { SucceedCount: 2 },
      TaskInstanceMetrics: { SucceedCount: 4, FailedCount: 0 },
    });
    expect(info['Tasks']).toMatchObject([
      { TaskName: 'A', TaskInstanceNum: 3, ComputeEnv: {} },
      { TaskName: 'B' },
    ]);
    expect(info['Notifications']).toBeUndefined();
  });

  it.each([
    [
      'a cyclic DAG',
      {
        Dependences: [
          { StartTask: 'A', EndTask: 'B' },
          { StartTask: 'B', EndTask: 'A' },
        ],
      },
      'InvalidParameterValue.DependenceUnfeasible',
    ],
    [
      'a dependence on an unknown task',
      { Dependences: [{ StartTask: 'A', EndTask: 'Z' }] },
      'InvalidParameterValue.DependenceNotFoundTaskName',
    ],
    [
      'a duplicated event name',
      {
        Notifications: [
          {
            TopicName: 't',
            EventConfigs: [{ EventName: 'JOB_FAILED' }, { EventName: 'JobFailed' }],
          },
        ],
      },
      'InvalidParameter.NotificationEventNameDuplicate',
    ],
  ])('rejects %s', async (_case, extra, expected) => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST });
    const job = { Tasks: [anonymousTask('A', 'echo a'), anonymousTask('B', 'echo b')], ...extra };

    // Act
    const code = await errorCode(
      callApi(emulator, 'SubmitJob', { Placement: PLACEMENT, Job: job }),
    );

    // Assert
    expect(code).toBe(expected);
  });

  it('rejects a task with both EnvId and ComputeEnv, and one without a command', async () => {
    // Arrange
    emulator = await createBatchEmulator({
      ...FAST,
      envs: [{ envId: 'env-abc123', envName: 'pool', desiredComputeNodeCount: 0 }],
    });
    const both = anonymousTask('A', 'echo', { EnvId: 'env-abc123' });
    const noCommand = {
      TaskName: 'A',
      Application: { DeliveryForm: 'LOCAL' },
      EnvId: 'env-abc123',
    };

    // Act
    const first = await callApi(emulator, 'SubmitJob', {
      Placement: PLACEMENT,
      Job: { Tasks: [both] },
    });
    const second = await callApi(emulator, 'SubmitJob', {
      Placement: PLACEMENT,
      Job: { Tasks: [noCommand] },
    });

    // Assert
    expect(first.Response.Error?.Code).toBe('AllowedOneAttributeInEnvIdAndComputeEnv');
    expect(second.Response.Error).toEqual({
      Code: 'MissingParameter',
      Message: 'The request is missing a required parameter `Job.Tasks.0.Application.Command`.',
    });
  });
});
