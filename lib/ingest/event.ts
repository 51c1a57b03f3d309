/** The normalised event of DESIGN 3.1: what every rule, template and action sees. */

export const EVENT_NAMES = [
  'JOB_RUNNING',
  'JOB_SUCCEED',
  'JOB_FAILED',
  'JOB_FAILED_INTERRUPTED',
  'TASK_RUNNING',
  'TASK_SUCCEED',
  'TASK_FAILED',
  'TASK_FAILED_INTERRUPTED',
  'TASK_INSTANCE_RUNNING',
  'TASK_INSTANCE_SUCCEED',
  'TASK_INSTANCE_FAILED',
  'TASK_INSTANCE_FAILED_INTERRUPTED',
  'COMPUTE_ENV_CREATED',
  'COMPUTE_ENV_DELETED',
  'COMPUTE_NODE_CREATED',
  'COMPUTE_NODE_CREATION_FAILED',
  'COMPUTE_NODE_RUNNING',
  'COMPUTE_NODE_ABNORMAL',
  'COMPUTE_NODE_DELETING',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

export type EventFamily = 'job' | 'task' | 'taskInstance' | 'env' | 'node' | 'unknown';

/** How the delivery reached us, and what the platform told us about it. */
export type DeliveryKind = 'topic-trigger' | 'http-json' | 'http-simplified' | 'queue' | 'raw';

export interface EventSource {
  readonly kind: DeliveryKind;
  readonly topic?: string;
  readonly subscription?: string;
  readonly messageId?: string;
  readonly publishTime?: string;
  readonly attempt?: number;
  readonly tags?: readonly string[];
}

export interface BatchEvent {
  /** Stable hash of name, resource ids and EventTime: the dedup and idempotency key. */
  readonly id: string;
  /** Normalised UPPER_SNAKE name (`JobFailed` -> `JOB_FAILED`); unknown names kept as sent. */
  readonly name: string;
  readonly family: EventFamily;
  readonly time?: string;
  readonly region?: string;
  /** EventVars as a name -> value map. */
  readonly vars: Readonly<Record<string, string>>;
  readonly jobId?: string;
  readonly jobName?: string;
  readonly jobState?: string;
  readonly taskName?: string;
  readonly taskState?: string;
  readonly taskInstanceIndex?: number;
  readonly taskInstanceState?: string;
  readonly exitCode?: number;
  readonly stateReason?: string;
  readonly envId?: string;
  readonly envName?: string;
  readonly computeNodeId?: string;
  readonly computeNodeState?: string;
  readonly computeNodeInstanceId?: string;
  /** The `Batch` object as received, unknown fields kept. */
  readonly batch: Readonly<Record<string, unknown>>;
  readonly source: EventSource;
}

/** The top-level fields of BatchEvent that rules and templates may name (besides vars.X, batch.X). */
export const EVENT_FIELDS = [
  'id',
  'name',
  'family',
  'time',
  'region',
  'jobId',
  'jobName',
  'jobState',
  'taskName',
  'taskState',
  'taskInstanceIndex',
  'taskInstanceState',
  'exitCode',
  'stateReason',
  'envId',
  'envName',
  'computeNodeId',
  'computeNodeState',
  'computeNodeInstanceId',
] as const;

export type EventField = (typeof EVENT_FIELDS)[number];
