import type { ErrorSummary } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BatchApi } from '../tencent/index.js';
import type { ActionState } from './action-state.js';
import type { JobTaskCache } from './job-cache.js';

/** A scaleEnv rule's policy (the same shape as ScaleEnvPlan['policy']). */
export interface ScalePolicy {
  readonly min: number;
  readonly max: number;
  readonly scaleDownAfterMs: number;
  readonly tasksPerNode: number;
}

/** The Batch actions a reconcile may call; nothing else is reachable from here. */
export type ScalingMethod =
  | 'describeComputeEnv'
  | 'describeJobs'
  | 'describeJobSubmitInfo'
  | 'describeTask'
  | 'modifyComputeEnv'
  | 'terminateComputeNodes';

export type ScalingApi = Pick<BatchApi, ScalingMethod>;

export interface ScalingDeps {
  readonly batch: ScalingApi;
  readonly state: ActionState;
  /** Epoch milliseconds. */
  readonly clock: () => number;
  readonly logger: Logger;
  /** Tasks of each job as submitted: immutable, so kept across reconciles. */
  readonly jobTasks: JobTaskCache;
  /**
   * Whether TerminateComputeNodes lowers DesiredComputeNodeCount (batch-semantics.md 8.3,
   * UNVERIFIED). Undefined: learned per env from the first termination and kept in state.
   */
  readonly terminateLowersDesired?: boolean | undefined;
}

export interface ReconcileInput {
  readonly envId: string;
  readonly region: string;
  readonly policy: ScalePolicy;
}

export type ReconcileAction = 'none' | 'scale-up' | 'scale-down' | 'hold';

export interface ReconcileResult {
  readonly envId: string;
  readonly region: string;
  /** Unfinished task instances on the env; null when it could not be read. */
  readonly demand: number | null;
  /** Nodes that exist or are on their way (SUBMITTED/PENDING/CREATING/CREATED/RUNNING). */
  readonly capacity: number | null;
  /** RUNNING nodes with a task instance, or that cannot be shown to be idle. */
  readonly busy: number | null;
  /** DesiredComputeNodeCount as read before acting. */
  readonly current: number | null;
  /** What the policy asks for: clamp(ceil(demand / tasksPerNode), min, max). */
  readonly desired: number | null;
  readonly action: ReconcileAction;
  readonly reason?: string;
  /** Nodes removed with TerminateComputeNodes. */
  readonly terminated?: readonly string[];
  /** Batch calls this reconcile made, by method. */
  readonly calls: Readonly<Record<string, number>>;
  /** Set when a call failed: the count was held. */
  readonly failure?: { readonly error: ErrorSummary; readonly retryable: boolean };
}
