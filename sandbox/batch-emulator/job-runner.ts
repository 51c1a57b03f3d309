import { type CommandOutcome, fileNameFor, logUrl, runCommand } from './command.js';
import { settle } from './job-state.js';
import type { EnvRecord, InstanceRecord, JobRecord, NodeRecord, TaskRecord } from './types.js';
import { isDone, occupantKey } from './types.js';
import type { World } from './world.js';

/**
 * Runs jobs: admits them, unblocks tasks along the DAG, places RUNNABLE instances on idle
 * RUNNING nodes of their env (one instance per node) or on an anonymous CVM, and finishes
 * them as their command says.
 */

export interface Placement {
  readonly job: JobRecord;
  readonly task: TaskRecord;
  readonly instance: InstanceRecord;
}

const upstreamOf = (job: JobRecord, task: TaskRecord): TaskRecord[] =>
  job.dependences
    .filter((d) => d.EndTask === task.spec.name)
    .map((d) => job.tasks.find((t) => t.spec.name === d.StartTask))
    .filter((t): t is TaskRecord => t !== undefined);

/** 'go' when the task may start, 'blocked' when it never will, 'wait' otherwise. */
const readiness = (job: JobRecord, task: TaskRecord): 'go' | 'blocked' | 'wait' => {
  const upstream = upstreamOf(job, task);
  if (!upstream.every((t) => isDone(t.state))) return 'wait';
  if (job.dependOn === 'PRE_TASK_FINISHED') return 'go';
  if (job.dependOn === 'PRE_TASK_AT_LEAST_PARTLY_SUCCEED') {
    const partly = upstream.every((t) => t.instances.some((i) => i.state === 'SUCCEED'));
    return partly ? 'go' : 'blocked';
  }
  return upstream.every((t) => t.state === 'SUCCEED') ? 'go' : 'blocked';
};

const unblock = (world: World, job: JobRecord): void => {
  for (const task of job.tasks) {
    if (task.state !== 'PENDING') continue;
    const ready = readiness(job, task);
    if (ready === 'wait') continue;
    for (const instance of task.instances) {
      instance.state = ready === 'go' ? 'RUNNABLE' : 'FAILED';
      if (ready === 'blocked') {
        instance.stateReason = 'Upstream task did not succeed';
        instance.endTime = world.scheduler.now();
      }
    }
  }
};

const freeNode = (env: EnvRecord | undefined): NodeRecord | undefined =>
  env === undefined
    ? undefined
    : [...env.nodes.values()].find((n) => n.state === 'RUNNING' && n.occupant === null);

export const releaseNode = (world: World, placement: Placement): void => {
  const { job, task, instance } = placement;
  const env = task.spec.envId === undefined ? undefined : world.envs.get(task.spec.envId);
  const node = instance.nodeId === null ? undefined : env?.nodes.get(instance.nodeId);
  if (node?.occupant === occupantKey(job.jobId, task.spec.name, instance.index))
    node.occupant = null;
};

const writeLogs = async (
  world: World,
  placement: Placement,
  outcome: CommandOutcome,
): Promise<void> => {
  const { job, task, instance } = placement;
  const write = world.writeLog;
  if (write === undefined) return;
  const context = { jobId: job.jobId, taskName: task.spec.name, index: instance.index };
  const r = task.spec.redirect;
  const streams = [
    {
      path: r.stdoutPath,
      name: fileNameFor('stdout', r.stdoutFileName, context),
      content: outcome.stdout,
    },
    {
      path: r.stderrPath,
      name: fileNameFor('stderr', r.stderrFileName, context),
      content: outcome.stderr,
    },
  ].filter((s) => s.path !== '');
  const results = await Promise.allSettled(
    streams.map((s) => write(logUrl(s.path, s.name), s.content)),
  );
  for (const result of results) if (result.status === 'rejected') world.onError(result.reason);
};

const failedState = (task: TaskRecord): 'FAILED' | 'FAILED_INTERRUPTED' =>
  task.spec.envId === undefined && task.spec.failedAction.includes('INTERRUPT')
    ? 'FAILED_INTERRUPTED'
    : 'FAILED';

/** Back to RUNNABLE for another attempt: a retry may land on another node. */
export const requeue = (world: World, placement: Placement): void => {
  releaseNode(world, placement);
  Object.assign(placement.instance, { state: 'RUNNABLE', nodeId: null, nodeInstanceId: null });
};

const complete = (world: World, placement: Placement, outcome: CommandOutcome): void => {
  const { job, task, instance } = placement;
  Object.assign(instance, {
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    exitCode: outcome.exitCode,
  });
  if (outcome.exitCode !== 0 && instance.attempts <= task.spec.maxRetryCount) {
    requeue(world, placement);
  } else {
    releaseNode(world, placement);
    instance.state = outcome.exitCode === 0 ? 'SUCCEED' : failedState(task);
    instance.stateReason =
      outcome.exitCode === 0 ? '' : `Command exited with code ${outcome.exitCode}`;
    instance.endTime = world.scheduler.now();
  }
  settle(world, job, { task, instance });
  world.dispatch();
};

const isCurrent = (instance: InstanceRecord, generation: number, state: string): boolean =>
  instance.generation === generation && instance.state === state;

const run = (world: World, placement: Placement, generation: number): void => {
  const { job, task, instance } = placement;
  if (!isCurrent(instance, generation, 'STARTING')) return;
  instance.state = 'RUNNING';
  instance.runningTime = world.scheduler.now();
  settle(world, job, { task, instance });
  const context = { jobId: job.jobId, taskName: task.spec.name, index: instance.index };
  const outcome = runCommand(task.spec.command, context);
  world.scheduler.after(outcome.durationMs ?? world.timings.defaultRunMs, () => {
    if (!isCurrent(instance, generation, 'RUNNING')) return;
    // Batch uploads the logs when the instance ends, so they exist before its event.
    void writeLogs(world, placement, outcome).then(() => {
      if (isCurrent(instance, generation, 'RUNNING')) complete(world, placement, outcome);
    });
  });
};

const start = (world: World, placement: Placement, node: NodeRecord | undefined): void => {
  const { job, task, instance } = placement;
  instance.generation += 1;
  instance.attempts += 1;
  Object.assign(instance, {
    state: 'STARTING',
    launchTime: world.scheduler.now(),
    nodeId: node?.nodeId ?? null,
    nodeInstanceId: node?.instanceId ?? world.ids.id('ins'),
  });
  if (node !== undefined) node.occupant = occupantKey(job.jobId, task.spec.name, instance.index);
  const generation = instance.generation;
  const delay = node === undefined ? world.timings.anonymousStartMs : world.timings.instanceStartMs;
  world.scheduler.after(delay, () => run(world, placement, generation));
};

const place = (world: World, job: JobRecord, task: TaskRecord): void => {
  const envId = task.spec.envId;
  const limit = task.spec.maxConcurrentNum ?? Number.POSITIVE_INFINITY;
  let active = task.instances.filter((i) => i.state === 'STARTING' || i.state === 'RUNNING').length;
  for (const instance of task.instances) {
    if (instance.state !== 'RUNNABLE' || active >= limit) continue;
    const node = envId === undefined ? undefined : freeNode(world.envs.get(envId));
    if (envId !== undefined && node === undefined) return;
    start(world, { job, task, instance }, node);
    active += 1;
  }
};

const byPriority = (a: JobRecord, b: JobRecord): number =>
  b.priority - a.priority || a.createTime - b.createTime;

/** One scheduling pass over every unfinished job. */
export const dispatchPass = (world: World): void => {
  const active = [...world.jobs.values()].filter(
    (j) => !isDone(j.state) && j.state !== 'SUBMITTED',
  );
  for (const job of active.sort(byPriority)) {
    unblock(world, job);
    for (const task of job.tasks) place(world, job, task);
    settle(world, job);
  }
};

/** SUBMITTED -> root tasks RUNNABLE, the others PENDING, after the acceptance delay. */
export const admit = (world: World, job: JobRecord): void => {
  world.scheduler.after(world.timings.acceptMs, () => {
    if (job.state !== 'SUBMITTED') return;
    for (const task of job.tasks) {
      const isRoot = !job.dependences.some((d) => d.EndTask === task.spec.name);
      for (const instance of task.instances) instance.state = isRoot ? 'RUNNABLE' : 'PENDING';
    }
    settle(world, job);
    world.dispatch();
  });
};
