import { TencentApiError } from '../tencent/index.js';
import { chunk, type NodeSummary, selectIdleNodes, summarizeNodes } from './compute.js';
import { type EnvNodes, modifyDesired, readEnv } from './env-view.js';
import type { ReconcileInput, ScalingDeps } from './types.js';

/**
 * Scale-in without ever hitting a busy node. Lowering DesiredComputeNodeCount lets Batch pick
 * the victims, busy ones included (batch-semantics.md 1.4), so it is done alone only when no
 * node is busy; otherwise idle nodes are named with TerminateComputeNodes. Whether that call
 * lowers the desired count is UNVERIFIED: the env is re-read afterwards, and what it showed is
 * remembered per env so a platform that refills terminated slots is not churned.
 */

export interface ScaleInContext {
  readonly deps: ScalingDeps;
  readonly input: ReconcileInput;
  readonly env: EnvNodes & NodeSummary;
  readonly onNodeInstanceIds: ReadonlySet<string>;
  /** Never below the busy nodes. */
  readonly target: number;
}

export interface ScaleInOutcome {
  readonly action: 'scale-down' | 'hold';
  readonly reason: string;
  readonly terminated: readonly string[];
}

const MAX_IDS_PER_CALL = 100;
const LEARNED_TTL_MS = 30 * 24 * 3_600_000;

const learnedKey = ({ region, envId }: ReconcileInput): string =>
  `scaling:terminate-lowers-desired:${region}/${envId}`;

const terminateLowers = async (ctx: ScaleInContext): Promise<boolean | undefined> => {
  if (ctx.deps.terminateLowersDesired !== undefined) return ctx.deps.terminateLowersDesired;
  const known = await ctx.deps.state.get(learnedKey(ctx.input));
  return known === 'yes' ? true : known === 'no' ? false : undefined;
};

/** Someone else may have changed the count meanwhile: only an exact answer is learned. */
const learn = async (ctx: ScaleInContext, after: number, removed: number): Promise<void> => {
  const before = ctx.env.current;
  const verdict = after === before - removed ? 'yes' : after === before ? 'no' : undefined;
  if (verdict === undefined) return;
  await ctx.deps.state.set(learnedKey(ctx.input), verdict, LEARNED_TTL_MS);
  ctx.deps.logger.info('scaling.learned', {
    envId: ctx.input.envId,
    terminateLowersDesired: verdict === 'yes',
  });
};

const isNotEnoughNodes = (e: unknown): boolean =>
  e instanceof TencentApiError &&
  e.apiCode === 'UnsupportedOperation.NotEnoughComputeNodesToTerminate';

/** Nodes a lowered count may destroy (DOC-13637); with fewer than needed the call fails. */
const REMOVABLE_STATES = ['CREATED', 'RUNNING', 'ABNORMAL'];

const held = (reason: string, terminated: readonly string[]): ScaleInOutcome => ({
  action: terminated.length > 0 ? 'scale-down' : 'hold',
  reason,
  terminated,
});

/** Only called with no busy node: whichever nodes Batch picks, nothing running is lost. */
const lowerDesired = async (
  ctx: ScaleInContext,
  view: EnvNodes,
  terminated: readonly string[],
): Promise<ScaleInOutcome> => {
  const { region, envId } = ctx.input;
  const { current, nodes } = view;
  if (current <= ctx.target) {
    const done = terminated.length > 0 ? `terminated ${terminated.length} idle nodes` : '';
    return held(done || 'no idle node to remove', terminated);
  }
  const removable = nodes.filter((n) => REMOVABLE_STATES.includes(n.ComputeNodeState)).length;
  const waiting = `desired count ${current} held: nodes are not removable yet`;
  // Nodes still on their way cannot be destroyed: a call now would only fail.
  if (removable < current - ctx.target) return held(waiting, terminated);
  try {
    await modifyDesired(ctx.deps, region, envId, ctx.target);
  } catch (e) {
    if (!isNotEnoughNodes(e)) throw e;
    return held(waiting, terminated);
  }
  const reason = `desired count ${current} -> ${ctx.target} with no busy node`;
  return { action: 'scale-down', reason, terminated };
};

const terminate = async (ctx: ScaleInContext, ids: readonly string[]): Promise<void> => {
  const { region, envId } = ctx.input;
  for (const part of chunk(ids, MAX_IDS_PER_CALL)) {
    await ctx.deps.batch.terminateComputeNodes({ EnvId: envId, ComputeNodeIds: part }, { region });
    ctx.deps.logger.info('scaling.terminated', { envId, computeNodeIds: part });
  }
};

const afterTermination = async (
  ctx: ScaleInContext,
  victims: readonly string[],
  known: boolean | undefined,
): Promise<ScaleInOutcome> => {
  const after = await readEnv(ctx.deps, ctx.input.region, ctx.input.envId);
  if (known === undefined) await learn(ctx, after.current, victims.length);
  const { busy } = summarizeNodes(after.nodes, ctx.onNodeInstanceIds);
  if (after.current > ctx.target && busy > 0) {
    const reason = `terminated ${victims.length} idle nodes; desired count ${after.current} kept while ${busy} nodes are busy`;
    return { action: 'scale-down', reason, terminated: victims };
  }
  return lowerDesired(ctx, after, victims);
};

export const scaleIn = async (ctx: ScaleInContext): Promise<ScaleInOutcome> => {
  const { env } = ctx;
  const known = await terminateLowers(ctx);
  const victims = selectIdleNodes(env.idle, env.capacity - ctx.target);
  if (env.busy === 0 && (known === false || victims.length === 0)) {
    return lowerDesired(ctx, env, []);
  }
  if (known === false) {
    const reason = `TerminateComputeNodes keeps the desired count here and ${env.busy} nodes are busy: holding at ${env.current}`;
    return { action: 'hold', reason, terminated: [] };
  }
  if (victims.length === 0) {
    return { action: 'hold', reason: `no idle node to remove (${env.busy} busy)`, terminated: [] };
  }
  await terminate(ctx, victims);
  return afterTermination(ctx, victims, known);
};
