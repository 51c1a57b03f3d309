import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLiveExecutor } from '../../../lib/actions/live-executor.js';
import type { AlertPlan, PlannedAction } from '../../../lib/actions/plan.js';
import { silentLogger } from '../../../lib/logger.js';
import { detailOf, EVENT, type Harness, PLACEMENT, REGION, startHarness } from './harness.js';

const submitPlan = (job: Record<string, unknown> = {}): PlannedAction => ({
  rule: 'encode-after-render',
  action: 'submitJob',
  plan: {
    region: REGION,
    request: {
      Placement: PLACEMENT,
      Job: {
        JobName: 'encode',
        Tasks: [
          {
            TaskName: 'encode',
            TaskInstanceNum: 1,
            Application: { DeliveryForm: 'LOCAL', Command: 'echo encode' },
            ComputeEnv: {
              EnvType: 'MANAGED',
              EnvData: { InstanceType: 'S1.SMALL1', ImageId: 'img-bd78fy2t' },
            },
          },
        ],
        ...job,
      },
      ClientToken: 'bb-7f3a9c2e4d1b0a5f',
    },
  },
});

describe('live executor submitJob', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('submits one job however often the same plan is executed (ClientToken)', async () => {
    // Arrange
    const plan = submitPlan();

    // Act
    const first = await h.executor.execute(plan, EVENT);
    const again = await Promise.all([
      h.executor.execute(plan, EVENT),
      h.executor.execute(plan, EVENT),
    ]);

    // Assert
    expect(first).toMatchObject({
      status: 'done',
      detail: { jobId: expect.stringMatching(/^job-/) },
    });
    const jobId = detailOf(first)['jobId'];
    expect(again).toEqual([first, first]);
    expect(h.emulator.jobs().map((j) => j.jobId)).toEqual([jobId]);
    expect(h.emulator.callCount('SubmitJob')).toBe(3);
  });

  it('fails retryably when Batch keeps throttling, so the delivery is retried', async () => {
    // Arrange
    h.emulator.setFaults({ throttle: { SubmitJob: 1 } });

    // Act
    const outcome = await h.executor.execute(submitPlan(), EVENT);

    // Assert
    expect(outcome).toMatchObject({
      status: 'failed',
      retryable: true,
      error: { code: 'TENCENT_API' },
    });
    expect(h.emulator.jobs()).toEqual([]);
  });

  it('fails for good on a request Batch rejects, so the delivery is not retried forever', async () => {
    // Arrange
    const plan = submitPlan({ Priority: 'high' });

    // Act
    const outcome = await h.executor.execute(plan, EVENT);

    // Assert
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
    expect(h.emulator.callCount('SubmitJob')).toBe(0);
  });
});

describe('live executor alert', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const plan: AlertPlan = {
    channel: 'oncall',
    channelType: 'wecom',
    title: 'Task failed',
    text: 'render failed',
    dedupKey: 'k',
    group: { key: 'g', bySignature: false, windowMs: 60_000 },
  };
  const alert: PlannedAction = { rule: 'failures', action: 'alert', plan };

  it('skips alerts when no sender is configured', async () => {
    // Act
    const outcome = await h.executor.execute(alert, EVENT);

    // Assert
    expect(outcome).toEqual({ status: 'skipped', reason: 'no alert sender configured' });
  });

  it('hands alerts to the injected sender and returns its outcome', async () => {
    // Arrange
    const sent: AlertPlan[] = [];
    const executor = createLiveExecutor({
      batch: h.batch,
      state: h.state,
      clock: Date.now,
      logger: silentLogger,
      alerts: async (rule, plan) => {
        expect(rule).toBe(alert.rule);
        sent.push(plan);
        return { status: 'done', detail: { channel: plan.channel } };
      },
    });

    // Act
    const outcome = await executor.execute(alert, EVENT);

    // Assert
    expect(outcome).toEqual({ status: 'done', detail: { channel: 'oncall' } });
    expect(sent).toEqual([plan]);
  });

  it('turns a sender that throws into a failed outcome', async () => {
    // Arrange
    const executor = createLiveExecutor({
      batch: h.batch,
      state: h.state,
      clock: Date.now,
      logger: silentLogger,
      alerts: async () => {
        throw new Error('channel exploded');
      },
    });

    // Act
    const outcome = await executor.execute(alert, EVENT);

    // Assert
    expect(outcome).toEqual({
      status: 'failed',
      error: { code: 'INTERNAL', message: 'internal error' },
      retryable: false,
    });
  });
});
