import { join } from 'node:path';
import { createLocalQueueServer } from '../../sandbox/queue/index.js';
import { median, round } from '../sdk/load.js';
import { DRAIN_QUEUE } from './build.js';
import { type ChildSpec, runColdStart } from './child-run.js';

/**
 * First handled delivery of the http, tick and drain bundles in dry run (no Batch or channel
 * call): what loading the bundle and building the app costs before any I/O. The drain reads a
 * local queue; its figure is the time from process start to the delete of its first message,
 * since the handler itself returns only after a long poll finds the queue empty. A failure is
 * reported, not thrown.
 */

const MESSAGE = {
  Events: [
    {
      EventVersion: '1.0',
      EventTime: '2024-03-02T08:11:05Z',
      Region: 'ap-guangzhou',
      EventName: 'TASK_INSTANCE_FAILED',
      EventVars: [],
      Batch: { JobId: 'job-4yn0we13', TaskName: 'frame', TaskInstanceIndex: 0, ExitCode: 3 },
    },
  ],
};

const TIMER = { Type: 'Timer', TriggerName: 'tick', Time: '2024-03-02T08:12:00Z', Message: '' };

const EVENTS: Record<string, unknown> = {
  http: {
    httpMethod: 'POST',
    path: '/',
    headers: { 'content-type': 'text/plain' },
    queryString: {},
    body: JSON.stringify(MESSAGE),
  },
  tick: TIMER,
};

const KEYS = { secretId: 'AKIDcoldstartbench01', secretKey: 'cold-start-bench-secret-0123' };

export type DryRunFigures = Record<string, { medianMs: number } | { error: string }>;

const specFor = (outDir: string, name: string, env: Record<string, string> = {}): ChildSpec => {
  const dir = join(outDir, name);
  return {
    file: join(dir, 'index.js'),
    cwd: dir,
    env: {
      HOOK: 'http://127.0.0.1:9/hook/oncall',
      BATCH_BRIDGE_DRY_RUN: 'true',
      BATCH_BRIDGE_CONFIG: 'bridge.yml',
      BATCH_BRIDGE_LOG_LEVEL: 'warn',
      ...env,
    },
  };
};

const medianOf = async (runs: number, once: () => Promise<number>) => {
  try {
    const times: number[] = [];
    for (let r = 0; r < runs; r += 1) times.push(await once());
    return { medianMs: round(median(times), 1) };
  } catch (error) {
    return { error: error instanceof Error ? error.message.slice(0, 300) : 'failed' };
  }
};

/** ms from the drain's process start to the queue's receipt of its first delete. */
const measureDrain = async (outDir: string, runs: number) => {
  const queue = await createLocalQueueServer({
    credentials: KEYS,
    queues: [{ name: DRAIN_QUEUE, visibilityTimeoutSeconds: 30, retentionSeconds: 3_600 }],
  });
  const spec = specFor(outDir, 'drain', {
    BATCH_BRIDGE_CMQ_ENDPOINT: queue.url,
    TENCENTCLOUD_SECRETID: KEYS.secretId,
    TENCENTCLOUD_SECRETKEY: KEYS.secretKey,
  });
  try {
    return await medianOf(runs, async () => {
      const before = queue.requests().length;
      queue.send(DRAIN_QUEUE, JSON.stringify(MESSAGE));
      const run = await runColdStart(spec, { ...TIMER, TriggerName: 'drain' });
      const deleted = queue
        .requests()
        .slice(before)
        .find((r) => r.action.includes('Delete') && r.authCode === 0);
      if (deleted === undefined) throw new Error('the drain deleted no message');
      return deleted.at - run.timeOrigin;
    });
  } finally {
    await queue.close();
  }
};

export const measureDryRuns = async (outDir: string, runs = 3): Promise<DryRunFigures> => {
  const figures: DryRunFigures = {};
  for (const [name, event] of Object.entries(EVENTS)) {
    const spec = specFor(outDir, name);
    figures[name] = await medianOf(runs, async () => (await runColdStart(spec, event)).handledMs);
  }
  figures['drain'] = await measureDrain(outDir, runs);
  return figures;
};
