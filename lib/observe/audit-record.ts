import * as z from 'zod';
import type { ActionOutcome, PlannedAction } from '../actions/plan.js';
import type { BatchEvent } from '../ingest/event.js';
import type { ApiCallRecord } from './call-trace.js';
import { maskSecrets } from './mask.js';

const CallSchema = z.object({
  service: z.string(),
  action: z.string(),
  status: z.number().optional(),
  code: z.string().optional(),
  requestId: z.string().optional(),
  durationMs: z.number(),
});

const OutcomeSchema = z.object({
  status: z.enum(['planned', 'done', 'skipped', 'failed']),
  detail: z.unknown().optional(),
  reason: z.string().optional(),
  error: z
    .object({ code: z.string(), message: z.string(), path: z.string().optional() })
    .optional(),
  retryable: z.boolean().optional(),
});

/** One action taken: which event, which rule, what was sent, what came back. */
export const AuditRecordSchema = z.lazy(() =>
  z.object({
    /** ISO 8601, when the action finished. */
    time: z.string(),
    eventId: z.string(),
    event: z.string(),
    /** The job the event is about, when it is about one. */
    jobId: z.string().optional(),
    delivery: z.object({ kind: z.string(), messageId: z.string().optional() }),
    rule: z.string(),
    action: z.enum(['submitJob', 'alert', 'scaleEnv', 'terminateNode']),
    /** The plan as sent, secrets masked; `{ truncated, chars }` when larger than the cap. */
    plan: z.unknown(),
    outcome: OutcomeSchema,
    /** Every API attempt the action made, with its request id. */
    calls: z.array(CallSchema).readonly(),
    durationMs: z.number(),
  }),
);

export type AuditRecord = z.infer<typeof AuditRecordSchema>;
export type AuditOutcome = z.infer<typeof OutcomeSchema>;

export interface AuditInput {
  readonly action: PlannedAction;
  readonly event: BatchEvent;
  readonly outcome: ActionOutcome;
  readonly calls: readonly ApiCallRecord[];
  readonly durationMs: number;
  readonly finishedAt: number;
}

/** A plan larger than this (serialized) is recorded by size only. */
export const MAX_AUDIT_PLAN_CHARS = 16_384;

const auditPlan = (plan: unknown): unknown => {
  const masked = maskSecrets(plan);
  const chars = JSON.stringify(masked).length;
  return chars > MAX_AUDIT_PLAN_CHARS ? { truncated: true, chars } : masked;
};

const auditOutcome = (outcome: ActionOutcome): AuditOutcome => {
  switch (outcome.status) {
    case 'planned':
      return { status: outcome.status };
    case 'done':
      return outcome.detail === undefined
        ? { status: outcome.status }
        : { status: outcome.status, detail: maskSecrets(outcome.detail) };
    case 'skipped':
      return { status: outcome.status, reason: outcome.reason };
    case 'failed':
      return { status: outcome.status, error: outcome.error, retryable: outcome.retryable };
  }
};

export const buildAuditRecord = (input: AuditInput): AuditRecord => {
  const { action, event, outcome } = input;
  const { kind, messageId } = event.source;
  return {
    time: new Date(input.finishedAt).toISOString(),
    eventId: event.id,
    event: event.name,
    ...(event.jobId === undefined ? {} : { jobId: event.jobId }),
    delivery: messageId === undefined ? { kind } : { kind, messageId },
    rule: action.rule,
    action: action.action,
    plan: auditPlan(action.plan),
    outcome: auditOutcome(outcome),
    calls: input.calls,
    durationMs: input.durationMs,
  };
};

/** The jobs a record is about: the event's job and a job the action submitted. */
export const jobsOf = (record: AuditRecord): string[] => {
  const detail = record.outcome.detail;
  const submitted =
    typeof detail === 'object' && detail !== null && 'jobId' in detail ? detail.jobId : undefined;
  const jobs = [record.jobId, typeof submitted === 'string' ? submitted : undefined];
  return [...new Set(jobs.filter((j): j is string => j !== undefined && j !== ''))];
};

/** The UTC day of a record, `YYYY-MM-DD`: the key the trail is read by. */
export const auditDay = (record: Pick<AuditRecord, 'time'>): string => record.time.slice(0, 10);
