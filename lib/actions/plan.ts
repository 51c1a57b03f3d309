import type { ErrorSummary } from '../errors.js';
import type { BatchEvent } from '../ingest/event.js';

/**
 * What a matched rule asks for, in the shape the live executor sends it (DESIGN 3.3).
 * Plans are pure data: made without I/O, printed by the dry run, executed by the live side.
 */

export interface SubmitJobPlan {
  readonly region: string;
  /** The SubmitJob request parameters exactly as they would be sent. */
  readonly request: {
    readonly Placement: Readonly<Record<string, unknown>>;
    readonly Job: Readonly<Record<string, unknown>>;
    readonly ClientToken: string;
  };
}

export interface AlertPlan {
  readonly channel: string;
  readonly channelType: string;
  readonly title: string;
  readonly text: string;
  /** Tail of the task instance's log to fetch and append, when the rule asks for it. */
  readonly logs?: { readonly stream: 'stdout' | 'stderr'; readonly lines: number };
  /** Same key, same alert: redeliveries of one event never alert twice. */
  readonly dedupKey: string;
  /**
   * Alerts of one rule and channel with the same key group within the window. The key holds
   * the values of the rule's `groupBy` fields; the error signature is added when the log tail is
   * known, if `groupBy` names it.
   */
  readonly group: {
    readonly key: string;
    readonly bySignature: boolean;
    readonly windowMs: number;
  };
}

export interface ScaleEnvPlan {
  readonly region: string;
  readonly envId: string;
  readonly policy: {
    readonly min: number;
    readonly max: number;
    readonly scaleDownAfterMs: number;
    readonly tasksPerNode: number;
  };
}

export interface TerminateNodePlan {
  readonly region: string;
  readonly envId: string;
  readonly computeNodeId: string;
  readonly computeNodeInstanceId?: string;
  readonly maxPerHour: number;
}

export type PlannedAction =
  | { readonly rule: string; readonly action: 'submitJob'; readonly plan: SubmitJobPlan }
  | { readonly rule: string; readonly action: 'alert'; readonly plan: AlertPlan }
  | { readonly rule: string; readonly action: 'scaleEnv'; readonly plan: ScaleEnvPlan }
  | { readonly rule: string; readonly action: 'terminateNode'; readonly plan: TerminateNodePlan };

export type ActionKind = PlannedAction['action'];

export type ActionOutcome =
  /** Dry run: what would have been sent. */
  | { readonly status: 'planned' }
  | { readonly status: 'done'; readonly detail?: Readonly<Record<string, unknown>> }
  /** Nothing to do (already done, deduplicated, breaker open): safe to acknowledge. */
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly error: ErrorSummary; readonly retryable: boolean };

/**
 * Runs plans. The dry-run executor only reports them; the live one sends them. An executor
 * that needs no I/O may answer synchronously, which keeps the dry run free of promises.
 */
export interface Executor {
  readonly mode: 'dry-run' | 'live';
  execute(action: PlannedAction, event: BatchEvent): ActionOutcome | Promise<ActionOutcome>;
}
