import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { buildHandler as buildHttpHandler } from '../../../functions/http.js';
import { buildHandler as buildTopicHandler } from '../../../functions/topic.js';
import type { ActionOutcome, Executor } from '../../../lib/actions/plan.js';
import { type AppOverrides, createDeps } from '../../../lib/app.js';
import { loadSettings } from '../../../lib/config/index.js';
import { handleDelivery } from '../../../lib/core/handle-delivery.js';
import { createLogger } from '../../../lib/logger.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(resolve(ROOT, 'examples/deliveries', name), 'utf8'));
const context = {
  functionName: 'test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const makeDeps = (overrides: AppOverrides = {}) => {
  const lines: string[] = [];
  const settings = loadSettings({
    BATCH_BRIDGE_CONFIG: 'examples/bridge.yml',
    BATCH_BRIDGE_DRY_RUN: 'true',
  });
  const logger = createLogger({ write: (l) => lines.push(l) });
  return { deps: createDeps(settings, { USER_CODE_ROOT: ROOT }, { logger, ...overrides }), lines };
};

const failing = (retryable: boolean): Executor => ({
  mode: 'live',
  execute: async (): Promise<ActionOutcome> => ({
    status: 'failed',
    error: { code: 'TENCENT_API', message: 'RequestLimitExceeded' },
    retryable,
  }),
});

// The same table runs through the use case and through each handler.
const table = [
  { name: 'topic-trigger.json', events: 2, planned: 4 },
  { name: 'http-push-json.json', events: 1, planned: 2 },
  { name: 'function-url.json', events: 1, planned: 1 },
  { name: 'job-succeed.json', events: 1, planned: 1 },
];

describe('handleDelivery', () => {
  it.each(table)('plans $name', async ({ name, events, planned }) => {
    // Arrange
    const { deps } = makeDeps();
    // Act
    const summary = await handleDelivery(fixture(name), deps);
    // Assert
    expect(summary).toMatchObject({ events, actions: { planned }, retry: false, rejected: [] });
  });

  it('logs one line per action, one per delivery and its metrics, without webhook urls', async () => {
    // Arrange
    const { deps, lines } = makeDeps();
    // Act
    await handleDelivery(fixture('topic-trigger.json'), deps);
    // Assert
    const messages = lines.map((l) => (JSON.parse(l) as { message: string }).message);
    expect(messages).toEqual(['action', 'action', 'action', 'action', 'delivery', 'metrics']);
    expect(lines.join('\n')).not.toContain('qyapi.weixin.qq.com');
  });
});

describe('functions/topic', () => {
  it.each(table)('returns the summary of $name', async ({ name, events, planned }) => {
    // Arrange
    const handler = buildTopicHandler(makeDeps().deps);
    // Act
    const summary = await handler(fixture(name), context);
    // Assert
    expect(summary).toMatchObject({ events, actions: { planned } });
  });

  it('throws so SCF retries when an action failed for a retryable reason', async () => {
    // Arrange
    const handler = buildTopicHandler(makeDeps({ executor: failing(true) }).deps);
    // Act
    const run = handler(fixture('topic-trigger.json'), context);
    // Assert
    await expect(run).rejects.toMatchObject({ code: 'UPSTREAM', retryable: true });
  });

  it('acknowledges a permanent failure and a body that is not JSON', async () => {
    // Arrange
    const handler = buildTopicHandler(makeDeps({ executor: failing(false) }).deps);
    const garbage = { Records: [{ CMQ: { topicName: 't', msgId: '1', msgBody: '{"Events": [' } }] };
    // Act
    const permanent = await handler(fixture('topic-trigger.json'), context);
    const rejected = await handler(garbage, context);
    // Assert
    expect(permanent.actions.failed).toBe(4);
    expect(rejected.rejected).toEqual([expect.objectContaining({ code: 'BODY_NOT_JSON' })]);
  });
});

describe('functions/http', () => {
  it.each(table)('answers 200 with the summary of $name', async ({ name, events, planned }) => {
    // Arrange
    const handler = buildHttpHandler(makeDeps().deps);
    // Act
    const response = await handler(fixture(name), context);
    // Assert
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ events, actions: { planned } });
  });

  it('answers 503 when the push must redeliver, 405 to anything but POST', async () => {
    // Arrange
    const retrying = buildHttpHandler(makeDeps({ executor: failing(true) }).deps);
    const handler = buildHttpHandler(makeDeps().deps);
    // Act
    const busy = await retrying(fixture('function-url.json'), context);
    const get = await handler({ httpMethod: 'GET', path: '/', headers: {}, body: '' }, context);
    // Assert
    expect(busy.statusCode).toBe(503);
    expect(get.statusCode).toBe(405);
  });

  it('acknowledges a malformed push with 200 and says why', async () => {
    // Arrange
    const handler = buildHttpHandler(makeDeps().deps);
    // Act
    const response = await handler(
      { httpMethod: 'POST', path: '/', headers: {}, body: 'not json' },
      context,
    );
    // Assert
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).rejected).toEqual([
      expect.objectContaining({ code: 'BODY_NOT_JSON' }),
    ]);
  });

  it('answers 500 without internals when something unexpected breaks', async () => {
    // Arrange
    const broken: Executor = {
      mode: 'live',
      execute: () => {
        throw new Error('secret-ish detail');
      },
    };
    const { deps } = makeDeps({ executor: broken });
    const handler = buildHttpHandler({ ...deps, rules: undefined as never });
    // Act
    const response = await handler(fixture('function-url.json'), context);
    // Assert
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret-ish');
  });
});
