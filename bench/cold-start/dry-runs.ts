import { join } from 'node:path';
import { median, round } from '../sdk/load.js';
import { runColdStart } from './child-run.js';

/**
 * First handled delivery of the http and tick bundles in dry run (no peer is called): what
 * loading the bundle and building the app costs before any I/O. A failure is reported, not thrown.
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

const EVENTS: Record<string, unknown> = {
  http: {
    httpMethod: 'POST',
    path: '/',
    headers: { 'content-type': 'text/plain' },
    queryString: {},
    body: JSON.stringify(MESSAGE),
  },
  tick: { Type: 'Timer', TriggerName: 'tick', Time: '2024-03-02T08:12:00Z', Message: '' },
};

export type DryRunFigures = Record<string, { medianMs: number } | { error: string }>;

export const measureDryRuns = async (outDir: string, runs = 3): Promise<DryRunFigures> => {
  const figures: DryRunFigures = {};
  for (const [name, event] of Object.entries(EVENTS)) {
    const dir = join(outDir, name);
    const spec = {
      file: join(dir, 'index.js'),
      cwd: dir,
      env: {
        HOOK: 'http://127.0.0.1:9/hook/oncall',
        BATCH_BRIDGE_DRY_RUN: 'true',
        BATCH_BRIDGE_CONFIG: 'bridge.yml',
        BATCH_BRIDGE_LOG_LEVEL: 'warn',
      },
    };
    try {
      const times: number[] = [];
      for (let r = 0; r < runs; r += 1) times.push((await runColdStart(spec, event)).handledMs);
      figures[name] = { medianMs: round(median(times), 1) };
    } catch (error) {
      figures[name] = { error: error instanceof Error ? error.message.slice(0, 300) : 'failed' };
    }
  }
  return figures;
};
