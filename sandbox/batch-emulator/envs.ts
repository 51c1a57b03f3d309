import { ApiError, malformedId, notFound } from './api-error.js';
import { createNode, deleteNode, seedRunningNode } from './nodes.js';
import { readClientToken, readNotifications } from './notifications.js';
import { optInt, optString, rejectUnknown, reqObject, reqString } from './params.js';
import type { EnvRecord, JsonObject, NodeRecord } from './types.js';
import type { World } from './world.js';

/** Named compute environments: CreateComputeEnv, ModifyComputeEnv, TerminateComputeNode(s). */

const MAX_NODES = 2000;
const _MAX_TERMINATE_IDS = 100;

export interface NewEnv {
  readonly envId?: string | undefined;
  readonly envName: string;
  readonly envDescription?: string | undefined;
  readonly zone?: string | undefined;
  readonly desired: number;
  readonly createInfo?: JsonObject | undefined;
  /** Notifications in the API shape (`TopicName`, `EventConfigs`). */
  readonly notifications?: readonly JsonObject[] | undefined;
}

const readDesired = (params: JsonObject, path: string): number | undefined => {
  const value = optInt(params, 'DesiredComputeNodeCount', path);
  if (value === undefined) return undefined;
  if (value < 0)
    throw new ApiError(
      'InvalidParameterValue.Negative',
      `The value of \`${path}\` must not be negative.`,
    );
  if (value > MAX_NODES) {
    throw new ApiError(
      'InvalidParameterValue.LimitExceeded',
      `The value of \`${path}\` must be at most ${MAX_NODES}.`,
    );
  }
  return value;
};

export const addEnv = (world: World, spec: NewEnv): EnvRecord => {
  const env: EnvRecord = {
    envId: spec.envId ?? world.ids.id('env'),
    envName: spec.envName,
    envDescription: spec.envDescription ?? '',
    zone: spec.zone ?? `${world.region}-3`,
    createTime: world.scheduler.now(),
    desired: spec.desired,
    nodes: new Map(),
    activities: [],
    notifications: readNotifications({ Notifications: spec.notifications ?? [] }, 'ComputeEnv'),
    createInfo: spec.createInfo ?? { EnvName: spec.envName, DesiredComputeNodeCount: spec.desired },
  };
  world.envs.set(env.envId, env);
  return env;
};

/** A brand-new env announces itself, then grows its nodes from nothing. */
export const launchEnv = (world: World, env: EnvRecord): void => {
  world.events.emit(env.notifications, 'COMPUTE_ENV_CREATED', {
    EnvId: env.envId,
    EnvName: env.envName,
  });
  for (let i = 0; i < env.desired; i += 1)
    createNode(world, env, `CreateComputeEnv: the capacity is ${env.desired}`);
};

export const seedNodes = (world: World, env: EnvRecord, running: boolean): void => {
  if (!running) {
    launchEnv(world, env);
    return;
  }
  for (let i = 0; i < env.desired; i += 1) seedRunningNode(world, env);
};

export const createComputeEnv = (world: World, params: JsonObject): { EnvId: string } => {
  rejectUnknown(params, ['ComputeEnv', 'Placement', 'ClientToken']);
  const token = readClientToken(params);
  const known = token === undefined ? undefined : world.envTokens.get(token);
  if (known !== undefined) return { EnvId: known };
  const spec = reqObject(params, 'ComputeEnv');
  const envName = reqString(spec, 'EnvName', 'ComputeEnv.EnvName');
  if (envName.length > 60)
    throw new ApiError(
      'InvalidParameter.EnvNameTooLong',
      'The env name is longer than 60 characters.',
    );
  const desired = readDesired(spec, 'ComputeEnv.DesiredComputeNodeCount');
  if (desired === undefined)
    throw new ApiError(
      'MissingParameter',
      'The request is missing a required parameter `ComputeEnv.DesiredComputeNodeCount`.',
    );
  const zone = reqString(reqObject(params, 'Placement'), 'Zone', 'Placement.Zone');
  readNotifications(spec, 'ComputeEnv');
  const notifications = (spec['Notifications'] ?? []) as JsonObject[];
  const envDescription = optString(spec, 'EnvDescription', 'ComputeEnv.EnvDescription');
  const env = addEnv(world, {
    envName,
    envDescription,
    zone,
    desired,
    notifications,
    createInfo: spec,
  });
  if (token !== undefined) world.envTokens.set(token, env.envId);
  launchEnv(world, env);
  return { EnvId: env.envId };
};

export const findEnv = (world: World, params: JsonObject): EnvRecord => {
  const envId = reqString(params, 'EnvId');
  if (!/^env-[a-z0-9]+$/.test(envId))
    throw malformedId('InvalidParameter.EnvIdMalformed', 'EnvId', envId);
  const env = world.envs.get(envId);
  if (env === undefined)
    throw notFound('ResourceNotFound.ComputeEnv', 'compute environment', envId);
  return env;
};

const scaleInCandidates = (world: World, env: EnvRecord): NodeRecord[] => {
  const eligible = [...env.nodes.values()].filter((n) =>
    ['CREATED', 'RUNNING', 'ABNORMAL'].includes(n.state),
  );
  const order = world.behaviour.scaleInOrder;
  const rank = (n: NodeRecord): number =>
    (n.state === 'ABNORMAL' ? 0 : 2) + (order === 'idle-first' && n.occupant !== null ? 1 : 0);
  const age = (a: NodeRecord, b: NodeRecord): number =>
    order === 'newest' ? b.createTime - a.createTime : a.createTime - b.createTime;
  return eligible.sort((a, b) => rank(a) - rank(b) || age(a, b));
};

/** Lowering destroys nodes Batch picks itself, busy ones included (batch-semantics.md 1.3-1.4). */
export const modifyComputeEnv = (world: World, params: JsonObject): Record<string, never> => {
  rejectUnknown(params, [
    'EnvId',
    'DesiredComputeNodeCount',
    'EnvName',
    'EnvDescription',
    'EnvData',
  ]);
  const env = findEnv(world, params);
  const desired = readDesired(params, 'DesiredComputeNodeCount');
  env.envName = optString(params, 'EnvName') ?? env.envName;
  env.envDescription = optString(params, 'EnvDescription') ?? env.envDescription;
  if (desired === undefined || desired === env.desired) return {};
  const from = env.desired;
  if (desired > from) {
    const cause = `ModifyComputeEnv: increase the capacity from ${from} to ${desired}`;
    for (let i = from; i < desired; i += 1) createNode(world, env, cause);
  } else {
    const victims = scaleInCandidates(world, env).slice(0, from - desired);
    if (victims.length < from - desired) {
      throw new ApiError(
        'UnsupportedOperation.NotEnoughComputeNodesToTerminate',
        `Only ${victims.length} compute nodes can be terminated.`,
      );
    }
    const cause = `ModifyComputeEnv: decrease the capacity from ${from} to ${desired}`;
    for (const node of victims) deleteNode(world, env, node, cause);
  }
  env.desired = desired;
  return {};
};
