import type { EmulatorClock, EmulatorTimers } from './clock.js';
import type { PublishFn } from './events.js';
import type { FaultSettings } from './faults.js';
import type { Behaviour, Timings, WriteLogFn } from './world.js';

export interface EmulatorCredential {
  readonly secretId: string;
  readonly secretKey: string;
}

/** A compute environment that exists when the emulator starts. */
export interface SeedEnv {
  /** Fixed id (e.g. `env-abc123`), else a generated one. */
  readonly envId?: string;
  readonly envName: string;
  readonly desiredComputeNodeCount: number;
  readonly zone?: string;
  /** API shape: `[{ TopicName, EventConfigs: [{ EventName, EventVars }] }]`. */
  readonly notifications?: ReadonlyArray<Record<string, unknown>>;
  /** Nodes already RUNNING (no events); otherwise the env is created as by CreateComputeEnv. */
  readonly runningNodes?: boolean;
}

export interface BatchEmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The key pairs the emulator accepts. */
  readonly credentials: readonly EmulatorCredential[];
  /** `Region` of published events and the default zone prefix; default `ap-guangzhou`. */
  readonly region?: string;
  /** Wall clock for signatures and timestamps; default `Date.now`. */
  readonly clock?: EmulatorClock;
  readonly timers?: EmulatorTimers;
  /** Emulated time runs this many times faster than real time; default 1. */
  readonly speed?: number;
  readonly timings?: Partial<Timings>;
  /** Seed of the PRNG behind ids and injected faults; default 1. */
  readonly seed?: number;
  /** Called for every event whose job or env asked for it. */
  readonly publish?: PublishFn;
  /** Called with `<RedirectPath><FileName>` for each stream of each finished instance. */
  readonly writeLog?: WriteLogFn;
  /** DESIGN 3.5: whether TerminateComputeNode(s) lowers DesiredComputeNodeCount. */
  readonly terminateLowersDesired?: boolean;
  readonly interruptedState?: Behaviour['interruptedState'];
  readonly scaleInOrder?: Behaviour['scaleInOrder'];
  readonly terminateEnvIdJobs?: Behaviour['terminateEnvIdJobs'];
  readonly envs?: readonly SeedEnv[];
  readonly faults?: Partial<FaultSettings>;
  /** DescribeTaskLogs values as `data:…;base64,` URIs like Tencent's example; default true. */
  readonly taskLogsAsDataUri?: boolean;
  /** Errors of `publish`, `writeLog` and the emulator itself; default: kept for `errors()`. */
  readonly onError?: (error: unknown) => void;
}

const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
  'port',
  'host',
  'credentials',
  'region',
  'clock',
  'timers',
  'speed',
  'timings',
  'seed',
  'publish',
  'writeLog',
  'terminateLowersDesired',
  'interruptedState',
  'scaleInOrder',
  'terminateEnvIdJobs',
  'envs',
  'faults',
  'taskLogsAsDataUri',
  'onError',
]);

/** Typos in options fail loudly instead of silently running with defaults. */
export const assertOptions = (options: BatchEmulatorOptions): void => {
  const unknown = Object.keys(options).filter((key) => !KNOWN_OPTIONS.has(key));
  if (unknown.length > 0)
    throw new TypeError(`createBatchEmulator: unknown option(s) ${unknown.join(', ')}`);
  if (options.credentials.length === 0)
    throw new TypeError('createBatchEmulator: give at least one credential');
  if (options.speed !== undefined && !(options.speed > 0))
    throw new TypeError('createBatchEmulator: speed must be > 0');
  if (options.host !== undefined && !['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
    throw new TypeError('createBatchEmulator: the emulator listens on loopback only');
  }
};
