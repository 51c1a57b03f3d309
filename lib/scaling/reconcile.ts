import { isBridgeError, summarizeError } from '../errors.js';
import { countCalls } from './call-counter.js';
import { planScale, type ScaleStep, summarizeNodes } from './compute.js';
import { type Demand, readDemand } from './demand.js';
import { type EnvNodes, modifyDesired, readEnv } from './env-view.js';
import { scaleIn } from './scale-in.js';
import type { ReconcileInput, ReconcileResult, ScalingDeps } from './types.js';

/**
 * A reconcile, not a reaction: whatever event asked for it, the count is computed from what
 * the Batch API shows now, so replays and reorderings cannot scale twice (DESIGN 3.4).
 */

/** A day beyond the policy's delay: a key for an env nobody reconciles any more expires. */
const BELOW_SINCE_MARGIN_MS = 24 * 3_600_000;

const belowKey = ({ region, envId }: ReconcileInput): string =>
  `scaling:below-since:${region}/${envId}`;

const parseTime = (value: string | undefined): number | undefined => {
  const n = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/** Both reads go out together; a failure of either holds the count. */
const observe = async (
  input: ReconcileInput,
  deps: ScalingDeps,
): Promise<{ env: EnvNodes; demand: Demand } | { error: unknown; current: number | null }> => {
  const [env, demand] = await Promise.allSettled([
    readEnv(deps, input.region, input.envId),
    readDemand(deps, input.region, input.envId),
  ]);
  if (env.status === 'fulfilled' && demand.status === 'fulfilled') {
    return { env: env.value, demand: demand.value };
  }
  const error = env.status === 'rejected' ? env.reason : (demand as PromiseRejectedResult).reason;
  return { error, current: env.status === 'fulfilled' ? env.value.current : null };
};

const failure = (e: unknown): NonNullable<ReconcileResult['failure']> => ({
  error: summarizeError(e),
  retryable: isBridgeError(e) && e.retryable,
});

type Acted = Pick<ReconcileResult, 'action'> &
  Partial<Pick<ReconcileResult, 'reason' | 'terminated'>>;

const act = async (
  step: ScaleStep,
  input: ReconcileInput,
  deps: ScalingDeps,
  seen: { env: EnvNodes; demand: Demand; belowSince: number | undefined },
): Promise<Acted> => {
  const { env, demand } = seen;
  if (step.step === 'scale-up' || step.step === 'none') {
    if (seen.belowSince !== undefined) await deps.state.delete(belowKey(input));
    if (step.step === 'none') return { action: 'none' };
    await modifyDesired(deps, input.region, input.envId, step.desired);
    return { action: 'scale-up', reason: `desired count ${env.current} -> ${step.desired}` };
  }
  if (step.step === 'wait') {
    const ttl = input.policy.scaleDownAfterMs + BELOW_SINCE_MARGIN_MS;
    if (seen.belowSince === undefined)
      await deps.state.set(belowKey(input), String(step.belowSince), ttl);
    const at = new Date(step.belowSince + input.policy.scaleDownAfterMs).toISOString();
    return { action: 'hold', reason: `demand below capacity; scale-down not before ${at}` };
  }
  const summary = summarizeNodes(env.nodes, demand.onNodeInstanceIds);
  const ctx = { deps, input, env: { ...env, ...summary }, target: step.target };
  return scaleIn({ ...ctx, onNodeInstanceIds: demand.onNodeInstanceIds });
};

const reconcileOnce = async (
  input: ReconcileInput,
  deps: ScalingDeps,
): Promise<ReconcileResult> => {
  const { api, calls } = countCalls(deps.batch);
  const counted: ScalingDeps = { ...deps, batch: api };
  const base = { envId: input.envId, region: input.region, calls };
  const seen = await observe(input, counted);
  if ('error' in seen) {
    const unknown = { demand: null, capacity: null, busy: null, desired: null };
    const reason = 'a Describe call failed: count held';
    const held = { action: 'hold' as const, reason, failure: failure(seen.error) };
    return { ...base, ...unknown, current: seen.current, ...held };
  }
  const { env, demand } = seen;
  const { capacity, busy } = summarizeNodes(env.nodes, demand.onNodeInstanceIds);
  const read = { demand: demand.unfinished, capacity, busy, current: env.current };
  let desired: number | null = null;
  try {
    const belowSince = parseTime(await deps.state.get(belowKey(input)));
    const now = deps.clock();
    const step = planScale({ ...read, policy: input.policy, belowSince, now });
    desired = step.desired;
    const acted = await act(step, input, counted, { env, demand, belowSince });
    return { ...base, ...read, desired, ...acted };
  } catch (e) {
    const reason = 'a call failed: count held';
    return { ...base, ...read, desired, action: 'hold', reason, failure: failure(e) };
  }
};

/** One log line per reconcile carries every figure, the decision and the calls it cost. */
export const reconcileEnv = async (
  input: ReconcileInput,
  deps: ScalingDeps,
): Promise<ReconcileResult> => {
  const result = await reconcileOnce(input, deps);
  if (result.failure === undefined) deps.logger.info('scaling.reconciled', { ...result });
  else deps.logger.warn('scaling.held', { ...result });
  return result;
};
