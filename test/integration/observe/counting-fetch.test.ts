import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../../../lib/alerts/channel.js';
import { createNodeHttpFetch } from '../../../lib/http/index.js';
import {
  countingHttpFetch,
  createMetrics,
  type Metrics,
  metricsLogFields,
  withCallTrace,
} from '../../../lib/observe/index.js';
import { createBatchClient, staticCredentials } from '../../../lib/tencent/index.js';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';
import { closeQueueWorlds, createQueueWorld } from '../queue/queue-world.js';

const CREDENTIAL = { secretId: 'AKIDobserveTEST0001', secretKey: 'observe-secret-0001' };
const transport = createNodeHttpFetch();
let emulator: BatchEmulator;

beforeAll(async () => {
  emulator = await createBatchEmulator({
    credentials: [CREDENTIAL],
    envs: [{ envId: 'env-obs01', envName: 'obs-pool', desiredComputeNodeCount: 0 }],
  });
});

afterEach(() => {
  emulator.resetFaults();
});

afterAll(async () => {
  transport.destroy();
  await emulator.close();
  await closeQueueWorlds();
});

const batchClient = (metrics: Metrics, sleep: (ms: number) => Promise<void> = async () => {}) =>
  createBatchClient({
    credentials: staticCredentials(CREDENTIAL),
    region: 'ap-guangzhou',
    endpoint: emulator.url,
    fetch: countingHttpFetch(transport, { metrics, service: 'batch' }),
    maxAttempts: 3,
    random: () => 0,
    sleep,
    timeoutMs: 5000,
  });

describe('countingHttpFetch against the Batch emulator', () => {
  it('counts a call by its X-TC-Action and leaves the body whole for the client', async () => {
    // Arrange
    const metrics = createMetrics();
    const client = batchClient(metrics);

    // Act
    const traced = await withCallTrace(() => client.call('DescribeComputeEnvs', {}));

    // Assert
    expect(traced.value).toMatchObject({ TotalCount: 1, RequestId: expect.any(String) });
    expect(traced.calls).toEqual([
      {
        service: 'batch',
        action: 'DescribeComputeEnvs',
        status: 200,
        requestId: traced.value.RequestId,
        durationMs: expect.any(Number),
      },
    ]);
    expect(metricsLogFields(metrics.flush())).toEqual({
      api_calls: { 'batch.DescribeComputeEnvs': 1 },
    });
  });

  it('counts every attempt, the retries beyond the first and each throttle', async () => {
    // Arrange
    const metrics = createMetrics();
    emulator.setFaults({ throttle: { DescribeComputeEnvs: 1 } });
    const client = batchClient(metrics);

    // Act
    const run = client.call('DescribeComputeEnvs', {});

    // Assert
    await expect(run).rejects.toMatchObject({ apiCode: 'RequestLimitExceeded' });
    expect(metricsLogFields(metrics.flush())).toEqual({
      api_calls: { 'batch.DescribeComputeEnvs': 3 },
      api_retries: { 'batch.DescribeComputeEnvs': 2 },
      api_throttles: { 'batch.DescribeComputeEnvs': 3 },
      api_errors: { 'batch.DescribeComputeEnvs.RequestLimitExceeded': 3 },
    });
  });

  it('counts a retry that succeeds once the throttle lifts', async () => {
    // Arrange
    const metrics = createMetrics();
    emulator.setFaults({ throttle: { DescribeComputeEnvs: 1 } });
    const client = batchClient(metrics, async () => emulator.resetFaults());

    // Act
    const response = await client.call('DescribeComputeEnvs', {});

    // Assert
    expect(response).toMatchObject({ TotalCount: 1 });
    expect(metricsLogFields(metrics.flush())).toEqual({
      api_calls: { 'batch.DescribeComputeEnvs': 2 },
      api_retries: { 'batch.DescribeComputeEnvs': 1 },
      api_throttles: { 'batch.DescribeComputeEnvs': 1 },
      api_errors: { 'batch.DescribeComputeEnvs.RequestLimitExceeded': 1 },
    });
  });

  it('counts an HTTP 500 by the error code its envelope carries', async () => {
    // Arrange
    const metrics = createMetrics();
    emulator.setFaults({ http500Rate: 1 });
    const client = batchClient(metrics);

    // Act
    const run = client.call('DescribeComputeEnvs', {});

    // Assert
    await expect(run).rejects.toMatchObject({ status: 500 });
    expect(metricsLogFields(metrics.flush())).toMatchObject({
      api_calls: { 'batch.DescribeComputeEnvs': 3 },
      api_retries: { 'batch.DescribeComputeEnvs': 2 },
      api_errors: { 'batch.DescribeComputeEnvs.InternalError': 3 },
    });
  });
});

/** A webhook endpoint answering each request with the next status of the list, then 200. */
const startHook = async (statuses: number[]): Promise<{ server: Server; url: string }> => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook` };
};

describe('countingHttpFetch for a channel', () => {
  it('counts posts by channel name, a 503 as an error and the repeat as a retry', async () => {
    // Arrange
    const metrics = createMetrics();
    const hook = await startHook([503]);
    const fetch = countingHttpFetch(globalThis.fetch, { metrics, service: 'channel', name: 'ops' });
    const channel = createChannel(
      'ops',
      { type: 'webhook', url: hook.url },
      { fetch, sleep: async () => {}, random: () => 0 },
    );

    // Act
    const result = await channel.send({ title: 't', text: 'x', severity: 'warning', fields: [] });
    hook.server.close();
    await once(hook.server, 'close');

    // Assert
    expect(result).toMatchObject({ status: 'sent', attempts: 2 });
    expect(metricsLogFields(metrics.flush())).toEqual({
      api_calls: { 'channel.ops': 2 },
      api_retries: { 'channel.ops': 1 },
      api_errors: { 'channel.ops.HTTP_503': 1 },
    });
  });
});

describe('countingHttpFetch for the CMQ queue client', () => {
  it('reads the action from the form and a throttle from the JSON code', async () => {
    // Arrange
    const metrics = createMetrics();
    const world = await createQueueWorld();
    world.server.send('inbox', 'x');
    world.server.injectFault({ code: 4420 });
    const fetch = countingHttpFetch(globalThis.fetch, { metrics, service: 'cmq' });

    // Act
    const messages = await world.client({ fetch }).receive();

    // Assert
    expect(messages).toHaveLength(1);
    const fields = metricsLogFields(metrics.flush());
    const [action] = Object.keys(fields.api_calls ?? {});
    expect(action).toMatch(/^cmq\.[A-Z][A-Za-z]+Message$/);
    expect(fields).toEqual({
      api_calls: { [`${action}`]: 2 },
      api_retries: { [`${action}`]: 1 },
      api_throttles: { [`${action}`]: 1 },
      api_errors: { [`${action}.CMQ_4420`]: 1 },
    });
  });
});
