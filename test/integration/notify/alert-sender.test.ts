import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertPlan } from '../../../lib/actions/plan.js';
import { createChannel } from '../../../lib/alerts/index.js';
import type { BatchEvent } from '../../../lib/ingest/event.js';
import { silentLogger } from '../../../lib/logger.js';
import type { TailResult } from '../../../lib/logs/index.js';
import { createAlertSender } from '../../../lib/notify/alert-sender.js';
import { flushAlertGroups } from '../../../lib/notify/flush-groups.js';
import { createMemoryStateStore, type StateStore } from '../../../lib/state/index.js';
import { startWebhookSink, type WebhookSink } from '../../../sandbox/webhook-sink/webhook-sink.js';

const event = (index: number, jobId = 'job-8xk2m1qa'): BatchEvent => ({
  id: `evt-${jobId}-${index}`,
  name: 'TASK_INSTANCE_FAILED',
  family: 'taskInstance',
  region: 'ap-guangzhou',
  vars: {},
  jobId,
  jobName: 'render-43',
  taskName: 'frame',
  taskInstanceIndex: index,
  exitCode: 137,
  batch: {},
  source: { kind: 'raw' },
});

const plan = (index: number, jobId?: string): AlertPlan => ({
  channel: 'oncall',
  channelType: 'webhook',
  title: `TASK_INSTANCE_FAILED: render-43, task frame[${index}]`,
  text: 'Event: TASK_INSTANCE_FAILED',
  logs: { stream: 'stderr', lines: 3 },
  dedupKey: `dedup-${jobId ?? 'job-8xk2m1qa'}-${index}`,
  group: { key: JSON.stringify([jobId ?? 'job-8xk2m1qa']), bySignature: true, windowMs: 60_000 },
});

const oomTail = async (): Promise<TailResult> => ({
  status: 'ok',
  lines: [
    'loading scene',
    'Traceback (most recent call last):',
    'MemoryError: out of memory at frame 17',
  ],
  truncated: true,
  bytesRead: 4096,
  size: 1 << 20,
  source: 'cos',
});

describe('alert sender', () => {
  let sink: WebhookSink;
  let state: StateStore;
  let now: number;
  const bodies = () =>
    sink.received().map((m) => m.body as { title: string; text: string; logs?: string });

  beforeEach(async () => {
    sink = await startWebhookSink();
    now = 1_000_000;
    state = createMemoryStateStore({ now: () => now });
  });
  afterEach(async () => {
    await sink.close();
  });

  const sender = (tailLog = oomTail) => {
    const channels = new Map([
      ['oncall', createChannel('oncall', { type: 'webhook', url: `${sink.url}/hook/oncall` })],
    ]);
    return {
      channels,
      send: createAlertSender({
        channels,
        state,
        tailLog,
        region: 'ap-guangzhou',
        logger: silentLogger,
      }),
    };
  };

  it('sends the first alert with the stderr tail, the error signature and a console link', async () => {
    // Act
    const outcome = await sender().send('failures', plan(17), event(17));
    // Assert
    expect(outcome).toEqual({ status: 'done', detail: { sent: true, truncated: false } });
    const [body] = bodies();
    expect(body?.title).toBe('TASK_INSTANCE_FAILED: render-43, task frame[17]');
    expect(body?.text).toContain('Error: MemoryError: out of memory at frame N');
    expect(body?.text).toContain('Last 3 lines of stderr, from COS:');
    expect(body?.logs).toContain('MemoryError: out of memory at frame 17');
    expect(JSON.stringify(body)).toContain('jobId=job-8xk2m1qa');
  });

  it('never alerts twice for a redelivered event', async () => {
    // Arrange
    const { send } = sender();
    // Act
    await send('failures', plan(17), event(17));
    const again = await send('failures', plan(17), event(17));
    // Assert
    expect(again).toEqual({ status: 'skipped', reason: 'already alerted for this event' });
    expect(sink.received()).toHaveLength(1);
  });

  it('folds a burst into one alert and one summary when the window closes', async () => {
    // Arrange
    const { send, channels } = sender();
    // Act
    for (let i = 0; i < 38; i += 1) await send('failures', plan(i), event(i));
    const early = await flushAlertGroups({ channels, state, logger: silentLogger });
    now += 60_001;
    const due = await flushAlertGroups({ channels, state, logger: silentLogger });
    const again = await flushAlertGroups({ channels, state, logger: silentLogger });
    // Assert
    expect(early).toEqual({ claimed: 0, summaries: 0, failed: 0 });
    expect(due).toEqual({ claimed: 1, summaries: 1, failed: 0 });
    expect(again.claimed).toBe(0);
    const [first, summary, ...rest] = bodies();
    expect(rest).toEqual([]);
    expect(first?.title).toContain('frame[0]');
    expect(summary?.title).toBe(
      '37 more alerts from rule failures: MemoryError: out of memory at frame N',
    );
    expect(summary?.text).toContain('- render-43 frame[1] exit 137');
  });

  it('keeps different jobs in different groups', async () => {
    // Arrange
    const { send } = sender();
    // Act
    await send('failures', plan(1, 'job-aaaa1111'), event(1, 'job-aaaa1111'));
    await send('failures', plan(1, 'job-bbbb2222'), event(1, 'job-bbbb2222'));
    // Assert
    expect(sink.received()).toHaveLength(2);
  });

  it('still alerts when the log cannot be read, and says why', async () => {
    // Arrange
    const { send } = sender(async () => ({
      status: 'missing',
      reason: 'not in COS yet: Batch uploads it when the instance ends',
      source: 'cos',
    }));
    // Act
    await send('failures', plan(3), event(3));
    // Assert
    expect(bodies()[0]?.text).toContain('No stderr to show: not in COS yet');
    expect(bodies()[0]?.text).toContain('Error: exit code 137');
  });

  it('forgets the event when the channel fails, so a redelivery can send it', async () => {
    // Arrange
    const channels = new Map([
      [
        'oncall',
        createChannel(
          'oncall',
          { type: 'webhook', url: 'http://127.0.0.1:9/hook' },
          { retry: { maxAttempts: 1 } },
        ),
      ],
    ]);
    const send = createAlertSender({
      channels,
      state,
      tailLog: oomTail,
      region: 'ap-guangzhou',
      logger: silentLogger,
    });
    // Act
    const outcome = await send('failures', plan(5), event(5));
    // Assert
    expect(outcome).toMatchObject({ status: 'failed', retryable: true });
    expect(await state.get('alert:dedup-job-8xk2m1qa-5')).toBeUndefined();
  });
});
