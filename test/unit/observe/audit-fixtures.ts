import type { ActionOutcome, Executor, PlannedAction } from '../../../lib/actions/plan.js';
import type { BatchEvent } from '../../../lib/ingest/event.js';

/** Plans, events and a stand-in live executor shared by the audit tests. */

export const AUDIT_TIME = Date.parse('2026-03-04T05:06:07Z');
export const AUDIT_DAY = '2026-03-04';

export const event = (id: string, jobId = 'job-render01'): BatchEvent => ({
  id,
  name: 'JOB_SUCCEED',
  family: 'job',
  region: 'ap-guangzhou',
  vars: {},
  jobId,
  jobName: 'render-42',
  batch: {},
  source: { kind: 'queue', messageId: `msg-${id}` },
});

export const submitPlan = (rule = 'encode-after-render'): PlannedAction => ({
  rule,
  action: 'submitJob',
  plan: {
    region: 'ap-guangzhou',
    request: {
      Placement: { Zone: 'ap-guangzhou-3' },
      Job: {
        JobName: 'encode',
        Authentications: [
          { Scene: 'COS', SecretId: 'AKIDauditLEAK01', SecretKey: 'sk-audit-LEAK' },
        ],
        Tasks: [{ TaskName: 'encode', EnvVars: [{ Name: 'API_TOKEN', Value: 'tok-LEAK' }] }],
      },
      ClientToken: 'bb-0123456789',
    },
  },
});

export const alertPlan = (rule = 'failures'): PlannedAction => ({
  rule,
  action: 'alert',
  plan: {
    channel: 'oncall',
    channelType: 'wecom',
    title: 'Job failed',
    text: 'render-42 failed',
    dedupKey: 'alert-abc',
    group: { key: 'render-42', bySignature: false, windowMs: 60_000 },
  },
});

/** Submits answer with a new job id; alerts are skipped as deduplicated. */
export const fakeLiveExecutor = (submittedJobId = 'job-encode01'): Executor => ({
  mode: 'live',
  execute: async (action): Promise<ActionOutcome> =>
    action.action === 'submitJob'
      ? { status: 'done', detail: { jobId: submittedJobId, clientToken: 'bb-0123456789' } }
      : { status: 'skipped', reason: 'already alerted' },
});
