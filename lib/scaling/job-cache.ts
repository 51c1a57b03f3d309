/**
 * What DescribeJobSubmitInfo says about a job's tasks. A submitted job never changes, so the
 * answer is kept: DescribeJobSubmitInfo allows 2 requests a second and is asked once per job.
 */

export interface SubmittedTask {
  /** Batch requires a name; kept optional because the response schema does. */
  readonly taskName: string | undefined;
  /** Undefined for a task on an anonymous compute environment. */
  readonly envId: string | undefined;
  readonly instanceNum: number;
}

export interface JobTaskCache {
  get(key: string): readonly SubmittedTask[] | undefined;
  set(key: string, tasks: readonly SubmittedTask[]): void;
  readonly size: number;
}

/** The account holds at most 1000 jobs (batch-semantics.md 2): the default bound covers two regions. */
export const DEFAULT_JOB_CACHE_SIZE = 2000;

/** Least recently used entries go first once `maxJobs` is reached. */
export const createJobTaskCache = (maxJobs = DEFAULT_JOB_CACHE_SIZE): JobTaskCache => {
  const entries = new Map<string, readonly SubmittedTask[]>();
  return {
    get(key) {
      const tasks = entries.get(key);
      if (tasks !== undefined) {
        entries.delete(key);
        entries.set(key, tasks);
      }
      return tasks;
    },
    set(key, tasks) {
      entries.delete(key);
      entries.set(key, tasks);
      while (entries.size > maxJobs) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
    },
    get size() {
      return entries.size;
    },
  };
};
