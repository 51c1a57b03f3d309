import { isoTime } from './clock.js';
import { fileNameFor } from './command.js';
import { findJob, findTask, metrics } from './job-views.js';
import { intInRange, readFilters, rejectUnknown } from './params.js';
import type { InstanceRecord, JobRecord, TaskRecord } from './types.js';
import type { World } from './world.js';

/** DescribeTask: per-instance state, exit code, node and the resolved log locations. */

type Params = Record<string, unknown>;

/** Tencent's example leaves the file names empty when nothing is redirected to COS. */
export const redirectView = (
  job: JobRecord,
  task: TaskRecord,
  instance: InstanceRecord,
): Params => {
  const context = { jobId: job.jobId, taskName: task.spec.name, index: instance.index };
  const r = task.spec.redirect;
  return {
    StdoutRedirectPath: r.stdoutPath,
    StderrRedirectPath: r.stderrPath,
    StdoutRedirectFileName:
      r.stdoutPath === '' ? '' : fileNameFor('stdout', r.stdoutFileName, context),
    StderrRedirectFileName:
      r.stderrPath === '' ? '' : fileNameFor('stderr', r.stderrFileName, context),
  };
};

const instanceView = (job: JobRecord, task: TaskRecord, instance: InstanceRecord): Params => ({
  TaskInstanceIndex: instance.index,
  TaskInstanceState: instance.state,
  ExitCode: instance.exitCode,
  StateReason: instance.stateReason,
  ComputeNodeInstanceId: instance.nodeInstanceId,
  CreateTime: isoTime(instance.createTime),
  LaunchTime: isoTime(instance.launchTime),
  RunningTime: isoTime(instance.runningTime),
  EndTime: isoTime(instance.endTime),
  RedirectInfo: redirectView(job, task, instance),
  StateDetailedReason: instance.stateReason,
});

/** The current API names the filter `task-instance-state`; older text says `-type`. */
export const describeTask = (world: World, params: Params): Params => {
  rejectUnknown(params, ['JobId', 'TaskName', 'Offset', 'Limit', 'Filters']);
  const job = findJob(world, params);
  const task = findTask(job, params);
  const filters = readFilters(params, ['task-instance-state', 'task-instance-type']);
  const offset = intInRange(params, 'Offset', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
  });
  const limit = intInRange(params, 'Limit', { min: 1, max: 1000, fallback: 100 });
  const matching = task.instances.filter((i) => filters.every((f) => f.values.includes(i.state)));
  return {
    JobId: job.jobId,
    TaskName: task.spec.name,
    TaskState: task.state,
    CreateTime: isoTime(task.createTime),
    EndTime: isoTime(task.endTime),
    TaskInstanceTotalCount: matching.length,
    TaskInstanceSet: matching.slice(offset, offset + limit).map((i) => instanceView(job, task, i)),
    TaskInstanceMetrics: metrics(task.instances.map((i) => i.state)),
  };
};
