import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTc3 } from '../../../lib/tencent/tc3.js';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';
import { anonymousTask, CREDENTIAL, FAST, isUuid, uniqueToken } from './emulator-client.js';
import { ENV_ID, PLACEMENT } from './fixtures.js';

/**
 * Tencent's own Node SDK, unchanged, against the emulator: it signs `host` without the port
 * and takes the endpoint's first label (`127`) as the service, and sends through node-fetch.
 */

type SdkResponse = Record<string, unknown> & { RequestId?: string };

/** The SDK types responses as `any`; this is the one place that narrows them. */
const sdkCall = async (
  client: CommonClient,
  action: string,
  params: Record<string, unknown>,
): Promise<SdkResponse> => (await client.request(action, params)) as SdkResponse;

const sdkClient = (emulator: BatchEmulator, secretKey = CREDENTIAL.secretKey): CommonClient =>
  new CommonClient('batch.tencentcloudapi.com', '2017-03-12', {
    credential: { secretId: CREDENTIAL.secretId, secretKey },
    region: 'ap-guangzhou',
    profile: {
      httpProfile: {
        endpoint: new URL(emulator.url).host,
        protocol: 'http://',
        reqTimeout: 5,
      },
    },
  });

interface SentRequest {
  readonly host: string;
  readonly timestamp: string;
  readonly authorization: string;
}

/** node-fetch sets each header as a one-element array. */
const readSent = (request: ClientRequest): SentRequest => {
  const get = (name: string): string => String(request.getHeader(name));
  return {
    host: get('host'),
    timestamp: get('x-tc-timestamp'),
    authorization: get('authorization'),
  };
};

const errorCodeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

describe('Tencent official SDK (CommonClient) against the batch emulator', () => {
  let emulator: BatchEmulator;
  let client: CommonClient;

  beforeAll(async () => {
    emulator = await createBatchEmulator({
      ...FAST,
      envs: [{ envId: ENV_ID, envName: 'render-pool', desiredComputeNodeCount: 0 }],
    });
    client = sdkClient(emulator);
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('lists compute environments with DescribeComputeEnvs', async () => {
    // Act
    const response = await sdkCall(client, 'DescribeComputeEnvs', { Limit: 10 });

    // Assert
    expect(response).toMatchObject({
      TotalCount: 1,
      ComputeEnvSet: [expect.objectContaining({ EnvId: ENV_ID, EnvName: 'render-pool' })],
    });
    expect(isUuid(response.RequestId)).toBe(true);
  });

  it('submits a job once per ClientToken and describes it', async () => {
    // Arrange
    const token = uniqueToken();
    const job = { JobName: 'sdk-render', Tasks: [anonymousTask('A', 'echo hi')] };
    const params = { Placement: PLACEMENT, Job: job, ClientToken: token };

    // Act
    const first = await sdkCall(client, 'SubmitJob', params);
    const second = await sdkCall(client, 'SubmitJob', params);
    const described = await sdkCall(client, 'DescribeJob', { JobId: first['JobId'] });

    // Assert
    expect(first['JobId']).toMatch(/^job-[a-z0-9]{8}$/);
    expect(second['JobId']).toBe(first['JobId']);
    expect(emulator.jobs()).toHaveLength(1);
    expect(described).toMatchObject({ JobId: first['JobId'], JobName: 'sdk-render' });
  });

  it('surfaces AuthFailure.SignatureFailure for a wrong SecretKey', async () => {
    // Arrange
    const wrong = sdkClient(emulator, 'not-the-key');

    // Act
    const error = await sdkCall(wrong, 'DescribeComputeEnvs', {}).then(
      () => undefined,
      (e: unknown) => e,
    );

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect(errorCodeOf(error)).toBe('AuthFailure.SignatureFailure');
    expect(emulator.calls().at(-1)?.errorCode).toBe('AuthFailure.SignatureFailure');
  });

  it('is accepted though signed the SDK way: service `127`, host without the port', async () => {
    // Arrange
    emulator.resetCalls();
    const sent: SentRequest[] = [];
    const record = (message: unknown): void => {
      sent.push(readSent((message as { request: ClientRequest }).request));
    };
    subscribe('http.client.request.start', record);

    // Act
    const response = await sdkCall(client, 'DescribeJobs', { Limit: 1 }).finally(() =>
      unsubscribe('http.client.request.start', record),
    );

    // Assert
    expect(response).toMatchObject({ TotalCount: 1 });
    expect(emulator.calls()).toEqual([expect.objectContaining({ errorCode: undefined })]);
    const [request] = sent;
    expect(sent).toHaveLength(1);
    expect(request?.host).toBe(new URL(emulator.url).host);
    const expected = signTc3({
      ...CREDENTIAL,
      method: 'POST',
      headers: { 'content-type': 'application/json', host: '127.0.0.1' },
      signedHeaders: ['content-type', 'host'],
      payload: JSON.stringify({ Limit: 1 }),
      service: '127',
      timestamp: Number(request?.timestamp),
    });
    expect(request?.authorization).toBe(expected.authorization);
  });
});
