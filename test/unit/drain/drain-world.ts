import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ActionOutcome, Executor } from '../../../lib/actions/plan.js';
import { type AppOverrides, createDeps } from '../../../lib/app.js';
import { loadConfigFile, loadSettings } from '../../../lib/config/index.js';
import {
  createCoreProcessor,
  type DrainDeps,
  type MessageProcessor,
} from '../../../lib/drain/index.js';
import { createLogger } from '../../../lib/logger.js';
import { createMemoryStateStore } from '../../../lib/state/index.js';
import { createQueueWorld, type QueueWorld } from '../../integration/queue/queue-world.js';

/** The drain against a real local queue, with the example rules and a chosen executor. */

export const ROOT = resolve(import.meta.dirname, '../../..');

export const JOB_SUCCEED = readFileSync(
  resolve(ROOT, 'examples/deliveries/job-succeed.json'),
  'utf8',
);

export const failingExecutor = (retryable: boolean): Executor => ({
  mode: 'live',
  execute: async (): Promise<ActionOutcome> => ({
    status: 'failed',
    error: { code: 'TENCENT_API', message: 'RequestLimitExceeded' },
    retryable,
  }),
});

export const buildApp = (
  overrides: AppOverrides = {},
  extraEnv: Readonly<Record<string, string>> = {},
  queue: string | null = 'inbox',
) => {
  const lines: string[] = [];
  const env = { USER_CODE_ROOT: ROOT, BATCH_BRIDGE_CONFIG: 'examples/bridge.yml', ...extraEnv };
  const settings = loadSettings({ ...env, BATCH_BRIDGE_DRY_RUN: 'true' });
  const loaded = loadConfigFile(resolve(ROOT, 'examples/bridge.yml'), { env });
  const { queue: _examplesQueue, ...withoutQueue } = loaded;
  const config = queue === null ? withoutQueue : { ...loaded, queue };
  const logger = createLogger({ write: (l) => lines.push(l) });
  const state = createMemoryStateStore();
  const app = createDeps(settings, env, { config, logger, state, ...overrides });
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app, env, logs };
};

export interface DrainWorld extends QueueWorld {
  readonly deps: DrainDeps;
  readonly logs: () => Record<string, unknown>[];
  readonly calls: () => number;
}

export const createDrainWorld = async (
  options: { executor?: Executor; process?: MessageProcessor } = {},
): Promise<DrainWorld> => {
  const world = await createQueueWorld();
  const { app, logs } = buildApp(
    options.executor === undefined ? {} : { executor: options.executor },
  );
  const core = options.process ?? createCoreProcessor(app);
  let calls = 0;
  const process: MessageProcessor = (body, message) => {
    calls += 1;
    return core(body, message);
  };
  const deps = { queue: world.client(), process, state: app.state, logger: app.logger };
  return { ...world, deps, logs, calls: () => calls };
};

/** Plenty of time, checked against a margin of 10 s. */
export const ample = { remainingMs: () => 60_000, safetyMarginMs: 10_000, pollingWaitSeconds: 0 };
