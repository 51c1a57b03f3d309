import { isoTime } from './clock.js';
import type { ActivityRecord, EnvRecord, NodeRecord } from './types.js';
import type { World } from './world.js';

/** Compute-node lifecycle: CREATING -> CREATED (no heartbeat yet) -> RUNNING; DELETING -> gone. */

export const NODE_CPU = 2;
export const NODE_MEM = 4;

export const nodeBatch = (env: EnvRecord, node: NodeRecord): Record<string, unknown> => ({
  ComputeNodeId: node.nodeId,
  ComputeNodeInstanceId: node.instanceId,
  ComputeNodeState: node.state,
  Cpu: NODE_CPU,
  Mem: NODE_MEM,
  ResourceCreatedTime: isoTime(node.resourceCreatedTime) ?? undefined,
  EnvId: env.envId,
  EnvName: env.envName,
});

const emitNode = (world: World, env: EnvRecord, node: NodeRecord, eventName: string): void =>
  world.events.emit(env.notifications, eventName, nodeBatch(env, node));

const addActivity = (
  world: World,
  env: EnvRecord,
  node: NodeRecord,
  spec: Pick<ActivityRecord, 'type' | 'cause'>,
): ActivityRecord => {
  const activity: ActivityRecord = {
    ...spec,
    activityId: world.ids.id('act'),
    nodeId: node.nodeId,
    instanceId: node.instanceId,
    state: 'PROCESSING',
    stateReason: '',
    startTime: world.scheduler.now(),
    endTime: null,
  };
  env.activities.push(activity);
  return activity;
};

const finishActivity = (world: World, activity: ActivityRecord, failure?: string): void => {
  activity.state = failure === undefined ? 'SUCCEED' : 'FAILED';
  activity.stateReason = failure ?? '';
  activity.endTime = world.scheduler.now();
};

const newNode = (world: World, env: EnvRecord, state: NodeRecord['state']): NodeRecord => {
  const node: NodeRecord = {
    nodeId: world.ids.id('node'),
    instanceId: world.ids.id('ins'),
    envId: env.envId,
    state,
    createTime: world.scheduler.now(),
    resourceCreatedTime: state === 'RUNNING' ? world.scheduler.now() : null,
    occupant: null,
    privateIp: `10.0.${env.nodes.size >> 8}.${(env.nodes.size % 254) + 1}`,
  };
  env.nodes.set(node.nodeId, node);
  return node;
};

/** A node that already exists when the emulator starts: RUNNING, no activity, no events. */
export const seedRunningNode = (world: World, env: EnvRecord): NodeRecord =>
  newNode(world, env, 'RUNNING');

const boot = (world: World, env: EnvRecord, node: NodeRecord, activity: ActivityRecord): void => {
  if (node.state !== 'CREATING') return;
  if (world.faults.nodeCreationFails()) {
    node.state = 'CREATION_FAILED';
    finishActivity(world, activity, 'Injected fault: the CVM could not be created');
    emitNode(world, env, node, 'COMPUTE_NODE_CREATION_FAILED');
    return;
  }
  node.state = 'CREATED';
  node.resourceCreatedTime = world.scheduler.now();
  finishActivity(world, activity);
  emitNode(world, env, node, 'COMPUTE_NODE_CREATED');
  world.scheduler.after(world.timings.nodeBootMs, () => {
    if (node.state !== 'CREATED') return;
    node.state = 'RUNNING';
    emitNode(world, env, node, 'COMPUTE_NODE_RUNNING');
    world.dispatch();
  });
};

export const createNode = (world: World, env: EnvRecord, cause: string): NodeRecord => {
  const node = newNode(world, env, 'CREATING');
  const activity = addActivity(world, env, node, { type: 'CREATE_COMPUTE_NODE', cause });
  world.scheduler.after(world.timings.nodeCreateMs, () => boot(world, env, node, activity));
  return node;
};

/** Whatever ran on the node is lost with it (batch-semantics.md 1.8). */
const evict = (world: World, node: NodeRecord, reason: string): void => {
  const occupant = node.occupant;
  node.occupant = null;
  if (occupant !== null) world.nodeLost(occupant, reason);
};

export const deleteNode = (world: World, env: EnvRecord, node: NodeRecord, cause: string): void => {
  node.state = 'DELETING';
  const activity = addActivity(world, env, node, { type: 'TERMINATE_COMPUTE_NODE', cause });
  emitNode(world, env, node, 'COMPUTE_NODE_DELETING');
  evict(world, node, `The compute node ${node.nodeId} was terminated (${cause})`);
  world.scheduler.after(world.timings.nodeDeleteMs, () => {
    env.nodes.delete(node.nodeId);
    finishActivity(world, activity);
  });
};

/** Heartbeat lost. Whether Batch re-creates such a node by itself is UNVERIFIED: it stays. */
export const markAbnormal = (world: World, env: EnvRecord, node: NodeRecord): void => {
  if (node.state === 'DELETING' || node.state === 'ABNORMAL') return;
  node.state = 'ABNORMAL';
  emitNode(world, env, node, 'COMPUTE_NODE_ABNORMAL');
  evict(world, node, `The compute node ${node.nodeId} stopped sending heartbeats`);
};

/** Nodes that hold a slot of the desired count: everything not on its way out. */
export const liveNodes = (env: EnvRecord): NodeRecord[] =>
  [...env.nodes.values()].filter((n) => n.state !== 'DELETING');
