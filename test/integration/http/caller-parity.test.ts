import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../../lib/alerts/http.js';
import { createNodeHttpFetch, type HttpFetch } from '../../../lib/http/index.js';
import { sendBatchRequest } from '../../../lib/tencent/batch-transport.js';
import { closedPort, type LoopbackServer, startLoopbackServer } from './loopback-server.js';

/**
 * The adapters classify failures by the signal that fired, the error's name and `cause.code`.
 * Each case runs through undici's fetch and the node:http one: the verdicts must be the same.
 */

let server: LoopbackServer;
let refusedUrl: string;
const nodeFetch = createNodeHttpFetch();
const transports: readonly { readonly name: string; readonly fetch: HttpFetch }[] = [
  { name: 'global fetch', fetch: globalThis.fetch },
  { name: 'node:http fetch', fetch: nodeFetch },
];

beforeAll(async () => {
  // Answers /slow never, and everything else after the headers with a stalled body.
  server = await startLoopbackServer((req, res) => {
    if (req.url !== '/slow') res.writeHead(200, { 'content-length': '10' }).write('{');
  });
  refusedUrl = `http://127.0.0.1:${await closedPort()}/`;
});

afterAll(async () => {
  nodeFetch.destroy();
  await server.close();
});

const abortSoon = (): AbortSignal => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 30);
  return controller.signal;
};

describe('alerts postJson over either transport', () => {
  it.each(transports)('classifies timeouts, aborts and refusals alike with $name', async (t) => {
    // Arrange
    const post = (url: string, signal?: AbortSignal) =>
      postJson(
        { url, body: '{}', secrets: [] },
        { fetch: t.fetch, timeoutMs: 60, ...(signal ? { signal } : {}) },
      );

    // Act
    const outcomes = [
      await post(`${server.url}/slow`),
      await post(`${server.url}/stalled-body`),
      await post(`${server.url}/slow`, abortSoon()),
      await post(refusedUrl),
    ];

    // Assert
    const codes = outcomes.map((o) => (o.kind === 'no-reply' ? o.verdict : undefined));
    expect(codes).toMatchObject([
      { code: 'TIMEOUT' },
      { code: 'TIMEOUT' },
      { code: 'ABORTED' },
      { code: 'ECONNREFUSED' },
    ]);
  });
});

describe('sendBatchRequest over either transport', () => {
  it.each(transports)('reports timeouts, aborts and refusals alike with $name', async (t) => {
    // Arrange
    const send = (url: string, signal?: AbortSignal) =>
      sendBatchRequest({
        action: 'DescribeJob',
        body: '{}',
        region: 'ap-guangzhou',
        credentials: { secretId: 'AKIDtest', secretKey: 'test-secret-key' },
        endpoint: new URL(url),
        fetch: t.fetch,
        timeoutMs: 60,
        signal,
        nowMs: Date.now(),
        safeToRepeat: true,
      });

    // Act
    const results = [
      await send(`${server.url}/slow`),
      await send(`${server.url}/stalled-body`),
      await send(`${server.url}/slow`, abortSoon()),
      await send(refusedUrl),
    ];

    // Assert
    const failures = results.map((r) => (r.ok ? undefined : [r.error.message, r.retryNow]));
    expect(failures).toEqual([
      ['Batch DescribeJob: no response within 60 ms', true],
      ['Batch DescribeJob: no response within 60 ms', true],
      ['Batch DescribeJob: aborted by the caller', false],
      ['Batch DescribeJob: request failed without a response (network error)', true],
    ]);
  });
});
