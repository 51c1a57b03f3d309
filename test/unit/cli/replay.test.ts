import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const CONFIG = ['--config', 'examples/bridge.yml'];

describe('batch-bridge replay --json', () => {
  it('prints the SubmitJob request a chained rule would send, with its ClientToken and EventVars', async () => {
    // Act
    const run = await cli(['replay', ...CONFIG, 'examples/deliveries/job-succeed.json', '--json']);
    // Assert
    expect(run.code).toBe(0);
    const [line, ...others] = run.json();
    expect(others).toEqual([]);
    expect(line).toMatchObject({
      delivery: 'examples/deliveries/job-succeed.json#0',
      event: 'JOB_SUCCEED',
      rule: 'encode-after-render',
      action: 'submitJob',
    });
    const request = line?.plan?.request ?? { Placement: null, ClientToken: '', Job: {} };
    expect(request.Placement).toEqual({ Zone: 'ap-guangzhou-3' });
    expect(request.ClientToken).toMatch(/^[\x21-\x7e]{1,64}$/);
    const job = request.Job as {
      JobName: string;
      Tasks: { Application: { Command: string } }[];
      Notifications: unknown[];
      NotificationTarget: string;
    };
    expect(job.JobName).toBe('encode-render-42');
    expect(job.Tasks[0]?.Application.Command).toBe('encode.sh --job job-4yn0we13 --pipeline films');
    expect(job.NotificationTarget).toBe('TDMQ_CMQ');
    expect(JSON.stringify(job.Notifications)).toContain(
      '{"Name":"upstream","Value":"job-4yn0we13"}',
    );
  });

  it('gives the same ClientToken for a redelivery of the same event', async () => {
    // Act
    const a = await cli(['replay', ...CONFIG, 'examples/deliveries/job-succeed.json', '--json']);
    const b = await cli(['replay', ...CONFIG, 'examples/deliveries/job-succeed.json', '--json']);
    // Assert
    const token = (r: typeof a) => r.json()[0]?.plan?.request.ClientToken;
    expect(token(a)).toBe(token(b));
  });

  it('names each delivery of a .jsonl file by index and reports no-match and rejections', async () => {
    // Act
    const run = await cli(['replay', ...CONFIG, 'examples/deliveries/mixed.jsonl', '--json']);
    // Assert
    expect(run.code).toBe(0);
    const lines = run.json();
    const byDelivery = (n: number) =>
      lines.filter((l) => l.delivery === `examples/deliveries/mixed.jsonl#${n}`);
    expect(byDelivery(0).map((l) => l.action)).toEqual(['scaleEnv']);
    expect(byDelivery(1).map((l) => l.action)).toEqual(['scaleEnv']);
    expect(byDelivery(2)).toEqual([
      expect.objectContaining({
        outcome: 'rejected',
        error: expect.objectContaining({ code: 'MESSAGE_INVALID' }),
      }),
    ]);
    const third = byDelivery(3);
    expect(third.filter((l) => l.outcome === 'rejected').map((l) => l.error?.code)).toEqual([
      'EVENT_INVALID',
    ]);
    expect(third.filter((l) => l.action === 'alert').map((l) => l.rule)).toEqual([
      'failures',
      'oom-kills',
    ]);
    expect(byDelivery(4)).toEqual([
      expect.objectContaining({
        outcome: 'rejected',
        error: expect.objectContaining({ code: 'BODY_NOT_JSON' }),
      }),
    ]);
  });

  it('prints a no-match line for an event no rule wants', async () => {
    // Arrange
    const stdin = JSON.stringify({
      Events: [
        {
          EventName: 'COMPUTE_ENV_CREATED',
          EventTime: '2026-11-20T08:00:00Z',
          Batch: { EnvId: 'env-other' },
        },
      ],
    });
    // Act
    const run = await cli(['replay', ...CONFIG, '-', '--json'], { stdin });
    // Assert
    expect(run.json()).toEqual([
      {
        delivery: 'stdin#0',
        event: 'COMPUTE_ENV_CREATED',
        eventId: expect.any(String),
        rule: null,
        action: null,
        outcome: 'no-match',
      },
    ]);
  });

  it('handles every envelope of the examples', async () => {
    // Act
    const run = await cli([
      'replay',
      ...CONFIG,
      'examples/deliveries/topic-trigger.json',
      'examples/deliveries/http-push-json.json',
      'examples/deliveries/function-url.json',
      '--json',
    ]);
    // Assert
    const seen = run.json().map((l) => `${l.event}:${l.rule}:${l.action}`);
    expect(seen).toEqual([
      'TASK_INSTANCE_FAILED:failures:alert',
      'TASK_INSTANCE_FAILED:oom-kills:alert',
      'TASK_INSTANCE_FAILED:render-pool:scaleEnv',
      'JOB_FAILED:failures:alert',
      'COMPUTE_NODE_ABNORMAL:render-pool:scaleEnv',
      'COMPUTE_NODE_ABNORMAL:replace-broken-nodes:terminateNode',
      'TASK_RUNNING:render-pool:scaleEnv',
    ]);
  });
});

describe('batch-bridge replay (text)', () => {
  it('says what fired and why the other rules did not', async () => {
    // Act
    const run = await cli(['replay', ...CONFIG, 'examples/deliveries/job-succeed.json']);
    // Assert
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+ encode-after-render: SubmitJob encode-render-42');
    expect(run.stdout).toMatch(/- failures: .*JOB_SUCCEED/);
    expect(run.stdout).toContain('1 events, 1 actions planned, 0 rejected');
  });

  it('exits 2 on an invalid config and 64 without files', async () => {
    // Act
    const bad = await cli([
      'replay',
      '--config',
      'test/fixtures/cli/bad-bridge.yml',
      'examples/deliveries/job-succeed.json',
    ]);
    const none = await cli(['replay', ...CONFIG]);
    // Assert
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rules[0].on');
    expect(none.code).toBe(64);
  });

  it('exits 1 when a delivery file cannot be read', async () => {
    // Act
    const run = await cli(['replay', ...CONFIG, 'examples/deliveries/nope.json']);
    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nope.json: cannot read (ENOENT)');
  });
});
