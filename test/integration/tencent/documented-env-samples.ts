/** The compute-environment examples of batch-api.md 2.3, as printed. */

const nodeMetrics = (abnormal: number) => ({
  AbnormalCount: abnormal,
  CreatedCount: 0,
  CreatingCount: 0,
  CreationFailedCount: 0,
  DeletingCount: 0,
  RunningCount: 1,
  SubmittedCount: 0,
});

const node = (id: string, instanceId: string, state: string, created: string) => ({
  AgentVersion: '1.1.9',
  ComputeNodeId: id,
  ComputeNodeInstanceId: instanceId,
  ComputeNodeState: state,
  Cpu: 1,
  Mem: 2,
  ResourceCreatedTime: created,
  TaskInstanceNumAvailable: 1,
});

const envActivity = (id: string, cause: string, nodeId: string, start: string, end: string) => ({
  ActivityId: id,
  ActivityState: 'SUCCEED',
  Cause: cause,
  ComputeNodeActivityType: 'CREATE_COMPUTE_NODE',
  ComputeNodeId: nodeId,
  EndTime: end,
  EnvId: 'env-lcpcej85',
  StartTime: start,
  StateReason: '',
});

export const ENV_SAMPLES = {
  DescribeComputeEnv: {
    ComputeNodeMetrics: nodeMetrics(1),
    ComputeNodeSet: [
      node('node-noa8vefu', 'ins-0kj3gz6s', 'ABNORMAL', '2018-03-08T11:49:17Z'),
      node('node-9yzd5jei', 'ins-jyafz2sk', 'RUNNING', '2018-03-09T13:15:44Z'),
    ],
    CreateTime: '2018-03-08T11:48:43Z',
    DesiredComputeNodeCount: 2,
    EnvId: 'env-lcpcej85',
    EnvName: 'test compute env',
    EnvType: 'MANAGED',
    Placement: { Zone: 'ap-guangzhou-2' },
    RequestId: '274cbd4f-77d2-4bf6-9984-643318ed3ef8',
  },
  DescribeComputeEnvs: {
    ComputeEnvSet: [
      {
        ComputeNodeMetrics: nodeMetrics(1),
        CreateTime: '2018-03-08T11:48:43Z',
        DesiredComputeNodeCount: 2,
        EnvId: 'env-lcpcej85',
        EnvName: 'test compute env',
        EnvType: 'MANAGED',
        Placement: { Zone: 'ap-guangzhou-2' },
      },
      {
        ComputeNodeMetrics: nodeMetrics(0),
        CreateTime: '2018-03-08T11:48:42Z',
        DesiredComputeNodeCount: 1,
        EnvId: 'env-lcx7qbbr',
        EnvName: 'test compute env',
        EnvType: 'MANAGED',
        Placement: { Zone: 'ap-guangzhou-2' },
      },
    ],
    RequestId: '5d5bc973-d924-4c95-90b5-1ace7b5e41b9',
    TotalCount: 2,
  },
  DescribeComputeEnvActivities: {
    ActivitySet: [
      envActivity(
        'act-83xvnt5p',
        'ModifyComputeEnv: increase the capacity from 1 to 2',
        'node-9yzd5jei',
        '2018-03-09T13:14:34Z',
        '2018-03-09T13:15:44Z',
      ),
      envActivity(
        'act-ezle9e7v',
        'CreateComputeEnv: the capacity is 1',
        'node-noa8vefu',
        '2018-03-08T11:48:43Z',
        '2018-03-08T11:49:17Z',
      ),
    ],
    RequestId: 'ecfeec77-6ec1-4daf-8730-1dd00c742252',
    TotalCount: 2,
  },
  ModifyComputeEnv: { RequestId: '147fbf83-f817-4528-a547-f5f313b673d2' },
  TerminateComputeNode: { RequestId: 'c50bfbf1-d214-4e41-90f6-39270dc9f071' },
  TerminateComputeNodes: { RequestId: 'c50bfbf1-d214-4e41-90f6-39270dc9f071' },
} as const satisfies Record<string, Record<string, unknown>>;
