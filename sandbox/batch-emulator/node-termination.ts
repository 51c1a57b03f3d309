import { ApiError, malformedId, notFound } from './api-error.js';
import { findEnv } from './envs.js';
import { createNode, deleteNode, liveNodes } from './nodes.js';
import { optStringArray, rejectUnknown, reqString } from './params.js';
import type { EnvRecord, JsonObject, NodeRecord } from './types.js';
import type { World } from './world.js';

/** TerminateComputeNode and TerminateComputeNodes: the caller picks the nodes. */

const MAX_TERMINATE_IDS = 100;

const TERMINABLE = ['CREATED', 'CREATION_FAILED', 'RUNNING', 'ABNORMAL'];

const checkTerminable = (env: EnvRecord, nodeId: string, single: boolean): NodeRecord => {
  const name = single ? 'ComputeNodeId' : 'ComputeNodeIds';
  if (!/^node-[a-z0-9]+$/.test(nodeId))
    throw malformedId('InvalidParameter.ComputeNodeIdMalformed', name, nodeId);
  const node = env.nodes.get(nodeId);
  if (node === undefined) throw notFound('ResourceNotFound.ComputeNode', 'compute node', nodeId);
  if (node.state === 'DELETING') {
    throw new ApiError(
      single ? 'UnsupportedOperation.ComputeNodeIsTerminating' : 'UnsupportedOperation',
      `The compute node \`${nodeId}\` is already terminating.`,
    );
  }
  if (!TERMINABLE.includes(node.state)) {
    throw new ApiError(
      'UnsupportedOperation.ComputeNodeForbidTerminate',
      `The compute node \`${nodeId}\` is ${node.state} and cannot be terminated.`,
    );
  }
  return node;
};

const readNodeIds = (params: JsonObject, single: boolean): string[] => {
  if (single) return [reqString(params, 'ComputeNodeId')];
  const ids = optStringArray(params, 'ComputeNodeIds') ?? [];
  if (ids.length === 0)
    throw new ApiError(
      'MissingParameter',
      'The request is missing a required parameter `ComputeNodeIds`.',
    );
  if (ids.length > MAX_TERMINATE_IDS)
    throw new ApiError(
      'InvalidParameterValue',
      `At most ${MAX_TERMINATE_IDS} ComputeNodeIds are allowed.`,
    );
  if (new Set(ids).size !== ids.length)
    throw new ApiError('InvalidParameterValue', 'ComputeNodeIds must not contain duplicates.');
  return ids;
};

/**
 * Whether terminating nodes lowers DesiredComputeNodeCount is UNVERIFIED (DESIGN 3.5): with
 * `terminateLowersDesired` it does; without, the env creates replacements to keep the count.
 */
export const terminateComputeNodes = (
  world: World,
  params: JsonObject,
  single: boolean,
): Record<string, never> => {
  rejectUnknown(params, ['EnvId', single ? 'ComputeNodeId' : 'ComputeNodeIds']);
  const env = findEnv(world, params);
  const action = single ? 'TerminateComputeNode' : 'TerminateComputeNodes';
  const nodes = readNodeIds(params, single).map((id) => checkTerminable(env, id, single));
  for (const node of nodes) deleteNode(world, env, node, `${action}: terminate ${node.nodeId}`);
  if (world.behaviour.terminateLowersDesired) {
    env.desired = Math.max(0, env.desired - nodes.length);
    return {};
  }
  const missing = env.desired - liveNodes(env).length;
  for (let i = 0; i < missing; i += 1)
    createNode(world, env, `${action}: keep the capacity at ${env.desired}`);
  return {};
};
