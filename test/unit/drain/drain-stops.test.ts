import { afterEach, describe, expect, it } from 'vitest';
import { capBody, type DrainDeps, drainQueue } from '../../../lib/drain/index.js';
import { closeQueueWorlds } from '../../integration/queue/queue-world.js';
import { ample, createDrainWorld, JOB_SUCCEED } from './drain-world.js';

afterEach(closeQueueWorlds);

/** A remaining time that reads from a list, then stays at its last value. */
const dropping = (values: readonly number[]) => {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] ?? 0;
};

describe('drainQueue stops', () => {
  it('receives nothing more once the remaining time falls below the margin', async () => {
    // Arrange
    const world = await createDrainWorld();
    for (let i = 0; i < 3; i += 1) world.server.send('inbox', JOB_SUCCEED);
    const input = { ...ample, batchSize: 1, remainingMs: dropping([60_000, 60_000, 5_000]) };
    // Act
    const result = await drainQueue(input, world.deps);
    // Assert
    expect(result).toMatchObject({
      batches: 1,
      processed: 1,
      deleted: 1,
      stoppedBecause: 'deadline',
    });
    expect(world.server.depth('inbox')).toBe(2);
  });

  it('leaves a received batch unstarted when the deadline came during the receive', async () => {
    // Arrange
    const world = await createDrainWorld();
    for (let i = 0; i < 3; i += 1) world.server.send('inbox', JOB_SUCCEED);
    const input = { ...ample, remainingMs: dropping([60_000, 5_000]) };
    // Act
    const result = await drainQueue(input, world.deps);
    // Assert
    expect(result).toMatchObject({ received: 3, processed: 0, deleted: 0, kept: 3 });
    expect(result.stoppedBecause).toBe('deadline');
    expect(world.server.inFlight('inbox')).toBe(3);
    expect(world.calls()).toBe(0);
  });

  it('works a batch at once and deletes it in one call', async () => {
    // Arrange
    const world = await createDrainWorld();
    for (let i = 0; i < 5; i += 1) world.server.send('inbox', JOB_SUCCEED);
    // Act
    const result = await drainQueue({ ...ample, once: true }, world.deps);
    // Assert
    expect(result).toMatchObject({ received: 5, processed: 5, deleted: 5, kept: 0 });
    const deletes = world.server.requests().filter((r) => r.action === 'BatchDeleteMessage');
    expect(deletes).toHaveLength(1);
  });

  it.each([
    { name: 'once', input: { once: true }, batches: 1 },
    { name: 'max-batches', input: { maxBatches: 2 }, batches: 2 },
  ])('stops after $name', async ({ name, input, batches }) => {
    // Arrange
    const world = await createDrainWorld();
    for (let i = 0; i < 3; i += 1) world.server.send('inbox', JOB_SUCCEED);
    // Act
    const result = await drainQueue({ ...ample, ...input, batchSize: 1 }, world.deps);
    // Assert
    expect(result).toMatchObject({ batches, processed: batches, stoppedBecause: name });
  });

  it('reports a queue it cannot read', async () => {
    // Arrange
    const world = await createDrainWorld();
    world.server.injectFault({ code: 4440, message: 'queue is not exist' });
    // Act
    const result = await drainQueue(ample, world.deps);
    // Assert
    expect(result).toMatchObject({ received: 0, batches: 0, stoppedBecause: 'queue-failed' });
    expect(result.error?.message).toContain('4440');
    expect(world.logs().some((l) => l['message'] === 'queue drain failed')).toBe(true);
  });
});

describe('drainQueue decisions', () => {
  it('keeps a message whose processing threw', async () => {
    // Arrange
    const world = await createDrainWorld({
      process: async () => {
        throw new Error('bug');
      },
    });
    world.server.send('inbox', JOB_SUCCEED);
    // Act
    const result = await drainQueue(ample, world.deps);
    // Assert
    expect(result).toMatchObject({ received: 1, kept: 1, deleted: 0 });
    expect(world.server.inFlight('inbox')).toBe(1);
  });

  it('deletes a partly rejected message and logs the rejected part', async () => {
    // Arrange
    const world = await createDrainWorld();
    const body = JSON.stringify({ Events: [...JSON.parse(JOB_SUCCEED).Events, 'not an event'] });
    world.server.send('inbox', body);
    // Act
    const result = await drainQueue(ample, world.deps);
    // Assert
    expect(result).toMatchObject({ processed: 1, rejected: 0, deleted: 1 });
    const partly = world.logs().find((l) => l['message'] === 'queue message partly rejected');
    expect(partly).toMatchObject({ body, rejections: [{ where: 'Events[1]' }] });
  });

  it('processes anyway when the state store cannot be read or written', async () => {
    // Arrange
    const world = await createDrainWorld();
    const broken: DrainDeps['state'] = {
      get: async () => Promise.reject(new Error('store down')),
      setIfAbsent: async () => Promise.reject(new Error('store down')),
    };
    world.server.send('inbox', JOB_SUCCEED);
    // Act
    const result = await drainQueue(ample, { ...world.deps, state: broken });
    // Assert
    expect(result).toMatchObject({ processed: 1, deleted: 1 });
    expect(
      world.logs().filter((l) => String(l['message']).startsWith('processed-message')),
    ).toHaveLength(2);
  });
});

describe('capBody', () => {
  it('keeps a short body whole and cuts a long one on a character boundary', () => {
    // Arrange
    const long = `${'a'.repeat(2047)}€tail`;
    // Act
    const short = capBody('{"Events":[]}');
    const cut = capBody(long);
    // Assert
    expect(short).toEqual({ body: '{"Events":[]}', bodyBytes: 13, truncated: false });
    expect(cut).toEqual({
      body: 'a'.repeat(2047),
      bodyBytes: Buffer.byteLength(long),
      truncated: true,
    });
  });
});
