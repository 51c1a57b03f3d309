import type { BatchApi, BatchResponse } from '../tencent/index.js';
import { cosLogObject } from './cos-url.js';
import { type InstanceLogRef, resolveLogName } from './log-name.js';
import type { LogObject, LogStream } from './types.js';

/** The two Batch calls the log lookup makes. */
export type LogBatchApi = Pick<BatchApi, 'describeTask' | 'describeTaskLogs'>;

export type TaskInstanceLog = BatchResponse<'describeTaskLogs'>['TaskInstanceLogSet'][number];

export type LogLocation =
  | { readonly found: true; readonly object: LogObject; readonly url: string }
  | { readonly found: false; readonly reason: string };

const FIELDS = {
  stdout: { path: 'StdoutRedirectPath', name: 'StdoutRedirectFileName', log: 'StdoutLog' },
  stderr: { path: 'StderrRedirectPath', name: 'StderrRedirectFileName', log: 'StderrLog' },
} as const;

export const logFields = (stream: LogStream) => FIELDS[stream];

/** DescribeTask pages instances (default 100, at most 1000 a call); ten pages cover any task
 *  the bridge will realistically alert on without an unbounded loop. */
const PAGE = 1000;
const MAX_PAGES = 10;

export const findTaskInstance = async (batch: LogBatchApi, ref: InstanceLogRef) => {
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const Offset = page * PAGE;
    const res = await batch.describeTask({
      JobId: ref.jobId,
      TaskName: ref.taskName,
      Offset,
      Limit: PAGE,
    });
    const hit = res.TaskInstanceSet.find((i) => i.TaskInstanceIndex === ref.index);
    if (hit !== undefined) return hit;
    if (res.TaskInstanceSet.length === 0 || Offset + PAGE >= (res.TaskInstanceTotalCount ?? 0)) {
      return undefined;
    }
  }
  return undefined;
};

/** The instance's record from DescribeTaskLogs, fetched at most once per lookup. */
export const createTaskLogLookup = (batch: LogBatchApi, ref: InstanceLogRef) => {
  let pending: Promise<TaskInstanceLog | undefined> | undefined;
  return (): Promise<TaskInstanceLog | undefined> => {
    pending ??= batch
      .describeTaskLogs({
        JobId: ref.jobId,
        TaskName: ref.taskName,
        TaskInstanceIndexes: [ref.index],
      })
      .then((res) => res.TaskInstanceLogSet.find((l) => l.TaskInstanceIndex === ref.index));
    return pending;
  };
};

const nonEmpty = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * Where an instance's stdout or stderr lives in COS. DescribeTask's per-instance RedirectInfo
 * (names already resolved) comes first; DescribeTaskLogs is asked only when it lacks the path.
 * Without a file name the default `stderr.<JobId>.<TaskName>.<Index>.log` is assumed, and a
 * name echoed with `${BATCH_…}` placeholders is expanded. Throws ValidationError
 * (COS_URL_INVALID) when the path is not a COS path the bridge can read.
 */
export const locateInstanceLog = async (
  ref: InstanceLogRef,
  deps: {
    readonly batch: LogBatchApi;
    readonly taskLogs?: () => Promise<TaskInstanceLog | undefined>;
  },
): Promise<LogLocation> => {
  const fields = logFields(ref.stream);
  const instance = await findTaskInstance(deps.batch, ref);
  let path = nonEmpty(instance?.RedirectInfo?.[fields.path]);
  let fileName = nonEmpty(instance?.RedirectInfo?.[fields.name]);
  if (path === undefined) {
    const record = await (deps.taskLogs ?? createTaskLogLookup(deps.batch, ref))();
    path = nonEmpty(record?.[fields.path]);
    fileName = nonEmpty(record?.[fields.name]);
  }
  if (path === undefined) {
    const where = `${ref.jobId}/${ref.taskName}/${ref.index}`;
    return {
      found: false,
      reason: `task instance ${where} has no COS redirect path for ${ref.stream}`,
    };
  }
  const object = cosLogObject(path, resolveLogName(fileName, ref));
  return { found: true, object, url: `cos://${object.bucket}/${object.key}` };
};
