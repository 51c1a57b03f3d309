import type { Scheduler } from './clock.js';
import type { EventBus } from './events.js';
import type { Faults } from './faults.js';
import type { Random } from './random.js';
import type { EnvRecord, JobRecord } from './types.js';

/** Emulated milliseconds of each lifecycle step (divided by `speed` in real time). */
export interface Timings {
  /** SUBMITTED until the tasks become PENDING / RUNNABLE. */
  readonly acceptMs: number;
  /** STARTING on a named env's node until RUNNING. */
  readonly instanceStartMs: number;
  /** STARTING on an anonymous env (a CVM is bought for it) until RUNNING. */
  readonly anonymousStartMs: number;
  /** How long a command without `sleep` runs. */
  readonly defaultRunMs: number;
  /** CREATING until CREATED (or CREATION_FAILED). */
  readonly nodeCreateMs: number;
  /** CREATED (no heartbeat yet) until RUNNING. */
  readonly nodeBootMs: number;
  /** DELETING until the node is gone. */
  readonly nodeDeleteMs: number;
  /** TerminateJob: a running instance until it is FAILED. */
  readonly terminateMs: number;
}

export const DEFAULT_TIMINGS: Timings = {
  acceptMs: 500,
  instanceStartMs: 1000,
  anonymousStartMs: 3000,
  defaultRunMs: 2000,
  nodeCreateMs: 5000,
  nodeBootMs: 3000,
  nodeDeleteMs: 3000,
  terminateMs: 1000,
};

/** Choices where batch-semantics.md marks the platform's behaviour UNVERIFIED. */
export interface Behaviour {
  /** Whether TerminateComputeNode(s) lowers DesiredComputeNodeCount (else the env refills). */
  readonly terminateLowersDesired: boolean;
  /** The state of an instance whose node is removed and that has no retry left. */
  readonly interruptedState: 'FAILED_INTERRUPTED' | 'FAILED';
  /** Which nodes a lowered DesiredComputeNodeCount removes (ABNORMAL ones always go first). */
  readonly scaleInOrder: 'oldest' | 'newest' | 'idle-first';
  /** The 2018 docs refuse TerminateJob on EnvId jobs; the current SDK text allows it. */
  readonly terminateEnvIdJobs: 'allow' | 'refuse';
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  terminateLowersDesired: false,
  interruptedState: 'FAILED_INTERRUPTED',
  scaleInOrder: 'oldest',
  terminateEnvIdJobs: 'allow',
};

export type WriteLogFn = (cosUrl: string, content: string) => Promise<void>;

export interface World {
  readonly jobs: Map<string, JobRecord>;
  readonly envs: Map<string, EnvRecord>;
  readonly jobTokens: Map<string, string>;
  readonly envTokens: Map<string, string>;
  readonly region: string;
  readonly scheduler: Scheduler;
  readonly ids: Random;
  readonly faults: Faults;
  readonly events: EventBus;
  readonly timings: Timings;
  readonly behaviour: Behaviour;
  readonly writeLog: WriteLogFn | undefined;
  readonly onError: (error: unknown) => void;
  /** Asks the job engine for a scheduling pass (coalesced). */
  dispatch(): void;
  /** Tells the job engine that the instance running on a node lost it. */
  nodeLost(occupant: string, reason: string): void;
}
