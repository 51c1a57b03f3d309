import { afterEach, describe, expect, it } from 'vitest';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';
import {
  anonymousTask,
  callApi,
  createTopicRecorder,
  FAST,
  notifyAll,
  ok,
} from './emulator-client.js';

const submitJob = (em: BatchEmulator, events: readonly string[], command = 'echo hi') =>
  ok(
    callApi(em, 'SubmitJob', {
      Placement: { Zone: 'ap-guangzhou-3' },
      Job: {
        Tasks: [anonymousTask('A', command)],
        Notifications: notifyAll('batch-events', events),
      },
    }),
  );

describe('batch emulator fault injection', () => {
  let emulator: BatchEmulator | undefined;

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('throttles one action with RequestLimitExceeded at rate 1.0 and counts every call', async () => {
    // Arrange
    emulator = await createBatchEmulator({
      ...FAST,
      envs: [{ envId: 'env-abc123', envName: 'p', desiredComputeNodeCount: 0 }],
    });
    emulator.setFaults({ throttle: { ModifyComputeEnv: 1 } });

    // Act
    const throttled = await callApi(emulator, 'ModifyComputeEnv', {
      EnvId: 'env-abc123',
      DesiredComputeNodeCount: 1,
    });
    await callApi(emulator, 'ModifyComputeEnv', {
      EnvId: 'env-abc123',
      DesiredComputeNodeCount: 1,
    });
    const other = await callApi(emulator, 'DescribeComputeEnv', { EnvId: 'env-abc123' });

    // Assert
    expect(throttled.status).toBe(200);
    expect(throttled.Response.Error?.Code).toBe('RequestLimitExceeded');
    expect(other.Response.Error).toBeUndefined();
    expect(emulator.callCount('ModifyComputeEnv')).toBe(2);
    expect(emulator.env('env-abc123')?.desired).toBe(0);
  });

  it('answers InternalError in the envelope, or a bare HTTP 500, at their rates', async () => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST });

    // Act
    emulator.setFaults({ internalErrorRate: 1 });
    const internal = await callApi(emulator, 'DescribeJobs', {});
    emulator.setFaults({ internalErrorRate: 0, http500Rate: 1 });
    const gateway = await callApi(emulator, 'DescribeJobs', {});
    emulator.resetFaults();
    const healthy = await callApi(emulator, 'DescribeJobs', {});

    // Assert
    expect([internal.status, internal.Response.Error?.Code]).toEqual([200, 'InternalError']);
    expect([gateway.status, gateway.Response.Error?.Code]).toEqual([500, 'InternalError']);
    expect(healthy.Response.Error).toBeUndefined();
    expect(emulator.calls().map((c) => c.errorCode)).toEqual([
      'InternalError',
      'HTTP 500',
      undefined,
    ]);
  });

  it('adds latency to responses', async () => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST, faults: { latencyMs: 120 } });

    // Act
    const started = Date.now();
    await ok(callApi(emulator, 'DescribeJobs', {}));

    // Assert
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('publishes every message twice at duplicate rate 1.0', async () => {
    // Arrange
    const topic = createTopicRecorder();
    emulator = await createBatchEmulator({
      ...FAST,
      publish: topic.publish,
      faults: { duplicateRate: 1 },
    });

    // Act
    const { JobId } = await submitJob(emulator, ['JOB_RUNNING', 'JOB_SUCCEED']);
    await emulator.waitFor(() => emulator?.job(String(JobId))?.state === 'SUCCEED');
    await emulator.flushEvents();

    // Assert
    expect(topic.names()).toEqual(['JOB_RUNNING', 'JOB_RUNNING', 'JOB_SUCCEED', 'JOB_SUCCEED']);
    expect(topic.messages[0]?.message).toEqual(topic.messages[1]?.message);
    expect(emulator.published().map((p) => p.duplicate)).toEqual([false, true, false, true]);
  });

  it('delivers held-back messages after later ones at reorder rate 1.0 with a delay', async () => {
    // Arrange
    const topic = createTopicRecorder();
    emulator = await createBatchEmulator({ ...FAST, publish: topic.publish });

    // Act: hold back only the first event (300 ms real), then let the rest flow
    emulator.setFaults({ reorderRate: 1, reorderDelayMs: 60_000 });
    const { JobId } = await submitJob(emulator, ['JOB_RUNNING', 'JOB_SUCCEED'], 'sleep 20');
    await emulator.waitFor(() => emulator?.job(String(JobId))?.state === 'RUNNING');
    emulator.setFaults({ reorderRate: 0 });
    await emulator.waitFor(() => topic.messages.length === 2);

    // Assert
    expect(topic.names()).toEqual(['JOB_SUCCEED', 'JOB_RUNNING']);
  });

  it('gives the same ids for the same seed', async () => {
    // Arrange
    const run = async (): Promise<unknown> => {
      const em = await createBatchEmulator({ ...FAST, seed: 42 });
      const { JobId } = await submitJob(em, []);
      await em.close();
      return JobId;
    };

    // Act
    const [first, second] = [await run(), await run()];

    // Assert
    expect(first).toBe(second);
  });

  it('fails node creation at nodeCreationFailureRate 1.0', async () => {
    // Arrange
    const topic = createTopicRecorder();
    emulator = await createBatchEmulator({
      ...FAST,
      publish: topic.publish,
      faults: { nodeCreationFailureRate: 1 },
      envs: [
        {
          envId: 'env-abc123',
          envName: 'p',
          desiredComputeNodeCount: 1,
          notifications: notifyAll('e', ['COMPUTE_NODE_CREATION_FAILED']),
        },
      ],
    });

    // Act
    await emulator.waitFor(
      () => emulator?.env('env-abc123')?.nodes[0]?.state === 'CREATION_FAILED',
    );
    await emulator.flushEvents();

    // Assert
    expect(topic.names()).toEqual(['COMPUTE_NODE_CREATION_FAILED']);
    expect(emulator.env('env-abc123')?.activities[0]).toMatchObject({ state: 'FAILED' });
  });
});
