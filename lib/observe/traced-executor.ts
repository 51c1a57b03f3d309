import type { Executor, PlannedAction } from '../actions/plan.js';
import { type ApiCallRecord, roundMs, withCallTrace } from './call-trace.js';

/** How long one action took and which API calls it made; for its log line. */
export interface ActionTrace {
  readonly durationMs: number;
  readonly calls: readonly ApiCallRecord[];
}

export interface TracedExecutor {
  readonly executor: Executor;
  traceOf(action: PlannedAction): ActionTrace | undefined;
}

/**
 * Wraps an executor for one delivery: each action's duration and calls are kept by its plan
 * object, which the delivery's result hands back. An action that throws still gets its time.
 */
export const traceExecutor = (inner: Executor): TracedExecutor => {
  const traces = new WeakMap<PlannedAction, ActionTrace>();
  const executor: Executor = {
    mode: inner.mode,
    execute: async (action, event) => {
      const started = performance.now();
      try {
        const traced = await withCallTrace(() => inner.execute(action, event));
        traces.set(action, { durationMs: traced.durationMs, calls: traced.calls });
        return traced.value;
      } catch (error) {
        traces.set(action, { durationMs: roundMs(performance.now() - started), calls: [] });
        throw error;
      }
    },
  };
  return { executor, traceOf: (action) => traces.get(action) };
};
