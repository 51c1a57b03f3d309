import type { BatchEvent } from '../ingest/event.js';
import type { Logger } from '../logger.js';
import {
  type ActionState,
  createCoalescer,
  createJobTaskCache,
  type JobTaskCache,
  type ReconcileResult,
} from '../scaling/index.js';
import type { BatchApi } from '../tencent/index.js';
import { failedOutcome } from './live-outcome.js';
import { scaleEnvLive } from './live-scale-env.js';
import { submitJobLive } from './live-submit-job.js';
import { terminateNodeLive } from './live-terminate-node.js';
import type { ActionOutcome, AlertPlan, Executor, PlannedAction } from './plan.js';

/** The executor that acts: Batch API calls for jobs and nodes, channels for alerts. */

/** The rule names the alert's group; the sender is built from the channels (lib/notify). */
export type AlertSender = (
  rule: string,
  plan: AlertPlan,
  event: BatchEvent,
) => Promise<ActionOutcome>;

export interface LiveExecutorOptions {
  readonly batch: BatchApi;
  readonly state: ActionState;
  /** Epoch milliseconds. */
  readonly clock: () => number;
  readonly logger: Logger;
  /** Channels are built elsewhere; without them alerts are skipped, not failed. */
  readonly alerts?: AlertSender | undefined;
  /** Job -> tasks as submitted; one per process by default, kept while warm. */
  readonly jobTasks?: JobTaskCache | undefined;
  /** UNVERIFIED platform behaviour (batch-semantics.md 8.3); undefined: learned per env. */
  readonly terminateLowersDesired?: boolean | undefined;
}

const NO_ALERTS: ActionOutcome = Object.freeze({
  status: 'skipped',
  reason: 'no alert sender configured',
});

export const createLiveExecutor = (options: LiveExecutorOptions): Executor => {
  const { batch, state, clock, logger, alerts } = options;
  const scaling = {
    batch,
    state,
    clock,
    logger,
    jobTasks: options.jobTasks ?? createJobTaskCache(),
    terminateLowersDesired: options.terminateLowersDesired,
    reconciles: createCoalescer<ReconcileResult>(),
  };
  const run = (action: PlannedAction, event: BatchEvent): Promise<ActionOutcome> => {
    switch (action.action) {
      case 'submitJob':
        return submitJobLive(action.plan, { batch, logger });
      case 'alert':
        return alerts === undefined
          ? Promise.resolve(NO_ALERTS)
          : alerts(action.rule, action.plan, event);
      case 'scaleEnv':
        return scaleEnvLive(action.plan, scaling);
      case 'terminateNode':
        return terminateNodeLive(action.plan, { batch, state, logger });
    }
  };
  return Object.freeze({
    mode: 'live' as const,
    execute: async (action: PlannedAction, event: BatchEvent) => {
      try {
        return await run(action, event);
      } catch (e) {
        // An alert sender or a store may throw; the delivery still gets an outcome.
        logger.error('action.threw', { rule: action.rule, action: action.action, error: e });
        return failedOutcome(e);
      }
    },
  });
};
