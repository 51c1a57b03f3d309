import { afterEach, describe, expect, it } from 'vitest';
import {
  type BatchEmulator,
  type BatchEmulatorOptions,
  createBatchEmulator,
} from '../../../sandbox/batch-emulator/index.js';
import {
  callApi,
  createTopicRecorder,
  errorCode,
  FAST,
  notifyAll,
  ok,
  uniqueToken,
} from './emulator-client.js';
import { ENV_ID, envTask, startWithEnv, submitEnvTask } from './fixtures.js';

describe('batch emulator compute nodes', () => {
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

  it('TerminateComputeNodes lowers DesiredComputeNodeCount when terminateLowersDesired is set', async () => {
    // Arrange
    const em = await start(3, { terminateLowersDesired: true });
    const [first, second] = em.env(ENV_ID)?.nodes.map((n) => n.nodeId) ?? [];

    // Act
    await ok(
      callApi(em, 'TerminateComputeNodes', { EnvId: ENV_ID, ComputeNodeIds: [first, second] }),
    );
    await em.waitFor(() => em.env(ENV_ID)?.nodes.length === 1);

    // Assert
    const env = await ok(callApi(em, 'DescribeComputeEnv', { EnvId: ENV_ID }));
    expect(env).toMatchObject({
      DesiredComputeNodeCount: 1,
      ComputeNodeMetrics: { RunningCount: 1, DeletingCount: 0 },
    });
  });

  it('TerminateComputeNodes keeps the desired count and the env refills when terminateLowersDesired is off', async () => {
    // Arrange
    // Slow create/delete, so the in-between state is still there when we look at it
    const em = await start(2, {
      terminateLowersDesired: false,
      timings: { nodeCreateMs: 40_000, nodeDeleteMs: 60_000 },
    });
    const [first] = em.env(ENV_ID)?.nodes.map((n) => n.nodeId) ?? [];

    // Act
    await ok(callApi(em, 'TerminateComputeNode', { EnvId: ENV_ID, ComputeNodeId: first }));
    const during = await ok(callApi(em, 'DescribeComputeEnv', { EnvId: ENV_ID }));
    await em.waitFor(() => {
      const nodes = em.env(ENV_ID)?.nodes ?? [];
      return nodes.length === 2 && nodes.every((n) => n.state === 'RUNNING');
    });

    // Assert
    expect(during).toMatchObject({
      DesiredComputeNodeCount: 2,
      ComputeNodeMetrics: { DeletingCount: 1, CreatingCount: 1 },
    });
    expect(em.env(ENV_ID)?.desired).toBe(2);
    expect(em.env(ENV_ID)?.nodes.map((n) => n.nodeId)).not.toContain(first);
    const types = em.env(ENV_ID)?.activities.map((a) => a.type);
    expect(types).toEqual(['TERMINATE_COMPUTE_NODE', 'CREATE_COMPUTE_NODE']);
  });

  it('rejects terminating unknown, malformed or already terminating nodes', async () => {
    // Arrange
    const em = await start(1, { timings: { nodeDeleteMs: 600_000 } });
    const [node] = em.env(ENV_ID)?.nodes.map((n) => n.nodeId) ?? [];
    await ok(callApi(em, 'TerminateComputeNode', { EnvId: ENV_ID, ComputeNodeId: node }));

    // Act
    const again = await errorCode(
      callApi(em, 'TerminateComputeNode', { EnvId: ENV_ID, ComputeNodeId: node }),
    );
    const unknown = await errorCode(
      callApi(em, 'TerminateComputeNodes', { EnvId: ENV_ID, ComputeNodeIds: ['node-zzzzzzzz'] }),
    );
    const malformed = await errorCode(
      callApi(em, 'TerminateComputeNodes', { EnvId: ENV_ID, ComputeNodeIds: ['ins-1'] }),
    );

    // Assert
    expect([again, unknown, malformed]).toEqual([
      'UnsupportedOperation.ComputeNodeIsTerminating',
      'ResourceNotFound.ComputeNode',
      'InvalidParameter.ComputeNodeIdMalformed',
    ]);
  });

  it('marks a node ABNORMAL on request: it is announced, counted and no longer used', async () => {
    // Arrange
    const em = await start(1);
    const [node] = em.env(ENV_ID)?.nodes.map((n) => n.nodeId) ?? [];

    // Act
    em.setNodeAbnormal(node ?? '');
    const jobId = await submitEnvTask(em, envTask('echo hi'));
    await em.waitFor(() => em.job(jobId)?.state === 'RUNNABLE');
    await em.flushEvents();

    // Assert
    const env = await ok(callApi(em, 'DescribeComputeEnv', { EnvId: ENV_ID }));
    expect(env['ComputeNodeMetrics']).toMatchObject({ AbnormalCount: 1, RunningCount: 0 });
    expect(topic.names()).toEqual(['COMPUTE_NODE_ABNORMAL']);
  });

  it('creates an env through CreateComputeEnv, once per ClientToken, and announces it', async () => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST, publish: topic.publish });
    const token = uniqueToken();
    const request = {
      Placement: { Zone: 'ap-guangzhou-3' },
      ClientToken: token,
      ComputeEnv: {
        EnvName: 'spot-pool',
        EnvType: 'MANAGED',
        DesiredComputeNodeCount: 1,
        Notifications: notifyAll('env-events', ['COMPUTE_ENV_CREATED', 'COMPUTE_NODE_RUNNING']),
      },
    };

    // Act
    const first = await ok(callApi(emulator, 'CreateComputeEnv', request));
    const second = await ok(callApi(emulator, 'CreateComputeEnv', request));
    const envId = first['EnvId'] as string;
    await emulator.waitFor(() => emulator?.env(envId)?.nodes[0]?.state === 'RUNNING');
    await emulator.flushEvents();

    // Assert
    expect(second['EnvId']).toBe(envId);
    const list = await ok(
      callApi(emulator, 'DescribeComputeEnvs', {
        Filters: [{ Name: 'env-name', Values: ['spot-pool'] }],
      }),
    );
    expect(list).toMatchObject({
      TotalCount: 1,
      ComputeEnvSet: [{ EnvId: envId, DesiredComputeNodeCount: 1 }],
    });
    expect(topic.names()).toEqual(['COMPUTE_ENV_CREATED', 'COMPUTE_NODE_RUNNING']);
    expect(topic.messages[0]?.message.Events[0]?.Batch).toEqual({
      EnvId: envId,
      EnvName: 'spot-pool',
    });
  });
});
