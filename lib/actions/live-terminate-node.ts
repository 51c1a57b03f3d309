import type { Logger } from '../logger.js';
import type { ActionState } from '../scaling/index.js';
import { type BatchApi, TencentApiError } from '../tencent/index.js';
import { failedOutcome } from './live-outcome.js';
import type { ActionOutcome, TerminateNodePlan } from './plan.js';

/**
 * Replaces a broken node by terminating it. The event is a hint: DescribeComputeEnv decides.
 * Only a node that is ABNORMAL now is terminated; one already DELETING or gone is done
 * (a redelivery). A breaker caps terminations per env and hour, so a flapping agent or a
 * wrong rule cannot empty an environment.
 */

export interface TerminateNodeDeps {
  readonly batch: Pick<BatchApi, 'describeComputeEnv' | 'terminateComputeNode'>;
  readonly state: ActionState;
  readonly logger: Logger;
}

const HOUR_MS = 3_600_000;
/** Long enough for DescribeComputeEnv to show DELETING; released when the call fails. */
const CLAIM_TTL_MS = 15 * 60_000;

/** What a concurrent or earlier termination of the same node answers with. */
const ALREADY_GOING = new Set([
  'ResourceNotFound.ComputeNode',
  'UnsupportedOperation.ComputeNodeIsTerminating',
]);

const done = (plan: TerminateNodePlan, result: string): ActionOutcome => ({
  status: 'done',
  detail: { envId: plan.envId, computeNodeId: plan.computeNodeId, result },
});

const nodeState = async (
  plan: TerminateNodePlan,
  deps: TerminateNodeDeps,
): Promise<string | undefined> => {
  const env = await deps.batch.describeComputeEnv({ EnvId: plan.envId }, { region: plan.region });
  return env.ComputeNodeSet.find((n) => n.ComputeNodeId === plan.computeNodeId)?.ComputeNodeState;
};

const terminate = async (plan: TerminateNodePlan, deps: TerminateNodeDeps) => {
  const { envId, computeNodeId } = plan;
  try {
    await deps.batch.terminateComputeNode(
      { EnvId: envId, ComputeNodeId: computeNodeId },
      { region: plan.region },
    );
    deps.logger.info('action.terminateNode', { envId, computeNodeId });
    return done(plan, 'terminated');
  } catch (e) {
    if (e instanceof TencentApiError && ALREADY_GOING.has(e.apiCode)) {
      return done(plan, 'already-terminating');
    }
    throw e;
  }
};

/** Decides after the Describe: the breaker only counts nodes that are really terminated. */
const guarded = async (plan: TerminateNodePlan, deps: TerminateNodeDeps) => {
  const state = await nodeState(plan, deps);
  if (state === undefined) return done(plan, 'already-gone');
  if (state === 'DELETING') return done(plan, 'already-terminating');
  if (state !== 'ABNORMAL') {
    const reason = `node ${plan.computeNodeId} is ${state}, not ABNORMAL, per DescribeComputeEnv`;
    return { status: 'skipped' as const, reason };
  }
  const claim = `terminate:${plan.region}/${plan.envId}/${plan.computeNodeId}`;
  if (!(await deps.state.setIfAbsent(claim, CLAIM_TTL_MS))) {
    return { status: 'skipped' as const, reason: 'termination of this node already under way' };
  }
  const breaker = `breaker:terminate:${plan.envId}`;
  const { count, allowed } = await deps.state.hit(breaker, HOUR_MS, plan.maxPerHour);
  if (!allowed) {
    await deps.state.delete(claim);
    const reason = `circuit breaker open: ${count} terminations in the last hour`;
    deps.logger.warn('action.terminateNode.breaker', { envId: plan.envId, count });
    return { status: 'skipped' as const, reason };
  }
  try {
    return await terminate(plan, deps);
  } catch (e) {
    await deps.state.delete(claim);
    throw e;
  }
};

export const terminateNodeLive = async (
  plan: TerminateNodePlan,
  deps: TerminateNodeDeps,
): Promise<ActionOutcome> => {
  try {
    return await guarded(plan, deps);
  } catch (e) {
    deps.logger.warn('action.terminateNode.failed', { envId: plan.envId, error: e });
    return failedOutcome(e);
  }
};
