import { ApiError, invalidType, invalidValue, missingParameter } from './api-error.js';
import { admit } from './job-runner.js';
import { readClientToken, readNotifications } from './notifications.js';
import { isObject, optArray, optString, rejectUnknown, reqObject, reqString } from './params.js';
import { nonNegative, readTask } from './task-spec.js';
import type {
  Dependence,
  InstanceRecord,
  JobRecord,
  JsonObject,
  TaskRecord,
  TaskSpec,
} from './types.js';
import type { World } from './world.js';

/** SubmitJob: a loose but Tencent-shaped validation of the Job, then a JobRecord. */

const JOB_QUOTA = 1000;
const DEPEND_ON = ['PRE_TASK_SUCCEED', 'PRE_TASK_AT_LEAST_PARTLY_SUCCEED', 'PRE_TASK_FINISHED'];

const readDependences = (job: JsonObject, names: ReadonlySet<string>): Dependence[] => {
  const deps = (optArray(job, 'Dependences', 'Job.Dependences') ?? []).map((raw, i) => {
    const path = `Job.Dependences.${i}`;
    if (!isObject(raw)) throw invalidType(path, 'Dependence');
    const dep = {
      StartTask: reqString(raw, 'StartTask', `${path}.StartTask`),
      EndTask: reqString(raw, 'EndTask', `${path}.EndTask`),
    };
    const unknown = [dep.StartTask, dep.EndTask].find((n) => !names.has(n));
    if (unknown !== undefined) {
      throw new ApiError(
        'InvalidParameterValue.DependenceNotFoundTaskName',
        `The dependence names an undefined task \`${unknown}\`.`,
      );
    }
    return dep;
  });
  assertAcyclic(deps, names);
  return deps;
};

/** Kahn's algorithm: tasks left over after peeling off sources sit on a cycle. */
const assertAcyclic = (deps: readonly Dependence[], names: ReadonlySet<string>): void => {
  let remaining = [...deps];
  const left = new Set(names);
  let progressed = true;
  while (progressed) {
    const sources = [...left].filter((n) => !remaining.some((d) => d.EndTask === n));
    progressed = sources.length > 0;
    for (const source of sources) left.delete(source);
    remaining = remaining.filter((d) => left.has(d.StartTask));
  }
  if (left.size > 0) {
    throw new ApiError(
      'InvalidParameterValue.DependenceUnfeasible',
      'The task dependences contain a cycle.',
    );
  }
};

const newTask = (spec: TaskSpec, now: number): TaskRecord => {
  const instances: InstanceRecord[] = Array.from({ length: spec.instanceNum }, (_, index) => ({
    index,
    state: 'SUBMITTED',
    exitCode: null,
    stateReason: '',
    nodeId: null,
    nodeInstanceId: null,
    createTime: now,
    launchTime: null,
    runningTime: null,
    endTime: null,
    stdout: null,
    stderr: null,
    attempts: 0,
    generation: 0,
  }));
  return { spec, state: 'SUBMITTED', hasRun: false, createTime: now, endTime: null, instances };
};

interface JobHeader {
  readonly jobName: string;
  readonly jobDescription: string;
  readonly dependOn: string;
  readonly priority: number;
}

const readHeader = (job: JsonObject): JobHeader => {
  const jobName = optString(job, 'JobName', 'Job.JobName') ?? '';
  if (jobName.length > 60) {
    throw new ApiError(
      'InvalidParameter.JobNameTooLong',
      'The job name is longer than 60 characters.',
    );
  }
  const jobDescription = optString(job, 'JobDescription', 'Job.JobDescription') ?? '';
  if (jobDescription.length > 200) {
    throw new ApiError(
      'InvalidParameter.JobDescriptionTooLong',
      'The job description is longer than 200 characters.',
    );
  }
  const dependOn =
    optString(job, 'TaskExecutionDependOn', 'Job.TaskExecutionDependOn') ?? 'PRE_TASK_SUCCEED';
  if (!DEPEND_ON.includes(dependOn)) throw invalidValue('Job.TaskExecutionDependOn', dependOn);
  return {
    jobName,
    jobDescription,
    dependOn,
    priority: nonNegative(job, 'Priority', 'Job.Priority') ?? 0,
  };
};

/** DescribeJobSubmitInfo gives the tasks back with defaults filled and without Notifications. */
const asSubmitted = (job: JsonObject, rawTasks: readonly unknown[], specs: readonly TaskSpec[]) => {
  const { Notifications: _notReturned, ...rest } = job;
  const Tasks = rawTasks.map((raw, i) => ({
    TaskInstanceNum: specs[i]?.instanceNum,
    MaxRetryCount: 0,
    FailedAction: 'TERMINATE',
    ...(raw as JsonObject),
  }));
  return { ...rest, Tasks };
};

const readJob = (
  world: World,
  job: JsonObject,
  placement: JsonObject,
  jobId: string,
): JobRecord => {
  const rawTasks = optArray(job, 'Tasks', 'Job.Tasks');
  if (rawTasks === undefined || rawTasks.length === 0) throw missingParameter('Job.Tasks');
  const specs = rawTasks.map((raw, i) => readTask(world, raw, `Job.Tasks.${i}`));
  const names = new Set(specs.map((s) => s.name));
  if (names.size !== specs.length) {
    throw new ApiError('InvalidParameter.TaskName', 'Task names must be unique within a job.');
  }
  const now = world.scheduler.now();
  return {
    ...readHeader(job),
    jobId,
    placement,
    createTime: now,
    endTime: null,
    state: 'SUBMITTED',
    hasRun: false,
    stateReason: '',
    zone: reqString(placement, 'Zone', 'Placement.Zone'),
    tasks: specs.map((spec) => newTask(spec, now)),
    dependences: readDependences(job, names),
    notifications: readNotifications(job, 'Job'),
    tags: (optArray(job, 'Tags', 'Job.Tags') ?? []).filter(isObject),
    submitted: asSubmitted(job, rawTasks, specs),
  };
};

/** Same ClientToken, same JobId: a retried submission never creates a second job. */
export const submitJob = (world: World, params: JsonObject): { JobId: string } => {
  rejectUnknown(params, ['Placement', 'Job', 'ClientToken']);
  const token = readClientToken(params);
  const known = token === undefined ? undefined : world.jobTokens.get(token);
  if (known !== undefined) return { JobId: known };
  const placement = reqObject(params, 'Placement');
  const job = readJob(world, reqObject(params, 'Job'), placement, world.ids.id('job'));
  if (world.jobs.size >= JOB_QUOTA)
    throw new ApiError('LimitExceeded.JobQuota', 'The job quota is exhausted.');
  world.jobs.set(job.jobId, job);
  if (token !== undefined) world.jobTokens.set(token, job.jobId);
  admit(world, job);
  return { JobId: job.jobId };
};
