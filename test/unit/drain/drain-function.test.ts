import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHandler } from '../../../functions/drain.js';
import {
  cmqEndpointForRegion,
  createDrainDeps,
  type DrainResult,
  drainQueue,
} from '../../../lib/drain/index.js';
import { ConfigError, UpstreamError } from '../../../lib/errors.js';
import { staticCredentials } from '../../../lib/tencent/credentials.js';
import { closeQueueWorlds, createQueueWorld, KEYS } from '../../integration/queue/queue-world.js';
import { buildApp, JOB_SUCCEED } from './drain-world.js';

afterEach(closeQueueWorlds);

const context = { getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** The drain function's deps against a local queue, through BATCH_BRIDGE_CMQ_ENDPOINT. */
const drainWorld = async () => {
  const world = await createQueueWorld();
  const { app, env, logs } = buildApp({}, { BATCH_BRIDGE_CMQ_ENDPOINT: world.server.url });
  const deps = createDrainDeps(app, env, {
    credentials: staticCredentials(KEYS),
    settings: { pollingWaitSeconds: 0 },
  });
  return { world, app, deps, logs };
};

// The same table runs through the use case and through the handler.
const table = [
  { name: 'a job event', body: JOB_SUCCEED, counts: { processed: 1, rejected: 0, deleted: 1 } },
  { name: 'a bad body', body: '[1,2]', counts: { processed: 0, rejected: 1, deleted: 1 } },
];

describe('drain function', () => {
  it.each(table)('drains $name through the use case', async ({ body, counts }) => {
    // Arrange
    const { world, deps } = await drainWorld();
    world.server.send('inbox', body);
    // Act
    const result = await drainQueue({ ...deps.settings, remainingMs: () => 30_000 }, deps);
    // Assert
    expect(result).toMatchObject({ ...counts, stoppedBecause: 'empty' });
  });

  it.each(table)('drains $name through the handler', async ({ body, counts }) => {
    // Arrange
    const { world, deps } = await drainWorld();
    world.server.send('inbox', body);
    // Act
    const result: DrainResult = await buildHandler(deps)({}, context);
    // Assert
    expect(result).toMatchObject({ ...counts, stoppedBecause: 'empty' });
    expect(world.server.requests().every((r) => r.authCode === 0)).toBe(true);
  });

  it('sets the calls deadline from the remaining time', async () => {
    // Arrange
    const { app, deps } = await drainWorld();
    const before = Date.now();
    // Act
    await buildHandler(deps)({}, context);
    // Assert
    expect(app.deadline()).toBeGreaterThanOrEqual(before + 28_000);
    expect(app.deadline()).toBeLessThanOrEqual(Date.now() + 30_000);
  });

  it('fails the invocation when the queue cannot be read', async () => {
    // Arrange
    const { world, deps, logs } = await drainWorld();
    world.server.injectFault({ code: 4440, message: 'queue is not exist' });
    // Act
    const error = await buildHandler(deps)({}, context).catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(UpstreamError);
    expect(logs().some((l) => l['message'] === 'retryable failure')).toBe(true);
  });
});

describe('createDrainDeps', () => {
  it('derives the public endpoint from the region', () => {
    // Arrange
    const regions = ['ap-guangzhou', 'ap-shanghai', 'ap-nanjing'];
    // Act
    const endpoints = regions.map(cmqEndpointForRegion);
    // Assert
    expect(endpoints).toEqual([
      'https://cmq-gz.public.tencenttdmq.com',
      'https://cmq-sh.public.tencenttdmq.com',
      'https://cmq-nj.public.tencenttdmq.com',
    ]);
    expect(() => cmqEndpointForRegion('eu-frankfurt')).toThrow(/BATCH_BRIDGE_CMQ_ENDPOINT/);
  });

  it('builds a client for the configured region without an endpoint override', () => {
    // Arrange
    const { app, env } = buildApp();
    // Act
    const deps = createDrainDeps(app, env);
    // Assert
    expect(deps.settings).toMatchObject({ batchSize: 16, pollingWaitSeconds: 3 });
  });

  it('refuses a config without a queue', () => {
    // Arrange
    const { app, env } = buildApp({}, {}, null);
    // Act
    const build = () => createDrainDeps(app, env);
    // Assert
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/queue/);
  });
});
