import * as z from 'zod';

/**
 * Batch API 3.0 data types (batch-api.md section 3). Objects are loose: Tencent keeps adding
 * fields (the [SDK-only] ones) and they must reach the caller untouched. Fields the bridge
 * relies on are typed strictly; what the docs show as `null` is nullable.
 */

const NullableString = z.string().nullable().optional();

/** The seed types some counters as String while every example returns numbers: accept both. */
const Count = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

export const PlacementSchema = z.lazy(() =>
  z.looseObject({
    Zone: z.string().min(1),
    ProjectId: z.number().int().optional(),
    HostIds: z.array(z.string()).optional(),
  }),
);

export const FilterSchema = z.lazy(() =>
  z.looseObject({
    Name: z.string().min(1),
    Values: z.array(z.string()),
  }),
);

const NameValueSchema = z.looseObject({ Name: z.string(), Value: z.string() });

export const NotificationSchema = z.lazy(() =>
  z.looseObject({
    TopicName: z.string().min(1),
    EventConfigs: z.array(
      z.looseObject({
        EventName: z.string().min(1),
        EventVars: z.array(NameValueSchema).optional(),
      }),
    ),
  }),
);

export const RedirectInfoSchema = z.lazy(() =>
  z.looseObject({
    StdoutRedirectPath: NullableString,
    StderrRedirectPath: NullableString,
    StdoutRedirectFileName: NullableString,
    StderrRedirectFileName: NullableString,
  }),
);

export const ApplicationSchema = z.lazy(() =>
  z.looseObject({
    Command: z.string(),
    DeliveryForm: z.string(),
    PackagePath: z.string().optional(),
    Docker: z.looseObject({}).optional(),
  }),
);

export const TaskSchema = z.lazy(() =>
  z.looseObject({
    Application: ApplicationSchema,
    TaskName: z.string().optional(),
    TaskInstanceNum: z.number().int().nonnegative().optional(),
    ComputeEnv: z.looseObject({}).optional(),
    EnvId: z.string().optional(),
    RedirectInfo: RedirectInfoSchema.optional(),
    EnvVars: z.array(NameValueSchema).optional(),
    MaxRetryCount: z.number().int().nonnegative().optional(),
    Timeout: z.number().int().positive().optional(),
  }),
);

/** `DescribeJob` prints StartTaskName/EndTaskName where the type says StartTask/EndTask
 *  (batch-api.md 2.2): accept both, hand out StartTask/EndTask. */
export const DependenceSchema = z.lazy(() =>
  z
    .looseObject({
      StartTask: z.string().optional(),
      EndTask: z.string().optional(),
      StartTaskName: z.string().optional(),
      EndTaskName: z.string().optional(),
    })
    .transform((d, ctx) => {
      const StartTask = d.StartTask ?? d.StartTaskName;
      const EndTask = d.EndTask ?? d.EndTaskName;
      if (StartTask === undefined || EndTask === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a dependence needs StartTask and EndTask' });
        return z.NEVER;
      }
      return { ...d, StartTask, EndTask };
    }),
);

export const JobSchema = z.lazy(() =>
  z.looseObject({
    Tasks: z.array(TaskSchema).min(1),
    JobName: z.string().optional(),
    JobDescription: z.string().optional(),
    Priority: z.number().int().optional(),
    Dependences: z.array(z.looseObject({ StartTask: z.string(), EndTask: z.string() })).optional(),
    Notifications: z.array(NotificationSchema).optional(),
    TaskExecutionDependOn: z.string().optional(),
    StateIfCreateCvmFailed: z.string().optional(),
    NotificationTarget: z.string().optional(),
  }),
);

export const StateMetricsSchema = z.lazy(() =>
  z.looseObject({
    SubmittedCount: Count.optional(),
    PendingCount: Count.optional(),
    RunnableCount: Count.optional(),
    StartingCount: Count.optional(),
    RunningCount: Count.optional(),
    SucceedCount: Count.optional(),
    FailedInterruptedCount: Count.optional(),
    FailedCount: Count.optional(),
  }),
);

export const ComputeNodeMetricsSchema = z.lazy(() =>
  z.looseObject({
    SubmittedCount: Count.optional(),
    CreatingCount: Count.optional(),
    CreationFailedCount: Count.optional(),
    CreatedCount: Count.optional(),
    RunningCount: Count.optional(),
    DeletingCount: Count.optional(),
    AbnormalCount: Count.optional(),
  }),
);

export const TaskViewSchema = z.lazy(() =>
  z.looseObject({
    TaskName: z.string(),
    TaskState: z.string(),
    CreateTime: NullableString,
    EndTime: NullableString,
  }),
);

export const JobViewSchema = z.lazy(() =>
  z.looseObject({
    JobId: z.string(),
    JobName: z.string().optional(),
    JobState: z.string(),
    Priority: z.number().int().optional(),
    Placement: PlacementSchema.optional(),
    CreateTime: NullableString,
    EndTime: NullableString,
    TaskMetrics: StateMetricsSchema.optional(),
  }),
);

export const TaskInstanceViewSchema = z.lazy(() =>
  z.looseObject({
    TaskInstanceIndex: z.number().int().nonnegative(),
    TaskInstanceState: z.string(),
    ExitCode: z.number().int().nullable().optional(),
    StateReason: NullableString,
    ComputeNodeInstanceId: NullableString,
    CreateTime: NullableString,
    LaunchTime: NullableString,
    RunningTime: NullableString,
    EndTime: NullableString,
    RedirectInfo: RedirectInfoSchema.nullable().optional(),
  }),
);

export const ComputeNodeSchema = z.lazy(() =>
  z.looseObject({
    ComputeNodeId: z.string(),
    ComputeNodeInstanceId: NullableString,
    ComputeNodeState: z.string(),
    Cpu: z.number().optional(),
    Mem: z.number().optional(),
    ResourceCreatedTime: NullableString,
    TaskInstanceNumAvailable: z.number().int().optional(),
    AgentVersion: NullableString,
  }),
);

export const ComputeEnvViewSchema = z.lazy(() =>
  z.looseObject({
    EnvId: z.string(),
    EnvName: z.string().optional(),
    Placement: PlacementSchema.optional(),
    CreateTime: NullableString,
    ComputeNodeMetrics: ComputeNodeMetricsSchema.optional(),
    EnvType: z.string().optional(),
    DesiredComputeNodeCount: z.number().int().nonnegative(),
    NextAction: NullableString,
  }),
);

export const ActivitySchema = z.lazy(() =>
  z.looseObject({
    ActivityId: z.string(),
    ComputeNodeId: z.string().optional(),
    ComputeNodeActivityType: z.string().optional(),
    EnvId: z.string().optional(),
    Cause: NullableString,
    ActivityState: z.string(),
    StateReason: NullableString,
    StartTime: NullableString,
    EndTime: NullableString,
  }),
);

/** `StdoutLog`/`StderrLog` hold at most 2048 bytes, Base64 (batch-api.md 2.5), possibly as a
 *  `data:…;base64,` URI: kept as the strings they are. */
export const TaskInstanceLogSchema = z.lazy(() =>
  z.looseObject({
    TaskInstanceIndex: z.number().int().nonnegative(),
    StdoutLog: NullableString,
    StderrLog: NullableString,
    StdoutRedirectPath: NullableString,
    StderrRedirectPath: NullableString,
    StdoutRedirectFileName: NullableString,
    StderrRedirectFileName: NullableString,
  }),
);
