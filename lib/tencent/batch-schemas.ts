import * as z from 'zod';
import {
  ActivitySchema,
  ComputeEnvViewSchema,
  ComputeNodeMetricsSchema,
  ComputeNodeSchema,
  DependenceSchema,
  FilterSchema,
  JobSchema,
  JobViewSchema,
  PlacementSchema,
  StateMetricsSchema,
  TaskInstanceLogSchema,
  TaskInstanceViewSchema,
  TaskSchema,
  TaskViewSchema,
} from './batch-types.js';

/** Request and response of each Batch action the bridge calls (batch-api.md section 2). */

const JobId = z.string().min(1);
const EnvId = z.string().min(1);
const Offset = z.number().int().nonnegative().optional();
const Limit = z.number().int().positive().optional();
/** Every response carries the RequestId; the client has checked it is a string. */
const Base = { RequestId: z.string() };
/** The response of actions that only acknowledge. */
export const AckResponseSchema = z.lazy(() => z.looseObject(Base));

export const SubmitJobRequestSchema = z.lazy(() =>
  z.looseObject({
    Placement: PlacementSchema,
    Job: JobSchema,
    /** At most 64 ASCII characters (batch-api.md 2.2): the idempotency key of a submission. */
    ClientToken: z
      .string()
      .regex(/^[\x20-\x7e]{1,64}$/)
      .optional(),
  }),
);
export const SubmitJobResponseSchema = z.lazy(() =>
  z.looseObject({ ...Base, JobId: z.string().min(1) }),
);

export const DescribeJobRequestSchema = z.lazy(() => z.looseObject({ JobId }));
export const DescribeJobResponseSchema = z.lazy(() =>
  z.looseObject({
    ...Base,
    JobId: z.string(),
    JobName: z.string().optional(),
    Zone: z.string().optional(),
    Priority: z.number().int().optional(),
    JobState: z.string(),
    CreateTime: z.string().nullable().optional(),
    EndTime: z.string().nullable().optional(),
    StateReason: z.string().nullable().optional(),
    TaskSet: z.array(TaskViewSchema).default([]),
    DependenceSet: z.array(DependenceSchema).default([]),
    TaskMetrics: StateMetricsSchema.optional(),
    TaskInstanceMetrics: StateMetricsSchema.optional(),
  }),
);

const ListRequest = { Filters: z.array(FilterSchema).optional(), Offset, Limit };

export const DescribeJobsRequestSchema = z.lazy(() =>
  z.looseObject({
    JobIds: z.array(JobId).max(100).optional(),
    ...ListRequest,
  }),
);
export const DescribeJobsResponseSchema = z.lazy(() =>
  z.looseObject({
    ...Base,
    JobSet: z.array(JobViewSchema),
    TotalCount: z.number().int().nonnegative(),
  }),
);

export const DescribeJobSubmitInfoRequestSchema = z.lazy(() => z.looseObject({ JobId }));
export const DescribeJobSubmitInfoResponseSchema = z.lazy(() =>
  z.looseObject({
    ...Base,
    JobId: z.string(),
    JobName: z.string().optional(),
    JobDescription: z.string().nullable().optional(),
    Priority: z.number().int().optional(),
    Tasks: z.array(TaskSchema),
    Dependences: z.array(DependenceSchema).default([]),
  }),
);

export const DescribeTaskRequestSchema = z.lazy(() =>
  z.looseObject({
    JobId,
    TaskName: z.string().min(1),
    Offset,
    Limit,
    Filters: z.array(FilterSchema).optional(),
  }),
);
export const DescribeTaskResponseSchema = z.lazy(() =>
  z.looseObject({
    ...Base,
    JobId: z.string(),
    TaskName: z.string(),
    TaskState: z.string(),
    CreateTime: z.string().nullable().optional(),
    EndTime: z.string().nullable().optional(),
    TaskInstanceTotalCount: z.number().int().nonnegative().optional(),
    TaskInstanceSet: z.array(TaskInstanceViewSchema),
    TaskInstanceMetrics: StateMetricsSchema.optional(),
  }),
);

export const TerminateJobRequestSchema = z.lazy(() => z.looseObject({ JobId }));

export const DescribeComputeEnvRequestSchema = z.lazy(() => z.looseObject({ EnvId }));
export const DescribeComputeEnvResponseSchema = z.lazy(() =>
  z.looseObject({
    ...Base,
    EnvId: z.string(),
    EnvName: z.string().optional(),
    Placement: PlacementSchema.optional(),
    CreateTime: z.string().nullable().optional(),
    ComputeNodeSet: z.array(ComputeNodeSchema),
    ComputeNodeMetrics: ComputeNodeMetricsSchema.optional(),
    DesiredComputeNodeCount: z.number().int().nonnegative(),
    EnvType: z.string().optional(),
    NextAction: z.string().nullable().optional(),
  }),
);

export const DescribeComputeEnvsRequestSchema = z.lazy(() =>
  z.looseObject({
    EnvIds: z.array(EnvId).max(100).optional(),
    ...ListRequest,
  }),
);
export const DescribeComputeEnvsResponseSchema = z.lazy(() =>
  z.looseObject({
    ...Base,
    ComputeEnvSet: z.array(ComputeEnvViewSchema),
    TotalCount: z.number().int().nonnegative(),
  }),
);

/** `Filters` is a single Filter here, not an array (batch-api.md 2.3). */
export const DescribeComputeEnvActivitiesRequestSchema = z.lazy(() =>
  z.looseObject({
    EnvId,
    Offset,
    Limit,
    Filters: FilterSchema.optional(),
  }),
);
export const DescribeComputeEnvActivitiesResponseSchema = z.lazy(() =>
  z.looseObject({
    ...Base,
    ActivitySet: z.array(ActivitySchema),
    TotalCount: z.number().int().nonnegative(),
  }),
);

export const ModifyComputeEnvRequestSchema = z.lazy(() =>
  z.looseObject({
    EnvId,
    DesiredComputeNodeCount: z.number().int().nonnegative().max(2000).optional(),
    EnvName: z.string().optional(),
    EnvDescription: z.string().optional(),
  }),
);

export const TerminateComputeNodeRequestSchema = z.lazy(() =>
  z.looseObject({
    EnvId,
    ComputeNodeId: z.string().min(1),
  }),
);
export const TerminateComputeNodesRequestSchema = z.lazy(() =>
  z.looseObject({
    EnvId,
    ComputeNodeIds: z.array(z.string().min(1)).min(1).max(100),
  }),
);

export const DescribeTaskLogsRequestSchema = z.lazy(() =>
  z.looseObject({
    JobId,
    TaskName: z.string().min(1),
    TaskInstanceIndexes: z.array(z.number().int().nonnegative()).optional(),
    Offset,
    Limit,
  }),
);
export const DescribeTaskLogsResponseSchema = z.lazy(() =>
  z.looseObject({
    ...Base,
    TotalCount: z.number().int().nonnegative().optional(),
    TaskInstanceLogSet: z.array(TaskInstanceLogSchema).default([]),
  }),
);
