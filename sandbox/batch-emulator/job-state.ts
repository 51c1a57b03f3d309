import type { InstanceRecord, JobRecord, JobState, TaskRecord } from './types.js';
import { isDone } from './types.js';
import type { World } from './world.js';

/**
 * Task and job states follow from their instances; every change that Batch announces
 * becomes an event, parents first when work starts and children first when it ends.
 */

const PROGRESS: readonly JobState[] = ['STARTING', 'RUNNABLE', 'PENDING', 'SUBMITTED'];

const derive = (states: readonly JobState[], hasRun: boolean): JobState => {
  if (states.every(isDone)) {
    if (states.includes('FAILED_INTERRUPTED')) return 'FAILED_INTERRUPTED';
    return states.includes('FAILED') ? 'FAILED' : 'SUCCEED';
  }
  if (hasRun) return 'RUNNING';
  return PROGRESS.find((state) => states.includes(state)) ?? 'SUBMITTED';
};

export const deriveTaskState = (task: TaskRecord): JobState =>
  derive(
    task.instances.map((i) => i.state),
    task.hasRun,
  );

export const jobBatch = (job: JobRecord): Record<string, unknown> => ({
  JobId: job.jobId,
  JobName: job.jobName,
  JobState: job.state,
  StateReason: job.stateReason === '' ? undefined : job.stateReason,
});

export const taskBatch = (job: JobRecord, task: TaskRecord): Record<string, unknown> => ({
  JobId: job.jobId,
  JobName: job.jobName,
  JobState: job.state,
  TaskName: task.spec.name,
  TaskState: task.state,
});

export const instanceBatch = (
  world: World,
  job: JobRecord,
  task: TaskRecord,
  instance: InstanceRecord,
): Record<string, unknown> => {
  const env = task.spec.envId === undefined ? undefined : world.envs.get(task.spec.envId);
  return {
    ...taskBatch(job, task),
    TaskInstanceIndex: instance.index,
    TaskInstanceState: instance.state,
    ExitCode: instance.exitCode ?? undefined,
    StateReason: instance.stateReason === '' ? undefined : instance.stateReason,
    EnvId: env?.envId,
    EnvName: env?.envName,
    ComputeNodeId: env === undefined ? undefined : (instance.nodeId ?? undefined),
    ComputeNodeInstanceId: instance.nodeInstanceId ?? undefined,
  };
};

const ANNOUNCED: ReadonlySet<JobState> = new Set([
  'RUNNING',
  'SUCCEED',
  'FAILED',
  'FAILED_INTERRUPTED',
]);

type Emit = () => void;

const updateTasks = (world: World, job: JobRecord): Emit[] => {
  const emits: Emit[] = [];
  for (const task of job.tasks) {
    const next = deriveTaskState(task);
    if (next === task.state) continue;
    task.state = next;
    if (isDone(next)) task.endTime = world.scheduler.now();
    if (ANNOUNCED.has(next)) {
      emits.push(() => world.events.emit(job.notifications, `TASK_${next}`, taskBatch(job, task)));
    }
  }
  return emits;
};

const updateJob = (world: World, job: JobRecord): Emit | undefined => {
  job.hasRun ||= job.tasks.some((t) => t.hasRun);
  const next = derive(
    job.tasks.map((t) => t.state),
    job.hasRun,
  );
  if (next === job.state) return undefined;
  job.state = next;
  if (isDone(next)) job.endTime = world.scheduler.now();
  if (next === 'FAILED' && job.stateReason === '') job.stateReason = 'Task failed';
  if (!ANNOUNCED.has(next)) return undefined;
  return () => world.events.emit(job.notifications, `JOB_${next}`, jobBatch(job));
};

/**
 * Recomputes task and job states after `instance` changed, and publishes the events of every
 * announced transition in a believable order.
 */
export const settle = (
  world: World,
  job: JobRecord,
  change?: { task: TaskRecord; instance: InstanceRecord },
): void => {
  if (change !== undefined && change.instance.state === 'RUNNING') change.task.hasRun = true;
  const taskEmits = updateTasks(world, job);
  const jobEmit = updateJob(world, job);
  const instanceEmit = (): void => {
    if (change === undefined || !ANNOUNCED.has(change.instance.state)) return;
    const batch = instanceBatch(world, job, change.task, change.instance);
    world.events.emit(job.notifications, `TASK_INSTANCE_${change.instance.state}`, batch);
  };
  const starting = change?.instance.state === 'RUNNING';
  const ordered = starting
    ? [jobEmit, ...taskEmits, instanceEmit]
    : [instanceEmit, ...taskEmits, jobEmit];
  for (const emit of ordered) emit?.();
};
