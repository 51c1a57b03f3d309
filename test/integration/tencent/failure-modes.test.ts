import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, UpstreamError, ValidationError } from '../../../lib/errors.js';
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

describe('createBatchClient failure modes', () => {
  it('never repeats a SubmitJob without ClientToken whose outcome is unknown', async () => {
    // Arrange
    server.scenario = () => ({ kind: 'raw', status: 502, body: 'bad gateway' });
    const client = testClient(server.url, { sleep: skipSleep });
    const job = { Tasks: [{ Application: { Command: 'echo', DeliveryForm: 'LOCAL' } }] };

    // Act
    const error = await client
      .submitJob({ Placement: { Zone: 'ap-guangzhou-2' }, Job: job })
      .catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 502, retryable: true });
  });

  it('retries after the connection is dropped without an answer', async () => {
    // Arrange
    server.scenario = (_request, n) =>
      n === 1 ? { kind: 'hangup' } : { kind: 'ok', response: { JobId: 'job-1' } };
    const client = testClient(server.url, { sleep: skipSleep });

    // Act
    const response = await client.call('DescribeJob', { JobId: 'job-1' });

    // Assert
    expect(response).toMatchObject({ JobId: 'job-1' });
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    { name: 'a 200 that is not JSON', status: 200, body: 'not json', pattern: /is not JSON/ },
    { name: 'JSON without the envelope', status: 200, body: '{"ok":true}', pattern: /envelope/ },
    { name: 'a 403 HTML page', status: 403, body: '<html>denied</html>', pattern: /HTTP 403/ },
  ])('reports $name once, not retryable', async ({ status, body, pattern }) => {
    // Arrange
    server.scenario = () => ({ kind: 'raw', status, body });
    const client = testClient(server.url, { sleep: skipSleep });

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).not.toBeInstanceOf(TencentApiError);
    expect(error).toMatchObject({ code: 'TENCENT_API', status, retryable: false });
    expect((error as Error).message).toMatch(pattern);
  });

  it('does not retry a permanent error such as ResourceNotFound.Job', async () => {
    // Arrange
    server.scenario = () => ({ kind: 'error', code: 'ResourceNotFound.Job', message: 'no job' });
    const client = testClient(server.url, { sleep: skipSleep });

    // Act
    const error = await client.describeJob({ JobId: 'job-404' }).catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ apiCode: 'ResourceNotFound.Job', retryable: false });
    expect((error as Error).message).toMatch(
      /^Batch DescribeJob failed with ResourceNotFound.Job: no job \(RequestId /,
    );
  });

  it('marks ResourceInsufficient retryable for a redelivery without retrying it now', async () => {
    // Arrange
    server.scenario = () => ({ kind: 'error', code: 'ResourceInsufficient' });
    const client = testClient(server.url, { sleep: skipSleep });

    // Act
    const error = await client
      .call('ModifyComputeEnv', { EnvId: 'env-1' })
      .catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ apiCode: 'ResourceInsufficient', retryable: true });
  });

  it('rejects invalid typed parameters before sending anything', async () => {
    // Arrange
    const client = testClient(server.url);

    // Act
    const error = await client
      .terminateComputeNodes({ EnvId: 'env-1', ComputeNodeIds: [] })
      .catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('stops when the caller aborts and does not retry', async () => {
    // Arrange
    server.scenario = () => ({ kind: 'stall', ms: 5_000 });
    const client = testClient(server.url, { sleep: skipSleep });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    // Act
    const error = await client
      .call('DescribeJob', { JobId: 'job-1' }, { signal: controller.signal })
      .catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(1);
    expect((error as Error).message).toBe('Batch DescribeJob: aborted by the caller');
  });

  it('rejects unknown or invalid options with a ConfigError', () => {
    // Act / Assert
    expect(() => testClient(server.url, { maxAttempts: 0 })).toThrow(ConfigError);
    expect(() => testClient('ftp://127.0.0.1')).toThrow(ConfigError);
    expect(() => testClient(server.url, { retries: 3 } as never)).toThrow(/retries/);
  });
});
