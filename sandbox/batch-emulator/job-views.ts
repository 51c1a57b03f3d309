import { ApiError, malformedId, notFound } from './api-error.js';
import { isoTime } from './clock.js';
import {
  type FilterSpec,
  intInRange,
  optStringArray,
  readFilters,
  rejectUnknown,
  reqString,
} from './params.js';
import type { InstanceState, JobRecord, TaskRecord } from './types.js';
import type { World } from './world.js';

/** DescribeJob, DescribeJobs, DescribeJobSubmitInfo, DescribeTask: the read side of jobs. */

type Params = Record<string, unknown>;

const METRIC_FIELDS: ReadonlyArray<[InstanceState, string]> = [
  ['SUBMITTED', 'SubmittedCount'],
  ['PENDING', 'PendingCount'],
  ['RUNNABLE', 'RunnableCount'],
  ['STARTING', 'StartingCount'],
  ['RUNNING', 'RunningCount'],
  ['SUCCEED', 'SucceedCount'],
  ['FAILED_INTERRUPTED', 'FailedInterruptedCount'],
  ['FAILED', 'FailedCount'],
];

export const metrics = (states: readonly InstanceState[]): Record<string, number> =>
  Object.fromEntries(
    METRIC_FIELDS.map(([state, field]) => [field, states.filter((s) => s === state).length]),
  );

export const findJob = (world: World, params: Params): JobRecord => {
  const jobId = reqString(params, 'JobId');
  if (!/^job-[a-z0-9]+$/.test(jobId))
    throw malformedId('InvalidParameter.JobIdMalformed', 'JobId', jobId);
  const job = world.jobs.get(jobId);
  if (job === undefined) throw notFound('ResourceNotFound.Job', 'job', jobId);
  return job;
};

export const findTask = (job: JobRecord, params: Params): TaskRecord => {
  const taskName = reqString(params, 'TaskName');
  const task = job.tasks.find((t) => t.spec.name === taskName);
  if (task === undefined) throw notFound('ResourceNotFound.Task', 'task', taskName);
  return task;
};

export const describeJob = (world: World, params: Params): Params => {
  rejectUnknown(params, ['JobId']);
  const job = findJob(world, params);
  return {
    JobId: job.jobId,
    JobName: job.jobName,
    Zone: job.zone,
    Priority: job.priority,
    JobState: job.state,
    CreateTime: isoTime(job.createTime),
    EndTime: isoTime(job.endTime),
    TaskSet: job.tasks.map((t) => ({
      TaskName: t.spec.name,
      TaskState: t.state,
      CreateTime: isoTime(t.createTime),
      EndTime: isoTime(t.endTime),
    })),
    DependenceSet: job.dependences.map((d) => ({ StartTask: d.StartTask, EndTask: d.EndTask })),
    TaskMetrics: metrics(job.tasks.map((t) => t.state)),
    TaskInstanceMetrics: metrics(job.tasks.flatMap((t) => t.instances.map((i) => i.state))),
    StateReason: job.stateReason,
    Tags: job.tags,
    NextAction: null,
  };
};

const jobMatches = (job: JobRecord, filter: FilterSpec): boolean => {
  const tagValue = (key: string): string | undefined =>
    job.tags.find((t) => t['Key'] === key)?.['Value'] as string | undefined;
  const fields: Record<string, readonly string[]> = {
    'job-id': [job.jobId],
    'job-name': [job.jobName],
    'job-state': [job.state],
    zone: [job.zone],
    'tag-key': job.tags.map((t) => String(t['Key'])),
    'tag-value': job.tags.map((t) => String(t['Value'])),
  };
  const values = filter.name.startsWith('tag:')
    ? [tagValue(filter.name.slice(4)) ?? '']
    : (fields[filter.name] ?? []);
  return filter.values.some((v) => values.includes(v));
};

const jobView = (job: JobRecord): Params => ({
  JobId: job.jobId,
  JobName: job.jobName,
  JobState: job.state,
  Priority: job.priority,
  Placement: job.placement,
  CreateTime: isoTime(job.createTime),
  EndTime: isoTime(job.endTime),
  TaskMetrics: metrics(job.tasks.map((t) => t.state)),
  Tags: job.tags,
});

/** Newest first; filters AND together, the values of one filter OR (batch-api.md 1.10). */
export const describeJobs = (world: World, params: Params): Params => {
  rejectUnknown(params, ['JobIds', 'Filters', 'Offset', 'Limit']);
  const ids = optStringArray(params, 'JobIds');
  const filters = readFilters(params, [
    'job-id',
    'job-name',
    'job-state',
    'zone',
    'tag-key',
    'tag-value',
  ]);
  if (ids !== undefined && filters.length > 0) {
    throw new ApiError(
      'InvalidParameter',
      'The parameters `JobIds` and `Filters` cannot be specified at the same time.',
    );
  }
  if ((ids?.length ?? 0) > 100)
    throw new ApiError('InvalidParameterValue', 'At most 100 JobIds are allowed.');
  const offset = intInRange(params, 'Offset', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
  });
  const limit = intInRange(params, 'Limit', { min: 1, max: 100, fallback: 20 });
  const matching = [...world.jobs.values()]
    .filter((job) => ids === undefined || ids.includes(job.jobId))
    .filter((job) => filters.every((f) => jobMatches(job, f)))
    .sort((a, b) => b.createTime - a.createTime);
  return {
    JobSet: matching.slice(offset, offset + limit).map(jobView),
    TotalCount: matching.length,
  };
};

export const describeJobSubmitInfo = (world: World, params: Params): Params => {
  rejectUnknown(params, ['JobId']);
  const job = findJob(world, params);
  return {
    JobId: job.jobId,
    JobName: job.jobName,
    JobDescription: job.jobDescription,
    Priority: job.priority,
    Tasks: job.submitted['Tasks'] ?? [],
    Dependences: job.dependences,
    Tags: job.tags,
  };
};
