import { TencentApiError } from '../tencent/index.js';
import {
  ON_NODE_STATES,
  onNodeFromMetrics,
  UNFINISHED_STATES,
  unfinishedFromMetrics,
} from './compute.js';
import type { SubmittedTask } from './job-cache.js';
import type { ScalingDeps } from './types.js';

/**
 * Demand of one env: unfinished task instances of active jobs whose tasks name the env.
 * DescribeJobs has no env filter, so the path is DescribeJobs (active states, paged) ->
 * DescribeJobSubmitInfo (cached: task -> EnvId) -> DescribeTask per task on the env.
 * Any failed call throws: an error is never read as "no demand".
 */

export interface Demand {
  readonly unfinished: number;
  /** CVM ids (`ins-…`) of instances STARTING or RUNNING on the env: the busy cross-check. */
  readonly onNodeInstanceIds: ReadonlySet<string>;
}

type Deps = Pick<ScalingDeps, 'batch' | 'jobTasks'>;

const JOB_PAGE = 100;
/** 1000 jobs per account (batch-semantics.md 2): ten pages, with room to spare. */
const MAX_JOB_PAGES = 20;
const TASK_PAGE = 1000;
const MAX_TASK_PAGES = 20;

export const listActiveJobs = async (deps: Deps, region: string): Promise<string[]> => {
  const ids = new Set<string>();
  const Filters = [{ Name: 'job-state', Values: UNFINISHED_STATES }];
  for (let page = 0, offset = 0; page < MAX_JOB_PAGES; page++) {
    const request =
      offset === 0 ? { Filters, Limit: JOB_PAGE } : { Filters, Limit: JOB_PAGE, Offset: offset };
    const response = await deps.batch.describeJobs(request, { region });
    // Jobs may start or end between pages; the set drops the ones seen twice.
    for (const job of response.JobSet) ids.add(job.JobId);
    offset += response.JobSet.length;
    if (response.JobSet.length === 0 || offset >= response.TotalCount) break;
  }
  return [...ids];
};

export const submittedTasks = async (
  deps: Deps,
  region: string,
  jobId: string,
): Promise<readonly SubmittedTask[]> => {
  const key = `${region}/${jobId}`;
  const cached = deps.jobTasks.get(key);
  if (cached !== undefined) return cached;
  const info = await deps.batch.describeJobSubmitInfo({ JobId: jobId }, { region });
  const tasks = info.Tasks.map((t) => ({
    taskName: t.TaskName,
    envId: t.EnvId,
    instanceNum: t.TaskInstanceNum ?? 1,
  }));
  deps.jobTasks.set(key, tasks);
  return tasks;
};

interface TaskCount {
  readonly unfinished: number;
  readonly onNode: readonly string[];
}

/** One call for tasks up to 1000 instances; more pages only when the counters are missing or
 *  the running instances (for the busy cross-check) are not all seen yet. */
export const countTask = async (
  deps: Deps,
  region: string,
  jobId: string,
  taskName: string,
): Promise<TaskCount> => {
  const states: string[] = [];
  const onNode: string[] = [];
  let fromMetrics: number | undefined;
  let onNodeExpected: number | undefined;
  for (let page = 0, offset = 0; page < MAX_TASK_PAGES; page++) {
    const base = { JobId: jobId, TaskName: taskName, Limit: TASK_PAGE };
    const request = offset === 0 ? base : { ...base, Offset: offset };
    const response = await deps.batch.describeTask(request, { region });
    if (page === 0) {
      fromMetrics = unfinishedFromMetrics(response.TaskInstanceMetrics);
      onNodeExpected = onNodeFromMetrics(response.TaskInstanceMetrics);
    }
    for (const instance of response.TaskInstanceSet) {
      states.push(instance.TaskInstanceState);
      const id = instance.ComputeNodeInstanceId;
      if (
        ON_NODE_STATES.includes(instance.TaskInstanceState) &&
        typeof id === 'string' &&
        id !== ''
      )
        onNode.push(id);
    }
    offset += response.TaskInstanceSet.length;
    const total = response.TaskInstanceTotalCount ?? offset;
    const seenAll = response.TaskInstanceSet.length === 0 || offset >= total;
    const enough = fromMetrics !== undefined && onNode.length >= (onNodeExpected ?? 0);
    if (seenAll || enough) break;
  }
  const counted = states.filter((s) => UNFINISHED_STATES.includes(s)).length;
  return { unfinished: fromMetrics ?? counted, onNode };
};

/** Gone since DescribeJobs listed it (deleted): the API says it holds no instances. */
const isGone = (e: unknown): boolean =>
  e instanceof TencentApiError &&
  (e.apiCode === 'ResourceNotFound.Job' || e.apiCode === 'ResourceNotFound.Task');

const NONE: readonly TaskCount[] = [];

const countJob = async (
  deps: Deps,
  region: string,
  jobId: string,
  envId: string,
): Promise<readonly TaskCount[]> => {
  try {
    const tasks = await submittedTasks(deps, region, jobId);
    const onEnv = tasks.filter((t) => t.envId === envId);
    return await Promise.all(
      onEnv.map((t) =>
        // A task without a name cannot be asked about: all its instances count, to be safe.
        t.taskName === undefined
          ? { unfinished: t.instanceNum, onNode: [] }
          : countTask(deps, region, jobId, t.taskName),
      ),
    );
  } catch (e) {
    if (isGone(e)) return NONE;
    throw e;
  }
};

export const readDemand = async (deps: Deps, region: string, envId: string): Promise<Demand> => {
  const jobIds = await listActiveJobs(deps, region);
  const perJob = await Promise.all(jobIds.map((jobId) => countJob(deps, region, jobId, envId)));
  const counts = perJob.flat();
  return {
    unfinished: counts.reduce((sum, c) => sum + c.unfinished, 0),
    onNodeInstanceIds: new Set(counts.flatMap((c) => c.onNode)),
  };
};
