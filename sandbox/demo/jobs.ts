/** The jobs a user submits in the demo, in the API's shape, with notifications to the topic. */

const LOGS = 'cos://demo-logs-1251000000.cos.ap-guangzhou.myqcloud.com';

const notify = (topic: string, events: readonly string[], vars: Record<string, string> = {}) => ({
  Notifications: [
    {
      TopicName: topic,
      EventConfigs: events.map((EventName) => ({
        EventName,
        EventVars: Object.entries(vars).map(([Name, Value]) => ({ Name, Value })),
      })),
    },
  ],
  NotificationTarget: 'TDMQ_CMQ',
});

/** Four frames on the named env, which starts with no nodes: demand for the autoscaler. */
export const renderJob = (topic: string, envId: string) => ({
  Placement: { Zone: 'ap-guangzhou-3' },
  ClientToken: `demo-render-${Date.now()}`,
  Job: {
    JobName: 'render-demo',
    Priority: 1,
    Tasks: [
      {
        TaskName: 'frames',
        TaskInstanceNum: 4,
        EnvId: envId,
        MaxRetryCount: 2,
        Application: { DeliveryForm: 'LOCAL', Command: 'sleep 6; echo frame rendered' },
        RedirectInfo: {
          StdoutRedirectPath: `${LOGS}/render/`,
          StderrRedirectPath: `${LOGS}/render/`,
        },
      },
    ],
    ...notify(
      topic,
      [
        'JOB_RUNNING',
        'JOB_SUCCEED',
        'JOB_FAILED',
        'TASK_RUNNING',
        'TASK_INSTANCE_RUNNING',
        'TASK_INSTANCE_SUCCEED',
      ],
      { pipeline: 'films' },
    ),
  },
});

/** Five instances that die like an out-of-memory kill: one alert, then one summary. */
export const qcJob = (topic: string) => ({
  Placement: { Zone: 'ap-guangzhou-3' },
  ClientToken: `demo-qc-${Date.now()}`,
  Job: {
    JobName: 'qc-demo',
    Priority: 1,
    Tasks: [
      {
        TaskName: 'check',
        TaskInstanceNum: 5,
        Application: {
          DeliveryForm: 'LOCAL',
          Command: '>&2 echo loading scene 42; >&2 echo allocating 31 GB; exit 137',
        },
        ComputeEnv: {
          EnvType: 'MANAGED',
          EnvData: { InstanceType: 'S5.MEDIUM4', ImageId: 'img-demo0001' },
        },
        RedirectInfo: { StdoutRedirectPath: `${LOGS}/qc/`, StderrRedirectPath: `${LOGS}/qc/` },
      },
    ],
    ...notify(topic, ['TASK_INSTANCE_FAILED', 'JOB_FAILED']),
  },
});

/** The env's own notifications: node events reach the bridge too. */
export const envNotifications = (topic: string) =>
  notify(topic, [
    'COMPUTE_NODE_CREATED',
    'COMPUTE_NODE_RUNNING',
    'COMPUTE_NODE_ABNORMAL',
    'COMPUTE_NODE_DELETING',
  ]).Notifications;
