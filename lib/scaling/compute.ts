import type { ScalePolicy } from './types.js';

/** The pure arithmetic of a reconcile: no I/O, no clock, so every rule is unit-tested. */

/** Instance states that still need (or hold) a node. */
export const UNFINISHED_STATES = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING'];

/** Instance states that occupy a node right now. */
export const ON_NODE_STATES = ['STARTING', 'RUNNING'];

/** Node states that are, or are becoming, usable capacity. PENDING and SUBMITTED are the
 *  earliest creation states (batch-semantics.md 3.2): on their way, so counted. */
const CAPACITY_STATES = ['SUBMITTED', 'PENDING', 'CREATING', 'CREATED', 'RUNNING'];

export interface NodeView {
  readonly ComputeNodeId: string;
  readonly ComputeNodeState: string;
  readonly ComputeNodeInstanceId?: string | null | undefined;
  readonly TaskInstanceNumAvailable?: number | undefined;
  readonly ResourceCreatedTime?: string | null | undefined;
}

export interface MetricCounts {
  readonly SubmittedCount?: number | undefined;
  readonly PendingCount?: number | undefined;
  readonly RunnableCount?: number | undefined;
  readonly StartingCount?: number | undefined;
  readonly RunningCount?: number | undefined;
}

const METRIC_FIELDS = [
  'SubmittedCount',
  'PendingCount',
  'RunnableCount',
  'StartingCount',
  'RunningCount',
] as const;

/** Unfinished instances from a task's counters; undefined unless every counter is present. */
export const unfinishedFromMetrics = (metrics: MetricCounts | undefined): number | undefined => {
  if (metrics === undefined) return undefined;
  let sum = 0;
  for (const field of METRIC_FIELDS) {
    const value = metrics[field];
    if (typeof value !== 'number') return undefined;
    sum += value;
  }
  return sum;
};

/** Instances on a node according to the counters; undefined when they are incomplete. */
export const onNodeFromMetrics = (metrics: MetricCounts | undefined): number | undefined =>
  typeof metrics?.StartingCount === 'number' && typeof metrics.RunningCount === 'number'
    ? metrics.StartingCount + metrics.RunningCount
    : undefined;

export const desiredCount = (demand: number, policy: ScalePolicy): number =>
  Math.min(policy.max, Math.max(policy.min, Math.ceil(demand / policy.tasksPerNode)));

/**
 * Idle means provably idle: RUNNING, a free slot by TaskInstanceNumAvailable, and no STARTING or
 * RUNNING instance naming its CVM (batch-semantics.md 3.3 suggests the cross-check). A node
 * without the counter is not idle: what cannot be shown free is never removed.
 */
export const isIdleNode = (node: NodeView, onNodeInstanceIds: ReadonlySet<string>): boolean =>
  node.ComputeNodeState === 'RUNNING' &&
  typeof node.TaskInstanceNumAvailable === 'number' &&
  node.TaskInstanceNumAvailable > 0 &&
  !(
    typeof node.ComputeNodeInstanceId === 'string' &&
    onNodeInstanceIds.has(node.ComputeNodeInstanceId)
  );

export interface NodeSummary {
  readonly capacity: number;
  readonly busy: number;
  readonly idle: readonly NodeView[];
}

export const summarizeNodes = (
  nodes: readonly NodeView[],
  onNodeInstanceIds: ReadonlySet<string>,
): NodeSummary => {
  const capacity = nodes.filter((n) => CAPACITY_STATES.includes(n.ComputeNodeState)).length;
  const running = nodes.filter((n) => n.ComputeNodeState === 'RUNNING');
  const idle = running.filter((n) => isIdleNode(n, onNodeInstanceIds));
  return { capacity, busy: running.length - idle.length, idle };
};

/**
 * The idle nodes to remove, newest first: a node that has run for a while has shown it works
 * and holds warm caches (images, packages). Ties go by id so the choice is repeatable.
 */
export const selectIdleNodes = (idle: readonly NodeView[], count: number): string[] =>
  [...idle]
    .sort(
      (a, b) =>
        (b.ResourceCreatedTime ?? '').localeCompare(a.ResourceCreatedTime ?? '') ||
        a.ComputeNodeId.localeCompare(b.ComputeNodeId),
    )
    .slice(0, Math.max(0, count))
    .map((n) => n.ComputeNodeId);

export interface ScaleInput {
  readonly demand: number;
  readonly current: number;
  readonly capacity: number;
  readonly busy: number;
  readonly policy: ScalePolicy;
  /** Since when demand has been below capacity, as remembered; undefined when it was not. */
  readonly belowSince: number | undefined;
  readonly now: number;
}

export type ScaleStep =
  | { readonly step: 'none'; readonly desired: number }
  | { readonly step: 'scale-up'; readonly desired: number }
  | { readonly step: 'wait'; readonly desired: number; readonly belowSince: number }
  | {
      readonly step: 'scale-down';
      readonly desired: number;
      readonly belowSince: number;
      /** Never below the busy nodes. */
      readonly target: number;
    };

/** Up at once; down only after demand stayed below capacity for `scaleDownAfterMs`. */
export const planScale = (input: ScaleInput): ScaleStep => {
  const desired = desiredCount(input.demand, input.policy);
  if (desired > input.current) return { step: 'scale-up', desired };
  if (desired >= Math.max(input.current, input.capacity)) return { step: 'none', desired };
  const belowSince = input.belowSince ?? input.now;
  if (input.now - belowSince < input.policy.scaleDownAfterMs) {
    return { step: 'wait', desired, belowSince };
  }
  return { step: 'scale-down', desired, belowSince, target: Math.max(desired, input.busy) };
};

/** TerminateComputeNodes takes at most 100 ids a call. */
export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
