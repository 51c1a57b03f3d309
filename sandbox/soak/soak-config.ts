import { type BridgeConfig, parseConfig } from '../../lib/config/index.js';
import { POOL_MAX, SOAK_ENV_ID, SOAK_TOPIC, SOAK_ZONE } from './soak-jobs.js';

/**
 * The soak's bridge.yml, in the same language as a deployment, kept as text so the bench runs
 * from dist/ without copying files. The chained job is inline; alerts go to a plain webhook
 * (no platform rate limit, so every alert is sent at once or summarised, never deferred).
 */

export const SOAK_QUEUE = 'soak-inbox';
export const SOAK_DEAD_LETTERS = 'soak-inbox-dlq';
export const CHAIN_RULE = 'encode-after-render';
export const ALERT_RULE = 'failures';

/** Short enough that the summaries of failed QC jobs go out while the soak runs. */
export const ALERT_WINDOW_MS = 1000;
export const SCALE_DOWN_AFTER_MS = 2000;

const yaml = `
version: 1
region: ap-guangzhou
topic: ${SOAK_TOPIC}
queue: ${SOAK_QUEUE}
channels:
  oncall:
    type: webhook
    url: \${env:SOAK_SINK_URL}/hook/oncall
rules:
  - name: ${CHAIN_RULE}
    on: JOB_SUCCEED
    if:
      jobName: { prefix: render- }
      vars.pipeline: films
    do:
      - submitJob:
          job:
            JobName: "encode-{{ jobName }}"
            Priority: 1
            Tasks:
              - TaskName: encode
                TaskInstanceNum: 1
                Application: { DeliveryForm: LOCAL, Command: "echo encode {{ jobId }}" }
                ComputeEnv:
                  EnvType: MANAGED
                  EnvData: { InstanceType: S5.MEDIUM4, ImageId: img-soak0001 }
          placement: { Zone: ${SOAK_ZONE} }
          vars: { upstream: "{{ jobId }}" }
  - name: ${ALERT_RULE}
    on: TASK_INSTANCE_FAILED
    do:
      - alert: { channel: oncall, window: ${ALERT_WINDOW_MS}ms }
  - name: soak-pool
    on: [JOB_*, TASK_*, COMPUTE_NODE_*]
    if: { envId: ${SOAK_ENV_ID} }
    do:
      - scaleEnv: { envId: ${SOAK_ENV_ID}, min: 0, max: ${POOL_MAX}, scaleDownAfter: ${SCALE_DOWN_AFTER_MS}ms }
`;

export const soakConfig = (sinkUrl: string): BridgeConfig =>
  parseConfig(yaml, {
    env: { SOAK_SINK_URL: sinkUrl },
    baseDir: '.',
    sourceName: 'soak bridge.yml',
  });
