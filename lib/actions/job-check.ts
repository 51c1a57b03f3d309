import { isObject, type JobObject, type TaskObject } from './job-shape.js';

/** Checks a rendered job for what a template can break; the Batch API checks the rest. */

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

const checkTask = (task: unknown, i: number): string | undefined => {
  if (!isObject<TaskObject>(task)) return `Job.Tasks[${i}] is not an object`;
  if (task.TaskName !== undefined && isBlank(task.TaskName)) {
    return `Job.Tasks[${i}].TaskName is empty after rendering`;
  }
  if (task.EnvId !== undefined && isBlank(task.EnvId)) {
    return `Job.Tasks[${i}].EnvId is empty after rendering`;
  }
  return undefined;
};

/** Returns what is wrong with the job, or undefined when it may be sent. */
export const checkRenderedJob = (job: JobObject): string | undefined => {
  const tasks = job.Tasks;
  if (!Array.isArray(tasks) || tasks.length === 0) return 'Job.Tasks must be a non-empty list';
  if (job.JobName !== undefined && isBlank(job.JobName))
    return 'Job.JobName is empty after rendering';
  for (const [i, task] of tasks.entries()) {
    const problem = checkTask(task, i);
    if (problem !== undefined) return problem;
  }
  return undefined;
};
