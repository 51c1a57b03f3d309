import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError, UpstreamError } from '../../../lib/errors.js';
import {
  buildCmqStringToSign,
  CmqApiError,
  type CmqQueueClientOptions,
  createCmqQueueClient,
  signCmqParams,
  signCmqString,
} from '../../../lib/tencent/cmq-index.js';
import { staticCredentials } from '../../../lib/tencent/credentials.js';
import { canonicalString } from '../../../sandbox/queue/index.js';
import { closeQueueWorlds, createQueueWorld, KEYS } from './queue-world.js';

afterEach(closeQueueWorlds);

/** Everything an error exposes: message, fields and causes, as a log line would show them. */
const exposed = (error: unknown): string => {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    parts.push(e.message, JSON.stringify({ ...e }));
  }
  return parts.join('\n');
};

describe('CMQ signature', () => {
  it("matches Tencent's documented HmacSHA256 example", () => {
    // Arrange
    const params = {
      Action: 'DescribeInstances',
      InstanceIds_0: 'ins-09dx96dg',
      Nonce: '11886',
      Region: 'ap-guangzhou',
      SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
      SignatureMethod: 'HmacSHA256',
      Timestamp: '1465185768',
    };
    const request = { method: 'GET', host: 'cvm.api.qcloud.com', path: '/v2/index.php', params };
    // Act
    const text = buildCmqStringToSign(request);
    const signature = signCmqString(text, 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA');
    // Assert
    expect(text).toBe(canonicalString({ ...request, params: new Map(Object.entries(params)) }));
    expect(text).toContain('&InstanceIds.0=ins-09dx96dg&');
    expect(signature).toBe('0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=');
  });

  it('is refused by the server when a signed parameter is changed', async () => {
    // Arrange
    const { server } = await createQueueWorld();
    const host = new URL(server.url).host;
    const signed = signCmqParams({
      action: 'BatchReceiveMessage',
      params: { queueName: 'inbox', numOfMsg: '1' },
      ...KEYS,
      host,
      path: '/v2/index.php',
      timestampSeconds: Math.floor(Date.now() / 1000),
      nonce: 42,
    });
    // Act
    const response = await fetch(`${server.url}/v2/index.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...signed, numOfMsg: '16' }).toString(),
    });
    // Assert
    expect(await response.json()).toMatchObject({ code: 4100 });
  });
});

describe('createCmqQueueClient failures', () => {
  it('retries throttling and 5xx answers, then succeeds', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    server.send('inbox', 'x');
    server.injectFault({ code: 4420 });
    server.injectFault({ status: 503 });
    // Act
    const messages = await client().receive();
    // Assert
    expect(messages).toHaveLength(1);
    expect(server.requests()).toHaveLength(3);
  });

  it('stops after maxAttempts with a retryable error', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    server.injectFault({ status: 502, times: 5 });
    // Act
    const error = await client({ maxAttempts: 2 })
      .delete(['h'])
      .catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'CMQ_API', status: 502, retryable: true });
    expect(server.requests()).toHaveLength(2);
  });

  it('sends nothing when no time is left before the deadline', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    // Act
    const error = await client({ deadline: () => Date.now() + 50 })
      .receive()
      .catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ code: 'CMQ_API', retryable: true });
    expect(server.requests()).toHaveLength(0);
  });

  it('shortens the polling wait to fit the deadline', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    // Act
    await client({ deadline: () => Date.now() + 6_500, timeoutMs: 5_000 }).receive({
      pollingWaitSeconds: 3,
    });
    // Assert
    expect(server.requests()[0]?.params['pollingWaitSeconds']).toBe('1');
  });

  it('keeps the secret key, token and signature out of errors', async () => {
    // Arrange
    const secrets = { ...KEYS, token: 'session-token-zyxw' };
    const { server, client } = await createQueueWorld({ credentials: secrets });
    server.injectFault({ code: 4000, message: `bad: ${secrets.secretKey} ${secrets.token}` });
    const wrongKey = staticCredentials({ ...secrets, secretKey: 'another-secret-key-987' });
    // Act
    const echoed = await client()
      .receive()
      .catch((e: unknown) => e);
    const denied = await client({ credentials: wrongKey })
      .receive()
      .catch((e: unknown) => e);
    // Assert
    const signature = server.requests()[0]?.params['Signature'] ?? 'missing';
    expect(echoed).toBeInstanceOf(CmqApiError);
    expect(denied).toMatchObject({ cmqCode: 4100 });
    for (const text of [exposed(echoed), exposed(denied)]) {
      for (const secret of [
        secrets.secretKey,
        secrets.token,
        'another-secret-key-987',
        signature,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(exposed(echoed)).toContain('[redacted]');
  });

  it('reports a network failure as retryable, without the request body', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    const url = server.url;
    await server.close();
    // Act
    const error = await client({ endpoint: url, maxAttempts: 2 })
      .receive()
      .catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ code: 'CMQ_API', retryable: true });
    expect(exposed(error)).not.toContain(KEYS.secretKey);
  });

  it('rejects bad arguments before sending anything', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    const queue = client();
    // Act
    const tooMany = await queue.receive({ max: 17 }).catch((e: unknown) => e);
    const handles = await queue
      .delete(Array.from({ length: 17 }, (_, i) => `h${i}`))
      .catch((e) => e);
    const none = await queue.delete([]);
    // Assert
    expect(tooMany).toBeInstanceOf(BridgeError);
    expect(handles).toMatchObject({ code: 'INTERNAL' });
    expect(none).toEqual({ deleted: [], failed: [] });
    expect(server.requests()).toHaveLength(0);
  });

  it('refuses options it does not know', () => {
    // Arrange
    const options = {
      credentials: staticCredentials(KEYS),
      endpoint: 'http://127.0.0.1:1',
      queueName: 'inbox',
      timeout: 5,
    } as CmqQueueClientOptions;
    // Act
    const build = () => createCmqQueueClient(options);
    // Assert
    expect(build).toThrow(/CMQ client options/);
  });

  it('wraps a failing credential provider once, as retryable', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    const cause = new Error('metadata service unreachable');
    // Act
    const error = await client({ credentials: () => Promise.reject(cause) })
      .receive()
      .catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'CMQ_API', retryable: true, cause });
    expect(server.requests()).toHaveLength(0);
  });
});
