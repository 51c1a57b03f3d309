import {
  describeComputeEnv,
  describeComputeEnvActivities,
  describeComputeEnvCreateInfo,
  describeComputeEnvs,
} from './env-views.js';
import { createComputeEnv, modifyComputeEnv } from './envs.js';
import { terminateJob } from './job-interrupts.js';
import { submitJob } from './job-submit.js';
import { describeJob, describeJobSubmitInfo, describeJobs, findJob } from './job-views.js';
import { terminateComputeNodes } from './node-termination.js';
import { rejectUnknown } from './params.js';
import { describeTaskLogs } from './task-logs.js';
import { describeTask } from './task-views.js';
import type { JsonObject } from './types.js';
import type { World } from './world.js';

/** The Batch actions the emulator speaks, by their API 3.0 names. */
export type ActionHandler = (params: JsonObject) => JsonObject;

export interface ActionOptions {
  readonly taskLogsAsDataUri: boolean;
}

export const ACTION_NAMES = [
  'SubmitJob',
  'DescribeJob',
  'DescribeJobs',
  'DescribeJobSubmitInfo',
  'DescribeTask',
  'DescribeTaskLogs',
  'TerminateJob',
  'CreateComputeEnv',
  'DescribeComputeEnv',
  'DescribeComputeEnvs',
  'DescribeComputeEnvActivities',
  'DescribeComputeEnvCreateInfo',
  'ModifyComputeEnv',
  'TerminateComputeNode',
  'TerminateComputeNodes',
] as const;

export type ActionName = (typeof ACTION_NAMES)[number];

export const buildActions = (
  world: World,
  options: ActionOptions,
): ReadonlyMap<string, ActionHandler> => {
  const table: Record<ActionName, ActionHandler> = {
    SubmitJob: (p) => submitJob(world, p),
    DescribeJob: (p) => describeJob(world, p),
    DescribeJobs: (p) => describeJobs(world, p),
    DescribeJobSubmitInfo: (p) => describeJobSubmitInfo(world, p),
    DescribeTask: (p) => describeTask(world, p),
    DescribeTaskLogs: (p) => describeTaskLogs(world, p, options.taskLogsAsDataUri),
    TerminateJob: (p) => {
      rejectUnknown(p, ['JobId']);
      terminateJob(world, findJob(world, p));
      return {};
    },
    CreateComputeEnv: (p) => createComputeEnv(world, p),
    DescribeComputeEnv: (p) => describeComputeEnv(world, p),
    DescribeComputeEnvs: (p) => describeComputeEnvs(world, p),
    DescribeComputeEnvActivities: (p) => describeComputeEnvActivities(world, p),
    DescribeComputeEnvCreateInfo: (p) => describeComputeEnvCreateInfo(world, p),
    ModifyComputeEnv: (p) => modifyComputeEnv(world, p),
    TerminateComputeNode: (p) => terminateComputeNodes(world, p, true),
    TerminateComputeNodes: (p) => terminateComputeNodes(world, p, false),
  };
  return new Map(Object.entries(table));
};
