import { describe, expect, it } from 'vitest';
import type { AlertPlan } from '../../../lib/actions/plan.js';
import type { BatchEvent } from '../../../lib/ingest/event.js';
import { makeEvent, makeNodeEvent } from '../rules/make-event.js';
import { evaluateOne } from './plan-of.js';

const alertPlan = (
  alert: Record<string, unknown>,
  event: BatchEvent,
  rule = 'rule-1',
): AlertPlan => {
  const { actions } = evaluateOne([{ alert: { channel: 'oncall', ...alert } }], event);
  const [first] = actions;
  if (first?.action !== 'alert') throw new Error('expected an alert plan');
  expect(first.rule).toBe(rule);
  return first.plan;
};

describe('alert plan', () => {
  it('titles a job failure with its name and id and lists only what is known', () => {
    // Arrange / Act
    const plan = alertPlan({}, makeEvent());
    // Assert
    expect(plan.channel).toBe('oncall');
    expect(plan.channelType).toBe('wecom');
    expect(plan.title).toBe('JOB_FAILED: render-42 (job-4yn0we13)');
    expect(plan.text).toBe(
      [
        'Event: JOB_FAILED',
        'Job: render-42 (job-4yn0we13)',
        'State: FAILED',
        'Region: ap-shanghai',
        'Time: 2024-05-01T10:00:00Z',
      ].join('\n'),
    );
  });

  it('tells where a task instance failed and why', () => {
    // Arrange
    const event = makeEvent({
      name: 'TASK_INSTANCE_FAILED',
      taskName: 'encode',
      taskInstanceIndex: 0,
      taskInstanceState: 'FAILED',
      exitCode: 137,
      stateReason: 'OOMKilled',
      envId: 'env-abc123',
      computeNodeId: 'node-1',
    });
    // Act
    const plan = alertPlan({}, event);
    // Assert
    expect(plan.title).toBe('TASK_INSTANCE_FAILED: render-42 (job-4yn0we13), task encode[0]');
    expect(plan.text.split('\n')).toEqual([
      'Event: TASK_INSTANCE_FAILED',
      'Job: render-42 (job-4yn0we13)',
      'Task: encode',
      'Instance: 0',
      'State: FAILED',
      'Exit code: 137',
      'Reason: OOMKilled',
      'Env: env-abc123',
      'Node: node-1',
      'Region: ap-shanghai',
      'Time: 2024-05-01T10:00:00Z',
    ]);
  });

  it('titles a node event with the node and its environment', () => {
    // Arrange / Act
    const plan = alertPlan({}, makeNodeEvent());
    // Assert
    expect(plan.title).toBe('COMPUTE_NODE_ABNORMAL: node-0iy7wxyo in batch-env (env-ptoxdb1t)');
    expect(plan.text).toContain('Node: node-0iy7wxyo (ins-9rikj9kw)');
    expect(plan.text).not.toContain('Job:');
  });

  it('renders a custom template as the text', () => {
    // Arrange / Act
    const plan = alertPlan(
      { template: '{{ jobName }} failed with {{ exitCode }}{{ stateReason }}' },
      makeEvent({ exitCode: 1 }),
    );
    // Assert
    expect(plan.text).toBe('render-42 failed with 1');
    expect(plan.title).toBe('JOB_FAILED: render-42 (job-4yn0we13)');
  });

  it('copies logs when the action asks for them, with defaults filled', () => {
    // Arrange / Act
    const withLogs = alertPlan({ logs: { lines: 50 } }, makeEvent());
    const without = alertPlan({}, makeEvent());
    // Assert
    expect(withLogs.logs).toEqual({ stream: 'stderr', lines: 50 });
    expect('logs' in without).toBe(false);
  });

  it('keys dedup on rule, channel and event', () => {
    // Arrange
    const event = makeEvent();
    // Act
    const same = [alertPlan({}, event).dedupKey, alertPlan({}, { ...event }).dedupKey];
    const otherEvent = alertPlan({}, makeEvent({ id: 'evt-0002' })).dedupKey;
    // Assert
    expect(same[0]).toBe(same[1]);
    expect(otherEvent).not.toBe(same[0]);
    expect(same[0]).toMatch(/^[\x21-\x7e]{1,64}$/);
  });
});
