import { afterEach, describe, expect, it } from 'vitest';
import { CmqApiError } from '../../../lib/tencent/cmq-index.js';
import { staticCredentials } from '../../../lib/tencent/credentials.js';
import { closeQueueWorlds, createQueueWorld, INBOX, KEYS } from './queue-world.js';

afterEach(closeQueueWorlds);

describe('createCmqQueueClient', () => {
  it('receives and deletes messages, each request verified by the server', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    for (const body of ['one', 'two', 'three']) server.send('inbox', body);
    const queue = client();
    // Act
    const messages = await queue.receive({ max: 16 });
    const result = await queue.delete(messages.map((m) => m.receiptHandle));
    // Assert
    expect(messages.map((m) => m.msgBody)).toEqual(['one', 'two', 'three']);
    expect(messages[0]).toMatchObject({ dequeueCount: 1, msgId: expect.any(String) });
    expect(result).toEqual({ deleted: messages.map((m) => m.receiptHandle), failed: [] });
    expect(server.depth('inbox') + server.inFlight('inbox')).toBe(0);
    const requests = server.requests();
    expect(requests.map((r) => [r.action, r.authCode, r.path])).toEqual([
      ['BatchReceiveMessage', 0, '/v2/index.php'],
      ['BatchDeleteMessage', 0, '/v2/index.php'],
    ]);
    expect(requests[0]?.params).toMatchObject({ SignatureMethod: 'HmacSHA256', numOfMsg: '16' });
  });

  it('answers [] for an empty queue (code 7000)', async () => {
    // Arrange
    const { client } = await createQueueWorld();
    // Act
    const messages = await client().receive({ max: 4, pollingWaitSeconds: 0 });
    // Assert
    expect(messages).toEqual([]);
  });

  it('waits for a message within the polling wait', async () => {
    // Arrange
    const { server, client } = await createQueueWorld();
    setTimeout(() => server.send('inbox', 'late'), 150);
    // Act
    const messages = await client().receive({ max: 1, pollingWaitSeconds: 2 });
    // Assert
    expect(messages.map((m) => m.msgBody)).toEqual(['late']);
  });

  it('redelivers after the visibility timeout with a new receipt handle', async () => {
    // Arrange
    const { server, client, clock } = await createQueueWorld();
    server.send('inbox', 'again');
    const queue = client();
    const [first] = await queue.receive();
    // Act
    const hidden = await queue.receive();
    clock.advance(INBOX.visibilityTimeoutSeconds * 1000 + 1000);
    const [second] = await queue.receive();
    // Assert
    expect(hidden).toEqual([]);
    expect(second?.msgId).toBe(first?.msgId);
    expect(second?.receiptHandle).not.toBe(first?.receiptHandle);
    expect(second?.dequeueCount).toBe(2);
  });

  it('reports a stale receipt handle as a per-handle failure (code 6010)', async () => {
    // Arrange
    const { server, client, clock } = await createQueueWorld();
    server.send('inbox', 'a');
    const queue = client();
    const [stale] = await queue.receive();
    clock.advance(31_000);
    server.send('inbox', 'b');
    const fresh = await queue.receive();
    const staleHandle = stale?.receiptHandle ?? '';
    const freshB = fresh.find((m) => m.msgBody === 'b')?.receiptHandle ?? '';
    // Act
    const result = await queue.delete([staleHandle, freshB]);
    // Assert
    expect(result.deleted).toEqual([freshB]);
    expect(result.failed).toEqual([
      { receiptHandle: staleHandle, code: 4430, message: 'invalid receiptHandle' },
    ]);
    expect(server.inFlight('inbox')).toBe(1);
  });

  it('reports every handle failed when none can be deleted (code 6020)', async () => {
    // Arrange
    const { client } = await createQueueWorld();
    // Act
    const result = await client().delete(['nope-1', 'nope-2']);
    // Assert
    expect(result.deleted).toEqual([]);
    expect(result.failed.map((f) => [f.receiptHandle, f.code])).toEqual([
      ['nope-1', 4430],
      ['nope-2', 4430],
    ]);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    // Arrange
    const dlq = { name: 'inbox-dlq', visibilityTimeoutSeconds: 30, retentionSeconds: 43_200 };
    const inbox = { ...INBOX, maxReceiveCount: 3, deadLetterQueue: 'inbox-dlq' };
    const { server, client, clock } = await createQueueWorld({ queues: [inbox, dlq] });
    const msgId = server.send('inbox', 'poison');
    const queue = client();
    // Act
    const counts: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      counts.push((await queue.receive()).length);
      clock.advance(31_000);
    }
    const dead = await client({ queueName: 'inbox-dlq' }).receive();
    // Assert
    expect(counts).toEqual([1, 1, 1, 0]);
    expect(server.deadLetters('inbox')).toMatchObject([{ msgId, body: 'poison', receiveCount: 3 }]);
    expect(dead.map((m) => [m.msgId, m.msgBody])).toEqual([[msgId, 'poison']]);
  });

  it('lets messages expire after the retention period, received or not', async () => {
    // Arrange
    const { server, client, clock } = await createQueueWorld();
    server.send('inbox', 'old');
    // Act
    clock.advance(INBOX.retentionSeconds * 1000);
    const messages = await client().receive();
    // Assert
    expect(messages).toEqual([]);
    expect(server.depth('inbox')).toBe(0);
  });

  it('signs and sends Token with temporary credentials', async () => {
    // Arrange
    const temporary = { ...KEYS, token: 'session-token-abcdef' };
    const { server, client } = await createQueueWorld({ credentials: temporary });
    server.send('inbox', 'x');
    // Act
    const messages = await client().receive();
    // Assert
    expect(messages).toHaveLength(1);
    expect(server.requests()[0]).toMatchObject({ authCode: 0, params: { Token: temporary.token } });
  });

  it('fails without retrying when the token is missing (code 4100)', async () => {
    // Arrange
    const { server, client } = await createQueueWorld({ credentials: { ...KEYS, token: 'tok-1' } });
    // Act
    const error = await client({ credentials: staticCredentials(KEYS) })
      .receive()
      .catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(CmqApiError);
    expect(error).toMatchObject({
      cmqCode: 4100,
      retryable: false,
      operation: 'BatchReceiveMessage',
    });
    expect(server.requests()).toHaveLength(1);
  });
});
