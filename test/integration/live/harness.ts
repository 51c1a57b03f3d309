import { createLiveExecutor } from '../../../lib/actions/live-executor.js';
import type {
  ActionOutcome,
  Executor,
  PlannedAction,
  ScaleEnvPlan,
} from '../../../lib/actions/plan.js';
import type { BatchEvent } from '../../../lib/ingest/event.js';
import { silentLogger } from '../../../lib/logger.js';
import { createJobTaskCache, type ScalingDeps } from '../../../lib/scaling/index.js';
import { type BatchApi, createBatchClient, staticCredentials } from '../../../lib/tencent/index.js';
import {
  type BatchEmulator,
  type BatchEmulatorOptions,
  createBatchEmulator,
} from '../../../sandbox/batch-emulator/index.js';
import { createMemoryActionState } from './memory-action-state.js';

/** The live executor wired to the Batch emulator over loopback HTTP, with a clock the test moves. */

export const CREDENTIAL = {
  secretId: 'AKIDliveExecutorTEST0001',
  secretKey: 'live-executor-secret-0001',
};
export const ENV_ID = 'env-live01';
export const REGION = 'ap-guangzhou';
export const PLACEMENT = { Zone: 'ap-guangzhou-3' };

/** Fast enough for tests, still spaced by the client's limiter like production. */
const TEST_RATE_LIMITS = {
  DescribeComputeEnv: 200,
  DescribeJobs: 200,
  DescribeJobSubmitInfo: 200,
  DescribeTask: 200,
  ModifyComputeEnv: 200,
  TerminateComputeNode: 200,
  TerminateComputeNodes: 200,
  SubmitJob: 200,
};

export interface Harness {
  readonly emulator: BatchEmulator;
  readonly batch: BatchApi;
  readonly state: ReturnType<typeof createMemoryActionState>;
  readonly executor: Executor;
  readonly scaling: ScalingDeps;
  /** Moves the bridge's clock (not the emulator's). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly desired?: number;
  readonly emulator?: Partial<BatchEmulatorOptions>;
}

export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  const emulator = await createBatchEmulator({
    credentials: [CREDENTIAL],
    speed: 200,
    envs: [
      {
        envId: ENV_ID,
        envName: 'live-pool',
        desiredComputeNodeCount: options.desired ?? 0,
        runningNodes: true,
      },
    ],
    ...options.emulator,
  });
  const batch = createBatchClient({
    credentials: staticCredentials(CREDENTIAL),
    region: REGION,
    endpoint: emulator.url,
    rateLimits: TEST_RATE_LIMITS,
    random: () => 0,
    timeoutMs: 5000,
  });
  const time = { now: Date.parse('2026-01-01T00:00:00Z') };
  const clock = () => time.now;
  const state = createMemoryActionState(clock);
  const logger = silentLogger;
  return {
    emulator,
    batch,
    state,
    executor: createLiveExecutor({ batch, state, clock, logger }),
    scaling: { batch, state, clock, logger, jobTasks: createJobTaskCache() },
    advance: (ms) => {
      time.now += ms;
    },
    close: () => emulator.close(),
  };
};

export const EVENT: BatchEvent = {
  id: 'evt-live-0001',
  name: 'JOB_SUCCEED',
  family: 'job',
  region: REGION,
  vars: {},
  jobId: 'job-upstream1',
  batch: {},
  source: { kind: 'raw' },
};

export const POLICY: ScaleEnvPlan['policy'] = {
  min: 0,
  max: 10,
  scaleDownAfterMs: 600_000,
  tasksPerNode: 1,
};

export const scalePlan = (policy = POLICY): PlannedAction => ({
  rule: 'pool',
  action: 'scaleEnv',
  plan: { region: REGION, envId: ENV_ID, policy },
});

export const terminatePlan = (computeNodeId: string, maxPerHour = 5): PlannedAction => ({
  rule: 'replace-broken-nodes',
  action: 'terminateNode',
  plan: { region: REGION, envId: ENV_ID, computeNodeId, maxPerHour },
});

/** A job of `instances` instances of one task on ENV_ID, submitted straight to the emulator. */
export const envJob = (instances: number, command = 'sleep 2') => ({
  Placement: PLACEMENT,
  Job: {
    JobName: 'frames',
    Tasks: [
      {
        TaskName: 'render',
        TaskInstanceNum: instances,
        EnvId: ENV_ID,
        Application: { DeliveryForm: 'LOCAL', Command: command },
      },
    ],
  },
});

/** The detail of an outcome that must be done. */
export const detailOf = (outcome: ActionOutcome): Readonly<Record<string, unknown>> => {
  if (outcome.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome.detail ?? {};
};
