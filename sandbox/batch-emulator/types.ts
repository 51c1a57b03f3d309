/** The emulator's in-memory world: plain records mutated by the job and env engines. */

export type InstanceState =
  | 'SUBMITTED'
  | 'PENDING'
  | 'RUNNABLE'
  | 'STARTING'
  | 'RUNNING'
  | 'SUCCEED'
  | 'FAILED'
  | 'FAILED_INTERRUPTED';

/** Jobs and tasks use the same vocabulary as task instances (batch-api.md 3.1). */
export type JobState = InstanceState;

export type NodeState =
  | 'SUBMITTED'
  | 'CREATING'
  | 'CREATED'
  | 'CREATION_FAILED'
  | 'RUNNING'
  | 'ABNORMAL'
  | 'DELETING';

export type JsonObject = Record<string, unknown>;

export interface EventVar {
  readonly Name: string;
  readonly Value: string;
}

export interface EventConfig {
  /** Normalised UPPER_SNAKE name; submitters may have spelt it CamelCase. */
  readonly eventName: string;
  readonly eventVars: readonly EventVar[];
}

export interface NotificationConfig {
  readonly topicName: string;
  readonly eventConfigs: readonly EventConfig[];
}

export interface RedirectSpec {
  readonly stdoutPath: string;
  readonly stderrPath: string;
  readonly stdoutFileName: string;
  readonly stderrFileName: string;
}

export interface TaskSpec {
  readonly name: string;
  readonly instanceNum: number;
  readonly command: string;
  /** Undefined for a task on an anonymous ComputeEnv. */
  readonly envId: string | undefined;
  readonly redirect: RedirectSpec;
  readonly maxRetryCount: number;
  readonly failedAction: string;
  readonly timeoutSeconds: number;
  readonly maxConcurrentNum: number | undefined;
}

export interface InstanceRecord {
  readonly index: number;
  state: InstanceState;
  exitCode: number | null;
  stateReason: string;
  nodeId: string | null;
  nodeInstanceId: string | null;
  readonly createTime: number;
  launchTime: number | null;
  runningTime: number | null;
  endTime: number | null;
  stdout: string | null;
  stderr: string | null;
  attempts: number;
  /** Bumped on every (re)start so a stale timer of an earlier attempt does nothing. */
  generation: number;
}

export interface TaskRecord {
  readonly spec: TaskSpec;
  state: JobState;
  hasRun: boolean;
  readonly createTime: number;
  endTime: number | null;
  readonly instances: InstanceRecord[];
}

export interface Dependence {
  readonly StartTask: string;
  readonly EndTask: string;
}

export interface JobRecord {
  readonly jobId: string;
  readonly jobName: string;
  readonly jobDescription: string;
  readonly priority: number;
  readonly zone: string;
  readonly placement: JsonObject;
  readonly createTime: number;
  endTime: number | null;
  state: JobState;
  hasRun: boolean;
  stateReason: string;
  readonly tasks: TaskRecord[];
  readonly dependences: readonly Dependence[];
  readonly dependOn: string;
  readonly notifications: readonly NotificationConfig[];
  readonly tags: readonly JsonObject[];
  /** The Job as submitted, with defaults filled in, for DescribeJobSubmitInfo. */
  readonly submitted: JsonObject;
}

export interface NodeRecord {
  readonly nodeId: string;
  readonly instanceId: string;
  readonly envId: string;
  state: NodeState;
  readonly createTime: number;
  resourceCreatedTime: number | null;
  /** `jobId/taskName/index` of the task instance the node runs, or null when idle. */
  occupant: string | null;
  readonly privateIp: string;
}

export interface ActivityRecord {
  readonly activityId: string;
  readonly nodeId: string;
  readonly type: 'CREATE_COMPUTE_NODE' | 'TERMINATE_COMPUTE_NODE';
  readonly cause: string;
  state: 'SUBMITTED' | 'PROCESSING' | 'SUCCEED' | 'FAILED';
  stateReason: string;
  readonly startTime: number;
  endTime: number | null;
  readonly instanceId: string;
}

export interface EnvRecord {
  readonly envId: string;
  envName: string;
  envDescription: string;
  readonly zone: string;
  readonly createTime: number;
  desired: number;
  readonly nodes: Map<string, NodeRecord>;
  readonly activities: ActivityRecord[];
  readonly notifications: readonly NotificationConfig[];
  readonly createInfo: JsonObject;
}

export const TERMINAL_STATES: ReadonlySet<InstanceState> = new Set(['SUCCEED', 'FAILED']);

/** States after which an instance will not run again by itself. */
export const isDone = (state: InstanceState): boolean =>
  state === 'SUCCEED' || state === 'FAILED' || state === 'FAILED_INTERRUPTED';

export const occupantKey = (jobId: string, taskName: string, index: number): string =>
  `${jobId}/${taskName}/${index}`;
