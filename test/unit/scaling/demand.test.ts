import { describe, expect, it } from 'vitest';
import { createJobTaskCache, readDemand, type ScalingApi } from '../../../lib/scaling/index.js';
import { TencentApiError } from '../../../lib/tencent/index.js';

/** Paging and counting of readDemand against an in-memory fake of the Batch API. */

type Instance = {
  TaskInstanceIndex: number;
  TaskInstanceState: string;
  ComputeNodeInstanceId?: string;
};

const instances = (n: number, state: (i: number) => string): Instance[] =>
  Array.from({ length: n }, (_, i) => ({
    TaskInstanceIndex: i,
    TaskInstanceState: state(i),
    ...(['RUNNING', 'STARTING'].includes(state(i)) ? { ComputeNodeInstanceId: `ins-${i}` } : {}),
  }));

const metricsOf = (list: Instance[]) => {
  const count = (s: string) => list.filter((i) => i.TaskInstanceState === s).length;
  return {
    SubmittedCount: count('SUBMITTED'),
    PendingCount: count('PENDING'),
    RunnableCount: count('RUNNABLE'),
    StartingCount: count('STARTING'),
    RunningCount: count('RUNNING'),
  };
};

interface FakeJob {
  readonly tasks: Record<string, { envId?: string; instances: Instance[] }>;
}

const fakeApi = (jobs: Record<string, FakeJob>, withMetrics: boolean) => {
  const calls: string[] = [];
  const api = {
    describeJobs: async () => {
      calls.push('describeJobs');
      const ids = Object.keys(jobs);
      return {
        RequestId: 'r',
        TotalCount: ids.length,
        JobSet: ids.map((JobId) => ({ JobId, JobState: 'RUNNING' })),
      };
    },
    describeJobSubmitInfo: async ({ JobId }: { JobId: string }) => {
      calls.push('describeJobSubmitInfo');
      const job = jobs[JobId];
      if (job === undefined)
        throw new TencentApiError('ResourceNotFound.Job', 'gone', {
          service: 'batch',
          operation: 'x',
        });
      const Tasks = Object.entries(job.tasks).map(([TaskName, t]) => ({
        TaskName,
        EnvId: t.envId,
        TaskInstanceNum: t.instances.length,
      }));
      return { RequestId: 'r', JobId, Tasks, Dependences: [] };
    },
    describeTask: async (req: {
      JobId: string;
      TaskName: string;
      Offset?: number;
      Limit?: number;
    }) => {
      calls.push('describeTask');
      const list = jobs[req.JobId]?.tasks[req.TaskName]?.instances ?? [];
      const offset = req.Offset ?? 0;
      const page = list.slice(offset, offset + (req.Limit ?? 100));
      const metrics = withMetrics ? { TaskInstanceMetrics: metricsOf(list) } : {};
      return {
        RequestId: 'r',
        JobId: req.JobId,
        TaskName: req.TaskName,
        TaskState: 'RUNNING',
        TaskInstanceTotalCount: list.length,
        TaskInstanceSet: page,
        ...metrics,
      };
    },
  };
  return { api: api as unknown as ScalingApi, calls };
};

describe('readDemand', () => {
  it('counts unfinished instances of tasks on the env only, from the counters in one call per task', async () => {
    // Arrange
    const { api, calls } = fakeApi(
      {
        'job-1': {
          tasks: {
            render: {
              envId: 'env-a',
              instances: instances(5, (i) => (i < 2 ? 'RUNNING' : i < 4 ? 'RUNNABLE' : 'SUCCEED')),
            },
            encode: { envId: 'env-b', instances: instances(3, () => 'RUNNABLE') },
            anon: { instances: instances(2, () => 'RUNNABLE') },
          },
        },
      },
      true,
    );

    // Act
    const demand = await readDemand({ batch: api, jobTasks: createJobTaskCache() }, 'r', 'env-a');

    // Assert
    expect(demand.unfinished).toBe(4);
    expect([...demand.onNodeInstanceIds]).toEqual(['ins-0', 'ins-1']);
    expect(calls).toEqual(['describeJobs', 'describeJobSubmitInfo', 'describeTask']);
  });

  it('pages through a task when its counters are missing', async () => {
    // Arrange
    const list = instances(2500, (i) => (i % 2 === 0 ? 'RUNNABLE' : 'SUCCEED'));
    const { api, calls } = fakeApi(
      { 'job-1': { tasks: { render: { envId: 'env-a', instances: list } } } },
      false,
    );

    // Act
    const demand = await readDemand({ batch: api, jobTasks: createJobTaskCache() }, 'r', 'env-a');

    // Assert
    expect(demand.unfinished).toBe(1250);
    expect(calls.filter((c) => c === 'describeTask')).toHaveLength(3);
  });

  it('pages only until every running instance is seen when the counters are there', async () => {
    // Arrange
    const list = instances(2500, (i) => (i === 1200 ? 'RUNNING' : 'RUNNABLE'));
    const { api, calls } = fakeApi(
      { 'job-1': { tasks: { render: { envId: 'env-a', instances: list } } } },
      true,
    );

    // Act
    const demand = await readDemand({ batch: api, jobTasks: createJobTaskCache() }, 'r', 'env-a');

    // Assert
    expect(demand.unfinished).toBe(2500);
    expect([...demand.onNodeInstanceIds]).toEqual(['ins-1200']);
    expect(calls.filter((c) => c === 'describeTask')).toHaveLength(2);
  });

  it('asks DescribeJobSubmitInfo once per job across reconciles', async () => {
    // Arrange
    const { api, calls } = fakeApi(
      {
        'job-1': {
          tasks: { render: { envId: 'env-a', instances: instances(1, () => 'RUNNABLE') } },
        },
      },
      true,
    );
    const deps = { batch: api, jobTasks: createJobTaskCache() };

    // Act
    await readDemand(deps, 'r', 'env-a');
    await readDemand(deps, 'r', 'env-a');

    // Assert
    expect(calls.filter((c) => c === 'describeJobSubmitInfo')).toHaveLength(1);
  });
});
