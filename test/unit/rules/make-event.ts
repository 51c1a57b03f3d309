import type { BatchEvent, EventFamily } from '../../../lib/ingest/event.js';

/** Test events without lib/ingest (written concurrently): a job failure unless overridden. */

/** Overrides; `undefined` removes a field, as an event that lacks it would. */
export type EventOverrides = { -readonly [K in keyof BatchEvent]?: BatchEvent[K] | undefined };

const withoutAbsent = (fields: Record<string, unknown>): BatchEvent =>
  Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as unknown as BatchEvent;

const familyOf = (name: string): EventFamily => {
  if (name.startsWith('TASK_INSTANCE_')) return 'taskInstance';
  if (name.startsWith('TASK_')) return 'task';
  if (name.startsWith('JOB_')) return 'job';
  if (name.startsWith('COMPUTE_ENV_')) return 'env';
  if (name.startsWith('COMPUTE_NODE_')) return 'node';
  return 'unknown';
};

export const makeEvent = (overrides: EventOverrides = {}): BatchEvent => {
  const name = overrides.name ?? 'JOB_FAILED';
  return withoutAbsent({
    id: 'evt-0001',
    name,
    family: familyOf(name),
    time: '2024-05-01T10:00:00Z',
    region: 'ap-shanghai',
    vars: {},
    jobId: 'job-4yn0we13',
    jobName: 'render-42',
    jobState: 'FAILED',
    batch: { JobId: 'job-4yn0we13', JobName: 'render-42', JobState: 'FAILED' },
    source: { kind: 'queue', topic: 'batch-events', messageId: 'msg-1' },
    ...overrides,
  });
};

/** A compute-node event as in reference/batch-api.md section 4.4. */
export const makeNodeEvent = (overrides: EventOverrides = {}): BatchEvent =>
  withoutAbsent({
    id: 'evt-node-1',
    name: 'COMPUTE_NODE_ABNORMAL',
    family: 'node',
    time: '2018-06-15T14:43:17Z',
    region: 'ap-guangzhou',
    vars: {},
    envId: 'env-ptoxdb1t',
    envName: 'batch-env',
    computeNodeId: 'node-0iy7wxyo',
    computeNodeState: 'ABNORMAL',
    computeNodeInstanceId: 'ins-9rikj9kw',
    batch: {
      ComputeNodeId: 'node-0iy7wxyo',
      EnvId: 'env-ptoxdb1t',
      ComputeNodeState: 'ABNORMAL',
      Mem: 8,
      Cpu: 4,
      EnvName: 'batch-env',
      ComputeNodeInstanceId: 'ins-9rikj9kw',
    },
    source: { kind: 'http-json' },
    ...overrides,
  });
