import { type BridgeConfig, BridgeConfigSchema } from '../lib/config/schema.js';

/**
 * A realistic mix for the pipeline benchmark: mostly task-instance traffic from a render farm,
 * some job and node events, in every envelope the bridge accepts, and a 50-rule config.
 */

const NAMES = [
  ['TASK_INSTANCE_RUNNING', 30],
  ['TASK_INSTANCE_SUCCEED', 30],
  ['TASK_INSTANCE_FAILED', 6],
  ['TASK_RUNNING', 6],
  ['TASK_SUCCEED', 6],
  ['JOB_RUNNING', 4],
  ['JOB_SUCCEED', 4],
  ['JOB_FAILED', 2],
  ['COMPUTE_NODE_CREATED', 4],
  ['COMPUTE_NODE_RUNNING', 4],
  ['COMPUTE_NODE_ABNORMAL', 2],
  ['COMPUTE_NODE_DELETING', 2],
] as const;

const pick = (i: number): string => {
  let n = i % 100;
  for (const [name, weight] of NAMES) {
    if (n < weight) return name;
    n -= weight;
  }
  return 'TASK_INSTANCE_RUNNING';
};

const batchEvent = (i: number) => {
  const name = pick(i * 37);
  const job = `job-${(i % 500).toString(36).padStart(8, '0')}`;
  const base = { JobId: job, JobName: `render-${i % 500}`, EnvId: `env-pool${i % 5}` };
  const batch = name.startsWith('COMPUTE_NODE')
    ? {
        ComputeNodeId: `node-${i.toString(36)}`,
        EnvId: `env-pool${i % 5}`,
        ComputeNodeState: name.slice(13),
        ComputeNodeInstanceId: `ins-${i.toString(36)}`,
        Cpu: 4,
        Mem: 8,
      }
    : name.startsWith('TASK_INSTANCE')
      ? {
          ...base,
          TaskName: 'frame',
          TaskInstanceIndex: i % 200,
          TaskInstanceState: name.slice(14),
          ...(name.endsWith('FAILED') ? { ExitCode: 137, StateReason: 'Out of memory' } : {}),
        }
      : name.startsWith('TASK')
        ? { ...base, TaskName: 'frame', TaskState: name.slice(5) }
        : { ...base, JobState: name.slice(4) };
  return {
    EventVersion: '1.0',
    EventTime: new Date(Date.UTC(2026, 10, 20, 8, 0, i % 3600)).toISOString().replace('.000', ''),
    Region: 'ap-guangzhou',
    EventName: name,
    EventVars: [{ Name: 'pipeline', Value: i % 3 === 0 ? 'films' : 'ads' }],
    Batch: batch,
  };
};

/** Delivery texts: a quarter each topic trigger (2 records), HTTP push JSON, function URL, bare. */
export const makeDeliveries = (count: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const message = JSON.stringify({ Events: [batchEvent(i)] });
    switch (i % 4) {
      case 0: {
        const second = JSON.stringify({ Events: [batchEvent(i + count)] });
        const record = (body: string, id: number) => ({
          CMQ: {
            type: 'topic',
            topicOwner: 1251783334,
            topicName: 'batch-events',
            subscriptionName: 'fn',
            publishTime: '2026-11-20T08:00:00.000Z',
            msgId: String(id),
            requestId: String(id),
            msgBody: body,
            msgTag: 'batch',
          },
        });
        out.push(JSON.stringify({ Records: [record(message, i), record(second, i + count)] }));
        break;
      }
      case 1:
        out.push(
          JSON.stringify({
            TopicOwner: 1251783334,
            topicName: 'batch-events',
            subscriptionName: 'push',
            msgId: String(i),
            msgBody: message,
            publishTime: 1763629367000,
          }),
        );
        break;
      case 2:
        out.push(
          JSON.stringify({
            httpMethod: 'POST',
            path: '/',
            headers: { 'x-cmq-message-id': String(i), 'x-cmq-request-id': 'r' },
            queryString: {},
            body: message,
          }),
        );
        break;
      default:
        out.push(message);
    }
  }
  return out;
};

/** The floor: parse every JSON text the delivery contains, and nothing else. */
export const bareParse = (text: string): number => {
  const outer = JSON.parse(text) as Record<string, unknown>;
  if (Array.isArray(outer['Records'])) {
    for (const r of outer['Records'] as { CMQ: { msgBody: string } }[]) JSON.parse(r.CMQ.msgBody);
    return outer['Records'].length;
  }
  if (typeof outer['msgBody'] === 'string') JSON.parse(outer['msgBody']);
  else if (typeof outer['body'] === 'string') JSON.parse(outer['body']);
  return 1;
};

/** 50 rules of the kinds users write: alerts, chains, scaling, node replacement. */
export const makeConfig = (): BridgeConfig => {
  const rules: unknown[] = [];
  for (let i = 0; i < 50; i += 1) {
    const env = `env-pool${i % 5}`;
    switch (i % 5) {
      case 0:
        rules.push({
          name: `alert-${i}`,
          on: ['TASK_INSTANCE_FAILED', 'JOB_FAILED*'],
          if: { jobName: { prefix: `render-${i}` } },
          do: [{ alert: { channel: 'oncall' } }],
        });
        break;
      case 1:
        rules.push({
          name: `chain-${i}`,
          on: 'JOB_SUCCEED',
          if: { 'vars.pipeline': 'films', jobName: { regex: `^render-${i}\\d*$` } },
          do: [
            {
              submitJob: {
                job: {
                  JobName: 'encode-{{ jobName }}',
                  Tasks: [
                    {
                      TaskName: 'encode',
                      TaskInstanceNum: 1,
                      Application: { DeliveryForm: 'LOCAL', Command: 'encode.sh {{ jobId }}' },
                    },
                  ],
                },
                placement: { Zone: 'ap-guangzhou-3' },
                vars: { upstream: '{{ jobId }}' },
              },
            },
          ],
        });
        break;
      case 2:
        rules.push({
          name: `scale-${i}`,
          on: ['TASK_INSTANCE_*', 'COMPUTE_NODE_*'],
          if: { envId: env },
          do: [{ scaleEnv: { envId: env, max: 20 } }],
        });
        break;
      case 3:
        rules.push({
          name: `oom-${i}`,
          on: 'TASK_INSTANCE_FAILED',
          if: {
            anyOf: [{ exitCode: 137 }, { stateReason: { glob: '*memory*' } }],
            taskInstanceIndex: { gte: i },
          },
          do: [
            { alert: { channel: 'oncall', template: 'OOM {{ jobId }} #{{ taskInstanceIndex }}' } },
          ],
        });
        break;
      default:
        rules.push({
          name: `nodes-${i}`,
          on: 'COMPUTE_NODE_ABNORMAL',
          if: { envId: env },
          do: [{ terminateNode: { maxPerHour: 5 } }],
        });
    }
  }
  return BridgeConfigSchema.parse({
    version: 1,
    channels: {
      oncall: { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=bench' },
    },
    rules,
  });
};
