import { createLiveExecutor } from '../lib/actions/index.js';
import { type DeliveryResult, processDelivery } from '../lib/core/process-delivery.js';
import { silentLogger } from '../lib/logger.js';
import { createMemoryStateStore } from '../lib/state/index.js';
import { type BatchApi, createBatchClient, staticCredentials } from '../lib/tencent/index.js';
import { type BatchEmulator, createBatchEmulator } from '../sandbox/batch-emulator/index.js';
import {
  BURST_ENV_ID,
  BURST_REGION,
  burstRules,
  type DeliverySpec,
  deliveryText,
  planDeliveries,
  runPool,
} from './scale-burst-data.js';

/**
 * A burst of TASK_INSTANCE events on one env through processDelivery and the live executor,
 * with the client's production rate limits, against the Batch emulator. Demand grows in waves
 * (one job each), so the env should move once per distinct count, at most twice a second.
 */

export interface ScaleBurstOptions {
  readonly events?: number;
  /** Task instances of each wave's job, submitted when the wave's first delivery is taken. */
  readonly waves?: readonly number[];
  readonly max?: number;
  /** Deliveries in flight at once. */
  readonly concurrency?: number;
  /** Requests per second per action, over the client's production defaults. */
  readonly rateLimits?: Readonly<Record<string, number>>;
  /** Emulated time runs this many times faster. */
  readonly speed?: number;
}

export interface ScaleBurstFigures {
  readonly deliveries: number;
  readonly redeliveries: number;
  readonly events: number;
  readonly rejected: number;
  readonly wallMs: number;
  readonly eventsPerSec: number;
  readonly modifyComputeEnvCalls: number;
  /** DesiredComputeNodeCount of each ModifyComputeEnv, in order: the counts the env went through. */
  readonly desiredCounts: readonly number[];
  readonly distinctDesiredCounts: number;
  /** Most ModifyComputeEnv requests sent within any one second (sliding window). */
  readonly maxModifyPerSecond: number;
  /** Shortest time between two ModifyComputeEnv requests; null with fewer than two. */
  readonly minModifyGapMs: number | null;
  readonly describeCalls: number;
  readonly describeCallsPerEvent: number;
  /** DescribeComputeEnv is asked once per reconcile. */
  readonly describeByAction: Readonly<Record<string, number>>;
  readonly failedOutcomes: number;
  readonly demand: number;
  readonly finalDesired: number | null;
  readonly targetMet: {
    readonly modifyWithinDistinct: boolean;
    readonly modifyAtMostTwoPerSecond: boolean;
    readonly finalEqualsDemand: boolean;
  };
}

const CREDENTIAL = { secretId: 'AKIDscaleBurstBENCH0001', secretKey: 'scale-burst-secret-0001' };
const UNFINISHED = new Set(['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING']);

interface WireEntry {
  readonly action: string;
  /** Epoch ms the request left for the emulator (after the client's limiter). */
  readonly at: number;
}

/** Passes every request through, noting when each action went on the wire. */
const wireLog =
  (log: WireEntry[]): typeof fetch =>
  (input, init) => {
    log.push({ action: new Headers(init?.headers).get('X-TC-Action') ?? '', at: Date.now() });
    return fetch(input, init);
  };

const submitWave = async (batch: BatchApi, em: BatchEmulator, instances: number) => {
  const Application = { DeliveryForm: 'LOCAL', Command: 'sleep 100000' };
  const Task = { TaskName: 'render', TaskInstanceNum: instances, EnvId: BURST_ENV_ID, Application };
  const Job = { JobName: 'frames', Tasks: [Task] };
  const { JobId } = await batch.submitJob({ Placement: { Zone: `${BURST_REGION}-3` }, Job });
  await em.waitFor(() => em.job(JobId)?.state !== 'SUBMITTED', 10_000);
  return JobId;
};

const maxPerSecond = (times: readonly number[]): number =>
  times.reduce((most, t, i) => {
    const within = times.filter((u, j) => j >= i && u - t < 1000).length;
    return Math.max(most, within);
  }, 0);

const minGap = (times: readonly number[]): number | null =>
  times.length < 2 ? null : Math.min(...times.slice(1).map((t, i) => t - (times[i] as number)));

const demandOn = (em: BatchEmulator): number =>
  em
    .jobs()
    .flatMap((j) => j.tasks.filter((t) => t.envId === BURST_ENV_ID).flatMap((t) => t.instances))
    .filter((i) => UNFINISHED.has(i.state)).length;

interface Run {
  readonly specs: readonly DeliverySpec[];
  readonly results: readonly DeliveryResult[];
  readonly wallMs: number;
  readonly max: number;
}

const figures = (em: BatchEmulator, wire: readonly WireEntry[], run: Run): ScaleBurstFigures => {
  const events = run.results.reduce((sum, r) => sum + r.events.length, 0);
  const modify = em.calls().filter((c) => c.action === 'ModifyComputeEnv');
  const desiredCounts = modify.map((c) => Number(c.params['DesiredComputeNodeCount']));
  const describe = em.calls().filter((c) => c.action.startsWith('Describe'));
  const describeByAction: Record<string, number> = {};
  for (const c of describe) describeByAction[c.action] = (describeByAction[c.action] ?? 0) + 1;
  const modifyTimes = wire.filter((w) => w.action === 'ModifyComputeEnv').map((w) => w.at);
  const outcomes = run.results.flatMap((r) => r.events.flatMap((e) => e.actions));
  const demand = demandOn(em);
  const finalDesired = em.env(BURST_ENV_ID)?.desired ?? null;
  const counts = {
    modifyComputeEnvCalls: modify.length,
    distinctDesiredCounts: new Set(desiredCounts).size,
    maxModifyPerSecond: maxPerSecond(modifyTimes),
    minModifyGapMs: minGap(modifyTimes),
  };
  return {
    deliveries: run.specs.length,
    redeliveries: run.specs.filter((s, i) => s.id !== i).length,
    events,
    rejected: run.results.reduce((sum, r) => sum + r.rejected.length, 0),
    wallMs: Math.round(run.wallMs),
    eventsPerSec: Math.round(events / (run.wallMs / 1000)),
    ...counts,
    desiredCounts,
    describeCalls: describe.length,
    describeCallsPerEvent: Math.round((describe.length / events) * 1000) / 1000,
    describeByAction,
    failedOutcomes: outcomes.filter((a) => a.outcome.status === 'failed').length,
    demand,
    finalDesired,
    targetMet: {
      modifyWithinDistinct: counts.modifyComputeEnvCalls <= counts.distinctDesiredCounts,
      modifyAtMostTwoPerSecond: counts.maxModifyPerSecond <= 2,
      finalEqualsDemand: finalDesired === Math.min(demand, run.max),
    },
  };
};

const startWorld = async (options: ScaleBurstOptions) => {
  const em = await createBatchEmulator({
    credentials: [CREDENTIAL],
    speed: options.speed ?? 100,
    envs: [{ envId: BURST_ENV_ID, envName: 'burst-pool', desiredComputeNodeCount: 0 }],
  });
  const wire: WireEntry[] = [];
  const batch = createBatchClient({
    credentials: staticCredentials(CREDENTIAL),
    region: BURST_REGION,
    endpoint: em.url,
    fetch: wireLog(wire),
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
  });
  const state = createMemoryStateStore();
  const executor = createLiveExecutor({ batch, state, clock: Date.now, logger: silentLogger });
  return { em, wire, batch, executor };
};

export const benchScaleBurst = async (
  options: ScaleBurstOptions = {},
): Promise<ScaleBurstFigures> => {
  const waves = options.waves ?? [2, 3, 4, 5, 6, 7, 8, 9];
  const max = options.max ?? 40;
  const { em, wire, batch, executor } = await startWorld(options);
  try {
    const deps = { rules: burstRules(max), executor, logger: silentLogger };
    const specs = planDeliveries(options.events ?? 2000, waves.length);
    const jobs: Promise<string>[] = [];
    const jobOf = (wave: number): Promise<string> =>
      (jobs[wave] ??= (jobs[wave - 1] ?? Promise.resolve('')).then(() =>
        submitWave(batch, em, waves[wave] as number),
      ));
    const results: DeliveryResult[] = [];
    const start = performance.now();
    await runPool(specs, options.concurrency ?? 20, async (spec) => {
      const text = deliveryText(spec, await jobOf(spec.wave));
      results.push(await processDelivery(text, deps));
    });
    const wallMs = performance.now() - start;
    return figures(em, wire, { specs, results, wallMs, max });
  } finally {
    await em.close();
  }
};
