import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, UpstreamError } from '../../../lib/errors.js';
import { createEnvCredentialProvider } from '../../../lib/tencent/credentials.js';
import { type BatchTestServer, startBatchTestServer } from './batch-test-server.js';
import { KEYS, SECRET_ID, SECRET_KEY, skipSleep, testClient } from './client-fixtures.js';

let server: BatchTestServer;

beforeEach(async () => {
  server = await startBatchTestServer(KEYS);
});

afterEach(async () => {
  await server.close();
});

describe('createBatchClient credentials', () => {
  it('reads rotated role keys again for the retry of the same call', async () => {
    // Arrange: the key rotates after the first (throttled) attempt.
    const rotated = 'bridge-rotated-secret-key-0004';
    await server.close();
    server = await startBatchTestServer(
      new Map([
        [SECRET_ID, SECRET_KEY],
        ['AKIDrotated', rotated],
      ]),
    );
    const env: Record<string, string> = {
      TENCENTCLOUD_SECRETID: SECRET_ID,
      TENCENTCLOUD_SECRETKEY: SECRET_KEY,
      TENCENTCLOUD_SESSIONTOKEN: 'token-1',
    };
    server.scenario = (_request, n) => {
      Object.assign(env, {
        TENCENTCLOUD_SECRETID: 'AKIDrotated',
        TENCENTCLOUD_SECRETKEY: rotated,
        TENCENTCLOUD_SESSIONTOKEN: 'token-2',
      });
      return n === 1
        ? { kind: 'error', code: 'RequestLimitExceeded' }
        : { kind: 'ok', response: { JobId: 'job-1' } };
    };
    const credentials = createEnvCredentialProvider(env);
    const client = testClient(server.url, { credentials, sleep: skipSleep });

    // Act
    await client.call('DescribeJob', { JobId: 'job-1' });

    // Assert
    expect(server.requests.map((r) => r.headers['x-tc-token'])).toEqual(['token-1', 'token-2']);
    expect(server.requests.every((r) => r.signatureOk)).toBe(true);
  });

  it('wraps a failing credential provider once, without sending', async () => {
    // Arrange
    const failure = new Error('metadata service unreachable');
    const client = testClient(server.url, {
      credentials: () => Promise.reject(failure),
    });

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ service: 'credentials', retryable: true, cause: failure });
  });

  it('passes a ConfigError from the environment provider through unchanged', async () => {
    // Arrange
    const client = testClient(server.url, { credentials: createEnvCredentialProvider({}) });

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect(server.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'CONFIG_ENV_MISSING' });
  });
});
