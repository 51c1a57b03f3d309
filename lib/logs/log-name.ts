import type { LogStream } from './types.js';

/** Which task instance, and which of its streams. */
export interface InstanceLogRef {
  readonly jobId: string;
  readonly taskName: string;
  readonly index: number;
  readonly stream: LogStream;
}

const PLACEHOLDER = /\$\{(BATCH_JOB_ID|BATCH_TASK_NAME|BATCH_TASK_INSTANCE_INDEX)\}/g;

/** Fills `${BATCH_JOB_ID}`, `${BATCH_TASK_NAME}` and `${BATCH_TASK_INSTANCE_INDEX}`; any other
 *  `${…}` is left as written, since Batch documents only these three (batch-api.md 5.2). */
export const expandLogName = (template: string, ref: Omit<InstanceLogRef, 'stream'>): string =>
  template.replace(PLACEHOLDER, (_, name: string) => {
    if (name === 'BATCH_JOB_ID') return ref.jobId;
    if (name === 'BATCH_TASK_NAME') return ref.taskName;
    return String(ref.index);
  });

/** `stderr.<JobId>.<TaskName>.<Index>.log`: observed in every example, though not a documented
 *  contract, so it is only used when the API gives no file name. */
export const defaultLogName = (ref: InstanceLogRef): string =>
  `${ref.stream}.${ref.jobId}.${ref.taskName}.${ref.index}.log`;

/** The file name to read: the API's when it gave one (expanded in case it was echoed raw). */
export const resolveLogName = (fileName: string | null | undefined, ref: InstanceLogRef): string =>
  fileName === null || fileName === undefined || fileName.trim() === ''
    ? defaultLogName(ref)
    : expandLogName(fileName.trim(), ref);
