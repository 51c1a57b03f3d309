import type { AppDeps } from '../app.js';
import { summarizeError } from '../errors.js';
import { type FlushResult, flushAlertGroups } from '../notify/flush-groups.js';
import { logMetrics } from '../observe/index.js';
import { type ReconcileResult, reconcileAll } from '../scaling/index.js';

/**
 * The timer's duties: reconcile every env a rule scales (so scale-in happens without events and
 * lost events do no harm), and send the summaries of alert groups whose window closed.
 */

export interface TickResult {
  readonly reconciled: readonly ReconcileResult[];
  readonly alerts: FlushResult;
  /** True when a reconcile failed for a reason the next tick may not fix by itself. */
  readonly failed: boolean;
}

const NOTHING: FlushResult = { claimed: 0, summaries: 0, failed: 0 };

export const runTick = async (deps: AppDeps): Promise<TickResult> => {
  const { live, logger, state, config } = deps;
  if (live === undefined) {
    logger.info('tick skipped: dry run', {});
    return { reconciled: [], alerts: NOTHING, failed: false };
  }
  const scaling = { batch: live.batch, state, clock: Date.now, logger, jobTasks: live.jobTasks };
  const reconciled = await reconcileAll(config, scaling).catch((e: unknown) => {
    logger.error('reconcile failed', { error: summarizeError(e) });
    return [];
  });
  const alerts = await flushAlertGroups({
    channels: live.channels,
    state,
    logger,
    deadline: deps.deadline,
  });
  for (const r of reconciled) logger.info('reconcile', { ...r });
  logger.info('tick', { envs: reconciled.length, ...alerts });
  logMetrics(deps.metrics, logger);
  return { reconciled, alerts, failed: reconciled.some((r) => r.failure !== undefined) };
};
