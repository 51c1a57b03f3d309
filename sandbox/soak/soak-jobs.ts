/** The jobs a user submits in the soak, in the API's shape, each notifying the soak's topic. */

export const SOAK_TOPIC = 'soak-events';
export const SOAK_ENV_ID = 'env-soak0001';
export const SOAK_ZONE = 'ap-guangzhou-3';

/** What the scaler may do with the named env (kept equal to the rule in soak-config.ts). */
export const POOL_MAX = 4;

const ANONYMOUS = {
  EnvType: 'MANAGED',
  EnvData: { InstanceType: 'S5.MEDIUM4', ImageId: 'img-soak0001' },
};

export type SoakJobKind = 'pool' | 'render' | 'qc' | 'bulk';

export interface SoakJob {
  readonly kind: SoakJobKind;
  readonly name: string;
  readonly instances: number;
  /** Events the job's notifications produce, duplicates aside. */
  readonly events: number;
  readonly request: Readonly<Record<string, unknown>>;
}

const notify = (events: readonly string[], vars: Record<string, string> = {}) => ({
  Notifications: [
    {
      TopicName: SOAK_TOPIC,
      EventConfigs: events.map((EventName) => ({
        EventName,
        EventVars: Object.entries(vars).map(([Name, Value]) => ({ Name, Value })),
      })),
    },
  ],
  NotificationTarget: 'TDMQ_CMQ',
});

interface JobSpec {
  readonly name: string;
  readonly instances: number;
  readonly command: string;
  readonly where: Readonly<Record<string, unknown>>;
  readonly events: readonly string[];
  readonly vars?: Record<string, string>;
}

const request = (spec: JobSpec, runId: string) => ({
  Placement: { Zone: SOAK_ZONE },
  ClientToken: `soak-${runId}-${spec.name}`,
  Job: {
    JobName: spec.name,
    Priority: 1,
    Tasks: [
      {
        TaskName: 'work',
        TaskInstanceNum: spec.instances,
        MaxRetryCount: 0,
        ...spec.where,
        Application: { DeliveryForm: 'LOCAL', Command: spec.command },
      },
    ],
    ...notify(spec.events, spec.vars),
  },
});

const RUN_EVENTS = ['JOB_RUNNING', 'JOB_SUCCEED', 'TASK_RUNNING', 'TASK_SUCCEED'];

/** Instances on the named env: demand for the scaler, and its events drive reconciles. */
export const poolJob = (index: number, instances: number, runId: string): SoakJob => {
  const events = ['JOB_RUNNING', 'JOB_SUCCEED', 'TASK_INSTANCE_SUCCEED'];
  const name = `pool-${index}`;
  const spec = { name, instances, command: 'sleep 20', where: { EnvId: SOAK_ENV_ID }, events };
  return { kind: 'pool', name, instances, events: 2 + instances, request: request(spec, runId) };
};

/** A job the chain rule follows: its JOB_SUCCEED must submit `encode-<name>` exactly once. */
export const renderJob = (index: number, runId: string): SoakJob => {
  const events = ['JOB_SUCCEED', 'TASK_INSTANCE_SUCCEED'];
  const name = `render-${index}`;
  const spec = { name, instances: 2, command: 'echo frame', where: { ComputeEnv: ANONYMOUS } };
  const full = { ...spec, events, vars: { pipeline: 'films' } };
  return { kind: 'render', name, instances: 2, events: 3, request: request(full, runId) };
};

/** Every instance dies like an out-of-memory kill: each failure is alerted once, or summarised. */
export const qcJob = (index: number, failures: number, runId: string): SoakJob => {
  const events = ['TASK_INSTANCE_FAILED', 'JOB_FAILED'];
  const name = `qc-${index}`;
  const command = '>&2 echo allocating 31 GB; exit 137';
  const spec = { name, instances: failures, command, where: { ComputeEnv: ANONYMOUS }, events };
  return {
    kind: 'qc',
    name,
    instances: failures,
    events: failures + 1,
    request: request(spec, runId),
  };
};

/** Volume: instances that run and succeed; no rule acts on them, and none may chain. */
export const bulkJob = (index: number, instances: number, runId: string): SoakJob => {
  const events = [...RUN_EVENTS, 'TASK_INSTANCE_RUNNING', 'TASK_INSTANCE_SUCCEED'];
  const name = `bulk-${index}`;
  const spec = { name, instances, command: 'echo ok', where: { ComputeEnv: ANONYMOUS }, events };
  const count = RUN_EVENTS.length + 2 * instances;
  return { kind: 'bulk', name, instances, events: count, request: request(spec, runId) };
};

/** The env's own notifications: its nodes' lifecycle reaches the bridge too. */
export const poolEnvNotifications = (): ReadonlyArray<Record<string, unknown>> =>
  notify(['COMPUTE_NODE_CREATED', 'COMPUTE_NODE_RUNNING', 'COMPUTE_NODE_DELETING']).Notifications;
