import type * as z from 'zod';
import {
  AckResponseSchema,
  DescribeComputeEnvActivitiesRequestSchema,
  DescribeComputeEnvActivitiesResponseSchema,
  DescribeComputeEnvRequestSchema,
  DescribeComputeEnvResponseSchema,
  DescribeComputeEnvsRequestSchema,
  DescribeComputeEnvsResponseSchema,
  DescribeJobRequestSchema,
  DescribeJobResponseSchema,
  DescribeJobSubmitInfoRequestSchema,
  DescribeJobSubmitInfoResponseSchema,
  DescribeJobsRequestSchema,
  DescribeJobsResponseSchema,
  DescribeTaskLogsRequestSchema,
  DescribeTaskLogsResponseSchema,
  DescribeTaskRequestSchema,
  DescribeTaskResponseSchema,
  ModifyComputeEnvRequestSchema,
  SubmitJobRequestSchema,
  SubmitJobResponseSchema,
  TerminateComputeNodeRequestSchema,
  TerminateComputeNodesRequestSchema,
  TerminateJobRequestSchema,
} from './batch-schemas.js';

/** Tencent's PascalCase action behind each camelCase method, with its schemas. */
export const BATCH_METHODS = {
  submitJob: ['SubmitJob', SubmitJobRequestSchema, SubmitJobResponseSchema],
  describeJob: ['DescribeJob', DescribeJobRequestSchema, DescribeJobResponseSchema],
  describeJobs: ['DescribeJobs', DescribeJobsRequestSchema, DescribeJobsResponseSchema],
  describeJobSubmitInfo: [
    'DescribeJobSubmitInfo',
    DescribeJobSubmitInfoRequestSchema,
    DescribeJobSubmitInfoResponseSchema,
  ],
  describeTask: ['DescribeTask', DescribeTaskRequestSchema, DescribeTaskResponseSchema],
  terminateJob: ['TerminateJob', TerminateJobRequestSchema, AckResponseSchema],
  describeComputeEnv: [
    'DescribeComputeEnv',
    DescribeComputeEnvRequestSchema,
    DescribeComputeEnvResponseSchema,
  ],
  describeComputeEnvs: [
    'DescribeComputeEnvs',
    DescribeComputeEnvsRequestSchema,
    DescribeComputeEnvsResponseSchema,
  ],
  describeComputeEnvActivities: [
    'DescribeComputeEnvActivities',
    DescribeComputeEnvActivitiesRequestSchema,
    DescribeComputeEnvActivitiesResponseSchema,
  ],
  modifyComputeEnv: ['ModifyComputeEnv', ModifyComputeEnvRequestSchema, AckResponseSchema],
  terminateComputeNode: [
    'TerminateComputeNode',
    TerminateComputeNodeRequestSchema,
    AckResponseSchema,
  ],
  terminateComputeNodes: [
    'TerminateComputeNodes',
    TerminateComputeNodesRequestSchema,
    AckResponseSchema,
  ],
  describeTaskLogs: [
    'DescribeTaskLogs',
    DescribeTaskLogsRequestSchema,
    DescribeTaskLogsResponseSchema,
  ],
} as const;

export type BatchMethodName = keyof typeof BATCH_METHODS;
export type BatchAction = (typeof BATCH_METHODS)[BatchMethodName][0];
export type BatchRequest<M extends BatchMethodName> = z.input<(typeof BATCH_METHODS)[M][1]>;
export type BatchResponse<M extends BatchMethodName> = z.output<(typeof BATCH_METHODS)[M][2]>;
