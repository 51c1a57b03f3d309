import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../lib/errors.js';
import { TencentApiError } from '../../../lib/tencent/tencent-api-error.js';
import { type BatchTestServer, startBatchTestServer } from './batch-test-server.js';
import { KEYS, skipSleep, testClient } from './client-fixtures.js';

let server: BatchTestServer;

beforeEach(async () => {
  server = await startBatchTestServer(KEYS);
});

afterEach(async () => {
  await server.close();
});

describe('createBatchClient timeouts and the deadline', () => {
  it('gives up on a response slower than timeoutMs and reports the timeout', async () => {
    // Arrange
    server.scenario = () => ({ kind: 'stall', ms: 5_000, next: { kind: 'ok', response: {} } });
    const client = testClient(server.url, { timeoutMs: 200, maxAttempts: 2, sleep: skipSleep });
    const started = Date.now();

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(2);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'TENCENT_API', retryable: true });
    expect((error as Error).message).toBe('Batch DescribeJob: no response within 200 ms');
  });

  it('stops retrying early when the next attempt would end past the deadline', async () => {
    // Arrange: real sleeps of 250 then 500 ms; the deadline leaves room for the first only.
    server.scenario = () => ({ kind: 'error', code: 'InternalError' });
    const deadline = Date.now() + 700;
    const client = testClient(server.url, { deadline: () => deadline, maxAttempts: 5 });

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect(Date.now()).toBeLessThan(deadline);
    expect(server.requests).toHaveLength(2);
    expect(error).toMatchObject({ apiCode: 'InternalError', retryable: true });
  });

  it('sends nothing when the deadline has already passed', async () => {
    // Arrange
    const client = testClient(server.url, { deadline: () => Date.now() - 1 });

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(0);
    expect(error).toMatchObject({ code: 'TENCENT_API', retryable: true });
    expect((error as Error).message).toMatch(/deadline/);
  });

  it('caps a request at the time left before the deadline', async () => {
    // Arrange
    server.scenario = () => ({ kind: 'stall', ms: 5_000 });
    const client = testClient(server.url, { deadline: () => Date.now() + 300, timeoutMs: 5_000 });
    const started = Date.now();

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
    expect((error as Error).message).toMatch(/no response within \d+ ms/);
  });
});

describe('client-side rate limit', () => {
  it('spaces ModifyComputeEnv calls at 2 per second by default', async () => {
    // Arrange
    const client = testClient(server.url, { rateLimits: {} });

    // Act
    for (let i = 0; i < 3; i++)
      await client.modifyComputeEnv({ EnvId: 'env-1', DesiredComputeNodeCount: i });

    // Assert
    const [first, , third] = server.requests.map((r) => r.receivedAt);
    expect(server.requests).toHaveLength(3);
    expect((third ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('reports no slot, without sending, when the next slot opens after the deadline', async () => {
    // Arrange
    const client = testClient(server.url, {
      rateLimits: { ModifyComputeEnv: 1 },
      deadline: () => Date.now() + 300,
    });
    await client.modifyComputeEnv({ EnvId: 'env-1', DesiredComputeNodeCount: 1 });

    // Act
    const error = await client
      .modifyComputeEnv({ EnvId: 'env-1', DesiredComputeNodeCount: 2 })
      .catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: 'TENCENT_API', retryable: true });
  });

  it('reports the last real error when the rate limit leaves no slot for a retry', async () => {
    // Arrange: 1 request per second, and 700 ms left: the retry's slot opens too late.
    server.scenario = () => ({ kind: 'error', code: 'InternalError' });
    const deadline = Date.now() + 700;
    const client = testClient(server.url, {
      rateLimits: { ModifyComputeEnv: 1 },
      deadline: () => deadline,
      sleep: skipSleep,
    });

    // Act
    const error = await client
      .modifyComputeEnv({ EnvId: 'env-1', DesiredComputeNodeCount: 1 })
      .catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(TencentApiError);
    expect(error).toMatchObject({ apiCode: 'InternalError', retryable: true });
  });
});
