import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staticCredentials } from '../../../lib/tencent/credentials.js';
import { TencentApiError } from '../../../lib/tencent/tencent-api-error.js';
import { type BatchTestServer, startBatchTestServer } from './batch-test-server.js';
import {
  KEYS,
  recordingLogger,
  recordingSleep,
  SECRET_ID,
  SECRET_KEY,
  SESSION_TOKEN,
  skipSleep,
  testClient,
} from './client-fixtures.js';

let server: BatchTestServer;

beforeEach(async () => {
  server = await startBatchTestServer(KEYS);
});

afterEach(async () => {
  await server.close();
});

describe('createBatchClient against a loopback API 3.0 server', () => {
  it('sends a signed POST with the API 3.0 headers and returns the parsed Response', async () => {
    // Arrange
    server.scenario = () => ({ kind: 'ok', response: { JobId: 'job-4yn0we13' } });
    const client = testClient(server.url);

    // Act
    const response = await client.call('DescribeJob', { JobId: 'job-4yn0we13' });

    // Assert
    expect(response).toMatchObject({ JobId: 'job-4yn0we13', RequestId: expect.any(String) });
    const [request] = server.requests;
    expect(server.requests).toHaveLength(1);
    expect(request?.signatureOk).toBe(true);
    expect(request?.params).toEqual({ JobId: 'job-4yn0we13' });
    expect(request?.headers).toMatchObject({
      'x-tc-action': 'DescribeJob',
      'x-tc-version': '2017-03-12',
      'x-tc-region': 'ap-guangzhou',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(request?.headers['x-tc-token']).toBeUndefined();
    expect(request?.headers.authorization).toContain(`Credential=${SECRET_ID}/`);
    expect(request?.headers.authorization).toContain('/batch/tc3_request');
  });

  it('sends X-TC-Token with temporary credentials and the signature still verifies', async () => {
    // Arrange
    const credentials = staticCredentials({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      token: SESSION_TOKEN,
    });
    const client = testClient(server.url, { credentials });

    // Act
    await client.call('DescribeJob', { JobId: 'job-1' });

    // Assert
    expect(server.requests[0]?.headers['x-tc-token']).toBe(SESSION_TOKEN);
    expect(server.requests[0]?.signatureOk).toBe(true);
  });

  it('uses the region given for one call', async () => {
    // Arrange
    const client = testClient(server.url);

    // Act
    await client.call('DescribeJob', { JobId: 'job-1' }, { region: 'ap-shanghai' });

    // Assert
    expect(server.requests[0]?.headers['x-tc-region']).toBe('ap-shanghai');
  });

  it('retries RequestLimitExceeded twice, then succeeds on the third call', async () => {
    // Arrange
    server.scenario = (_request, n) =>
      n <= 2
        ? { kind: 'error', code: 'RequestLimitExceeded' }
        : { kind: 'ok', response: { JobId: 'job-1' } };
    const { sleeps, sleep } = recordingSleep();
    const { calls, logger } = recordingLogger();
    const client = testClient(server.url, { sleep, logger });

    // Act
    const response = await client.call('DescribeJob', { JobId: 'job-1' });

    // Assert
    expect(response).toMatchObject({ JobId: 'job-1' });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
    expect(calls.filter((c) => c.level === 'warn')).toHaveLength(2);
    expect(calls.filter((c) => c.level === 'debug')).toHaveLength(3);
  });

  it('retries an HTTP 500 without an envelope, then succeeds', async () => {
    // Arrange
    server.scenario = (_request, n) =>
      n === 1
        ? { kind: 'raw', status: 500, body: '<html>internal</html>' }
        : { kind: 'ok', response: { JobId: 'job-1' } };
    const client = testClient(server.url, { sleep: skipSleep });

    // Act
    const response = await client.submitJob({
      Placement: { Zone: 'ap-guangzhou-2' },
      Job: { Tasks: [{ Application: { Command: 'echo', DeliveryForm: 'LOCAL' } }] },
      ClientToken: 'bridge-token-1',
    });

    // Assert
    expect(response.JobId).toBe('job-1');
    expect(server.requests).toHaveLength(2);
  });

  it('fails AuthFailure.SignatureFailure after one call, not retryable', async () => {
    // Arrange
    const credentials = staticCredentials({ secretId: SECRET_ID, secretKey: 'a-wrong-key' });
    const client = testClient(server.url, { credentials, sleep: skipSleep });

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.signatureOk).toBe(false);
    expect(error).toBeInstanceOf(TencentApiError);
    expect(error).toMatchObject({
      name: 'TencentApiError',
      code: 'TENCENT_API',
      apiCode: 'AuthFailure.SignatureFailure',
      service: 'batch',
      operation: 'DescribeJob',
      status: 200,
      retryable: false,
      requestId: expect.any(String),
    });
  });
});
