import type { ActionOutcome, Executor, PlannedAction } from '../actions/plan.js';
import { summarizeError } from '../errors.js';
import type { BatchEvent } from '../ingest/event.js';
import type { Logger } from '../logger.js';
import { type AuditRecord, buildAuditRecord } from './audit-record.js';
import { withCallTrace } from './call-trace.js';
import type { Metrics } from './metrics.js';

/** Where audit records go: the state store, the log, or anything that keeps them. */
export interface AuditSink {
  /** Names the sink in logs and the `audit_failures` counter. */
  readonly name: string;
  write(record: AuditRecord): Promise<void>;
}

export interface AuditingOptions {
  readonly logger: Pick<Logger, 'warn'>;
  readonly metrics?: Metrics | undefined;
  /** Epoch ms; the record's time. */
  readonly clock?: () => number;
}

interface Thrown {
  error: unknown;
}

const write = async (sink: AuditSink, record: AuditRecord, options: AuditingOptions) => {
  try {
    await sink.write(record);
  } catch (error) {
    // A lost record must not undo or fail the action it records: reported, counted, moved on.
    options.logger.warn('audit.failed', {
      sink: sink.name,
      eventId: record.eventId,
      rule: record.rule,
      action: record.action,
      error,
    });
    options.metrics?.inc('audit_failures', { sink: sink.name });
  }
};

/**
 * Records every action a live executor takes: the event, the rule, the plan with secrets
 * masked, the outcome and the API calls made (request ids). A dry-run executor is returned as
 * it is: nothing is taken, so nothing is audited. An executor that throws is recorded as a
 * failure and the error passes on unchanged.
 */
export const auditingExecutor = (
  inner: Executor,
  sinks: AuditSink | readonly AuditSink[],
  options: AuditingOptions,
): Executor => {
  if (inner.mode !== 'live') return inner;
  const all: readonly AuditSink[] = 'write' in sinks ? [sinks] : sinks;
  const clock = options.clock ?? Date.now;
  const execute = async (action: PlannedAction, event: BatchEvent): Promise<ActionOutcome> => {
    let thrown: Thrown | undefined;
    const traced = await withCallTrace(async (): Promise<ActionOutcome> => {
      try {
        return await inner.execute(action, event);
      } catch (error) {
        thrown = { error };
        return { status: 'failed', error: summarizeError(error), retryable: false };
      }
    });
    const record = buildAuditRecord({
      action,
      event,
      outcome: traced.value,
      calls: traced.calls,
      durationMs: traced.durationMs,
      finishedAt: clock(),
    });
    await Promise.all(all.map((sink) => write(sink, record, options)));
    if (thrown !== undefined) throw thrown.error;
    return traced.value;
  };
  return Object.freeze({ mode: inner.mode, execute });
};
