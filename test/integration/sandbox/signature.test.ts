import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTc3 } from '../../../lib/tencent/tc3.js';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';
import {
  CREDENTIAL,
  callApi,
  callLikeSdk,
  errorCode,
  FAST,
  isUuid,
  ok,
} from './emulator-client.js';

describe('batch emulator authentication', () => {
  let emulator: BatchEmulator;

  beforeAll(async () => {
    emulator = await createBatchEmulator({ ...FAST });
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('accepts a request signed with the host and port, and answers in the API 3.0 envelope', async () => {
    // Act
    const response = await callApi(emulator, 'DescribeComputeEnvs', {});

    // Assert
    expect(response.status).toBe(200);
    expect(response.Response.Error).toBeUndefined();
    expect(response.Response).toMatchObject({ TotalCount: 0, ComputeEnvSet: [] });
    expect(isUuid(response.Response.RequestId)).toBe(true);
  });

  it('accepts a request signed the way the Tencent SDK does: host without port, service from the endpoint', async () => {
    // Act
    const response = await ok(callLikeSdk(emulator, 'DescribeJobs', { Limit: 5 }));

    // Assert
    expect(response).toMatchObject({ JobSet: [], TotalCount: 0 });
  });

  it('accepts a signed GET with flattened query parameters, as the SDK sends with reqMethod GET', async () => {
    // Arrange
    const query = 'Filters.0.Name=job-state&Filters.0.Values.0=SUCCEED&Limit=5';
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', host: '127.0.0.1' };
    const { authorization } = signTc3({
      ...CREDENTIAL,
      ...{ method: 'GET', query, headers, signedHeaders: ['content-type', 'host'] },
      ...{ payload: '', service: 'batch', timestamp },
    });

    // Act
    const res = await fetch(`${emulator.url}/?${query}`, {
      headers: {
        ...{ 'Content-Type': headers['content-type'], Authorization: authorization },
        ...{
          'X-TC-Action': 'DescribeJobs',
          'X-TC-Version': '2017-03-12',
          'X-TC-Region': 'ap-guangzhou',
        },
        'X-TC-Timestamp': String(timestamp),
      },
      signal: AbortSignal.timeout(5000),
    });

    // Assert
    const json = (await res.json()) as { Response: Record<string, unknown> };
    expect(json.Response).toMatchObject({ TotalCount: 0, JobSet: [] });
  });

  it('accepts a session token in X-TC-Token', async () => {
    // Act
    const response = await callApi(emulator, 'DescribeJobs', {}, { token: 'session-token-1' });

    // Assert
    expect(response.Response.Error).toBeUndefined();
  });

  it.each([
    ['a wrong SecretKey', { secretKey: 'not-the-key' }, 'AuthFailure.SignatureFailure'],
    [
      'a body that differs from the signed one',
      { sentBody: '{"Limit":99}' },
      'AuthFailure.SignatureFailure',
    ],
    ['an unknown SecretId', { secretId: 'AKIDunknown' }, 'AuthFailure.SecretIdNotFound'],
    [
      'a timestamp 6 minutes old',
      { timestamp: Math.floor(Date.now() / 1000) - 360 },
      'AuthFailure.SignatureExpire',
    ],
    [
      'a timestamp 6 minutes ahead',
      { timestamp: Math.floor(Date.now() / 1000) + 360 },
      'AuthFailure.SignatureExpire',
    ],
  ])('rejects %s', async (_case, options, expected) => {
    // Act
    const response = await callApi(emulator, 'DescribeJobs', { Limit: 1 }, options);

    // Assert
    expect(response.status).toBe(200);
    expect(response.Response.Error?.Code).toBe(expected);
    expect(isUuid(response.Response.RequestId)).toBe(true);
  });

  it('rejects a request without an Authorization header', async () => {
    // Act
    const res = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-TC-Action': 'DescribeJobs',
        'X-TC-Version': '2017-03-12',
      },
      body: '{}',
      signal: AbortSignal.timeout(5000),
    });

    // Assert
    const json = (await res.json()) as { Response: { Error: { Code: string } } };
    expect(json.Response.Error.Code).toBe('AuthFailure.InvalidAuthorization');
  });

  it('answers InvalidAction, MissingParameter and UnknownParameter like Tencent', async () => {
    // Act
    const invalid = await callApi(emulator, 'DescribeEverything', {});
    const missing = await callApi(emulator, 'DescribeJob', {});
    const unknown = await callApi(emulator, 'DescribeJobs', { Limt: 5 });

    // Assert
    expect(invalid.Response.Error?.Code).toBe('InvalidAction');
    expect(missing.Response.Error).toEqual({
      Code: 'MissingParameter',
      Message: 'The request is missing a required parameter `JobId`.',
    });
    expect(unknown.Response.Error?.Code).toBe('UnknownParameter');
  });

  it('rejects malformed ids and absent resources with the action-specific codes', async () => {
    // Act
    const malformed = await errorCode(callApi(emulator, 'DescribeJob', { JobId: 'JOB 1' }));
    const absent = await errorCode(callApi(emulator, 'DescribeJob', { JobId: 'job-00000000' }));
    const noEnv = await errorCode(
      callApi(emulator, 'DescribeComputeEnv', { EnvId: 'env-00000000' }),
    );

    // Assert
    expect([malformed, absent, noEnv]).toEqual([
      'InvalidParameter.JobIdMalformed',
      'ResourceNotFound.Job',
      'ResourceNotFound.ComputeEnv',
    ]);
  });

  it('counts calls per action whatever their outcome', async () => {
    // Arrange
    emulator.resetCalls();

    // Act
    await callApi(emulator, 'DescribeJob', { JobId: 'job-00000000' });
    await callApi(emulator, 'DescribeJob', { JobId: 'job-00000001' }, { secretKey: 'wrong' });

    // Assert
    expect(emulator.callCount('DescribeJob')).toBe(2);
    expect(emulator.calls().map((c) => c.errorCode)).toEqual([
      'ResourceNotFound.Job',
      'AuthFailure.SignatureFailure',
    ]);
  });
});
