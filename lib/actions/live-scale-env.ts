import {
  type Coalescer,
  type ReconcileResult,
  reconcileEnv,
  type ScalingDeps,
} from '../scaling/index.js';
import type { ActionOutcome, ScaleEnvPlan } from './plan.js';

/**
 * A scaleEnv plan runs the env's reconcile. Concurrent deliveries in one process share a run
 * (the coalescer), on top of the one-per-delivery rule of processDelivery.
 */

export const outcomeOf = (result: ReconcileResult): ActionOutcome => {
  if (result.failure !== undefined) {
    return { status: 'failed', error: result.failure.error, retryable: result.failure.retryable };
  }
  const { failure: _none, ...detail } = result;
  return { status: 'done', detail };
};

export const scaleEnvLive = async (
  plan: ScaleEnvPlan,
  deps: ScalingDeps & { readonly reconciles: Coalescer<ReconcileResult> },
): Promise<ActionOutcome> => {
  const input = { envId: plan.envId, region: plan.region, policy: plan.policy };
  const result = await deps.reconciles.run(`${plan.region}/${plan.envId}`, () =>
    reconcileEnv(input, deps),
  );
  return outcomeOf(result);
};
