import { ApiError } from './api-error.js';
import { type Placement, releaseNode, requeue } from './job-runner.js';
import { settle } from './job-state.js';
import type { JobRecord } from './types.js';
import { isDone } from './types.js';
import type { World } from './world.js';

/** What happens to instances when their node goes away, or when the user terminates the job. */

const findPlacement = (world: World, occupant: string): Placement | undefined => {
  const [jobId = '', taskName = '', index = ''] = occupant.split('/');
  const job = world.jobs.get(jobId);
  const task = job?.tasks.find((t) => t.spec.name === taskName);
  const instance = task?.instances[Number(index)];
  return job && task && instance ? { job, task, instance } : undefined;
};

/**
 * The fate of an instance whose node is destroyed is UNVERIFIED (batch-semantics.md 1.8):
 * a retry left under MaxRetryCount puts it back to RUNNABLE, otherwise it ends in the
 * configured state (FAILED_INTERRUPTED by default) with no exit code.
 */
export const loseNode = (world: World, occupant: string, reason: string): void => {
  const placement = findPlacement(world, occupant);
  if (placement === undefined) return;
  const { job, task, instance } = placement;
  if (instance.state !== 'STARTING' && instance.state !== 'RUNNING') return;
  instance.generation += 1;
  if (instance.attempts <= task.spec.maxRetryCount) {
    requeue(world, placement);
  } else {
    Object.assign(instance, {
      state: world.behaviour.interruptedState,
      exitCode: null,
      stateReason: reason,
      endTime: world.scheduler.now(),
    });
  }
  settle(world, job, { task, instance });
  world.dispatch();
};

const usesNamedEnv = (job: JobRecord): boolean => job.tasks.some((t) => t.spec.envId !== undefined);

const TERMINATED = 'Terminated by user';

/** Instances that never started fail at once; started ones after the CVM is handled. */
const terminateInstance = (world: World, placement: Placement): void => {
  const { job, task, instance } = placement;
  if (instance.state === 'SUCCEED' || instance.state === 'FAILED') return;
  const started = ['STARTING', 'RUNNING', 'FAILED_INTERRUPTED'].includes(instance.state);
  instance.generation += 1;
  const fail = (): void => {
    releaseNode(world, placement);
    Object.assign(instance, {
      state: 'FAILED',
      stateReason: TERMINATED,
      endTime: world.scheduler.now(),
    });
  };
  if (!started) {
    fail();
    return;
  }
  const generation = instance.generation;
  world.scheduler.after(world.timings.terminateMs, () => {
    if (instance.generation !== generation) return;
    fail();
    settle(world, job, { task, instance });
    world.dispatch();
  });
};

/** TerminateJob: as if TerminateTaskInstance ran on every instance (batch-api.md 2.2). */
export const terminateJob = (world: World, job: JobRecord): void => {
  if (job.state === 'SUBMITTED') {
    throw new ApiError(
      'UnsupportedOperation',
      `The job \`${job.jobId}\` is still SUBMITTED and cannot be terminated yet.`,
    );
  }
  if (usesNamedEnv(job) && world.behaviour.terminateEnvIdJobs === 'refuse') {
    throw new ApiError(
      'UnsupportedOperation.TerminateOperationWithEnvId',
      'Terminating task instances that run in a named compute environment is not supported.',
    );
  }
  if (isDone(job.state) && job.state !== 'FAILED_INTERRUPTED') return;
  job.stateReason = TERMINATED;
  for (const task of job.tasks) {
    for (const instance of task.instances) terminateInstance(world, { job, task, instance });
  }
  settle(world, job);
  world.dispatch();
};
