import type { ActionOutcome, Executor, PlannedAction } from '../actions/plan.js';
import { type ErrorSummary, summarizeError } from '../errors.js';
import type { BatchEvent, DeliveryKind } from '../ingest/event.js';
import { type ParseOptions, parseDelivery } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import { type CompiledRules, evaluateRules } from '../rules/index.js';

/**
 * The core use case every entry point ends in: one delivery in, every event planned and
 * executed, one result out. Never throws for anything read from outside.
 */

export type ActionReport = PlannedAction & { readonly outcome: ActionOutcome };

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

type Step = { readonly event: BatchEvent; readonly planned: PlannedAction };

/** A reconcile is absolute, so one per env and delivery is enough however many events touch it. */
const reconcileKey = (p: PlannedAction): string | undefined =>
  p.action === 'scaleEnv' ? `${p.plan.region}/${p.plan.envId}` : undefined;

const runActions = async (steps: readonly Step[], deps: ProcessDeps) => {
  const seen = new Set<string>();
  return Promise.all(
    steps.map(async ({ event, planned }): Promise<ActionOutcome> => {
      const key = reconcileKey(planned);
      if (key !== undefined) {
        if (seen.has(key)) return { status: 'skipped', reason: 'env reconciled once per delivery' };
        seen.add(key);
      }
      try {
        return await deps.executor.execute(planned, event);
      } catch (e) {
        deps.logger.error('action threw', { rule: planned.rule, action: planned.action, error: e });
        return { status: 'failed', error: summarizeError(e), retryable: false };
      }
    }),
  );
};

export const processDelivery = async (
  raw: unknown,
  deps: ProcessDeps,
  options: ProcessOptions = {},
): Promise<DeliveryResult> => {
  const parsed = parseDelivery(raw, options);
  const rejected: RejectionReport[] = [];
  const planned: { event: BatchEvent; evaluation: ReturnType<typeof evaluateRules> }[] = [];
  for (const item of parsed.items) {
    if (!item.ok) {
      rejected.push({ where: item.where, error: summarizeError(item.error) });
      continue;
    }
    const explain = options.explain === true;
    planned.push({
      event: item.event,
      evaluation: evaluateRules(deps.rules, item.event, { explain }),
    });
  }
  const steps = planned.flatMap(({ event, evaluation }) =>
    evaluation.actions.map((p) => ({ event, planned: p })),
  );
  const outcomes = await runActions(steps, deps);
  let cursor = 0;
  const events = planned.map(({ event, evaluation }): EventReport => {
    const actions = evaluation.actions.map(
      (p): ActionReport => ({ ...p, outcome: outcomes[cursor++] as ActionOutcome }),
    );
    const errors = evaluation.errors.map((e) => ({ rule: e.rule, ...summarizeError(e) }));
    const report = { event, actions, errors };
    return evaluation.misses === undefined ? report : { ...report, misses: evaluation.misses };
  });
  const retry = events.some((e) =>
    e.actions.some((a) => a.outcome.status === 'failed' && a.outcome.retryable),
  );
  return { kind: parsed.kind, events, rejected, retry };
};
