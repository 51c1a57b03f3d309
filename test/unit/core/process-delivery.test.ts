import { describe, expect, it } from 'vitest';
import { createDryRunExecutor } from '../../../lib/actions/index.js';
import type { ActionOutcome, Executor, PlannedAction } from '../../../lib/actions/plan.js';
import { BridgeConfigSchema } from '../../../lib/config/schema.js';
import { processDelivery } from '../../../lib/core/process-delivery.js';
import { silentLogger } from '../../../lib/logger.js';
import { compileRules } from '../../../lib/rules/index.js';

const config = BridgeConfigSchema.parse({
  version: 1,
  channels: {
    oncall: { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=t' },
  },
  rules: [
    { name: 'failures', on: 'TASK_INSTANCE_FAILED', do: [{ alert: { channel: 'oncall' } }] },
    {
      name: 'pool',
      on: 'TASK_INSTANCE_*',
      if: { envId: 'env-a' },
      do: [{ scaleEnv: { envId: 'env-a', max: 10 } }],
    },
  ],
});

const instance = (name: string, index: number) => ({
  EventVersion: '1.0',
  EventTime: '2026-11-20T08:00:00Z',
  Region: 'ap-guangzhou',
  EventName: name,
  EventVars: [],
  Batch: { JobId: 'job-1', TaskName: 'frame', TaskInstanceIndex: index, EnvId: 'env-a' },
});

const recordingExecutor = (outcome: (p: PlannedAction) => ActionOutcome) => {
  const calls: PlannedAction[] = [];
  const executor: Executor = {
    mode: 'live',
    execute: async (p) => {
      calls.push(p);
      return outcome(p);
    },
  };
  return { executor, calls };
};

describe('processDelivery', () => {
  it('plans every event of a delivery and reports a rejected event without losing the others', async () => {
    // Arrange
    const deps = {
      rules: compileRules(config),
      executor: createDryRunExecutor(),
      logger: silentLogger,
    };
    const body = JSON.stringify({
      Events: [
        instance('TASK_INSTANCE_FAILED', 1),
        { EventTime: 'x' },
        instance('TASK_INSTANCE_RUNNING', 2),
      ],
    });
    // Act
    const result = await processDelivery(body, deps);
    // Assert
    expect(result.events.map((e) => e.event.name)).toEqual([
      'TASK_INSTANCE_FAILED',
      'TASK_INSTANCE_RUNNING',
    ]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.error.code).toBe('EVENT_INVALID');
    expect(result.events[0]?.actions.map((a) => a.planned.action)).toEqual(['alert', 'scaleEnv']);
    expect(result.retry).toBe(false);
  });

  it('reconciles an env once per delivery however many events touch it', async () => {
    // Arrange
    const { executor, calls } = recordingExecutor(() => ({ status: 'done' }));
    const deps = { rules: compileRules(config), executor, logger: silentLogger };
    const events = [1, 2, 3, 4].map((i) => instance('TASK_INSTANCE_RUNNING', i));
    // Act
    const result = await processDelivery({ Events: events }, deps);
    // Assert
    expect(calls.filter((c) => c.action === 'scaleEnv')).toHaveLength(1);
    const outcomes = result.events.map((e) => e.actions[0]?.outcome.status);
    expect(outcomes).toEqual(['done', 'skipped', 'skipped', 'skipped']);
  });

  it('asks for a retry only when an action failed for a retryable reason', async () => {
    // Arrange
    const failing = (retryable: boolean) =>
      recordingExecutor(() => ({
        status: 'failed',
        error: { code: 'TENCENT_API', message: 'throttled' },
        retryable,
      }));
    const body = { Events: [instance('TASK_INSTANCE_FAILED', 1)] };
    // Act
    const retryable = await processDelivery(body, {
      rules: compileRules(config),
      executor: failing(true).executor,
      logger: silentLogger,
    });
    const permanent = await processDelivery(body, {
      rules: compileRules(config),
      executor: failing(false).executor,
      logger: silentLogger,
    });
    // Assert
    expect(retryable.retry).toBe(true);
    expect(permanent.retry).toBe(false);
  });

  it('turns an executor that throws into a failed, non-retryable outcome', async () => {
    // Arrange
    const executor: Executor = {
      mode: 'live',
      execute: async () => Promise.reject(new Error('boom')),
    };
    const deps = { rules: compileRules(config), executor, logger: silentLogger };
    // Act
    const result = await processDelivery({ Events: [instance('TASK_INSTANCE_FAILED', 1)] }, deps);
    // Assert
    const outcome = result.events[0]?.actions[0]?.outcome;
    expect(outcome).toEqual({
      status: 'failed',
      error: { code: 'INTERNAL', message: 'internal error' },
      retryable: false,
    });
  });

  it('rejects a whole body that is not JSON with a code and no events', async () => {
    // Arrange
    const deps = {
      rules: compileRules(config),
      executor: createDryRunExecutor(),
      logger: silentLogger,
    };
    // Act
    const result = await processDelivery('{"Events": [', deps);
    // Assert
    expect(result.events).toEqual([]);
    expect(result.rejected.map((r) => r.error.code)).toEqual(['BODY_NOT_JSON']);
  });

  it('explains why rules did not match only when asked', async () => {
    // Arrange
    const deps = {
      rules: compileRules(config),
      executor: createDryRunExecutor(),
      logger: silentLogger,
    };
    const body = { Events: [instance('TASK_INSTANCE_SUCCEED', 1)] };
    // Act
    const quiet = await processDelivery(body, deps);
    const explained = await processDelivery(body, deps, { explain: true });
    // Assert
    expect(quiet.events[0]?.misses).toBeUndefined();
    expect(explained.events[0]?.misses?.map((m) => m.rule)).toEqual(['failures']);
  });
});
