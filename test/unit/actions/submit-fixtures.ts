import { expect } from 'vitest';
import type { JobObject } from '../../../lib/actions/job-shape.js';
import type { SubmitJobPlan } from '../../../lib/actions/plan.js';
import type { BatchEvent } from '../../../lib/ingest/event.js';
import { makeEvent } from '../rules/make-event.js';
import { evaluateOne } from './plan-of.js';

export const job = {
  JobName: 'encode-{{ jobName }}',
  Priority: 2,
  Tasks: [
    {
      TaskName: 'encode',
      TaskInstanceNum: 1,
      Application: { DeliveryForm: 'LOCAL', Command: 'encode.sh {{ jobId }} {{ vars.pipeline }}' },
      EnvVars: [{ Name: 'UPSTREAM', Value: '{{ jobId }}' }],
    },
  ],
};

export const event = makeEvent({ name: 'JOB_SUCCEED', vars: { pipeline: 'films' } });

export const submit = (extra: Record<string, unknown> = {}) => ({
  submitJob: { job, placement: { Zone: 'ap-guangzhou-3' }, ...extra },
});

/** The one submitJob plan `action` makes for `e`; fails the test on a plan error. */
export const planOf = (
  action: unknown,
  extra: Record<string, unknown> = {},
  e: BatchEvent = event,
): SubmitJobPlan => {
  const { actions, errors } = evaluateOne([action], e, extra);
  expect(errors).toEqual([]);
  const [first] = actions;
  if (first?.action !== 'submitJob') throw new Error('expected a submitJob plan');
  return first.plan;
};

export const jobOf = (plan: SubmitJobPlan): JobObject => plan.request.Job as JobObject;

export const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};
