import { ValidationError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import {
  createTaskLogLookup,
  type LogBatchApi,
  locateInstanceLog,
  logFields,
  type TaskInstanceLog,
} from './locate-log.js';
import { LogFetchError } from './log-fetch-error.js';
import type { InstanceLogRef } from './log-name.js';
import { decodeTaskLog, extractTailLines } from './tail-lines.js';
import { resolveTailOptions } from './tail-window.js';
import type { LogStore, TailOptions, TailResult } from './types.js';

export interface InstanceTailInput extends InstanceLogRef, TailOptions {}

export interface InstanceLogDeps {
  readonly batch: LogBatchApi;
  readonly store: LogStore;
  readonly logger?: Logger;
}

/** DescribeTaskLogs returns at most 2048 decoded bytes per stream (batch-api.md 2.5). */
export const TASK_LOG_LIMIT = 2048;

interface CosAttempt {
  readonly reason: string;
  readonly failure?: LogFetchError;
}

/** Tails the COS object; says why not when it is missing, unlocatable or unreadable. */
const tryCos = async (
  input: InstanceTailInput,
  deps: InstanceLogDeps,
  taskLogs: () => Promise<TaskInstanceLog | undefined>,
): Promise<TailResult | CosAttempt> => {
  try {
    const location = await locateInstanceLog(input, { batch: deps.batch, taskLogs });
    if (!location.found) return { reason: location.reason };
    const result = await deps.store.tail(location.object, input);
    return result.status === 'ok' ? result : { reason: result.reason };
  } catch (e) {
    if (e instanceof LogFetchError) return { reason: e.message, failure: e };
    if (e instanceof ValidationError && e.code === 'COS_URL_INVALID') return { reason: e.message };
    throw e;
  }
};

const fromTaskLogs = (input: InstanceTailInput, bytes: Uint8Array): TailResult => {
  const { lines: wanted } = resolveTailOptions(input);
  // Which 2048 bytes come back (head or tail) is unverified: a full buffer is read like a
  // window whose first line may be cut, which costs nothing if it was the head.
  const capped = bytes.length >= TASK_LOG_LIMIT;
  const found = extractTailLines(bytes, { wanted, atStart: !capped, final: true });
  return {
    status: 'ok',
    lines: found.lines,
    truncated: capped || found.dropped,
    bytesRead: bytes.length,
    size: bytes.length,
    source: 'describe-task-logs',
  };
};

/**
 * The last lines of one task instance's stdout or stderr: from COS when the object is there,
 * else from the short copy DescribeTaskLogs keeps. `missing` when neither has it; a COS failure
 * is rethrown only when the fallback has nothing either.
 */
export const tailInstanceLog = async (
  input: InstanceTailInput,
  deps: InstanceLogDeps,
): Promise<TailResult> => {
  const logger = deps.logger ?? silentLogger;
  const taskLogs = createTaskLogLookup(deps.batch, input);
  const cos = await tryCos(input, deps, taskLogs);
  if ('status' in cos) return cos;
  const ids = {
    jobId: input.jobId,
    taskName: input.taskName,
    index: input.index,
    stream: input.stream,
  };
  logger.info('logs: falling back to DescribeTaskLogs', { ...ids, reason: cos.reason });
  let record: TaskInstanceLog | undefined;
  try {
    record = await taskLogs();
  } catch (e) {
    throw cos.failure ?? e;
  }
  const bytes = decodeTaskLog(record?.[logFields(input.stream).log]);
  if (bytes !== undefined) return fromTaskLogs(input, bytes);
  if (cos.failure !== undefined) throw cos.failure;
  const reason = `${cos.reason}; DescribeTaskLogs has no ${input.stream} for this instance either`;
  return { status: 'missing', reason, source: 'describe-task-logs' };
};
