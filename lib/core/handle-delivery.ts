import type { ParsedDelivery } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import { requestIdsOf } from '../observe/call-trace.js';
import { countDelivery } from '../observe/delivery-metrics.js';
import type { Metrics } from '../observe/metrics.js';
import { logMetrics } from '../observe/metrics-format.js';
import { type TracedExecutor, traceExecutor } from '../observe/traced-executor.js';
import {
  type DeliveryResult,
  type ProcessDeps,
  type ProcessOptions,
  processDelivery,
  processParsed,
} from './process-delivery.js';

/** What a function returns or logs for one delivery: counts, never payloads or secrets. */
export interface DeliverySummary {
  readonly kind: string | undefined;
  readonly events: number;
  readonly actions: Readonly<Record<'planned' | 'done' | 'skipped' | 'failed', number>>;
  readonly rejected: readonly {
    readonly where: string;
    readonly code: string;
    readonly message: string;
  }[];
  readonly ruleErrors: number;
  readonly retry: boolean;
}

export const summarizeDelivery = (result: DeliveryResult): DeliverySummary => {
  const actions = { planned: 0, done: 0, skipped: 0, failed: 0 };
  let ruleErrors = 0;
  for (const e of result.events) {
    ruleErrors += e.errors.length;
    for (const a of e.actions) actions[a.outcome.status] += 1;
  }
  return {
    kind: result.kind,
    events: result.events.length,
    actions,
    rejected: result.rejected.map((r) => ({
      where: r.where,
      code: r.error.code,
      message: r.error.message,
    })),
    ruleErrors,
    retry: result.retry,
  };
};

/** With metrics, each delivery is counted and its deltas logged as one `metrics` line. */
export interface HandleDeps extends ProcessDeps {
  readonly metrics?: Metrics | undefined;
}

/** A live action's duration and request ids, when it ran (not deduplicated by the delivery). */
const traceFields = (trace: ReturnType<TracedExecutor['traceOf']>) => {
  if (trace === undefined) return {};
  const requestIds = requestIdsOf(trace.calls);
  return requestIds.length === 0
    ? { durationMs: trace.durationMs }
    : { durationMs: trace.durationMs, requestIds };
};

const logActions = (result: DeliveryResult, logger: Logger, traced?: TracedExecutor): void => {
  for (const { event, actions, errors } of result.events) {
    for (const a of actions) {
      const fields = {
        event: event.name,
        eventId: event.id,
        rule: a.planned.rule,
        action: a.planned.action,
        ...traceFields(traced?.traceOf(a.planned)),
      };
      const failed = a.outcome.status === 'failed';
      (failed ? logger.warn : logger.info)('action', { ...fields, outcome: a.outcome });
    }
    for (const e of errors)
      logger.warn('rule error', { event: event.name, eventId: event.id, ...e });
  }
};

/**
 * processDelivery plus the log lines an operator reads: one per delivery, one per action, one
 * per rejection (the rejection says where and why, so nothing is lost silently).
 */
export const handleDelivery = (
  raw: unknown,
  deps: HandleDeps,
  options: ProcessOptions = {},
): Promise<DeliverySummary> => logged((d) => processDelivery(raw, d, options), deps);

export const handleParsed = (
  parsed: ParsedDelivery,
  deps: HandleDeps,
  options: ProcessOptions = {},
): Promise<DeliverySummary> => logged((d) => processParsed(parsed, d, options), deps);

const logged = async (
  run: (deps: ProcessDeps) => Promise<DeliveryResult>,
  deps: HandleDeps,
): Promise<DeliverySummary> => {
  const started = performance.now();
  // Only live actions are timed and traced: the dry run stays free of promises.
  const traced = deps.executor.mode === 'live' ? traceExecutor(deps.executor) : undefined;
  const result = await run(traced === undefined ? deps : { ...deps, executor: traced.executor });
  logActions(result, deps.logger, traced);
  for (const r of result.rejected) deps.logger.warn('rejected', { where: r.where, error: r.error });
  const summary = summarizeDelivery(result);
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  deps.logger.info('delivery', { ...summary, durationMs });
  if (deps.metrics !== undefined) {
    countDelivery(deps.metrics, result);
    logMetrics(deps.metrics, deps.logger);
  }
  return summary;
};
