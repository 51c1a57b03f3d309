import { afterEach, describe, expect, it } from 'vitest';
import {
  buildCmqStringToSign,
  signCmqParams,
  signCmqString,
} from '../../../lib/tencent/cmq-index.js';
import { closeQueueWorlds, createQueueWorld, KEYS } from './queue-world.js';

afterEach(closeQueueWorlds);

/** A raw signed call, for the actions and checks the client does not exercise. */
const call = async (
  url: string,
  action: string,
  params: Record<string, string>,
  options: { nowMs?: number } = {},
): Promise<Record<string, unknown>> => {
  const signed = signCmqParams({
    action,
    params,
    ...KEYS,
    host: new URL(url).host,
    path: '/',
    timestampSeconds: Math.floor((options.nowMs ?? Date.now()) / 1000),
    nonce: 7,
  });
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(signed).toString(),
  });
  return (await response.json()) as Record<string, unknown>;
};

describe('createLocalQueueServer', () => {
  it('enqueues what a topic publishes to a queue subscription, as the raw JSON', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    const publish = server.asSubscriber('inbox');
    const message = { Events: [{ EventName: 'JOB_SUCCEED' }] };
    // Act
    publish('batch-events', message);
    const [received] = await client().receive();
    // Assert
    expect(received?.msgBody).toBe(JSON.stringify(message));
  });

  it('serves SendMessage, ReceiveMessage and DeleteMessage', async () => {
    // Arrange
    const { server } = await createQueueWorld();
    // Act
    const sent = await call(server.url, 'SendMessage', { queueName: 'inbox', msgBody: 'hi' });
    const received = await call(server.url, 'ReceiveMessage', { queueName: 'inbox' });
    const handle = String(received['receiptHandle']);
    const deleted = await call(server.url, 'DeleteMessage', {
      queueName: 'inbox',
      receiptHandle: handle,
    });
    const again = await call(server.url, 'DeleteMessage', {
      queueName: 'inbox',
      receiptHandle: handle,
    });
    const empty = await call(server.url, 'ReceiveMessage', { queueName: 'inbox' });
    // Assert
    expect(sent).toMatchObject({ code: 0, msgId: expect.any(String) });
    expect(received).toMatchObject({ code: 0, msgBody: 'hi', msgId: sent['msgId'] });
    expect(deleted).toMatchObject({ code: 0 });
    expect(again).toMatchObject({ code: 4430 });
    expect(empty).toMatchObject({ code: 7000 });
  });

  it('accepts receipt handles numbered from 1', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    server.send('inbox', 'a');
    const [message] = await client().receive();
    // Act
    const reply = await call(server.url, 'BatchDeleteMessage', {
      queueName: 'inbox',
      'receiptHandle.1': message?.receiptHandle ?? '',
    });
    // Assert
    expect(reply).toMatchObject({ code: 0 });
    expect(server.inFlight('inbox')).toBe(0);
  });

  it.each([
    { name: 'an unknown action', action: 'PurgeQueue', params: {}, code: 4000 },
    {
      name: 'an unknown queue',
      action: 'BatchReceiveMessage',
      params: { queueName: 'nope', numOfMsg: '1' },
      code: 4440,
    },
    {
      name: 'a bad numOfMsg',
      action: 'BatchReceiveMessage',
      params: { queueName: 'inbox', numOfMsg: '17' },
      code: 4000,
    },
  ])('answers $name with code $code', async ({ action, params, code }) => {
    // Arrange
    const { server } = await createQueueWorld();
    // Act
    const reply = await call(server.url, action, params);
    // Assert
    expect(reply).toMatchObject({ code });
  });

  it('refuses a stale timestamp and accepts HmacSHA1', async () => {
    // Arrange
    const { server } = await createQueueWorld();
    const host = new URL(server.url).host;
    const params: Record<string, string> = {
      Action: 'BatchReceiveMessage',
      queueName: 'inbox',
      numOfMsg: '1',
      SecretId: KEYS.secretId,
      Timestamp: String(Math.floor(Date.now() / 1000)),
      Nonce: '9',
    };
    const text = buildCmqStringToSign({ method: 'POST', host, path: '/', params });
    params['Signature'] = signCmqString(text, KEYS.secretKey, 'HmacSHA1');
    // Act
    const stale = await call(server.url, 'BatchReceiveMessage', params, {
      nowMs: Date.now() - 600_000,
    });
    const sha1 = await fetch(`${server.url}/`, {
      method: 'POST',
      body: new URLSearchParams(params),
    });
    // Assert
    expect(stale).toMatchObject({ code: 4100 });
    expect(await sha1.json()).toMatchObject({ code: 7000 });
  });

  it('ends a pending long poll when it closes', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    const started = Date.now();
    const pending = client({ maxAttempts: 1 })
      .receive({ pollingWaitSeconds: 10 })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    // Act
    await server.close();
    await pending;
    // Assert
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
