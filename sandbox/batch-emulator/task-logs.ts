import { ApiError, invalidType } from './api-error.js';
import { findJob, findTask } from './job-views.js';
import { intInRange, optArray, rejectUnknown } from './params.js';
import { redirectView } from './task-views.js';
import type { InstanceRecord } from './types.js';
import type { World } from './world.js';

/**
 * DescribeTaskLogs: at most 2048 decoded bytes per stream, Base64 inside a data URI as in
 * Tencent's example (batch-semantics.md 5). Head or tail is UNVERIFIED: the emulator returns
 * the tail, and nothing until the instance has finished.
 */

const MAX_LOG_BYTES = 2048;
const DATA_URI_PREFIX = 'data:text/plain;charset=utf-8;base64,';

export const encodeLogTail = (text: string | null, asDataUri: boolean): string | null => {
  if (text === null) return null;
  const bytes = Buffer.from(text, 'utf8');
  const tail = bytes.subarray(Math.max(0, bytes.length - MAX_LOG_BYTES)).toString('base64');
  return asDataUri ? `${DATA_URI_PREFIX}${tail}` : tail;
};

const readIndexes = (params: Record<string, unknown>): number[] | undefined =>
  optArray(params, 'TaskInstanceIndexes')?.map((value, i) => {
    const index = typeof value === 'string' ? Number(value) : value;
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw invalidType(`TaskInstanceIndexes.${i}`, 'Integer');
    }
    return index;
  });

export const describeTaskLogs = (
  world: World,
  params: Record<string, unknown>,
  asDataUri: boolean,
): Record<string, unknown> => {
  rejectUnknown(params, ['JobId', 'TaskName', 'TaskInstanceIndexes', 'Offset', 'Limit']);
  const job = findJob(world, params);
  const task = findTask(job, params);
  const indexes = readIndexes(params);
  if (indexes !== undefined && params['Offset'] !== undefined) {
    throw new ApiError(
      'InvalidParameter',
      'The parameters `TaskInstanceIndexes` and `Offset` cannot be specified at the same time.',
    );
  }
  const offset = intInRange(params, 'Offset', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
  });
  const limit = intInRange(params, 'Limit', { min: 1, max: 10, fallback: 5 });
  const chosen: InstanceRecord[] =
    indexes === undefined
      ? task.instances.slice(offset, offset + limit)
      : task.instances.filter((i) => indexes.includes(i.index)).slice(0, limit);
  const TaskInstanceLogSet = chosen.map((instance) => {
    return {
      TaskInstanceIndex: instance.index,
      StdoutLog: encodeLogTail(instance.stdout, asDataUri),
      StderrLog: encodeLogTail(instance.stderr, asDataUri),
      ...redirectView(job, task, instance),
    };
  });
  return { TotalCount: task.instances.length, TaskInstanceLogSet };
};
