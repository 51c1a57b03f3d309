import type { LogBatchApi } from '../../../lib/logs/index.js';
import type { BatchResponse } from '../../../lib/tencent/index.js';

export type Instance = BatchResponse<'describeTask'>['TaskInstanceSet'][number];
export type InstanceLog = BatchResponse<'describeTaskLogs'>['TaskInstanceLogSet'][number];

/** The two Batch methods, answering from in-test data (the real emulator is tested elsewhere). */
export const fakeBatch = (instances: Instance[], logs: InstanceLog[] = []) => {
  const calls: string[] = [];
  const batch: LogBatchApi = {
    describeTask: async (params) => {
      calls.push(`DescribeTask Offset=${params.Offset ?? 0}`);
      const offset = params.Offset ?? 0;
      const page = instances.slice(offset, offset + (params.Limit ?? 100));
      return {
        RequestId: 'r',
        JobId: params.JobId,
        TaskName: params.TaskName,
        TaskState: 'FAILED',
        TaskInstanceSet: page,
        TaskInstanceTotalCount: instances.length,
      };
    },
    describeTaskLogs: async () => {
      calls.push('DescribeTaskLogs');
      return { RequestId: 'r', TotalCount: logs.length, TaskInstanceLogSet: logs };
    },
  };
  return { batch, calls };
};

export const instance = (index: number, redirect: Instance['RedirectInfo']): Instance => ({
  TaskInstanceIndex: index,
  TaskInstanceState: 'FAILED',
  ExitCode: 1,
  RedirectInfo: redirect,
});

export const b64 = (text: string) =>
  `data:text/plain;charset=utf-8;base64,${Buffer.from(text).toString('base64')}`;
