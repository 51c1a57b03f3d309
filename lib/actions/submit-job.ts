import type { SubmitJobAction } from '../config/schema.js';
import type { BatchEvent } from '../ingest/event.js';
import { configErrorAt } from '../template/config-error.js';
import { compileTemplate, type Template } from '../template/template.js';
import { compileValueTemplate } from '../template/value-template.js';
import { clientTokenFor } from './client-token.js';
import { checkRenderedJob } from './job-check.js';
import { attachChainNotifications } from './job-notifications.js';
import type { EventVar, JobObject } from './job-shape.js';
import type { SubmitJobPlan } from './plan.js';
import {
  type CompiledAction,
  deepFreeze,
  type PlannerContext,
  planError,
  regionFor,
} from './planner.js';

const inlineJob = (job: SubmitJobAction['job'], path: string): JobObject => {
  const keys = Object.keys(job);
  if (
    keys.length === 1 &&
    keys[0] === 'file' &&
    typeof (job as { file?: unknown }).file === 'string'
  ) {
    throw configErrorAt(
      `${path}.file`,
      'job file was not resolved; load bridge.yml with the config loader',
    );
  }
  return job;
};

const compileVars = (
  vars: SubmitJobAction['vars'],
  path: string,
): [string, Template][] | undefined =>
  vars === undefined
    ? undefined
    : Object.entries(vars).map(([name, value]) => [
        name,
        compileTemplate(value, `${path}.${name}`),
      ]);

const renderVars = (
  vars: readonly [string, Template][] | undefined,
  event: BatchEvent,
): EventVar[] | undefined =>
  vars?.map(([Name, template]) => ({ Name, Value: template.render(event) }));

const hasNotifications = (job: JobObject): boolean =>
  Array.isArray(job.Notifications) && job.Notifications.length > 0;

const dropWarning = (action: SubmitJobAction, job: JobObject, context: PlannerContext): string[] =>
  action.vars !== undefined && context.config.topic === undefined && !hasNotifications(job)
    ? [
        `rule '${context.rule}' ${context.label}: vars are dropped: the job has no Notifications ` +
          'and bridge.yml sets no topic',
      ]
    : [];

/** Compiles every string of the job (and the vars) once; plans render them per event. */
export const compileSubmitJob = (
  action: SubmitJobAction,
  context: PlannerContext,
): CompiledAction => {
  const job = inlineJob(action.job, `${context.path}.submitJob.job`);
  const renderJob = compileValueTemplate(job, `${context.path}.submitJob.job`);
  const vars = compileVars(action.vars, `${context.path}.submitJob.vars`);
  const placement = deepFreeze(structuredClone(action.placement));
  const { topic } = context.config;
  const plan = (event: BatchEvent) => {
    const rendered = renderJob(event) as JobObject;
    const problem =
      attachChainNotifications(rendered, { topic, vars: renderVars(vars, event) }) ??
      checkRenderedJob(rendered);
    if (problem !== undefined) return planError(context, problem);
    const submit: SubmitJobPlan = {
      region: regionFor(action.region, event, context.config),
      request: {
        Placement: placement,
        Job: rendered,
        ClientToken: clientTokenFor(context.rule, event.id),
      },
    };
    return { rule: context.rule, action: 'submitJob' as const, plan: submit };
  };
  return { plan, warnings: dropWarning(action, job, context) };
};
