import type { ParsedDelivery } from '../ingest/index.js';
import type { Logger } from '../logger.js';
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

const logActions = (result: DeliveryResult, logger: Logger): void => {
  for (const { event, actions, errors } of result.events) {
    for (const a of actions) {
      const fields = {
        event: event.name,
        eventId: event.id,
        rule: a.planned.rule,
        action: a.planned.action,
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
  deps: ProcessDeps,
  options: ProcessOptions = {},
): Promise<DeliverySummary> => logged(() => processDelivery(raw, deps, options), deps);

export const handleParsed = (
  parsed: ParsedDelivery,
  deps: ProcessDeps,
  options: ProcessOptions = {},
): Promise<DeliverySummary> => logged(() => processParsed(parsed, deps, options), deps);

const logged = async (
  run: () => Promise<DeliveryResult>,
  deps: ProcessDeps,
): Promise<DeliverySummary> => {
  const started = performance.now();
  const result = await run();
  logActions(result, deps.logger);
  for (const r of result.rejected) deps.logger.warn('rejected', { where: r.where, error: r.error });
  const summary = summarizeDelivery(result);
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  deps.logger.info('delivery', { ...summary, durationMs });
  return summary;
};
