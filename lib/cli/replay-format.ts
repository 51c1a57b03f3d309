import type { PlannedAction } from '../actions/plan.js';
import type { DeliveryResult, EventReport } from '../core/process-delivery.js';

/** DESIGN 3.3: one JSON object per line; the field order is part of the contract. */
export const replayJsonLines = (delivery: string, result: DeliveryResult): string[] => {
  const lines: string[] = [];
  for (const r of result.rejected) {
    lines.push(JSON.stringify({ delivery, where: r.where, outcome: 'rejected', error: r.error }));
  }
  for (const report of result.events) lines.push(...eventJsonLines(delivery, report));
  return lines;
};

const eventJsonLines = (delivery: string, report: EventReport): string[] => {
  const head = { delivery, event: report.event.name, eventId: report.event.id };
  const lines = report.actions.map((a) => {
    const { rule, action, plan } = a.planned;
    const outcome = a.outcome.status === 'planned' ? {} : { outcome: a.outcome };
    return JSON.stringify({ ...head, rule, action, plan, ...outcome });
  });
  for (const e of report.errors) {
    const { rule, ...error } = e;
    lines.push(JSON.stringify({ ...head, rule, action: null, outcome: 'error', error }));
  }
  if (lines.length === 0) {
    lines.push(JSON.stringify({ ...head, rule: null, action: null, outcome: 'no-match' }));
  }
  return lines;
};

const describeEvent = (report: EventReport): string => {
  const e = report.event;
  const parts = [e.name];
  if (e.jobId !== undefined)
    parts.push(e.jobName === undefined ? e.jobId : `${e.jobId} (${e.jobName})`);
  if (e.taskName !== undefined) parts.push(`task ${e.taskName}`);
  if (e.taskInstanceIndex !== undefined) parts.push(`instance ${e.taskInstanceIndex}`);
  if (e.envId !== undefined && e.jobId === undefined) parts.push(e.envId);
  if (e.computeNodeId !== undefined) parts.push(e.computeNodeId);
  return parts.join('  ');
};

const describePlan = (a: PlannedAction): string => {
  switch (a.action) {
    case 'submitJob': {
      const job = a.plan.request.Job;
      const name = typeof job['JobName'] === 'string' ? job['JobName'] : '(unnamed job)';
      return `SubmitJob ${name} in ${a.plan.region}, ClientToken ${a.plan.request.ClientToken}`;
    }
    case 'alert':
      return `alert to ${a.plan.channel} (${a.plan.channelType}): ${a.plan.title}`;
    case 'scaleEnv': {
      const p = a.plan.policy;
      return `reconcile ${a.plan.envId} in ${a.plan.region} within [${p.min}, ${p.max}]`;
    }
    case 'terminateNode':
      return `terminate ${a.plan.computeNodeId} of ${a.plan.envId} (at most ${a.plan.maxPerHour}/h)`;
  }
};

/** Readable text: what fired, and why each rule that did not fire stayed quiet. */
export const replayText = (delivery: string, result: DeliveryResult): string[] => {
  const lines: string[] = [];
  for (const r of result.rejected) {
    lines.push(`${delivery}  REJECTED ${r.where}: ${r.error.code} ${r.error.message}`);
  }
  for (const report of result.events) {
    lines.push(`${delivery}  ${describeEvent(report)}`);
    for (const a of report.actions) {
      const note = a.outcome.status === 'skipped' ? ` (skipped: ${a.outcome.reason})` : '';
      lines.push(`  + ${a.planned.rule}: ${describePlan(a.planned)}${note}`);
    }
    for (const e of report.errors) lines.push(`  ! ${e.rule}: ${e.code} ${e.message}`);
    for (const m of report.misses ?? []) lines.push(`  - ${m.rule}: ${m.reason}`);
    if (report.actions.length === 0 && report.errors.length === 0) lines.push('  (no rule fired)');
  }
  return lines;
};
