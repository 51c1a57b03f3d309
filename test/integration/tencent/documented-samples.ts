import { ENV_SAMPLES } from './documented-env-samples.js';

/**
 * The `Response` objects of the documented examples in batch-api.md section 2, copied as printed
 * (OCR slips fixed as the reference notes). DescribeTaskLogs has no documented example: its
 * sample is built from the SDK's field list (batch-api.md 2.5) and says so.
 */

const metrics = (succeed: number) => ({
  FailedCount: 0,
  FailedInterruptedCount: 0,
  PendingCount: 0,
  RunnableCount: 0,
  RunningCount: 0,
  StartingCount: 0,
  SubmittedCount: 0,
  SucceedCount: succeed,
});

const redirect = (index: number) => ({
  StderrRedirectFileName: `stderr.job-97zcl3wt.A.${index}.log`,
  StderrRedirectPath: 'cos://dondonbatch-1251783334.cosgz.myqcloud.com/hello2/logs/',
  StdoutRedirectFileName: `stdout.job-97zcl3wt.A.${index}.log`,
  StdoutRedirectPath: 'cos://dondonbatch-1251783334.cosgz.myqcloud.com/hello2/logs/',
});

const instance = (index: number, running: string, end: string) => ({
  ComputeNodeInstanceId: null,
  CreateTime: '2018-02-07T09:29:09Z',
  EndTime: end,
  ExitCode: 0,
  LaunchTime: '2018-02-07T09:29:09Z',
  RedirectInfo: redirect(index),
  RunningTime: running,
  StateIfCreateCvmFailed: 'FAILED',
  StateReason: '',
  TaskInstanceIndex: index,
  TaskInstanceState: 'SUCCEED',
});

const task = (name: string, createTime: string, endTime: string) => ({
  CreateTime: createTime,
  EndTime: endTime,
  TaskName: name,
  TaskState: 'SUCCEED',
});

const submittedTask = (name: string) => ({
  Application: {
    Command: 'python -c "fib=lambda n:1 if n<=2 else fib(n-1)+fib(n-2); print(fib(20))" ',
    DeliveryForm: 'LOCAL',
  },
  ComputeEnv: {
    EnvData: { ImageId: 'img-bd78fy2t', InstanceType: 'S1.SMALL1' },
    EnvType: 'MANAGED',
  },
  FailedAction: 'TERMINATE',
  MaxRetryCount: 0,
  RedirectInfo: {
    StderrRedirectPath: 'cos://bucket-appid.cosgz.myqcloud.com/hello2/logs/',
    StdoutRedirectPath: 'cos://bucket-appid.cosgz.myqcloud.com/hello2/logs/',
  },
  TaskInstanceNum: 2,
  TaskName: name,
});

export const SAMPLES = {
  ...ENV_SAMPLES,
  SubmitJob: { JobId: 'job-4yn0we13', RequestId: 'bf2a9734-e485-423f-9d73-a93f5e6c6a0c' },
  DescribeJob: {
    CreateTime: '2018-02-07T09:29:09Z',
    DependenceSet: [
      { EndTaskName: 'B', StartTaskName: 'A' },
      { EndTaskName: 'C', StartTaskName: 'A' },
      { EndTaskName: 'D', StartTaskName: 'B' },
      { EndTaskName: 'D', StartTaskName: 'C' },
    ],
    EndTime: '2018-02-07T09:33:01Z',
    JobId: 'job-97zcl3wt',
    JobName: 'test job',
    JobState: 'SUCCEED',
    Priority: 1,
    RequestId: 'd1b08863-b8ee-49d4-aa08-f464499f97a0',
    TaskInstanceMetrics: metrics(8),
    TaskMetrics: metrics(4),
    TaskSet: [
      task('A', '2018-02-07T09:29:09Z', '2018-02-07T09:30:31Z'),
      task('B', '2018-02-07T09:29:09Z', '2018-02-07T09:31:49Z'),
      task('C', '2018-02-07T09:29:09Z', '2018-02-07T09:31:48Z'),
      task('D', '2018-02-07T09:29:09Z', '2018-02-07T09:33:01Z'),
    ],
    Zone: 'ap-guangzhou-2',
  },
  DescribeJobs: {
    JobSet: [
      {
        CreateTime: '2018-02-07T09:29:09Z',
        EndTime: '2018-02-07T09:33:01Z',
        JobId: 'job-97zcl3wt',
        JobName: 'test job',
        JobState: 'SUCCEED',
        Placement: { Zone: 'ap-guangzhou-2' },
        Priority: 1,
        TaskMetrics: metrics(4),
      },
    ],
    RequestId: 'c76c5368-6e2d-46bc-9867-5a3019510b76',
    TotalCount: 1,
  },
  DescribeJobSubmitInfo: {
    Dependences: [
      { EndTask: 'B', StartTask: 'A' },
      { EndTask: 'C', StartTask: 'A' },
      { EndTask: 'D', StartTask: 'B' },
      { EndTask: 'D', StartTask: 'C' },
    ],
    JobDescription: 'xxx',
    JobId: 'job-97zcl3wt',
    JobName: 'test job',
    Priority: 1,
    RequestId: '1a69db97-95ff-4bf7-9eb2-875eabe5737b',
    Tasks: ['A', 'B', 'C', 'D'].map(submittedTask),
  },
  DescribeTask: {
    CreateTime: '2018-02-07T09:29:09Z',
    EndTime: '2018-02-07T09:30:31Z',
    JobId: 'job-97zcl3wt',
    RequestId: 'f4723b24-e080-4599-b12d-b7eb657faefe',
    TaskInstanceMetrics: metrics(2),
    TaskInstanceSet: [
      instance(1, '2018-02-07T09:29:55Z', '2018-02-07T09:30:23Z'),
      instance(0, '2018-02-07T09:30:02Z', '2018-02-07T09:30:31Z'),
    ],
    TaskInstanceTotalCount: 2,
    TaskName: 'A',
    TaskState: 'SUCCEED',
  },
  TerminateJob: { RequestId: '970e5a9f-2963-436c-8dad-4847360676f7' },
  /** Constructed from the SDK field list: no documented example exists. */
  DescribeTaskLogs: {
    RequestId: 'constructed-0000-4000-8000-000000000000',
    TotalCount: 1,
    TaskInstanceLogSet: [
      {
        TaskInstanceIndex: 0,
        StdoutLog: Buffer.from('hello\n').toString('base64'),
        StderrLog: Buffer.from('boom\n').toString('base64'),
        StdoutRedirectPath: 'cos://dondonbatch-1251783334.cosgz.myqcloud.com/hello2/logs/',
        StderrRedirectPath: 'cos://dondonbatch-1251783334.cosgz.myqcloud.com/hello2/logs/',
        StdoutRedirectFileName: 'stdout.job-97zcl3wt.A.0.log',
        StderrRedirectFileName: 'stderr.job-97zcl3wt.A.0.log',
      },
    ],
  },
} as const satisfies Record<string, Record<string, unknown>>;
