import {
  type BatchEmulator,
  type BatchEmulatorOptions,
  createBatchEmulator,
  type JobSnapshot,
} from '../../../sandbox/batch-emulator/index.js';
import { callApi, type createTopicRecorder, FAST, notifyAll, ok } from './emulator-client.js';

/** Jobs and envs the emulator tests share. */

export const PLACEMENT = { Zone: 'ap-guangzhou-3' };
export const ENV_ID = 'env-abc123';

export const NODE_EVENTS = [
  'COMPUTE_NODE_CREATED',
  'COMPUTE_NODE_RUNNING',
  'COMPUTE_NODE_DELETING',
  'COMPUTE_NODE_ABNORMAL',
];

export const INSTANCE_EVENTS = [
  'TASK_INSTANCE_RUNNING',
  'TASK_INSTANCE_SUCCEED',
  'TASK_INSTANCE_FAILED_INTERRUPTED',
];

export const submit = async (
  em: BatchEmulator,
  job: Record<string, unknown>,
  token?: string,
): Promise<string> => {
  const response = await ok(
    callApi(em, 'SubmitJob', { Placement: PLACEMENT, Job: job, ClientToken: token }),
  );
  return response['JobId'] as string;
};

export const finished = (em: BatchEmulator, jobId: string): Promise<JobSnapshot> =>
  em.waitFor(() => {
    const job = em.job(jobId);
    return job !== undefined && ['SUCCEED', 'FAILED'].includes(job.state) && job;
  });

export const envTask = (command: string, extra: Record<string, unknown> = {}) => ({
  TaskName: 'render',
  TaskInstanceNum: 1,
  Application: { DeliveryForm: 'LOCAL', Command: command },
  EnvId: ENV_ID,
  ...extra,
});

/** Submits one task on ENV_ID whose instance events go to `job-events`. */
export const submitEnvTask = (em: BatchEmulator, task: Record<string, unknown>): Promise<string> =>
  submit(em, { Tasks: [task], Notifications: notifyAll('job-events', INSTANCE_EVENTS) });

export const firstInstance = (em: BatchEmulator, jobId: string) =>
  em.job(jobId)?.tasks[0]?.instances[0];

/** An emulator with ENV_ID holding `desired` RUNNING nodes that announce to `env-events`. */
export const startWithEnv = (
  topic: ReturnType<typeof createTopicRecorder>,
  desired: number,
  extra: Partial<BatchEmulatorOptions> = {},
): Promise<BatchEmulator> =>
  createBatchEmulator({
    ...FAST,
    publish: topic.publish,
    envs: [
      {
        envId: ENV_ID,
        envName: 'render-pool',
        desiredComputeNodeCount: desired,
        runningNodes: true,
        notifications: notifyAll('env-events', NODE_EVENTS),
      },
    ],
    ...extra,
  });
