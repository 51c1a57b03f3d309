import { afterEach, describe, expect, it } from 'vitest';
import { drainQueue, processedKey, type QueueMessage } from '../../../lib/drain/index.js';
import { closeQueueWorlds, INBOX } from '../../integration/queue/queue-world.js';
import { ample, createDrainWorld, failingExecutor, JOB_SUCCEED } from './drain-world.js';

afterEach(closeQueueWorlds);

describe('drainQueue', () => {
  it('deletes a handled message and marks it processed', async () => {
    // Arrange
    const world = await createDrainWorld();
    const msgId = world.server.send('inbox', JOB_SUCCEED);
    // Act
    const result = await drainQueue(ample, world.deps);
    // Assert
    expect(result).toEqual({
      ...{ received: 1, processed: 1, deleted: 1, kept: 0, rejected: 0, duplicates: 0 },
      ...{ deleteFailed: 0, batches: 2, stoppedBecause: 'empty' },
    });
    expect(world.server.depth('inbox') + world.server.inFlight('inbox')).toBe(0);
    expect(await world.deps.state.get(processedKey(msgId))).toBeDefined();
    const action = world.logs().find((l) => l['message'] === 'action');
    expect(action).toMatchObject({ rule: 'encode-after-render', outcome: { status: 'planned' } });
  });

  it('gives the events the queue as their source, with the message id', async () => {
    // Arrange
    const seen: { kind: string; messageId: string | undefined }[] = [];
    const executor = {
      mode: 'live' as const,
      execute: (_plan: unknown, event: { source: { kind: string; messageId?: string } }) => {
        seen.push({ kind: event.source.kind, messageId: event.source.messageId });
        return { status: 'done' as const };
      },
    };
    const world = await createDrainWorld({ executor });
    const msgId = world.server.send('inbox', JOB_SUCCEED);
    // Act
    await drainQueue(ample, world.deps);
    // Assert
    expect(seen).toEqual([{ kind: 'queue', messageId: msgId }]);
  });

  it('deletes a cleanly rejected message and logs its capped body', async () => {
    // Arrange
    const world = await createDrainWorld();
    const big = `{"Events":[],"pad":"${'é'.repeat(3000)}"}`;
    const badId = world.server.send('inbox', 'not json at all');
    const bigId = world.server.send('inbox', big);
    // Act
    const result = await drainQueue(ample, world.deps);
    // Assert
    expect(result).toMatchObject({ received: 2, rejected: 2, processed: 0, deleted: 2, kept: 0 });
    const rejected = world.logs().filter((l) => l['message'] === 'queue message rejected');
    expect(rejected.map((l) => l['msgId'])).toEqual([badId, bigId]);
    expect(rejected[0]).toMatchObject({ body: 'not json at all', truncated: false });
    expect(rejected[0]?.['rejections']).toMatchObject([{ code: 'BODY_UNDECODABLE' }]);
    const capped = String(rejected[1]?.['body']);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(2048);
    expect(capped).not.toContain('\uFFFD');
    expect(rejected[1]).toMatchObject({ truncated: true, bodyBytes: Buffer.byteLength(big) });
  });

  it('keeps a message whose action failed for a retryable reason, then handles it', async () => {
    // Arrange
    const world = await createDrainWorld({ executor: failingExecutor(true) });
    const msgId = world.server.send('inbox', JOB_SUCCEED);
    // Act
    const first = await drainQueue(ample, world.deps);
    const marked = await world.deps.state.get(processedKey(msgId));
    world.clock.advance(INBOX.visibilityTimeoutSeconds * 1000 + 1000);
    const again = await drainQueue(ample, world.deps);
    // Assert
    expect(first).toMatchObject({ received: 1, kept: 1, deleted: 0, processed: 0 });
    expect(marked).toBeUndefined();
    expect(again).toMatchObject({ received: 1, kept: 1 });
    expect(world.server.inFlight('inbox')).toBe(1);
    expect(world.calls()).toBe(2);
  });

  it('deletes a message whose action failed for good, as handled', async () => {
    // Arrange
    const world = await createDrainWorld({ executor: failingExecutor(false) });
    world.server.send('inbox', JOB_SUCCEED);
    // Act
    const result = await drainQueue(ample, world.deps);
    // Assert
    expect(result).toMatchObject({ processed: 1, deleted: 1, kept: 0 });
  });

  it('deletes an already processed message without processing it again', async () => {
    // Arrange
    const world = await createDrainWorld();
    const msgId = world.server.send('inbox', JOB_SUCCEED);
    await world.deps.state.setIfAbsent(processedKey(msgId), 60_000, '1');
    // Act
    const result = await drainQueue(ample, world.deps);
    // Assert
    expect(result).toMatchObject({ received: 1, duplicates: 1, deleted: 1, processed: 0 });
    expect(world.calls()).toBe(0);
    expect(world.server.inFlight('inbox')).toBe(0);
  });

  it('does not repeat effects when a lost delete brings a message back', async () => {
    // Arrange
    const world = await createDrainWorld();
    world.server.send('inbox', JOB_SUCCEED);
    world.server.injectFault({ action: 'BatchDeleteMessage', status: 500 });
    const deps = { ...world.deps, queue: world.client({ maxAttempts: 1 }) };
    // Act
    const lost = await drainQueue(ample, deps);
    world.clock.advance(INBOX.visibilityTimeoutSeconds * 1000 + 1000);
    const back = await drainQueue(ample, world.deps);
    // Assert
    expect(lost).toMatchObject({ processed: 1, deleteFailed: 1, stoppedBecause: 'queue-failed' });
    expect(lost.error).toMatchObject({ code: 'CMQ_API' });
    expect(back).toMatchObject({ duplicates: 1, deleted: 1, processed: 0 });
    expect(world.calls()).toBe(1);
  });

  it('counts a handle that went stale during processing, and deletes it when it comes back', async () => {
    // Arrange
    const world = await createDrainWorld();
    world.server.send('inbox', JOB_SUCCEED);
    const slow = {
      ...world.deps,
      process: async (body: string, message: QueueMessage) => {
        world.clock.advance(INBOX.visibilityTimeoutSeconds * 1000 + 1000);
        return world.deps.process(body, message);
      },
    };
    // Act
    const stale = await drainQueue({ ...ample, once: true }, slow);
    const back = await drainQueue(ample, world.deps);
    // Assert
    expect(stale).toMatchObject({
      processed: 1,
      deleted: 0,
      deleteFailed: 1,
      stoppedBecause: 'once',
    });
    expect(world.logs().some((l) => l['message'] === 'queue message not deleted')).toBe(true);
    expect(back).toMatchObject({ duplicates: 1, deleted: 1 });
    expect(world.calls()).toBe(1);
  });
});
