import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDryRunExecutor } from '../../../lib/actions/index.js';
import type { Executor } from '../../../lib/actions/plan.js';
import { loadConfigFile } from '../../../lib/config/index.js';
import { handleDelivery } from '../../../lib/core/handle-delivery.js';
import { createLogger } from '../../../lib/logger.js';
import { recordCall } from '../../../lib/observe/call-trace.js';
import { createMetrics } from '../../../lib/observe/index.js';
import { compileRules } from '../../../lib/rules/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(resolve(ROOT, 'examples/deliveries', name), 'utf8'));
const rules = compileRules(loadConfigFile(resolve(ROOT, 'examples/bridge.yml'), { env: {} }));

const setup = (executor: Executor = createDryRunExecutor()) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ write: (l) => lines.push(JSON.parse(l)) });
  const metrics = createMetrics();
  const byMessage = (message: string) => lines.filter((l) => l['message'] === message);
  return { deps: { rules, executor, logger, metrics }, lines, byMessage, metrics };
};

describe('handleDelivery metrics', () => {
  it('logs one metrics line per delivery with what that delivery counted', async () => {
    // Arrange
    const { deps, byMessage } = setup();

    // Act
    await handleDelivery(fixture('topic-trigger.json'), deps);
    await handleDelivery(fixture('job-succeed.json'), deps);

    // Assert
    const [first, second] = byMessage('metrics');
    expect(first?.['metrics']).toEqual({
      deliveries: { 'topic-trigger': 1 },
      events: { TASK_INSTANCE_FAILED: 1, JOB_FAILED: 1 },
      actions: expect.any(Object),
    });
    expect(second?.['metrics']).toEqual({
      deliveries: { raw: 1 },
      events: { JOB_SUCCEED: 1 },
      actions: { 'encode-after-render.submitJob.planned': 1 },
    });
  });

  it('counts rejected items and a delivery nothing could be read from, by code', async () => {
    // Arrange
    const { deps, metrics } = setup();
    const garbage = { Records: [{ CMQ: { topicName: 't', msgId: '1', msgBody: '{"Events": [' } }] };

    // Act
    await handleDelivery(garbage, deps);

    // Assert
    expect(metrics.snapshot().counters).toEqual(
      expect.arrayContaining([
        { name: 'rejected_items', labels: { code: 'BODY_NOT_JSON' }, value: 1 },
        { name: 'rejected_deliveries', labels: { code: 'BODY_NOT_JSON' }, value: 1 },
      ]),
    );
  });

  it('adds each live action its duration and request ids', async () => {
    // Arrange
    const live: Executor = {
      mode: 'live',
      execute: async () => {
        recordCall({
          service: 'batch',
          action: 'SubmitJob',
          status: 200,
          requestId: 'r-9',
          durationMs: 1,
        });
        return { status: 'done', detail: { jobId: 'job-1' } };
      },
    };
    const { deps, byMessage } = setup(live);

    // Act
    await handleDelivery(fixture('job-succeed.json'), deps);

    // Assert
    expect(byMessage('action')).toEqual([
      expect.objectContaining({
        rule: 'encode-after-render',
        durationMs: expect.any(Number),
        requestIds: ['r-9'],
      }),
    ]);
  });

  it('leaves dry-run action lines without timing and logs no metrics without counters', async () => {
    // Arrange
    const { deps, byMessage } = setup();
    const { metrics: _unused, ...withoutMetrics } = deps;

    // Act
    await handleDelivery(fixture('job-succeed.json'), withoutMetrics);

    // Assert
    expect(byMessage('action')[0]).not.toHaveProperty('durationMs');
    expect(byMessage('metrics')).toEqual([]);
  });
});
