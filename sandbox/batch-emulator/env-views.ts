import { ApiError } from './api-error.js';
import { isoTime } from './clock.js';
import { findEnv } from './envs.js';
import { NODE_CPU, NODE_MEM } from './nodes.js';
import { intInRange, optStringArray, readFilters, rejectUnknown } from './params.js';
import type { EnvRecord, NodeRecord, NodeState } from './types.js';
import type { World } from './world.js';

/** DescribeComputeEnv(s), DescribeComputeEnvActivities, DescribeComputeEnvCreateInfo. */

type Params = Record<string, unknown>;

const NODE_METRICS: ReadonlyArray<[NodeState, string]> = [
  ['SUBMITTED', 'SubmittedCount'],
  ['CREATING', 'CreatingCount'],
  ['CREATION_FAILED', 'CreationFailedCount'],
  ['CREATED', 'CreatedCount'],
  ['RUNNING', 'RunningCount'],
  ['DELETING', 'DeletingCount'],
  ['ABNORMAL', 'AbnormalCount'],
];

const nodeMetrics = (env: EnvRecord): Record<string, number> => {
  const states = [...env.nodes.values()].map((n) => n.state);
  return Object.fromEntries(
    NODE_METRICS.map(([state, field]) => [field, states.filter((s) => s === state).length]),
  );
};

const nodeView = (node: NodeRecord): Params => ({
  ComputeNodeId: node.nodeId,
  ComputeNodeInstanceId: node.instanceId,
  ComputeNodeState: node.state,
  Cpu: NODE_CPU,
  Mem: NODE_MEM,
  ResourceCreatedTime: isoTime(node.resourceCreatedTime),
  // One task instance per node (batch-semantics.md 3.3): 0 while it runs one.
  TaskInstanceNumAvailable: node.occupant === null ? 1 : 0,
  AgentVersion: '1.1.9',
  PrivateIpAddresses: [node.privateIp],
  PublicIpAddresses: [],
  ResourceType: 'CVM',
  ResourceOrigin: 'BATCH_CREATED',
});

const envSummary = (env: EnvRecord): Params => ({
  EnvId: env.envId,
  EnvName: env.envName,
  Placement: { Zone: env.zone },
  CreateTime: isoTime(env.createTime),
  ComputeNodeMetrics: nodeMetrics(env),
  EnvType: 'MANAGED',
  DesiredComputeNodeCount: env.desired,
  ResourceType: 'CVM',
  NextAction: null,
  AttachedComputeNodeCount: 0,
  Tags: [],
});

export const describeComputeEnv = (world: World, params: Params): Params => {
  rejectUnknown(params, ['EnvId']);
  const env = findEnv(world, params);
  return { ...envSummary(env), ComputeNodeSet: [...env.nodes.values()].map(nodeView) };
};

const envField = (env: EnvRecord, name: string): string =>
  ({ 'env-id': env.envId, 'env-name': env.envName, zone: env.zone })[name] ?? '';

export const describeComputeEnvs = (world: World, params: Params): Params => {
  rejectUnknown(params, ['EnvIds', 'Filters', 'Offset', 'Limit']);
  const ids = optStringArray(params, 'EnvIds');
  const filters = readFilters(params, [
    'env-id',
    'env-name',
    'zone',
    'resource-type',
    'tag-key',
    'tag-value',
  ]);
  if (ids !== undefined && filters.length > 0) {
    throw new ApiError(
      'InvalidParameter',
      'The parameters `EnvIds` and `Filters` cannot be specified at the same time.',
    );
  }
  const offset = intInRange(params, 'Offset', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
  });
  const limit = intInRange(params, 'Limit', { min: 1, max: 100, fallback: 20 });
  const matching = [...world.envs.values()]
    .filter((env) => ids === undefined || ids.includes(env.envId))
    .filter((env) =>
      filters.every((f) =>
        f.name === 'resource-type'
          ? f.values.includes('CVM')
          : f.values.includes(envField(env, f.name)),
      ),
    );
  return {
    ComputeEnvSet: matching.slice(offset, offset + limit).map(envSummary),
    TotalCount: matching.length,
  };
};

/** Newest first, as in Tencent's example; `Filters` is a single Filter here. */
export const describeComputeEnvActivities = (world: World, params: Params): Params => {
  rejectUnknown(params, ['EnvId', 'Offset', 'Limit', 'Filters']);
  const env = findEnv(world, params);
  const filters = readFilters(params, ['compute-node-id']);
  const offset = intInRange(params, 'Offset', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
  });
  const limit = intInRange(params, 'Limit', { min: 1, max: 100, fallback: 20 });
  const matching = [...env.activities]
    .reverse()
    .filter((a) => filters.every((f) => f.values.includes(a.nodeId)));
  const ActivitySet = matching.slice(offset, offset + limit).map((a) => ({
    ActivityId: a.activityId,
    ComputeNodeId: a.nodeId,
    ComputeNodeActivityType: a.type,
    EnvId: env.envId,
    Cause: a.cause,
    ActivityState: a.state,
    StateReason: a.stateReason,
    StartTime: isoTime(a.startTime),
    EndTime: isoTime(a.endTime),
    InstanceId: a.instanceId,
  }));
  return { ActivitySet, TotalCount: matching.length };
};

export const describeComputeEnvCreateInfo = (world: World, params: Params): Params => {
  rejectUnknown(params, ['EnvId']);
  const env = findEnv(world, params);
  return {
    EnvType: 'MANAGED',
    ...env.createInfo,
    EnvId: env.envId,
    EnvName: env.envName,
    DesiredComputeNodeCount: env.desired,
  };
};
