import type { ActionOutcome, Executor, PlannedAction } from '../actions/plan.js';
import { type ErrorSummary, summarizeError } from '../errors.js';
import type { BatchEvent, DeliveryKind } from '../ingest/event.js';
import { type ParsedDelivery, type ParseOptions, parseDelivery } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import { type CompiledRules, evaluateRules } from '../rules/index.js';

/**
 * The core use case every entry point ends in: one delivery in, every event planned and
 * executed, one result out. Never throws for anything read from outside.
 */

export interface ActionReport {
  readonly planned: PlannedAction;
  readonly outcome: ActionOutcome;
}

export interface EventReport {
  readonly event: BatchEvent;
  readonly actions: readonly ActionReport[];
  readonly errors: readonly (ErrorSummary & { readonly rule: string })[];
  readonly misses?: readonly { readonly rule: string; readonly reason: string }[];
}

export interface RejectionReport {
  readonly where: string;
  readonly error: ErrorSummary;
}

export interface DeliveryResult {
  readonly kind: DeliveryKind | undefined;
  readonly events: readonly EventReport[];
  readonly rejected: readonly RejectionReport[];
  /** True when an action failed for a reason a redelivery may fix: the platform must retry. */
  readonly retry: boolean;
}

export interface ProcessDeps {
  readonly rules: CompiledRules;
  readonly executor: Executor;
  readonly logger: Logger;
}

export interface ProcessOptions extends ParseOptions {
  /** Say why each rule did not match (the CLI's text output); off on the hot path. */
  readonly explain?: boolean;
}

const RECONCILED: ActionOutcome = Object.freeze({
  status: 'skipped',
  reason: 'env reconciled once per delivery',
});

/** A reconcile is absolute, so one per env and delivery is enough however many events touch it. */
const reconcileKey = (p: PlannedAction): string | undefined =>
  p.action === 'scaleEnv' ? `${p.plan.region}/${p.plan.envId}` : undefined;

const failedOutcome = (e: unknown, planned: PlannedAction, deps: ProcessDeps): ActionOutcome => {
  deps.logger.error('action threw', { rule: planned.rule, action: planned.action, error: e });
  return { status: 'failed', error: summarizeError(e), retryable: false };
};

const execute = (
  planned: PlannedAction,
  event: BatchEvent,
  deps: ProcessDeps,
): ActionOutcome | Promise<ActionOutcome> => {
  try {
    const outcome = deps.executor.execute(planned, event);
    return outcome instanceof Promise
      ? outcome.catch((e) => failedOutcome(e, planned, deps))
      : outcome;
  } catch (e) {
    return failedOutcome(e, planned, deps);
  }
};

/**
 * One pass over the items: evaluate, execute, report. Awaits only when an executor answered
 * with a promise, so the dry run allocates no promise per action.
 */
export const processDelivery = (
  raw: unknown,
  deps: ProcessDeps,
  options: ProcessOptions = {},
): Promise<DeliveryResult> => processParsed(parseDelivery(raw, options), deps, options);

/** For entry points that decode their own envelope (the queue drain's message bodies). */
export const processParsed = async (
  parsed: ParsedDelivery,
  deps: ProcessDeps,
  options: ProcessOptions = {},
): Promise<DeliveryResult> => {
  const evaluateOptions = { explain: options.explain === true };
  const rejected: RejectionReport[] = [];
  const events: EventReport[] = [];
  const pending: Promise<void>[] = [];
  const reconciled = new Set<string>();
  for (const item of parsed.items) {
    if (!item.ok) {
      rejected.push({ where: item.where, error: summarizeError(item.error) });
      continue;
    }
    const evaluation = evaluateRules(deps.rules, item.event, evaluateOptions);
    const actions = evaluation.actions.map((planned) => {
      const report: { planned: PlannedAction; outcome: ActionOutcome } = {
        planned,
        outcome: RECONCILED,
      };
      const key = reconcileKey(planned);
      if (key !== undefined && reconciled.has(key)) return report;
      if (key !== undefined) reconciled.add(key);
      const outcome = execute(planned, item.event, deps);
      if (outcome instanceof Promise) {
        pending.push(
          outcome.then((settled) => {
            report.outcome = settled;
          }),
        );
      } else report.outcome = outcome;
      return report;
    });
    events.push(eventReport(item.event, actions, evaluation));
  }
  if (pending.length > 0) await Promise.all(pending);
  const retry = events.some((e) =>
    e.actions.some((a) => a.outcome.status === 'failed' && a.outcome.retryable),
  );
  return { kind: parsed.kind, events, rejected, retry };
};

const eventReport = (
  event: BatchEvent,
  actions: ActionReport[],
  evaluation: ReturnType<typeof evaluateRules>,
): EventReport => {
  const errors = evaluation.errors.map((e) => ({ rule: e.rule, ...summarizeError(e) }));
  const report = { event, actions, errors };
  return evaluation.misses === undefined ? report : { ...report, misses: evaluation.misses };
};
