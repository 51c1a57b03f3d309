import { afterEach, describe, expect, it } from 'vitest';
import type { BatchEmulator, BatchEmulatorOptions } from '../../../sandbox/batch-emulator/index.js';
import { callApi, createTopicRecorder, errorCode, ok } from './emulator-client.js';
import { ENV_ID, envTask, firstInstance, startWithEnv, submitEnvTask } from './fixtures.js';

describe('batch emulator env scaling', () => {
  let emulator: BatchEmulator | undefined;
  const topic = createTopicRecorder();

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    topic.messages.length = 0;
  });

  const start = async (desired: number, extra: Partial<BatchEmulatorOptions> = {}) => {
    emulator = await startWithEnv(topic, desired, extra);
    return emulator;
  };

  it('keeps a job RUNNABLE until ModifyComputeEnv brings up nodes, then runs it on them', async () => {
    // Arrange
    const em = await start(0);
    const jobId = await submitEnvTask(em, envTask('echo frame', { TaskInstanceNum: 2 }));
    await em.waitFor(() => em.job(jobId)?.state === 'RUNNABLE');
    const waiting = await ok(callApi(em, 'DescribeTask', { JobId: jobId, TaskName: 'render' }));

    // Act
    await ok(callApi(em, 'ModifyComputeEnv', { EnvId: ENV_ID, DesiredComputeNodeCount: 2 }));
    await em.waitFor(() => em.job(jobId)?.state === 'SUCCEED');
    await em.flushEvents();

    // Assert
    expect(waiting['TaskInstanceMetrics']).toMatchObject({ RunnableCount: 2, RunningCount: 0 });
    const env = await ok(callApi(em, 'DescribeComputeEnv', { EnvId: ENV_ID }));
    expect(env).toMatchObject({
      DesiredComputeNodeCount: 2,
      ComputeNodeMetrics: { RunningCount: 2 },
    });
    expect(env['ComputeNodeSet']).toMatchObject([
      { ComputeNodeState: 'RUNNING', TaskInstanceNumAvailable: 1 },
      { ComputeNodeState: 'RUNNING', TaskInstanceNumAvailable: 1 },
    ]);
    const envEvents = topic.messages
      .filter((m) => m.topicName === 'env-events')
      .map((m) => m.message.Events[0]?.EventName);
    expect(envEvents.sort()).toEqual([
      'COMPUTE_NODE_CREATED',
      'COMPUTE_NODE_CREATED',
      'COMPUTE_NODE_RUNNING',
      'COMPUTE_NODE_RUNNING',
    ]);
    const running = topic.messages.find(
      (m) => m.message.Events[0]?.EventName === 'TASK_INSTANCE_RUNNING',
    );
    expect(running?.message.Events[0]?.Batch).toMatchObject({
      EnvId: ENV_ID,
      EnvName: 'render-pool',
      ComputeNodeId: expect.stringMatching(/^node-/),
    });
    const activities = await ok(callApi(em, 'DescribeComputeEnvActivities', { EnvId: ENV_ID }));
    expect(activities['ActivitySet']).toMatchObject([
      {
        ComputeNodeActivityType: 'CREATE_COMPUTE_NODE',
        ActivityState: 'SUCCEED',
        Cause: 'ModifyComputeEnv: increase the capacity from 0 to 2',
      },
      { ComputeNodeActivityType: 'CREATE_COMPUTE_NODE', ActivityState: 'SUCCEED' },
    ]);
  });

  it('runs one task instance per node: a third instance waits for a free node', async () => {
    // Arrange
    const em = await start(2);

    // Act
    const jobId = await submitEnvTask(em, envTask('sleep 600', { TaskInstanceNum: 3 }));
    await em.waitFor(
      () => em.job(jobId)?.tasks[0]?.instances.filter((i) => i.state === 'RUNNING').length === 2,
    );

    // Assert
    const states = em.job(jobId)?.tasks[0]?.instances.map((i) => i.state);
    expect(states?.filter((s) => s === 'RUNNABLE')).toHaveLength(1);
    const env = await ok(callApi(em, 'DescribeComputeEnv', { EnvId: ENV_ID }));
    expect(
      (env['ComputeNodeSet'] as Array<{ TaskInstanceNumAvailable: number }>).map(
        (n) => n.TaskInstanceNumAvailable,
      ),
    ).toEqual([0, 0]);
  });

  it('lowering the desired count removes nodes Batch picks, busy ones included', async () => {
    // Arrange: the oldest node runs the instance, and the default scale-in takes the oldest first
    const em = await start(2);
    const jobId = await submitEnvTask(em, envTask('sleep 600'));
    await em.waitFor(() => firstInstance(em, jobId)?.state === 'RUNNING');
    const busyNode = firstInstance(em, jobId)?.nodeId;

    // Act
    await ok(callApi(em, 'ModifyComputeEnv', { EnvId: ENV_ID, DesiredComputeNodeCount: 1 }));
    await em.waitFor(() => em.env(ENV_ID)?.nodes.length === 1);
    await em.flushEvents();

    // Assert
    expect(firstInstance(em, jobId)).toMatchObject({ state: 'FAILED_INTERRUPTED', exitCode: null });
    expect(em.job(jobId)?.state).toBe('FAILED_INTERRUPTED');
    expect(em.env(ENV_ID)?.nodes.map((n) => n.nodeId)).not.toContain(busyNode);
    expect(em.env(ENV_ID)?.desired).toBe(1);
    expect(topic.names()).toContain('TASK_INSTANCE_FAILED_INTERRUPTED');
    const deleting = topic.messages.find(
      (m) => m.message.Events[0]?.EventName === 'COMPUTE_NODE_DELETING',
    );
    expect(deleting?.message.Events[0]?.Batch).toMatchObject({
      ComputeNodeId: busyNode,
      ComputeNodeState: 'DELETING',
    });
  });

  it('retries an instance whose node was removed when MaxRetryCount allows', async () => {
    // Arrange
    const em = await start(2);
    const jobId = await submitEnvTask(em, envTask('sleep 60', { MaxRetryCount: 1 }));
    await em.waitFor(() => firstInstance(em, jobId)?.state === 'RUNNING');

    // Act
    await ok(callApi(em, 'ModifyComputeEnv', { EnvId: ENV_ID, DesiredComputeNodeCount: 1 }));
    await em.waitFor(() => em.job(jobId)?.state === 'SUCCEED');

    // Assert
    expect(firstInstance(em, jobId)).toMatchObject({ state: 'SUCCEED', attempts: 2 });
  });

  it('refuses to scale in below the nodes that can be destroyed', async () => {
    // Arrange: nodes still CREATING may not be destroyed
    const em = await start(0, { timings: { nodeCreateMs: 600_000 } });
    await ok(callApi(em, 'ModifyComputeEnv', { EnvId: ENV_ID, DesiredComputeNodeCount: 3 }));

    // Act
    const code = await errorCode(
      callApi(em, 'ModifyComputeEnv', { EnvId: ENV_ID, DesiredComputeNodeCount: 0 }),
    );
    const negative = await errorCode(
      callApi(em, 'ModifyComputeEnv', { EnvId: ENV_ID, DesiredComputeNodeCount: -1 }),
    );
    const tooMany = await errorCode(
      callApi(em, 'ModifyComputeEnv', { EnvId: ENV_ID, DesiredComputeNodeCount: 2001 }),
    );

    // Assert
    expect(code).toBe('UnsupportedOperation.NotEnoughComputeNodesToTerminate');
    expect(negative).toBe('InvalidParameterValue.Negative');
    expect(tooMany).toBe('InvalidParameterValue.LimitExceeded');
    expect(em.env(ENV_ID)?.desired).toBe(3);
  });
});
