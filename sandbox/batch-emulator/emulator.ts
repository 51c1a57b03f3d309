import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildActions } from './actions.js';
import { createScheduler, systemClock, systemTimers } from './clock.js';
import { addEnv, seedNodes } from './envs.js';
import { createEventBus, type PublishedMessage } from './events.js';
import { type CallLogEntry, createFaults, type FaultSettings } from './faults.js';
import { createRequestListener } from './http-server.js';
import { loseNode } from './job-interrupts.js';
import { dispatchPass } from './job-runner.js';
import { markAbnormal } from './nodes.js';
import { assertOptions, type BatchEmulatorOptions, type SeedEnv } from './options.js';
import { createRandom } from './random.js';
import { type EnvSnapshot, type JobSnapshot, snapshotEnv, snapshotJob } from './snapshots.js';
import { type Behaviour, DEFAULT_BEHAVIOUR, DEFAULT_TIMINGS, type World } from './world.js';

export interface BatchEmulator {
  /** `http://127.0.0.1:<port>`: the endpoint to point a client at. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  setFaults(patch: Partial<FaultSettings>): void;
  resetFaults(): void;
  callCount(action: string): number;
  calls(): CallLogEntry[];
  resetCalls(): void;
  published(): PublishedMessage[];
  /** Resolves when every event handed to `publish` so far has been delivered. */
  flushEvents(): Promise<void>;
  jobs(): JobSnapshot[];
  job(jobId: string): JobSnapshot | undefined;
  envs(): EnvSnapshot[];
  env(envId: string): EnvSnapshot | undefined;
  addEnv(seed: SeedEnv): EnvSnapshot;
  /** Fault: the node stops heartbeating (COMPUTE_NODE_ABNORMAL); what it ran is lost. */
  setNodeAbnormal(nodeId: string): void;
  /** Polls `probe` until it returns a value other than undefined/false, or times out. */
  waitFor<T>(probe: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  errors(): unknown[];
}

const resolveBehaviour = (options: BatchEmulatorOptions): Behaviour => ({
  terminateLowersDesired:
    options.terminateLowersDesired ?? DEFAULT_BEHAVIOUR.terminateLowersDesired,
  interruptedState: options.interruptedState ?? DEFAULT_BEHAVIOUR.interruptedState,
  scaleInOrder: options.scaleInOrder ?? DEFAULT_BEHAVIOUR.scaleInOrder,
  terminateEnvIdJobs: options.terminateEnvIdJobs ?? DEFAULT_BEHAVIOUR.terminateEnvIdJobs,
});

const buildWorld = (options: BatchEmulatorOptions, errors: unknown[]): World => {
  const seed = options.seed ?? 1;
  const scheduler = createScheduler(
    options.clock ?? systemClock,
    options.timers ?? systemTimers,
    options.speed ?? 1,
  );
  const faults = createFaults(createRandom(seed * 7919 + 1));
  faults.set(options.faults ?? {});
  const onError = options.onError ?? ((error: unknown) => errors.push(error));
  const region = options.region ?? 'ap-guangzhou';
  let scheduled = false;
  const world: World = {
    jobs: new Map(),
    envs: new Map(),
    jobTokens: new Map(),
    envTokens: new Map(),
    region,
    scheduler,
    ids: createRandom(seed),
    faults,
    events: createEventBus({ publish: options.publish, region, scheduler, faults, onError }),
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
    behaviour: resolveBehaviour(options),
    writeLog: options.writeLog,
    onError,
    // Many changes can land in one tick; one scheduling pass afterwards sees them all.
    dispatch: () => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        dispatchPass(world);
      });
    },
    nodeLost: (occupant, reason) => loseNode(world, occupant, reason),
  };
  return world;
};

const seedEnv = (world: World, seed: SeedEnv): EnvSnapshot => {
  const env = addEnv(world, {
    envId: seed.envId,
    envName: seed.envName,
    zone: seed.zone,
    desired: seed.desiredComputeNodeCount,
    notifications: seed.notifications,
  });
  seedNodes(world, env, seed.runningNodes ?? false);
  return snapshotEnv(env);
};

const findNode = (world: World, nodeId: string) => {
  for (const env of world.envs.values()) {
    const node = env.nodes.get(nodeId);
    if (node !== undefined) return { env, node };
  }
  throw new Error(`batch emulator: no compute node ${nodeId}`);
};

const waitFor = async <T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`batch emulator: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

type Inspection = Pick<
  BatchEmulator,
  'jobs' | 'job' | 'envs' | 'env' | 'addEnv' | 'setNodeAbnormal'
>;

const inspect = (world: World): Inspection => ({
  jobs: () => [...world.jobs.values()].map(snapshotJob),
  job: (jobId) => {
    const job = world.jobs.get(jobId);
    return job === undefined ? undefined : snapshotJob(job);
  },
  envs: () => [...world.envs.values()].map(snapshotEnv),
  env: (envId) => {
    const env = world.envs.get(envId);
    return env === undefined ? undefined : snapshotEnv(env);
  },
  addEnv: (seed) => seedEnv(world, seed),
  setNodeAbnormal: (nodeId) => {
    const { env, node } = findNode(world, nodeId);
    markAbnormal(world, env, node);
  },
});

const startServer = async (
  world: World,
  options: BatchEmulatorOptions,
  record: (entry: CallLogEntry) => void,
): Promise<{ server: Server; url: string; port: number }> => {
  const secrets = new Map(options.credentials.map((c) => [c.secretId, c.secretKey]));
  const listener = createRequestListener({
    actions: buildActions(world, { taskLogsAsDataUri: options.taskLogsAsDataUri ?? true }),
    lookupSecret: (id) => secrets.get(id),
    clock: options.clock ?? systemClock,
    faults: world.faults,
    record,
    onError: world.onError,
  });
  const server = createServer((req, res) => void listener(req, res));
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, port, url: `http://${host === '::1' ? '[::1]' : host}:${port}` };
};

export const createBatchEmulator = async (
  options: BatchEmulatorOptions,
): Promise<BatchEmulator> => {
  assertOptions(options);
  const errors: unknown[] = [];
  const world = buildWorld(options, errors);
  for (const seed of options.envs ?? []) seedEnv(world, seed);
  let log: CallLogEntry[] = [];
  const { server, url, port } = await startServer(world, options, (entry) => log.push(entry));
  return {
    url,
    port,
    close: async () => {
      world.scheduler.cancelAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    setFaults: (patch) => world.faults.set(patch),
    resetFaults: () => world.faults.reset(),
    callCount: (action) => log.filter((entry) => entry.action === action).length,
    calls: () => [...log],
    resetCalls: () => {
      log = [];
    },
    published: () => world.events.published(),
    flushEvents: () => world.events.flush(),
    ...inspect(world),
    waitFor,
    errors: () => [...errors],
  };
};
